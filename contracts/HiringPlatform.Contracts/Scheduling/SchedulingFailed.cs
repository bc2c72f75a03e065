namespace HiringPlatform.Contracts.Scheduling;

/// <summary>
/// No valid schedule exists for the loop. Nothing of the loop was scheduled; each
/// unschedulable slot names the constraint that could not be met.
/// </summary>
public sealed record SchedulingFailed(
    Guid EventId,
    Guid CandidateId,
    Guid LoopId,
    IReadOnlyList<UnschedulableSlot> Slots,
    DateTimeOffset OccurredAt,
    string Actor) : IIntegrationEvent;

public sealed record UnschedulableSlot(Guid SlotId, string InterviewType, string Reason);
