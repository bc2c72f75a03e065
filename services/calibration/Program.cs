using HiringPlatform.Calibration.Demographics;
using HiringPlatform.Calibration.Erasure;
using HiringPlatform.Calibration.Feedback;
using HiringPlatform.Calibration.Interviewers;
using HiringPlatform.Calibration.Journeys;
using HiringPlatform.Calibration.Publishing;
using HiringPlatform.Calibration.RatingSets;
using HiringPlatform.Calibration.Reports;
using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.EventStore;
using HiringPlatform.ServiceDefaults.Messaging;
using HiringPlatform.ServiceDefaults.Security;
using JasperFx.Events.Projections;

var builder = WebApplication.CreateBuilder(args);
const string ServiceName = "calibration";

builder.AddServiceDefaults(ServiceName);
builder.AddServiceAuthentication();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddOptions<ReportWorkerOptions>().BindConfiguration(ReportWorkerOptions.Section);
builder.Services.AddHostedService<ReportWorker>();
builder.Services.AddOptions<JourneyOptions>().BindConfiguration(JourneyOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton<JourneyRecorder>();
// Journeys are read live from their streams (as of any moment); their summaries are an async projection.
builder.AddEventStore("calibration", options =>
    {
        options.Projections.Add<JourneySummaryProjection>(ProjectionLifecycle.Async);
        // Inline: requests deduplicate on the request key and workers claim reports on the run's version.
        options.Projections.Add<ReportRunProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<RatingSetSummaryProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<ReportRun>().Index(r => r.RequestKey).Index(r => r.Status);
        options.Schema.For<ReportContent>();
        options.Schema.For<WindowAnalysis>().DocumentAlias("window_analysis");
        options.Storage.ExtendedSchemaObjects.Add(ReportFiles.Table(options.DatabaseSchemaName));
        options.Schema.For<ReportProgress>();
        options.Schema.For<RatingSetFiles>();
        options.Schema.For<ErasedPerson>().DocumentAlias("erased_person");
        ErasureConsumer.RegisterMasking(options);
    })
    .AddSubscriptionWithServices<CalibrationOutbox>(ServiceLifetime.Singleton);
builder.AddMessaging(ServiceName, bus =>
{
    bus.AddConsumer<JourneyConsumer>(typeof(JourneyConsumerDefinition));
    bus.AddConsumer<InterviewerNameConsumer>();
    bus.AddConsumer<ErasureConsumer>();
});

var app = builder.Build();
if (await app.ApplySchemaWhenAskedAsync(args))
{
    return; // --apply-schema: the schema is applied, nothing else runs
}
app.UseServiceDefaults();
app.MapJourneyEndpoints();
app.MapReportEndpoints();
app.MapRatingSetEndpoints();
app.MapFeedbackEndpoints();
app.MapDemographicsEndpoints();
app.Run();

namespace HiringPlatform.Calibration
{
    /// <summary>Marker for WebApplicationFactory.</summary>
    public sealed class Marker;
}
