namespace HiringPlatform.LoopPlanner.Applications;

using HiringPlatform.LoopPlanner.Framework;
using HiringPlatform.ServiceDefaults.Erasure;
using HiringPlatform.ServiceDefaults.Http;
using Marten.Events.Aggregation;

/// <summary>What the API shows of an application and its loop. Inline: readable right after the write, and the state decisions read.</summary>
public sealed record ApplicationDetails(
    Guid Id,
    string? ExternalId,
    string Name,
    string Email,
    string Role,
    string Level,
    IReadOnlyList<string> RequiredCompetencies,
    DateTimeOffset SubmittedAt,
    LoopDetails? Loop,
    int Version,
    [property: ClosedSet(typeof(ApplicationDetails), nameof(ApplicationDetails.Statuses))] string Status = ApplicationDetails.Active,
    string? Phone = null,
    string? TimeZone = null,
    IReadOnlyList<CandidateWindow>? Availability = null,
    Guid? RoleId = null,
    IReadOnlyList<Guid>? SeenQuestionIds = null,
    DateTimeOffset? WithdrawnAt = null,
    string? WithdrawnBecause = null,
    string? SubmittedBy = null,
    DateTimeOffset? ErasedAt = null,
    string? ErasedBy = null,
    string? ErasureReason = null)
{
    public const string Active = "active";
    public const string Withdrawn = "withdrawn";
    public const string Erased = "erased";

    public static readonly IReadOnlyList<string> Statuses = [Active, Withdrawn, Erased];
}

public sealed record LoopDetails(
    Guid LoopId,
    string FrameworkVersion,
    IReadOnlyList<PlannedSlot> Slots,
    IReadOnlyList<string> CoverageGaps,
    DateTimeOffset PlannedAt,
    [property: ClosedSet(typeof(LoopDetails), nameof(LoopDetails.Statuses))] string Status = LoopDetails.Planned,
    Guid? RoleId = null,
    int? RoleRevision = null,
    IReadOnlyList<string>? RequiredCompetencies = null,
    string? DomainCompetency = null,
    IReadOnlyList<string>? QuestionGaps = null,
    IReadOnlyList<LoopRevision>? Revisions = null,
    DateTimeOffset? CancelledAt = null,
    string? CancelledBecause = null)
{
    public const string Planned = "planned";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> Statuses = [Planned, Cancelled];
}

public sealed record LoopRevision([property: ClosedSet(typeof(LoopChanges))] string Change, string Reason, IReadOnlyList<Guid> AddedSlotIds, IReadOnlyList<Guid> RemovedSlotIds,
    DateTimeOffset RevisedAt, string Actor);

public sealed partial class ApplicationDetailsProjection : SingleStreamProjection<ApplicationDetails, Guid>
{
    public static ApplicationDetails Create(ApplicationSubmitted submitted) =>
        new(submitted.ApplicationId, submitted.ExternalId, submitted.Name, submitted.Email, submitted.Role,
            submitted.Level, submitted.RequiredCompetencies, submitted.SubmittedAt, null, 1,
            ApplicationDetails.Active, submitted.Phone, submitted.TimeZone, submitted.Availability ?? [], submitted.RoleId, [],
            SubmittedBy: submitted.Actor);

    public static ApplicationDetails Apply(InterviewLoopPlanned planned, ApplicationDetails details) =>
        details with
        {
            Loop = new LoopDetails(planned.LoopId, planned.FrameworkVersion, planned.Slots, planned.CoverageGaps, planned.PlannedAt,
                LoopDetails.Planned, planned.RoleId, planned.RoleRevision, planned.RequiredCompetencies ?? details.RequiredCompetencies,
                planned.DomainCompetency, planned.QuestionGaps ?? [], []),
            SeenQuestionIds = Seen(details, planned.Slots),
            Version = details.Version + 1,
        };

    public static ApplicationDetails Apply(InterviewLoopRevised revised, ApplicationDetails details) =>
        details with
        {
            Loop = details.Loop! with
            {
                Slots = revised.Slots,
                CoverageGaps = revised.CoverageGaps,
                QuestionGaps = revised.QuestionGaps,
                Revisions = [.. details.Loop.Revisions ?? [], new LoopRevision(revised.Change, revised.Reason, revised.AddedSlotIds,
                    revised.RemovedSlotIds, revised.RevisedAt, revised.Actor)],
            },
            SeenQuestionIds = Seen(details, revised.Slots),
            Version = details.Version + 1,
        };

    public static ApplicationDetails Apply(InterviewLoopCancelled cancelled, ApplicationDetails details) =>
        details with
        {
            Loop = details.Loop! with { Status = LoopDetails.Cancelled, CancelledAt = cancelled.CancelledAt, CancelledBecause = cancelled.Reason },
            Version = details.Version + 1,
        };

    public static ApplicationDetails Apply(ApplicationWithdrawn withdrawn, ApplicationDetails details) =>
        details with
        {
            Status = ApplicationDetails.Withdrawn,
            WithdrawnAt = withdrawn.WithdrawnAt,
            WithdrawnBecause = withdrawn.Reason,
            Version = details.Version + 1,
        };

    /// <summary>Erased: the personal fields masked as the events are (see EraseCandidate), the erasure's audit kept.</summary>
    public static ApplicationDetails Apply(CandidateErasureRecorded erased, ApplicationDetails details) =>
        details with
        {
            Name = ErasureScope.Masked,
            Email = ErasureScope.Masked,
            Phone = ErasureScope.TextOrNull(details.Phone),
            WithdrawnBecause = ErasureScope.TextOrNull(details.WithdrawnBecause),
            Status = ApplicationDetails.Erased,
            ErasedAt = erased.ErasedAt,
            ErasedBy = erased.Actor,
            ErasureReason = erased.Reason,
            Version = details.Version + 1,
        };

    private static List<Guid> Seen(ApplicationDetails details, IEnumerable<PlannedSlot> slots) =>
        (details.SeenQuestionIds ?? []).Concat(slots.Where(s => s.QuestionId is not null).Select(s => s.QuestionId!.Value))
            .Distinct().ToList();
}
