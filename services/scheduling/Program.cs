using HiringPlatform.Scheduling.Interviewers;
using HiringPlatform.Scheduling.Interviews;
using HiringPlatform.Scheduling.Interviews.Assignment;
using HiringPlatform.Scheduling.Publishing;
using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.EventStore;
using HiringPlatform.ServiceDefaults.Messaging;
using HiringPlatform.ServiceDefaults.Security;
using JasperFx.Events.Projections;

var builder = WebApplication.CreateBuilder(args);
const string ServiceName = "scheduling";

builder.AddServiceDefaults(ServiceName);
builder.AddServiceAuthentication();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddOptions<SchedulingOptions>().BindConfiguration(SchedulingOptions.Section).ValidateDataAnnotations()
    .Validate(o => !o.BookPastWindows || builder.Environment.IsDevelopment(),
        "Scheduling:BookPastWindows is for Development only (the demo's season in the past); remove it in this environment.")
    .ValidateOnStart();
builder.Services.AddOptions<TrainingOptions>().BindConfiguration(TrainingOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton<OneBookingAtATime>();
builder.Services.AddSingleton<KnownInterviewers>();
builder.Services.AddScoped<Booking>();
builder.Services.AddSingleton<LoopBookings>();
builder.Services.AddSingleton<HeldInterviews>();
builder.AddEventStore("scheduling", options =>
    {
        // Inline: the scheduler must see every registration and every booking before the next loop,
        // and an interviewer's document carries the stream version bookings append against.
        options.Projections.Add<InterviewerDetailsProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<LoopScheduleProjection>(ProjectionLifecycle.Inline);
        // Async: the interviewers' list pages over the daemon's gap-free feed (see InterviewerDetails.cs).
        options.Projections.Add<InterviewerFeedProjection>(ProjectionLifecycle.Async);
        options.Schema.For<InterviewerFeedEntry>().Index(e => e.Position);
        options.Schema.For<LoopSchedule>().Index(l => l.CandidateId);
        EraseInterviewerHandler.RegisterMasking(options);
        options.Schema.For<InterviewerCalibration>().DocumentAlias("interviewer_calibration");
    })
    .AddSubscriptionWithServices<SchedulingOutbox>(ServiceLifetime.Singleton);
builder.AddMessaging(ServiceName, bus =>
{
    bus.AddConsumer<LoopPlannedConsumer>(typeof(LoopPlannedDefinition));
    bus.AddConsumer<LoopRevisedConsumer>();
    bus.AddConsumer<LoopCancelledConsumer>();
    bus.AddConsumer<ApplicationWithdrawnConsumer>();
    bus.AddConsumer<InterviewerCalibrationUpdatedConsumer>();
    bus.AddConsumer<ScorecardSubmittedConsumer>(typeof(SchedulingGroupDefinition<ScorecardSubmittedConsumer>));
});

var app = builder.Build();
if (await app.ApplySchemaWhenAskedAsync(args))
{
    return; // --apply-schema: the schema is applied, nothing else runs
}
app.UseServiceDefaults();
app.MapInterviewerEndpoints();
app.MapLoopScheduleEndpoints();
app.Run();

namespace HiringPlatform.Scheduling
{
    /// <summary>Marker for WebApplicationFactory.</summary>
    public sealed class Marker;
}
