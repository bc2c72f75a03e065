namespace HiringPlatform.LoopPlanner.Applications;

using HiringPlatform.LoopPlanner.Framework;

/// <summary>A span of time the candidate can interview in, as UTC instants.</summary>
public sealed record CandidateWindow(DateTimeOffset StartsAt, DateTimeOffset EndsAt);

/// <summary>An HR system submitted a candidate for a role at a level.</summary>
public sealed record ApplicationSubmitted(
    Guid ApplicationId,
    string? ExternalId,
    string Name,
    string Email,
    string Role,
    string Level,
    IReadOnlyList<string> RequiredCompetencies,
    DateTimeOffset SubmittedAt,
    string Actor,
    string? Phone = null,
    string? TimeZone = null,
    IReadOnlyList<CandidateWindow>? Availability = null,
    Guid? RoleId = null);

/// <summary>
/// The loop planned for the application: from the role's revision (when the application names a
/// role profile) or the level's template, with a question per slot and the gaps reported.
/// </summary>
public sealed record InterviewLoopPlanned(
    Guid ApplicationId,
    Guid LoopId,
    string Role,
    string Level,
    string FrameworkVersion,
    IReadOnlyList<PlannedSlot> Slots,
    IReadOnlyList<string> CoverageGaps,
    DateTimeOffset PlannedAt,
    string Actor,
    Guid? RoleId = null,
    int? RoleRevision = null,
    IReadOnlyList<string>? RequiredCompetencies = null,
    string? DomainCompetency = null,
    IReadOnlyList<string>? QuestionGaps = null,
    string? CandidateTimeZone = null,
    IReadOnlyList<CandidateWindow>? CandidateAvailability = null);

/// <summary>A slot was added, removed or swapped; <see cref="Slots"/> is the whole loop after the change.</summary>
public sealed record InterviewLoopRevised(
    Guid ApplicationId,
    Guid LoopId,
    string Change,
    string Reason,
    IReadOnlyList<PlannedSlot> Slots,
    IReadOnlyList<Guid> AddedSlotIds,
    IReadOnlyList<Guid> RemovedSlotIds,
    IReadOnlyList<string> CoverageGaps,
    IReadOnlyList<string> QuestionGaps,
    DateTimeOffset RevisedAt,
    string Actor);

public sealed record InterviewLoopCancelled(Guid ApplicationId, Guid LoopId, string Reason, DateTimeOffset CancelledAt, string Actor);

/// <summary>The candidate (or the HR system for them) withdrew; a planned loop is cancelled first.</summary>
public sealed record ApplicationWithdrawn(Guid ApplicationId, string Reason, DateTimeOffset WithdrawnAt, string Actor);

/// <summary>The candidate's personal data was erased on request: who asked, when, and why. The events before it are masked.</summary>
public sealed record CandidateErasureRecorded(Guid ApplicationId, string Reason, DateTimeOffset ErasedAt, string Actor);
