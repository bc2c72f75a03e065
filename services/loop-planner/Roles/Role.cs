namespace HiringPlatform.LoopPlanner.Roles;

using HiringPlatform.LoopPlanner.Framework;
using Marten.Events.Aggregation;

/// <summary>
/// A role ("ML engineer, ranking"): the competencies it requires, the domain competency a
/// project deep dive also probes, and per-level loop templates that replace the framework's.
/// </summary>
public sealed record RoleProfile(
    string Name,
    IReadOnlyList<string> RequiredCompetencies,
    string? DomainCompetency,
    IReadOnlyDictionary<string, IReadOnlyList<TemplateSlot>> TemplateOverrides);

public sealed record RoleProfileCreated(Guid RoleId, RoleProfile Profile, DateTimeOffset CreatedAt, string Actor);

public sealed record RoleProfileRevised(Guid RoleId, int Revision, RoleProfile Profile, string Reason, DateTimeOffset RevisedAt,
    string Actor);

/// <summary>A role profile at its latest revision. Inline: planning reads it.</summary>
public sealed record RoleProfileDetails(Guid Id, int Revision, RoleProfile Profile, DateTimeOffset CreatedAt,
    DateTimeOffset? RevisedAt, int Version);

public sealed partial class RoleProfileDetailsProjection : SingleStreamProjection<RoleProfileDetails, Guid>
{
    public static RoleProfileDetails Create(RoleProfileCreated created) =>
        new(created.RoleId, 1, created.Profile, created.CreatedAt, null, 1);

    public static RoleProfileDetails Apply(RoleProfileRevised revised, RoleProfileDetails details) =>
        details with { Revision = revised.Revision, Profile = revised.Profile, RevisedAt = revised.RevisedAt, Version = details.Version + 1 };
}
