namespace HiringPlatform.Scheduling.Interviews.Assignment;

using HiringPlatform.Scheduling.Interviewers;

/// <summary>
/// The scheduler: places every slot of a loop at a time inside the candidate's windows with an
/// interviewer, meeting every hard rule, at the least soft-goal cost.
/// <para>
/// Hard rules: who may take a slot is <see cref="Eligibility"/>'s (qualified for the type, or the
/// role's hiring manager, senior enough where the framework asks; available then; under the weekly
/// cap that week); the search adds that an interviewer is on the loop once and that slots of the
/// loop do not overlap and keep a break between them. The cost is <see cref="SlotCost"/>'s; why a
/// slot cannot be met is <see cref="Diagnosis"/>'s.
/// </para>
/// <para>
/// Method: depth-first branch and bound over slot → (interviewer, start) choices. Slots are
/// taken scarcest first; at each depth the interviewers are tried cheapest first (load, cog flag,
/// and the team and severity pairs they would form with the panel so far), and their free starts
/// earliest first. Every cost term is non-negative, so the cost so far plus a per-slot lower bound
/// on the slots still open (their cheapest eligible interviewer at the earliest day) is a lower
/// bound on any completion; a branch whose bound reaches the best complete schedule is cut. When
/// the search ends inside its node budget the schedule is optimal; otherwise it is the best found.
/// Trainees are then added per slot (a free shadow or reverse shadow for the type, nobody twice).
/// All or nothing: when no schedule exists, each slot that cannot be met is named with its rule.
/// </para>
/// </summary>
public static class PanelAssigner
{
    public static AssignmentResult Assign(LoopToSchedule loop, IReadOnlyList<PoolMember> pool, SchedulingOptions? options = null) =>
        new PanelSearch(loop, pool, options ?? new SchedulingOptions()).Run();

    /// <summary>
    /// The candidate's windows when they gave none: the next <paramref name="days"/> working days
    /// (Monday to Friday) after <paramref name="plannedAt"/>, 09:00-17:00 in their zone.
    /// </summary>
    public static IReadOnlyList<TimeRange> DefaultWindows(DateTimeOffset plannedAt, TimeZoneInfo zone, int days)
    {
        var windows = new List<TimeRange>();
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(plannedAt, zone).DateTime).AddDays(1);
        while (windows.Count < days)
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                windows.Add(new TimeRange(Local(day, new TimeOnly(9, 0), zone), Local(day, new TimeOnly(17, 0), zone)));
            }
            day = day.AddDays(1);
        }
        return windows;
    }

    /// <summary>A local wall-clock time in <paramref name="zone"/> as an instant (a skipped time moves forward an hour).</summary>
    public static DateTimeOffset Local(DateOnly day, TimeOnly time, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }
}

/// <summary>One run of the search over one loop (see <see cref="PanelAssigner"/>).</summary>
internal sealed class PanelSearch
{
    private readonly TimeSpan pause;
    private readonly SlotPlan[] plans;
    private readonly List<TimeRange> placed = [];
    private readonly List<PoolMember> panel = [];
    private readonly double[] lowerBoundFrom;
    private readonly (PoolMember Member, int Start)[] current;
    private (PoolMember Member, int Start)[]? best;
    private PoolMember?[]? bestTrainees;
    private double bestCost = double.PositiveInfinity;
    private readonly Dictionary<string, DateOnly[]> horizonWeeks = [];
    private long nodes;
    private bool exhausted;
    private bool dead;

    public PanelSearch(LoopToSchedule loop, IReadOnlyList<PoolMember> pool, SchedulingOptions options)
    {
        Loop = loop;
        Pool = pool;
        Options = options;
        W = options.Weights;
        pause = TimeSpan.FromMinutes(options.BreakMinutes);
        HorizonStart = loop.CandidateWindows.Count == 0 ? DateTimeOffset.MinValue : loop.CandidateWindows.Min(c => c.Start);
        var byId = pool.ToDictionary(m => m.Id);
        foreach (var fixedInterview in loop.Fixed ?? [])
        {
            placed.Add(fixedInterview.Time);
            OnLoop.Add(fixedInterview.InterviewerId);
            if (fixedInterview.TraineeId is { } trainee)
            {
                OnLoop.Add(trainee);
            }
            if (byId.TryGetValue(fixedInterview.InterviewerId, out var member))
            {
                panel.Add(member);
            }
        }
        plans = loop.Slots.Select(slot => new SlotPlan(this, slot)).ToArray();
        // Scarcest first: the slot with the fewest interviewers free for it, then the loop's order.
        Array.Sort(plans, (a, b) => a.Eligible.Length != b.Eligible.Length
            ? a.Eligible.Length.CompareTo(b.Eligible.Length)
            : a.Slot.Order.CompareTo(b.Slot.Order));
        lowerBoundFrom = new double[plans.Length + 1];
        for (var i = plans.Length - 1; i >= 0; i--)
        {
            lowerBoundFrom[i] = lowerBoundFrom[i + 1] + plans[i].LowerBound;
        }
        for (var i = 0; i < plans.Length; i++)
        {
            // The days the open slots need at least (packed into the earliest windows), not one day each.
            lowerBoundFrom[i] += SlotCost.DayBound(W, loop.CandidateWindows, HorizonStart, options.BreakMinutes,
                    plans.Skip(i).Select(p => p.Slot.DurationMinutes).ToList())
                + SlotCost.TraineeBound(W, plans.Skip(i));
        }
        current = new (PoolMember, int)[plans.Length];
    }

    public LoopToSchedule Loop { get; }

    public IReadOnlyList<PoolMember> Pool { get; }

    public SchedulingOptions Options { get; }

    public SchedulingWeights W { get; }

    /// <summary>The candidate's first available moment: day costs count from its day.</summary>
    public DateTimeOffset HorizonStart { get; }

    /// <summary>Everyone on the loop so far (interviewers and trainees, those who stay put included).</summary>
    public HashSet<Guid> OnLoop { get; } = [];

    public AssignmentResult Run()
    {
        var failures = plans.Select(p => p.Failure).OfType<SlotFailure>().ToList();
        if (failures.Count == 0)
        {
            Dive(0, 0);
        }
        if (best is null)
        {
            if (failures.Count == 0)
            {
                failures = plans.Select(p => Diagnosis.OfSlot(p, OnLoop)).OfType<SlotFailure>().ToList();
            }
            if (failures.Count == 0)
            {
                failures = Diagnosis.OfLoop(plans, OnLoop, exhausted, Options);
            }
            return new AssignmentResult.Failed(failures.OrderBy(f => Loop.Slots.First(s => s.SlotId == f.SlotId).Order).ToList());
        }
        var assignments = plans
            .Select((plan, i) => new Assignment(plan.Slot.SlotId, best[i].Member, plan.TimeAt(best[i].Start), bestTrainees![i]))
            .OrderBy(a => a.StartsAt)
            .ToList();
        return new AssignmentResult.Scheduled(assignments, Math.Round(bestCost, 6), !exhausted, nodes);
    }

    private void Dive(int depth, double cost)
    {
        // The budget bounds the search for improvements; the first schedule may take fifty budgets.
        if (dead || ++nodes > Options.NodeBudget && (best is not null || nodes > 50 * Options.NodeBudget))
        {
            exhausted = !dead;
            return;
        }
        if (depth == plans.Length)
        {
            Complete();
            return;
        }
        var plan = plans[depth];
        // What the open slots after this one cost at least, day costs of this one included.
        var rest = lowerBoundFrom[depth + 1] + (lowerBoundFrom[depth] - lowerBoundFrom[depth + 1] - plan.LowerBound);
        var open = plan.OpenStarts(this);
        var descended = false;
        // Interviewers who would form no team or severity pair first, cheapest first; those who
        // would, afterwards in order of their cost with the pairs.
        List<(double Cost, int Index, double Pair)>? paired = null;
        foreach (var index in plan.ByCost)
        {
            var staticCost = plan.StaticCost[index];
            if (cost + staticCost + rest >= bestCost || exhausted || dead)
            {
                break;
            }
            var member = plan.Eligible[index];
            if (OnLoop.Contains(member.Id))
            {
                continue;
            }
            if (!plan.AnyFreeIn(index, open))
            {
                continue;
            }
            var pair = PairCost(member);
            if (pair > 0)
            {
                (paired ??= []).Add((staticCost + pair, index, pair));
                continue;
            }
            descended |= Try(depth, cost, plan, index, 0, open);
        }
        if (paired is not null)
        {
            paired.Sort((a, b) => a.Cost != b.Cost ? a.Cost.CompareTo(b.Cost) : a.Index.CompareTo(b.Index));
            foreach (var (withPair, index, pair) in paired)
            {
                if (cost + withPair + rest >= bestCost || exhausted || dead)
                {
                    break;
                }
                descended |= Try(depth, cost, plan, index, pair, open);
            }
        }
        if (!descended && best is null && !plan.AnyFree())
        {
            // Nobody can ever take this slot, whatever the other slots do: stop searching.
            dead = true;
        }
    }

    /// <summary>Places the slot at <paramref name="depth"/> with this interviewer at each of their free starts in turn.</summary>
    private bool Try(int depth, double cost, SlotPlan plan, int index, double pair, ulong[] open)
    {
        var member = plan.Eligible[index];
        var descended = false;
        foreach (var (start, key) in plan.FreeStarts(index))
        {
            if (exhausted || dead || cost + key + pair + lowerBoundFrom[depth + 1] >= bestCost)
            {
                break;
            }
            if ((open[start >> 6] & (1UL << (start & 63))) == 0)
            {
                continue;
            }
            var time = plan.TimeAt(start);
            var step = plan.ExactCost(index, start) + pair;
            if (cost + step + lowerBoundFrom[depth + 1] >= bestCost)
            {
                continue;
            }
            descended = true;
            current[depth] = (member, start);
            placed.Add(time);
            panel.Add(member);
            OnLoop.Add(member.Id);
            Dive(depth + 1, cost + step);
            OnLoop.Remove(member.Id);
            panel.RemoveAt(panel.Count - 1);
            placed.RemoveAt(placed.Count - 1);
        }
        return descended;
    }

    /// <summary>A complete panel: add trainees, price it exactly, keep it if it is the cheapest so far.</summary>
    private void Complete()
    {
        var trainees = new PoolMember?[plans.Length];
        var taken = new HashSet<Guid>(OnLoop);
        var order = Enumerable.Range(0, plans.Length)
            .OrderBy(i => plans[i].TraineesFree(current[i].Start).Count)
            .ToList();
        foreach (var i in order)
        {
            trainees[i] = plans[i].TraineesFree(current[i].Start)
                .Where(t => !taken.Contains(t.Id))
                .OrderBy(t => t.CapUsed(t.WeekOf(plans[i].TimeAt(current[i].Start).Start)))
                .ThenBy(t => t.Id)
                .FirstOrDefault();
            if (trainees[i] is { } trainee)
            {
                taken.Add(trainee.Id);
            }
        }
        var total = 0.0;
        var members = new List<PoolMember>(panel.Count);
        members.AddRange(panel.Take(panel.Count - plans.Length));
        for (var i = 0; i < plans.Length; i++)
        {
            var plan = plans[i];
            var index = Array.IndexOf(plan.Eligible, current[i].Member);
            total += plan.ExactCost(index, current[i].Start, trainees[i] is not null) + SlotCost.Pair(W, current[i].Member, members);
            members.Add(current[i].Member);
        }
        if (total < bestCost)
        {
            bestCost = total;
            best = ((PoolMember, int)[])current.Clone();
            bestTrainees = trainees;
        }
    }

    /// <summary>Whether <paramref name="time"/> overlaps (or leaves no break next to) an interview placed so far.</summary>
    public bool Clashes(TimeRange time)
    {
        foreach (var other in placed)
        {
            if (time.Start < other.End + pause && other.Start < time.End + pause)
            {
                return true;
            }
        }
        return false;
    }

    private double PairCost(PoolMember member) => SlotCost.Pair(W, member, panel);

    /// <summary>The weeks (Mondays in the zone) the candidate's windows touch, per zone.</summary>
    public DateOnly[] WeeksIn(PoolMember member)
    {
        if (!horizonWeeks.TryGetValue(member.Zone.Id, out var weeks))
        {
            weeks = Loop.CandidateWindows.Count == 0
                ? []
                : Loop.CandidateWindows.SelectMany(c => new[] { member.WeekOf(c.Start), member.WeekOf(c.End) }).Distinct().ToArray();
            horizonWeeks[member.Zone.Id] = weeks;
        }
        return weeks;
    }
}
