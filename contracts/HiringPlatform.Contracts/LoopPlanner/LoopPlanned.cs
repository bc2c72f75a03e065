namespace HiringPlatform.Contracts.LoopPlanner;

/// <summary>
/// The interview loop planned for a candidate: one slot per interview to run, and when the
/// candidate can interview (scheduling places every slot inside those windows).
/// </summary>
public sealed record LoopPlanned(
    Guid EventId,
    Guid CandidateId,
    Guid LoopId,
    string Role,
    string Level,
    IReadOnlyList<PlannedSlot> Slots,
    IReadOnlyList<string> CoverageGaps,
    DateTimeOffset OccurredAt,
    string Actor,
    string? CandidateTimeZone = null,
    IReadOnlyList<AvailabilityWindow>? CandidateAvailability = null) : IIntegrationEvent;

/// <summary>
/// One interview of a loop: its type, how long it runs, the competencies it must measure
/// with their blueprint weights, and who may run it.
/// </summary>
public sealed record PlannedSlot(
    Guid SlotId,
    int Order,
    string InterviewType,
    int DurationMinutes,
    IReadOnlyList<CompetencyWeight> Competencies,
    string InterviewerRequirement);

public sealed record CompetencyWeight(string Competency, decimal Weight);
