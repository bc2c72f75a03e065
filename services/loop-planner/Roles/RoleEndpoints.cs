namespace HiringPlatform.LoopPlanner.Roles;

using HiringPlatform.LoopPlanner.Framework;
using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.Http;
using HiringPlatform.ServiceDefaults.Problems;
using Marten;
using HiringPlatform.ServiceDefaults.Security;

/// <summary>The body of POST /api/v1/roles and PUT /api/v1/roles/{id}.</summary>
public sealed record RoleRequest(
    string? Name,
    IReadOnlyList<string?>? RequiredCompetencies,
    string? DomainCompetency,
    IReadOnlyDictionary<string, IReadOnlyList<TemplateSlotRequest?>?>? TemplateOverrides,
    string? Reason = null);

public sealed record TemplateSlotRequest(string? Type, string? Flavour, IReadOnlyDictionary<string, decimal>? Blueprint);

/// <summary>Create and revise role profiles (each revision an event) and read them.</summary>
public static class RoleEndpoints
{
    public static IEndpointRouteBuilder MapRoleEndpoints(this IEndpointRouteBuilder app)
    {
        var roles = app.MapGroup("/api/v1/roles").WithTags("Roles")
            .WithRoles(RoutePolicies.AnyRole, RoutePolicies.RoleWrite);
        roles.MapPost("/", Create).WithName("CreateRole").Produces<RoleProfileDetails>(StatusCodes.Status201Created).WithExample(request: Example)
            .WithSummary("Create a role profile: required competencies and per-level loop overrides.");
        roles.MapGet("/", List).WithName("ListRoles").Produces<Page<RoleProfileDetails>>().WithPaging()
            .WithSummary("Roles in the order they last changed: cursor pagination (`cursor`, `limit`, `updated_after`).");
        roles.MapGet("/{roleId:guid}", async (Guid roleId, IQuerySession session, HttpContext http, CancellationToken token) =>
            {
                if (await session.LoadAsync<RoleProfileDetails>(roleId, token) is not { } role)
                {
                    return Problem.NotFound("Role", roleId);
                }
                EntityTags.Set(http, role.Version);
                return Results.Ok(role);
            })
            .WithName("GetRole").Produces<RoleProfileDetails>().WithSummary("A role profile at its latest revision, with its ETag.");
        roles.MapPut("/{roleId:guid}", Revise).WithName("ReviseRole").Produces<RoleProfileDetails>().WithIfMatch()
            .WithExample(request: Example with { Reason = "Ranking roles now need a project deep dive on ranking" })
            .WithSummary("Revise a role profile with a reason; loops planned later record the new revision.");
        return app;
    }

    private static readonly RoleRequest Example = new("ML engineer, ranking", ["ml-systems", "production-systems"], "ml-systems",
        new Dictionary<string, IReadOnlyList<TemplateSlotRequest?>?>
        {
            ["senior"] = [new TemplateSlotRequest("coding", null, null), new TemplateSlotRequest("ml-system-design", null, null),
                new TemplateSlotRequest("project-deep-dive", null, null)],
        });

    /// <summary>Every problem with the request, keyed by field.</summary>
    public static Dictionary<string, string[]> Validate(RoleRequest request, CompetencyFramework framework, bool revising)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) =>
            errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

        if (string.IsNullOrWhiteSpace(request.Name))
        {
            Add("name", "Required, e.g. \"ML engineer, ranking\".");
        }
        else if (request.Name.Length > 100)
        {
            Add("name", "At most 100 characters.");
        }
        var known = framework.Competencies.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < (request.RequiredCompetencies?.Count ?? 0); i++)
        {
            if (request.RequiredCompetencies![i] is not { } competency || !known.Contains(competency))
            {
                Add($"requiredCompetencies[{i}]", $"Unknown competency '{request.RequiredCompetencies[i]}'.");
            }
        }
        if (request.DomainCompetency is not null && !known.Contains(request.DomainCompetency))
        {
            Add("domainCompetency", $"Unknown competency '{request.DomainCompetency}'.");
        }
        foreach (var (level, slots) in request.TemplateOverrides ?? new Dictionary<string, IReadOnlyList<TemplateSlotRequest?>?>())
        {
            var entry = $"templateOverrides.{level}";
            if (!framework.LoopTemplates.ContainsKey(level))
            {
                Add(entry, $"Unknown level '{level}': expected one of {string.Join(", ", framework.Levels)}.");
            }
            if (slots is not { Count: > 0 })
            {
                Add(entry, "A loop needs at least one slot.");
                continue;
            }
            for (var i = 0; i < slots.Count; i++)
            {
                var slot = slots[i];
                if (slot?.Type is not { } type || !framework.InterviewTypes.ContainsKey(type))
                {
                    Add($"{entry}[{i}].type", $"Unknown interview type '{slot?.Type}': expected one of {string.Join(", ", framework.InterviewTypes.Keys)}.");
                }
                if (slot?.Blueprint is { } blueprint)
                {
                    foreach (var competency in blueprint.Keys.Where(c => !known.Contains(c)))
                    {
                        Add($"{entry}[{i}].blueprint", $"Unknown competency '{competency}'.");
                    }
                    if (blueprint.Values.Sum() != 1m || blueprint.Values.Any(w => w <= 0m))
                    {
                        Add($"{entry}[{i}].blueprint", $"Weights must be positive and sum to 1; they sum to {blueprint.Values.Sum()}.");
                    }
                }
            }
        }
        if (revising && string.IsNullOrWhiteSpace(request.Reason))
        {
            Add("reason", "Required: why the role is revised.");
        }
        return errors;
    }

    public static RoleProfile ToProfile(RoleRequest request) => new(
        request.Name!.Trim(),
        (request.RequiredCompetencies ?? []).Select(c => c!).Distinct(StringComparer.Ordinal).ToList(),
        request.DomainCompetency,
        (request.TemplateOverrides ?? new Dictionary<string, IReadOnlyList<TemplateSlotRequest?>?>()).ToDictionary(
            pair => pair.Key,
            pair => (IReadOnlyList<TemplateSlot>)pair.Value!.Select(slot => new TemplateSlot(slot!.Type!, slot.Flavour, slot.Blueprint)).ToList(),
            StringComparer.Ordinal));

    /// <summary>Cursor pagination over the roles' change feed.</summary>
    public static Task<IResult> List(HttpContext http, IQuerySession session, CancellationToken cancellationToken) =>
        Paging.ListAsync(http,
            async page => await Paging.Window(session.Query<RoleFeedEntry>(), page, e => e.Position, e => e.UpdatedAt).ToListAsync(cancellationToken),
            e => e.Position,
            async shown => Paging.InOrder(shown, e => e.Id, await session.LoadManyAsync<RoleProfileDetails>(cancellationToken, shown.Select(e => e.Id)), d => d.Id));

    private static async Task<IResult> Create(RoleRequest request, CompetencyFramework framework, IDocumentSession session,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = Validate(request, framework, revising: false);
        if (errors.Count > 0)
        {
            return Problem.Invalid(errors);
        }
        var roleId = Guid.CreateVersion7();
        session.Events.StartStream<RoleProfileDetails>(roleId, new RoleProfileCreated(roleId, ToProfile(request), clock.GetUtcNow(), Actors.Of(http)));
        await session.SaveChangesAsync(cancellationToken);
        var created = await session.LoadAsync<RoleProfileDetails>(roleId, cancellationToken);
        EntityTags.Set(http, created!.Version);
        return Results.Created($"/api/v1/roles/{roleId}", created);
    }

    private static async Task<IResult> Revise(Guid roleId, RoleRequest request, CompetencyFramework framework, IDocumentSession session,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<RoleProfileDetails>(roleId, cancellationToken);
        if (EntityTags.RefuseWrite(http, stream.Aggregate, "Role", roleId, x => x.Version) is { } refused)
        {
            return refused;
        }
        var current = stream.Aggregate!;
        var errors = Validate(request, framework, revising: true);
        if (errors.Count > 0)
        {
            return Problem.Invalid(errors);
        }
        stream.AppendOne(new RoleProfileRevised(roleId, current.Revision + 1, ToProfile(request), request.Reason!.Trim(),
            clock.GetUtcNow(), Actors.Of(http)));
        await session.SaveChangesAsync(cancellationToken);
        var revised = await session.LoadAsync<RoleProfileDetails>(roleId, cancellationToken);
        EntityTags.Set(http, revised!.Version);
        return Results.Ok(revised);
    }
}
