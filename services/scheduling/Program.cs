using HiringPlatform.Scheduling.Interviewers;
using HiringPlatform.Scheduling.Interviews;
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
builder.AddEventStore("scheduling", options =>
    {
        // Inline: the scheduler must see every registration and every booking of the loops before it.
        options.Projections.Add<InterviewerDetailsProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<ScheduledInterviewProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<ScheduledInterview>().Index(i => i.LoopId).Index(i => i.StartsAt);
    })
    .AddSubscriptionWithServices<SchedulingOutbox>(ServiceLifetime.Singleton);
builder.AddMessaging(ServiceName, bus => bus.AddConsumer<LoopPlannedConsumer>());

var app = builder.Build();
app.UseServiceDefaults();
app.MapInterviewerEndpoints();
app.MapLoopScheduleEndpoints();
app.Run();

namespace HiringPlatform.Scheduling
{
    /// <summary>Marker for WebApplicationFactory.</summary>
    public sealed class Marker;
}
