using HiringPlatform.Scorecard.Decisions;
using HiringPlatform.Scorecard.Erasure;
using HiringPlatform.Scorecard.Publishing;
using HiringPlatform.Scorecard.Scorecards;
using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.EventStore;
using HiringPlatform.ServiceDefaults.Messaging;
using HiringPlatform.ServiceDefaults.Security;
using JasperFx.Events.Projections;

var builder = WebApplication.CreateBuilder(args);
const string ServiceName = "scorecard";

builder.AddServiceDefaults(ServiceName);
builder.AddServiceAuthentication();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddOptions<ScorecardOptions>().BindConfiguration(ScorecardOptions.Section).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddHostedService<OverdueScorecardsMonitor>();
builder.AddEventStore("scorecard", options =>
    {
        // Inline: submissions, amendments, decisions and the overdue monitor read what they act on.
        options.Projections.Add<ScorecardDetailsProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<CandidateDebriefProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<ScorecardDetails>().Index(s => s.CandidateId).Index(s => s.InterviewerId).Index(s => s.InterviewId);
        options.Schema.For<CandidateRecruiter>().Index(c => c.Recruiter);
        // Async: the lists page over the daemon's gap-free feed (see ScorecardDetails.cs).
        options.Projections.Add<ScorecardFeedProjection>(ProjectionLifecycle.Async);
        options.Schema.For<ScorecardFeedEntry>().Index(e => e.Position).Index(e => e.CandidateId).Index(e => e.InterviewerId);
        options.Schema.For<ErasedCandidate>().DocumentAlias("erased_candidate");
        CandidateErasedConsumer.RegisterMasking(options);
    })
    .AddSubscriptionWithServices<ScorecardOutbox>(ServiceLifetime.Singleton);
builder.AddMessaging(ServiceName, bus =>
{
    bus.AddConsumer<ScorecardLifecycleConsumer>();
    bus.AddConsumer<CandidateErasedConsumer>();
});

var app = builder.Build();
if (await app.ApplySchemaWhenAskedAsync(args))
{
    return; // --apply-schema: the schema is applied, nothing else runs
}
app.UseServiceDefaults();
app.MapScorecardEndpoints();
app.MapDecisionEndpoints();
app.Run();

namespace HiringPlatform.Scorecard
{
    /// <summary>Marker for WebApplicationFactory.</summary>
    public sealed class Marker;
}
