namespace HiringPlatform.LoopPlanner.Framework;

using HiringPlatform.ServiceDefaults.Problems;
using HiringPlatform.ServiceDefaults.Http;
using HiringPlatform.ServiceDefaults.Security;

/// <summary>Parts of the framework, each with the framework's version.</summary>
public sealed record CompetencyList(string Version, IReadOnlyList<string> Competencies);

public sealed record InterviewTypeList(string Version, IReadOnlyDictionary<string, InterviewType> InterviewTypes);

public sealed record LoopTemplateList(string Version, IReadOnlyDictionary<string, IReadOnlyList<TemplateSlot>> LoopTemplates);

/// <summary>The competency framework in force, read-only over REST.</summary>
public static class FrameworkEndpoints
{
    public static IEndpointRouteBuilder MapFrameworkEndpoints(this IEndpointRouteBuilder app)
    {
        var framework = app.MapGroup("/api/v1/framework").WithTags("Framework")
            .WithRoles(RoutePolicies.AnyRole);
        framework.MapGet("/", (CompetencyFramework f) => Results.Ok(f)).WithName("GetFramework").Produces<CompetencyFramework>()
            .WithSummary("The whole framework: version, competencies, interview types with blueprints, loop templates.");
        framework.MapGet("/competencies", (CompetencyFramework f) => Results.Ok(new CompetencyList(f.Version, f.Competencies)))
            .WithName("GetCompetencies").Produces<CompetencyList>();
        framework.MapGet("/interview-types", (CompetencyFramework f) => Results.Ok(new InterviewTypeList(f.Version, f.InterviewTypes)))
            .WithName("GetInterviewTypes").Produces<InterviewTypeList>();
        framework.MapGet("/interview-types/{type}", (string type, CompetencyFramework f) =>
                f.InterviewTypes.TryGetValue(type, out var found) ? Results.Ok(found) : Problem.NotFound("Interview type", type))
            .WithName("GetInterviewType").Produces<InterviewType>();
        framework.MapGet("/loop-templates", (CompetencyFramework f) => Results.Ok(new LoopTemplateList(f.Version, f.LoopTemplates)))
            .WithName("GetLoopTemplates").Produces<LoopTemplateList>();
        framework.MapGet("/loop-templates/{level}", (string level, CompetencyFramework f) =>
                f.LoopTemplates.TryGetValue(level, out var found) ? Results.Ok(found) : Problem.NotFound("Loop template", level))
            .WithName("GetLoopTemplate").Produces<IReadOnlyList<TemplateSlot>>();
        return app;
    }
}
