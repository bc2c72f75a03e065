namespace HiringPlatform.LoopPlanner.Applications;

using HiringPlatform.ServiceDefaults.Http;
using HiringPlatform.ServiceDefaults.Problems;
using JasperFx.Events;
using Marten;
using Marten.Events.Projections;

/// <summary>
/// Where each application stands in the change feed: the sequence of the last event that changed
/// it, and when. Async: the daemon applies events strictly in sequence order and only up to the
/// high-water mark (every lower sequence committed), so a cursor over <see cref="Position"/> never
/// skips a change that commits late and never repeats one under concurrent inserts.
/// </summary>
public sealed record CandidateFeedEntry(Guid Id, long Position, DateTimeOffset UpdatedAt);

public sealed partial class CandidateFeedProjection : EventProjection
{
    public static void Project(IEvent<ApplicationSubmitted> e, IDocumentOperations operations) => Touch(e, operations);

    public static void Project(IEvent<InterviewLoopPlanned> e, IDocumentOperations operations) => Touch(e, operations);

    public static void Project(IEvent<InterviewLoopRevised> e, IDocumentOperations operations) => Touch(e, operations);

    public static void Project(IEvent<InterviewLoopCancelled> e, IDocumentOperations operations) => Touch(e, operations);

    public static void Project(IEvent<ApplicationWithdrawn> e, IDocumentOperations operations) => Touch(e, operations);

    public static void Project(IEvent<CandidateErasureRecorded> e, IDocumentOperations operations) => Touch(e, operations);

    private static void Touch(IEvent e, IDocumentOperations operations) =>
        operations.Store(new CandidateFeedEntry(e.StreamId, e.Sequence, e.Timestamp));
}

/// <summary>GET /api/v1/candidates: cursor pagination over the change feed, with an updated_after filter for incremental sync.</summary>
public static class CandidateFeedEndpoint
{
    public static Task<IResult> List(HttpContext http, IQuerySession session, CancellationToken cancellationToken) =>
        Paging.ListAsync(http,
            async page => await Paging.Window(session.Query<CandidateFeedEntry>(), page, e => e.Position, e => e.UpdatedAt).ToListAsync(cancellationToken),
            e => e.Position,
            async shown => Paging.InOrder(shown, e => e.Id, await session.LoadManyAsync<ApplicationDetails>(cancellationToken, shown.Select(e => e.Id)), d => d.Id));
}
