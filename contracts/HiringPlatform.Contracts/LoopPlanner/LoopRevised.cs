namespace HiringPlatform.Contracts.LoopPlanner;

/// <summary>
/// A planned loop changed: a slot added, removed or swapped, with the reason. <see cref="Slots"/>
/// is the whole loop after the change; <see cref="AddedSlotIds"/> and <see cref="RemovedSlotIds"/>
/// say what changed (a swap removes one slot and adds another).
/// </summary>
public sealed record LoopRevised(
    Guid EventId,
    Guid CandidateId,
    Guid LoopId,
    string Change,
    string Reason,
    IReadOnlyList<PlannedSlot> Slots,
    IReadOnlyList<Guid> AddedSlotIds,
    IReadOnlyList<Guid> RemovedSlotIds,
    DateTimeOffset OccurredAt,
    string Actor) : IIntegrationEvent;
