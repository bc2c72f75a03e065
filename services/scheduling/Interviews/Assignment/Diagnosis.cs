namespace HiringPlatform.Scheduling.Interviews.Assignment;

using HiringPlatform.Scheduling.Interviewers;

/// <summary>
/// Why a slot cannot be met, named by the hard rule that stops it: first what one slot cannot meet
/// whatever the others do (before the search), then, when the search found no schedule, what
/// each slot alone runs into, and last what the slots run into together.
/// </summary>
internal static class Diagnosis
{
    /// <summary>What stops the slot before any search: an unknown type, nobody who may run it, or no start in the candidate's windows.</summary>
    public static SlotFailure? BeforeSearch(SlotToFill slot, InterviewerRule rule, string role, IReadOnlyList<PoolMember> pool,
        int mayRun, int eligible, int starts)
    {
        var type = slot.InterviewType;
        if (!SchedulingVocabulary.InterviewTypes.Contains(type))
        {
            return Fail(slot, Constraint.UnknownInterviewType, $"'{type}' is not an interview type scheduling knows");
        }
        if (mayRun == 0)
        {
            if (rule.HiringManager)
            {
                return Fail(slot, Constraint.HiringManager, $"no hiring manager is registered for role '{role}'");
            }
            if (rule.SeniorityAtLeast is { } least && pool.Any(m => Eligibility.IsQualifiedFor(m, type)))
            {
                return Fail(slot, Constraint.StaffOrAbove, $"no {least}-or-above interviewer is qualified for {type}");
            }
            return Fail(slot, Constraint.Qualified, $"no interviewer is qualified for {type}");
        }
        if (eligible == 0)
        {
            return Fail(slot, Constraint.Availability, $"no other interviewer is eligible for {type}");
        }
        if (starts == 0)
        {
            return Fail(slot, Constraint.Availability,
                $"the candidate's availability has no free {slot.DurationMinutes}-minute window for {type}");
        }
        return null;
    }

    /// <summary>Why this slot alone cannot be placed (availability, then the cap, then once per loop), or null when it can.</summary>
    public static SlotFailure? OfSlot(SlotPlan plan, IReadOnlySet<Guid> onLoop)
    {
        var type = plan.Slot.InterviewType;
        var times = Enumerable.Range(0, plan.Starts.Count).Select(plan.TimeAt).ToList();
        var freeIgnoringCap = plan.Eligible.Where(m => times.Any(t => Eligibility.IsAvailable(m, t))).ToList();
        if (freeIgnoringCap.Count == 0)
        {
            return Fail(plan.Slot, Constraint.Availability,
                $"no eligible interviewer for {type} is free within the candidate's availability");
        }
        if (!freeIgnoringCap.Any(m => times.Any(t => Eligibility.IsAvailable(m, t) && m.UnderCap(m.WeekOf(t.Start)))))
        {
            return Fail(plan.Slot, Constraint.WeeklyCap, $"every eligible interviewer for {type} has reached their weekly cap");
        }
        if (plan.Eligible.All(m => onLoop.Contains(m.Id)))
        {
            return Fail(plan.Slot, Constraint.OncePerLoop, $"every eligible interviewer for {type} is already on this loop");
        }
        return null;
    }

    /// <summary>
    /// Why the slots cannot be placed together: the search budget ran out, too few distinct
    /// interviewers for a group of slots (Hall's condition, smallest group first), or no way to fit
    /// them without overlaps.
    /// </summary>
    public static List<SlotFailure> OfLoop(IReadOnlyList<SlotPlan> plans, IReadOnlySet<Guid> onLoop, bool exhausted, SchedulingOptions options)
    {
        if (exhausted)
        {
            return plans.Select(p => Fail(p.Slot, Constraint.NoOverlap,
                $"no schedule was found within the search budget of {options.NodeBudget} steps")).ToList();
        }
        var n = plans.Count;
        if (n <= 12)
        {
            foreach (var mask in Enumerable.Range(1, (1 << n) - 1).OrderBy(m => System.Numerics.BitOperations.PopCount((uint)m)))
            {
                var group = Enumerable.Range(0, n).Where(i => (mask & (1 << i)) != 0).Select(i => plans[i]).ToList();
                var people = group.SelectMany(p => p.Eligible.Where((m, i) => p.FreeStarts(i).Count > 0 && !onLoop.Contains(m.Id)))
                    .Select(m => m.Id).Distinct().Count();
                if (people < group.Count)
                {
                    return group.OrderByDescending(p => p.Slot.Order).Take(group.Count - people)
                        .Select(p => Fail(p.Slot, Constraint.OncePerLoop,
                            $"every eligible interviewer for {p.Slot.InterviewType} is already on this loop"))
                        .ToList();
                }
            }
        }
        return plans.Select(p => Fail(p.Slot, Constraint.NoOverlap,
            "the loop's slots do not fit in the candidate's availability without overlapping or skipping the "
            + $"{options.BreakMinutes}-minute breaks, with the interviewers free then")).ToList();
    }

    private static SlotFailure Fail(SlotToFill slot, Constraint constraint, string reason) =>
        new(slot.SlotId, slot.InterviewType, constraint, reason);
}
