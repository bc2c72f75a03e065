using HiringPlatform.LoopPlanner.Applications;
using HiringPlatform.LoopPlanner.Framework;
using HiringPlatform.LoopPlanner.Publishing;
using HiringPlatform.LoopPlanner.Questions;
using HiringPlatform.LoopPlanner.Roles;
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

builder.Services.AddOptions<QuestionBankOptions>()
    .BindConfiguration(QuestionBankOptions.Section)
    .ValidateDataAnnotations()
    .ValidateOnStart();

builder.AddEventStore("loop_planner", options =>
    {
        // Inline: the API reads what it wrote right away, and planning decides on these documents.
        options.Projections.Add<ApplicationDetailsProjection>(ProjectionLifecycle.Inline);
        // Async: the change feed follows the daemon's gap-free high-water mark (see CandidateFeed.cs).
        options.Projections.Add<CandidateFeedProjection>(ProjectionLifecycle.Async);
        options.Schema.For<CandidateFeedEntry>().Index(e => e.Position);
        options.Projections.Add<QuestionDetailsProjection>(ProjectionLifecycle.Inline);
        options.Projections.Add<RoleProfileDetailsProjection>(ProjectionLifecycle.Inline);
        // Async too, for the same reason: the lists of roles and questions page over these feeds.
        options.Projections.Add<RoleFeedProjection>(ProjectionLifecycle.Async);
        options.Schema.For<RoleFeedEntry>().Index(e => e.Position);
        options.Projections.Add<QuestionFeedProjection>(ProjectionLifecycle.Async);
        options.Schema.For<QuestionFeedEntry>().Index(e => e.Position);
        options.Schema.For<ApplicationDetails>()
            .Index(details => details.ExternalId!, index => index.IsUnique = true)
            .Index(details => details.Email);
        options.Schema.For<QuestionUsage>().DocumentAlias("question_usage");
        EraseCandidateHandler.RegisterMasking(options);
    })
    .AddSubscriptionWithServices<LoopPlannerOutbox>(ServiceLifetime.Singleton);
builder.AddMessaging(ServiceName, _ => { });

var app = builder.Build();
if (await app.ApplySchemaWhenAskedAsync(args))
{
    return; // --apply-schema: the schema is applied, nothing else runs
}
// Fail at start, naming the file and entry, when the framework is invalid.
app.Services.GetRequiredService<CompetencyFramework>();
// The default question bank: each of its questions not in the store yet is added (a bad file stops the start).
await QuestionSeed.ApplyAsync(app.Services, ServiceName, CancellationToken.None);

app.UseServiceDefaults();
app.MapApplicationEndpoints();
app.MapFrameworkEndpoints();
app.MapRoleEndpoints();
app.MapQuestionEndpoints();
app.Run();

namespace HiringPlatform.LoopPlanner
{
    /// <summary>Marker for WebApplicationFactory: every .NET 10 web project has a public Program.</summary>
    public sealed class Marker;
}
