namespace HiringPlatform.Scheduling.Interviews.Assignment;

/// <summary>
/// The soft goals as one cost, written once (weights from <see cref="SchedulingOptions.Weights"/>):
/// what one slot costs with one interviewer at one start, what a pair on the panel adds, and the
/// lower bounds the search prunes with. Every term is non-negative, so partial costs bound
/// complete ones.
/// </summary>
public static class SlotCost
{
    /// <summary>
    /// One slot: the interviewer's share of their weekly cap already used, the cog flag on the slot's
    /// type, the day (see <see cref="Day"/>), and a missing trainee where the pool has trainees for the type.
    /// </summary>
    public static double Of(SchedulingWeights w, double capUsed, bool cogFlagged, double dayCost = 0, bool missingTrainee = false) =>
        w.Load * capUsed + (cogFlagged ? w.CogFlag : 0) + dayCost + (missingTrainee ? w.MissingTrainee : 0);

    /// <summary>Each day after the candidate's first available day costs <see cref="SchedulingWeights.LaterDay"/>.</summary>
    public static double Day(SchedulingWeights w, DateTimeOffset start, DateTimeOffset firstDay) =>
        w.LaterDay * Math.Floor((start - firstDay).TotalDays);

    /// <summary>What the interviewer adds with the panel: a pair from one team, a pair of severe and a pair of lenient interviewers.</summary>
    public static double Pair(SchedulingWeights w, PoolMember member, List<PoolMember> panel)
    {
        var cost = 0.0;
        foreach (var other in panel)
        {
            if (string.Equals(other.Team, member.Team, StringComparison.Ordinal))
            {
                cost += w.SameTeam;
            }
            if (member.Calibration.Severe && other.Calibration.Severe)
            {
                cost += w.SevereStack;
            }
            if (member.Calibration.Lenient && other.Calibration.Lenient)
            {
                cost += w.LenientStack;
            }
        }
        return cost;
    }

    /// <summary>The least share of the cap used over the weeks the candidate's windows touch (no load known: none used).</summary>
    public static double LeastCapUsed(PoolMember member, DateOnly[] weeks) =>
        member.WeeklyCap <= 0 ? Eligibility.CapUsed(0, member.WeeklyCap)
        : member.LoadByWeek.Count == 0 || weeks.Length == 0 ? 0
        : weeks.Min(member.CapUsed);

    /// <summary>
    /// A lower bound on the day costs of slots of these lengths: each window, earliest first,
    /// takes as many of them as could possibly fit (the shortest ones, with breaks).
    /// </summary>
    public static double DayBound(SchedulingWeights w, IReadOnlyList<TimeRange> windows, DateTimeOffset firstDay, int breakMinutes,
        List<int> minutes)
    {
        if (w.LaterDay == 0 || minutes.Count == 0)
        {
            return 0;
        }
        minutes.Sort();
        var left = minutes.Count;
        var total = 0.0;
        foreach (var window in windows.OrderBy(c => c.Start))
        {
            var length = (window.End - window.Start).TotalMinutes;
            int fit = 0;
            double used = 0;
            while (fit < left && used + minutes[fit] + (fit > 0 ? breakMinutes : 0) <= length)
            {
                used += minutes[fit] + (fit > 0 ? breakMinutes : 0);
                fit++;
            }
            var day = Math.Max(0, Math.Floor((window.Start - firstDay).TotalDays));
            total += fit * day * w.LaterDay;
            left -= fit;
            if (left == 0)
            {
                break;
            }
        }
        return total;
    }

    /// <summary>
    /// A lower bound on the missing-trainee costs of these slots: per type, the slots beyond the
    /// number of trainees who could sit in at any start at all (nobody sits in twice).
    /// </summary>
    internal static double TraineeBound(SchedulingWeights w, IEnumerable<SlotPlan> open)
    {
        if (w.MissingTrainee == 0)
        {
            return 0;
        }
        var missing = 0;
        foreach (var group in open.Where(p => p.HasTrainees).GroupBy(p => p.Slot.InterviewType))
        {
            var usable = group.SelectMany(p => p.UsableTrainees).Select(t => t.Id).Distinct().Count();
            missing += Math.Max(0, group.Count() - usable);
        }
        return missing * w.MissingTrainee;
    }
}
