namespace HiringPlatform.Scheduling.Interviews;

/// <summary>
/// What a loop revision does to the interviews booked: an interview whose slot was removed, or is
/// no longer in the loop, is released; the others stay; a slot of the revised loop without an
/// interview that stays is to be scheduled.
/// </summary>
public sealed record LoopRevisionDiff(
    IReadOnlyList<ScheduledInterview> Released,
    IReadOnlyList<ScheduledInterview> Kept,
    IReadOnlyList<LoopSlot> ToSchedule)
{
    public static LoopRevisionDiff Of(IReadOnlyList<ScheduledInterview> booked, IReadOnlyList<LoopSlot> revisedSlots,
        IReadOnlyCollection<Guid> removedSlotIds)
    {
        var released = booked.Where(i => removedSlotIds.Contains(i.SlotId) || revisedSlots.All(s => s.SlotId != i.SlotId)).ToList();
        var kept = booked.Except(released).ToList();
        var toSchedule = revisedSlots.Where(s => kept.All(i => i.SlotId != s.SlotId)).ToList();
        return new LoopRevisionDiff(released, kept, toSchedule);
    }
}
