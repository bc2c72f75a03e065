namespace HiringPlatform.Scorecard.Scorecards;

using HiringPlatform.ServiceDefaults.Http;
using JasperFx.Events;
using Marten.Events.Aggregation;

/// <summary>One amendment as shown beside the original.</summary>
public sealed record Amendment(int Number, IReadOnlyList<Rating> Ratings, string Recommendation, IReadOnlyList<Probe> Probes,
    string? Summary, string Reason, bool AfterDecision, DateTimeOffset AmendedAt, string Actor);

/// <summary>A scorecard as the API shows it and the deciders read it. Inline: read right after a write.</summary>
public sealed record ScorecardDetails(
    Guid Id,
    Guid InterviewId,
    Guid CandidateId,
    Guid LoopId,
    Guid InterviewerId,
    string InterviewType,
    IReadOnlyList<string> Competencies,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    [property: ClosedSet(typeof(Stages))] string Stage,
    bool CountsTowardDecision,
    [property: ClosedSet(typeof(ScorecardDetails), nameof(ScorecardDetails.Statuses))] string Status,
    IReadOnlyList<Rating>? Ratings,
    [property: ClosedSet(typeof(Recommendations))] string? Recommendation,
    IReadOnlyList<Probe>? Probes,
    string? Summary,
    DateTimeOffset? SubmittedAt,
    IReadOnlyList<Amendment> Amendments,
    DateTimeOffset? OverdueSince,
    string? VoidReason,
    int Version)
{
    public const string Pending = "pending";
    public const string Submitted = "submitted";
    public const string Voided = "voided";

    /// <summary>Where a scorecard stands: pending until submitted, or void when the interview will not take place.</summary>
    public static readonly IReadOnlyList<string> Statuses = [Pending, Submitted, Voided];
}

public sealed class ScorecardDetailsProjection : SingleStreamProjection<ScorecardDetails, Guid>
{
    public static ScorecardDetails Create(ScorecardOpened opened) =>
        new(opened.ScorecardId, opened.InterviewId, opened.CandidateId, opened.LoopId, opened.InterviewerId, opened.InterviewType,
            opened.Competencies, opened.StartsAt, opened.EndsAt, opened.Stage, opened.CountsTowardDecision,
            ScorecardDetails.Pending, null, null, null, null, null, [], null, null, 1);

    public static ScorecardDetails Apply(ScorecardMoved moved, ScorecardDetails card) =>
        card with
        {
            InterviewerId = moved.InterviewerId, StartsAt = moved.StartsAt, EndsAt = moved.EndsAt, OverdueSince = null,
            Version = card.Version + 1,
        };

    public static ScorecardDetails Apply(ScorecardVoided voided, ScorecardDetails card) =>
        card with { Status = ScorecardDetails.Voided, VoidReason = voided.Reason, Version = card.Version + 1 };

    public static ScorecardDetails Apply(ScorecardSubmitted submitted, ScorecardDetails card) =>
        card with
        {
            Status = ScorecardDetails.Submitted,
            Ratings = submitted.Ratings,
            Recommendation = submitted.Recommendation,
            Probes = submitted.Probes,
            Summary = submitted.Summary,
            SubmittedAt = submitted.SubmittedAt,
            Version = card.Version + 1,
        };

    public static ScorecardDetails Apply(ScorecardAmended amended, ScorecardDetails card) =>
        card with
        {
            Amendments = [.. card.Amendments, new Amendment(amended.Amendment, amended.Ratings, amended.Recommendation,
                amended.Probes, amended.Summary, amended.Reason, amended.AfterDecision, amended.AmendedAt, amended.Actor)],
            Version = card.Version + 1,
        };

    public static ScorecardDetails Apply(ScorecardMarkedOverdue overdue, ScorecardDetails card) =>
        card with { OverdueSince = overdue.DueAt, Version = card.Version + 1 };
}

/// <summary>Who recruits a candidate (the user or system that submitted the application), for the overdue view.</summary>
public sealed record CandidateRecruiter(Guid Id, string Recruiter);

/// <summary>
/// Where each scorecard stands in the scorecards' change feed (the sequence of its last event), with
/// the fields the lists filter on. Async: the daemon applies events in sequence order up to the
/// high-water mark, so a cursor over the position neither skips nor repeats a card under concurrent writes.
/// </summary>
public sealed record ScorecardFeedEntry(Guid Id, long Position, DateTimeOffset UpdatedAt, Guid CandidateId, Guid InterviewerId,
    string Status, DateTimeOffset? OverdueSince);

public sealed partial class ScorecardFeedProjection : SingleStreamProjection<ScorecardFeedEntry, Guid>
{
    public static ScorecardFeedEntry Create(IEvent<ScorecardOpened> e) =>
        new(e.StreamId, e.Sequence, e.Timestamp, e.Data.CandidateId, e.Data.InterviewerId, ScorecardDetails.Pending, null);

    public static ScorecardFeedEntry Apply(IEvent<ScorecardMoved> e, ScorecardFeedEntry entry) =>
        entry with { Position = e.Sequence, UpdatedAt = e.Timestamp, InterviewerId = e.Data.InterviewerId, OverdueSince = null };

    public static ScorecardFeedEntry Apply(IEvent<ScorecardVoided> e, ScorecardFeedEntry entry) =>
        entry with { Position = e.Sequence, UpdatedAt = e.Timestamp, Status = ScorecardDetails.Voided };

    public static ScorecardFeedEntry Apply(IEvent<ScorecardSubmitted> e, ScorecardFeedEntry entry) =>
        entry with { Position = e.Sequence, UpdatedAt = e.Timestamp, Status = ScorecardDetails.Submitted };

    public static ScorecardFeedEntry Apply(IEvent<ScorecardAmended> e, ScorecardFeedEntry entry) =>
        entry with { Position = e.Sequence, UpdatedAt = e.Timestamp };

    public static ScorecardFeedEntry Apply(IEvent<ScorecardMarkedOverdue> e, ScorecardFeedEntry entry) =>
        entry with { Position = e.Sequence, UpdatedAt = e.Timestamp, OverdueSince = e.Data.DueAt };
}
