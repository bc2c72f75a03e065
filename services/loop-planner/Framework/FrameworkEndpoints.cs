namespace HiringPlatform.LoopPlanner.Framework;

using HiringPlatform.ServiceDefaults.Problems;
using HiringPlatform.ServiceDefaults.Http;
using HiringPlatform.ServiceDefaults.Security;

/// <summary>The competency framework in force, read-only over REST.</summary>
public static class FrameworkEndpoints
{
    public static IEndpointRouteBuilder MapFrameworkEndpoints(this IEndpointRouteBuilder app)
    {
        var framework = app.MapGroup("/api/v1/framework").WithTags("Framework")
            .WithRoles(RoutePolicies.AnyRole);
        framework.MapGet("/", (CompetencyFramework f) => Results.Ok(f)).WithName("GetFramework")
            .WithSummary("The whole framework: version, competencies, interview types with blueprints, loop templates.");
        framework.MapGet("/competencies", (CompetencyFramework f) => Results.Ok(new { f.Version, f.Competencies }))
            .WithName("GetCompetencies");
        framework.MapGet("/interview-types", (CompetencyFramework f) => Results.Ok(new { f.Version, f.InterviewTypes }))
            .WithName("GetInterviewTypes");
        framework.MapGet("/interview-types/{type}", (string type, CompetencyFramework f) =>
                f.InterviewTypes.TryGetValue(type, out var found) ? Results.Ok(found) : Problem.NotFound("Interview type", type))
            .WithName("GetInterviewType");
        framework.MapGet("/loop-templates", (CompetencyFramework f) => Results.Ok(new { f.Version, f.LoopTemplates }))
            .WithName("GetLoopTemplates");
        framework.MapGet("/loop-templates/{level}", (string level, CompetencyFramework f) =>
                f.LoopTemplates.TryGetValue(level, out var found) ? Results.Ok(found) : Problem.NotFound("Loop template", level))
            .WithName("GetLoopTemplate");
        return app;
    }
}
