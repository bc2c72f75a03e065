namespace HiringPlatform.LoopPlanner.Roles;

using HiringPlatform.LoopPlanner.Framework;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using Marten.Events.Projections;

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

/// <summary>
/// Where each role stands in the roles' change feed: the sequence of its last event. Async, like the
/// candidates' feed: the daemon applies events in sequence order up to the high-water mark, so a
/// cursor over the position neither skips nor repeats a role under concurrent writes.
/// </summary>
public sealed record RoleFeedEntry(Guid Id, long Position, DateTimeOffset UpdatedAt);

public sealed partial class RoleFeedProjection : EventProjection
{
    public static void Project(IEvent<RoleProfileCreated> e, IDocumentOperations operations) =>
        operations.Store(new RoleFeedEntry(e.StreamId, e.Sequence, e.Timestamp));

    public static void Project(IEvent<RoleProfileRevised> e, IDocumentOperations operations) =>
        operations.Store(new RoleFeedEntry(e.StreamId, e.Sequence, e.Timestamp));
}
