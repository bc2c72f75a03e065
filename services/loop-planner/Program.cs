using HiringPlatform.LoopPlanner.Applications;
using HiringPlatform.LoopPlanner.Framework;
using HiringPlatform.LoopPlanner.Publishing;
using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.EventStore;
using HiringPlatform.ServiceDefaults.Messaging;
using HiringPlatform.ServiceDefaults.Security;
using JasperFx.Events.Projections;

var builder = WebApplication.CreateBuilder(args);
const string ServiceName = "loop-planner";

builder.AddServiceDefaults(ServiceName);
builder.AddServiceAuthentication();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(_ => CompetencyFramework.Load(
    builder.Configuration["LoopPlanner:FrameworkPath"] ?? CompetencyFramework.DefaultPath));

builder.AddEventStore("loop_planner", options =>
    {
        // Inline: the API reads an application right after submitting it.
        options.Projections.Add<ApplicationDetailsProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<ApplicationDetails>().Index(details => details.ExternalId!, index => index.IsUnique = true);
    })
    .AddSubscriptionWithServices<LoopPlannerOutbox>(ServiceLifetime.Singleton);
builder.AddMessaging(ServiceName, _ => { });

var app = builder.Build();
// Fail at start, naming the file and entry, when the framework is invalid.
app.Services.GetRequiredService<CompetencyFramework>();

app.UseServiceDefaults();
app.MapApplicationEndpoints();
app.Run();

namespace HiringPlatform.LoopPlanner
{
    /// <summary>Marker for WebApplicationFactory: every .NET 10 web project has a public Program.</summary>
    public sealed class Marker;
}
