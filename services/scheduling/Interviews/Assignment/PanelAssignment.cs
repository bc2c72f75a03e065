namespace HiringPlatform.Scheduling.Interviews.Assignment;

using HiringPlatform.Scheduling.Interviewers;

/// <summary>
/// The scheduler: places every slot of a loop at a time inside the candidate's windows with an
/// interviewer, meeting every hard rule, at the least soft-goal cost.
/// <para>
/// Hard rules: the interviewer is qualified for the type (the role's hiring manager for
/// career-chat; staff or above for ml-system-design); works at that time in their own zone; has no
/// busy block or other interview then; is under their weekly cap that week; is on the loop once;
/// slots of the loop do not overlap and keep a break between them.
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
        new Search(loop, pool, options ?? new SchedulingOptions()).Run();

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

    /// <summary>Whether the interviewer may run the type for this role (training aside).</summary>
    public static bool MayRun(PoolMember member, string interviewType, string role) => interviewType switch
    {
        "career-chat" => member.HiringManagerFor.Contains(role, StringComparer.Ordinal),
        "ml-system-design" => IsQualified(member, interviewType) && SchedulingVocabulary.IsStaffOrAbove(member.Seniority),
        _ => IsQualified(member, interviewType),
    };

    private static bool IsQualified(PoolMember member, string type) =>
        member.Stages.TryGetValue(type, out var stage) && stage == TrainingStage.Qualified;

    private sealed class Search
    {
        private readonly LoopToSchedule loop;
        private readonly IReadOnlyList<PoolMember> pool;
        private readonly SchedulingOptions options;
        private readonly SchedulingWeights w;
        private readonly TimeSpan pause;
        private readonly DateTimeOffset horizonStart;
        private readonly SlotPlan[] plans;
        private readonly List<TimeRange> placed = [];
        private readonly List<PoolMember> panel = [];
        private readonly HashSet<Guid> onLoop = [];
        private readonly double[] lowerBoundFrom;
        private readonly (PoolMember Member, int Start)[] current;
        private (PoolMember Member, int Start)[]? best;
        private PoolMember?[]? bestTrainees;
        private double bestCost = double.PositiveInfinity;
        private readonly Dictionary<string, DateOnly[]> horizonWeeks = [];
        private long nodes;
        private bool exhausted;
        private bool dead;

        public Search(LoopToSchedule loop, IReadOnlyList<PoolMember> pool, SchedulingOptions options)
        {
            this.loop = loop;
            this.pool = pool;
            this.options = options;
            w = options.Weights;
            pause = TimeSpan.FromMinutes(options.BreakMinutes);
            horizonStart = loop.CandidateWindows.Count == 0 ? DateTimeOffset.MinValue : loop.CandidateWindows.Min(c => c.Start);
            var byId = pool.ToDictionary(m => m.Id);
            foreach (var fixedInterview in loop.Fixed ?? [])
            {
                placed.Add(fixedInterview.Time);
                onLoop.Add(fixedInterview.InterviewerId);
                if (fixedInterview.TraineeId is { } trainee)
                {
                    onLoop.Add(trainee);
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
                lowerBoundFrom[i] += DayBound(plans.Skip(i).Select(p => p.Slot.DurationMinutes).ToList())
                    + TraineeBound(plans.Skip(i));
            }
            current = new (PoolMember, int)[plans.Length];
        }

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
                    failures = plans.Select(p => p.Diagnose()).OfType<SlotFailure>().ToList();
                }
                if (failures.Count == 0)
                {
                    failures = CombinedFailures();
                }
                return new AssignmentResult.Failed(failures.OrderBy(f => loop.Slots.First(s => s.SlotId == f.SlotId).Order).ToList());
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
            if (dead || ++nodes > options.NodeBudget && (best is not null || nodes > 50 * options.NodeBudget))
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
                if (onLoop.Contains(member.Id))
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
                onLoop.Add(member.Id);
                Dive(depth + 1, cost + step);
                onLoop.Remove(member.Id);
                panel.RemoveAt(panel.Count - 1);
                placed.RemoveAt(placed.Count - 1);
            }
            return descended;
        }

        /// <summary>A complete panel: add trainees, price it exactly, keep it if it is the cheapest so far.</summary>
        private void Complete()
        {
            var trainees = new PoolMember?[plans.Length];
            var taken = new HashSet<Guid>(onLoop);
            var order = Enumerable.Range(0, plans.Length)
                .OrderBy(i => plans[i].TraineesFree(current[i].Start).Count)
                .ToList();
            foreach (var i in order)
            {
                trainees[i] = plans[i].TraineesFree(current[i].Start)
                    .Where(t => !taken.Contains(t.Id))
                    .OrderBy(t => Utilisation(t, plans[i].TimeAt(current[i].Start)))
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
                total += plan.ExactCost(index, current[i].Start, trainees[i] is not null) + PairCost(current[i].Member, members);
                members.Add(current[i].Member);
            }
            if (total < bestCost)
            {
                bestCost = total;
                best = ((PoolMember, int)[])current.Clone();
                bestTrainees = trainees;
            }
        }

        private bool Clashes(TimeRange time)
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

        private double PairCost(PoolMember member) => PairCost(member, panel);

        private double PairCost(PoolMember member, List<PoolMember> with)
        {
            var cost = 0.0;
            foreach (var other in with)
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

        /// <summary>
        /// A lower bound on the day costs of slots of these lengths: each window, earliest first,
        /// takes as many of them as could possibly fit (the shortest ones, with breaks).
        /// </summary>
        private double DayBound(List<int> minutes)
        {
            if (w.LaterDay == 0 || minutes.Count == 0)
            {
                return 0;
            }
            minutes.Sort();
            var left = minutes.Count;
            var total = 0.0;
            foreach (var window in loop.CandidateWindows.OrderBy(c => c.Start))
            {
                var length = (window.End - window.Start).TotalMinutes;
                int fit = 0;
                double used = 0;
                while (fit < left && used + minutes[fit] + (fit > 0 ? options.BreakMinutes : 0) <= length)
                {
                    used += minutes[fit] + (fit > 0 ? options.BreakMinutes : 0);
                    fit++;
                }
                var day = Math.Max(0, Math.Floor((window.Start - horizonStart).TotalDays));
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
        private double TraineeBound(IEnumerable<SlotPlan> open)
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

        /// <summary>The weeks (Mondays in the zone) the candidate's windows touch, per zone.</summary>
        private DateOnly[] WeeksIn(PoolMember member)
        {
            if (!horizonWeeks.TryGetValue(member.Zone.Id, out var weeks))
            {
                weeks = loop.CandidateWindows.Count == 0
                    ? []
                    : loop.CandidateWindows.SelectMany(c => new[] { member.WeekOf(c.Start), member.WeekOf(c.End) }).Distinct().ToArray();
                horizonWeeks[member.Zone.Id] = weeks;
            }
            return weeks;
        }

        private static double Utilisation(PoolMember member, TimeRange time) =>
            member.WeeklyCap <= 0 ? 1 : (double)member.LoadIn(member.WeekOf(time.Start)) / member.WeeklyCap;

        private bool Usable(PoolMember member, TimeRange time) =>
            member.WorksDuring(time) && member.IsFree(time) && member.UnderCap(member.WeekOf(time.Start));

        private List<SlotFailure> CombinedFailures()
        {
            if (exhausted)
            {
                return plans.Select(p => Fail(p.Slot, Constraint.NoOverlap,
                    $"no schedule was found within the search budget of {options.NodeBudget} steps")).ToList();
            }
            // Too few distinct interviewers for a group of slots (Hall's condition), smallest group first.
            var n = plans.Length;
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

        /// <summary>Everything about one slot that does not depend on the other slots.</summary>
        private sealed class SlotPlan
        {
            private readonly Search search;
            private readonly DateTimeOffset[] starts;
            private readonly TimeSpan duration;
            private readonly List<(int Start, double Key)>?[] free;
            private readonly List<PoolMember>?[] traineesAt;
            private readonly PoolMember[] trainees;
            private readonly Dictionary<string, bool[]> worksByHours = [];
            private List<PoolMember>? usableTrainees;
            private readonly ulong[]?[] freeMask;
            private readonly Dictionary<string, DateOnly[]> weekByZone = [];

            public SlotPlan(Search search, SlotToFill slot)
            {
                this.search = search;
                Slot = slot;
                duration = TimeSpan.FromMinutes(slot.DurationMinutes);
                starts = Starts(search, slot, duration);
                var excluded = slot.ExcludedInterviewers ?? new HashSet<Guid>();
                var mayRun = search.pool.Where(m => MayRun(m, slot.InterviewType, search.loop.Role)).ToList();
                var eligible = mayRun.Where(m => !excluded.Contains(m.Id)).ToList();
                Failure = Check(search, slot, mayRun, eligible);
                Eligible = Failure is null ? eligible.ToArray() : [];
                free = new List<(int Start, double Key)>?[Eligible.Length];
                freeMask = new ulong[]?[Eligible.Length];
                StaticCost = new double[Eligible.Length];
                var w = search.w;
                for (var i = 0; i < Eligible.Length; i++)
                {
                    var member = Eligible[i];
                    var weeks = search.WeeksIn(member);
                    var least = member.WeeklyCap <= 0 ? 1.0
                        : member.LoadByWeek.Count == 0 || weeks.Length == 0 ? 0
                        : weeks.Min(week => (double)member.LoadIn(week) / member.WeeklyCap);
                    StaticCost[i] = w.Load * least + (member.Calibration.CogTypes.Contains(slot.InterviewType) ? w.CogFlag : 0);
                }
                trainees = slot.InterviewType == "career-chat"
                    ? []
                    : search.pool.Where(m => m.IsTrainee(slot.InterviewType)).ToArray();
                traineesAt = new List<PoolMember>?[starts.Length];
                ByCost = Enumerable.Range(0, Eligible.Length)
                    .OrderBy(i => StaticCost[i]).ThenBy(i => Eligible[i].Id)
                    .ToArray();
                LowerBound = Eligible.Length == 0 ? 0 : StaticCost.Min();
            }

            public SlotToFill Slot { get; }

            public PoolMember[] Eligible { get; }

            public double[] StaticCost { get; }

            /// <summary>Indexes into <see cref="Eligible"/>, cheapest first.</summary>
            public int[] ByCost { get; }

            public double LowerBound { get; }

            public SlotFailure? Failure { get; }

            public TimeRange TimeAt(int start) => new(starts[start], starts[start] + duration);

            public double DayCost(int start) =>
                starts.Length == 0 ? 0 : search.w.LaterDay * Math.Floor((starts[start] - search.horizonStart).TotalDays);

            /// <summary>The exact cost of this slot with this interviewer at this start (pairs aside).</summary>
            public double ExactCost(int index, int start, bool? withTrainee = null)
            {
                var member = Eligible[index];
                var week = WeekAt(member, start);
                var w = search.w;
                var load = member.WeeklyCap <= 0 ? 1.0 : (double)member.LoadIn(week) / member.WeeklyCap;
                var hasTrainee = withTrainee ?? TraineesFree(start).Any(t => t.Id != member.Id && !search.onLoop.Contains(t.Id));
                return w.Load * load
                    + (member.Calibration.CogTypes.Contains(Slot.InterviewType) ? w.CogFlag : 0)
                    + DayCost(start)
                    + (trainees.Length > 0 && !hasTrainee ? w.MissingTrainee : 0);
            }

            /// <summary>
            /// The starts at which this interviewer is usable, with a lower bound of the slot's cost
            /// there (pairs aside), cheapest first: the search stops at the first start too dear.
            /// </summary>
            public List<(int Start, double Key)> FreeStarts(int index)
            {
                if (free[index] is { } known)
                {
                    return known;
                }
                var member = Eligible[index];
                var works = Works(member);
                var w = search.w;
                var cog = member.Calibration.CogTypes.Contains(Slot.InterviewType) ? w.CogFlag : 0;
                var list = new List<(int, double)>();
                for (var s = 0; s < starts.Length; s++)
                {
                    if (!works[s])
                    {
                        continue;
                    }
                    var time = TimeAt(s);
                    var week = WeekAt(member, s);
                    if (member.IsFree(time) && member.UnderCap(week))
                    {
                        var load = member.WeeklyCap <= 0 ? 1.0 : (double)member.LoadIn(week) / member.WeeklyCap;
                        var missing = trainees.Length > 0 && !TraineesFree(s).Any(t => t.Id != member.Id) ? w.MissingTrainee : 0;
                        list.Add((s, w.Load * load + cog + DayCost(s) + missing));
                    }
                }
                list.Sort((a, b) => a.Item2 != b.Item2 ? a.Item2.CompareTo(b.Item2) : a.Item1.CompareTo(b.Item1));
                return free[index] = list;
            }

            private DateOnly WeekAt(PoolMember member, int start)
            {
                if (!weekByZone.TryGetValue(member.Zone.Id, out var weeks))
                {
                    weeks = starts.Select(member.WeekOf).ToArray();
                    weekByZone[member.Zone.Id] = weeks;
                }
                return weeks[start];
            }

            /// <summary>At which starts the member works, shared by everyone with the same zone and hours.</summary>
            private bool[] Works(PoolMember member)
            {
                if (!worksByHours.TryGetValue(member.HoursKey, out var works))
                {
                    works = new bool[starts.Length];
                    for (var s = 0; s < starts.Length; s++)
                    {
                        works[s] = member.WorksDuring(TimeAt(s));
                    }
                    worksByHours[member.HoursKey] = works;
                }
                return works;
            }

            /// <summary>The starts that keep clear (with breaks) of the slots placed so far, as a bit set.</summary>
            public ulong[] OpenStarts(Search at)
            {
                var open = new ulong[(starts.Length + 63) >> 6];
                for (var s = 0; s < starts.Length; s++)
                {
                    if (!at.Clashes(TimeAt(s)))
                    {
                        open[s >> 6] |= 1UL << (s & 63);
                    }
                }
                return open;
            }

            /// <summary>Whether the interviewer is free at one of the open starts.</summary>
            public bool AnyFreeIn(int index, ulong[] open)
            {
                if (freeMask[index] is null)
                {
                    var mask = new ulong[open.Length];
                    foreach (var (start, _) in FreeStarts(index))
                    {
                        mask[start >> 6] |= 1UL << (start & 63);
                    }
                    freeMask[index] = mask;
                }
                var bits = freeMask[index]!;
                for (var i = 0; i < bits.Length; i++)
                {
                    if ((bits[i] & open[i]) != 0)
                    {
                        return true;
                    }
                }
                return false;
            }

            public bool HasTrainees => trainees.Length > 0;

            /// <summary>The trainees for this slot's type who are free (and under their cap) at one of its starts at least.</summary>
            public IReadOnlyList<PoolMember> UsableTrainees => usableTrainees ??= trainees
                .Where(t => t.LoadByWeek.Count == 0 || search.WeeksIn(t).Any(t.UnderCap))
                .Where(t => Enumerable.Range(0, starts.Length).Any(s => Works(t)[s] && t.IsFree(TimeAt(s)) && t.UnderCap(WeekAt(t, s))))
                .ToList();

            public bool AnyFree() => Enumerable.Range(0, Eligible.Length).Any(i => FreeStarts(i).Count > 0);

            /// <summary>Why this slot alone cannot be placed (availability, then the cap), or null when it can.</summary>
            public SlotFailure? Diagnose()
            {
                var type = Slot.InterviewType;
                var times = starts.Select(s => new TimeRange(s, s + duration)).ToList();
                var freeIgnoringCap = Eligible.Where(m => times.Any(t => m.WorksDuring(t) && m.IsFree(t))).ToList();
                if (freeIgnoringCap.Count == 0)
                {
                    return Fail(Slot, Constraint.Availability,
                        $"no eligible interviewer for {type} is free within the candidate's availability");
                }
                if (!freeIgnoringCap.Any(m => times.Any(t => m.WorksDuring(t) && m.IsFree(t) && m.UnderCap(m.WeekOf(t.Start)))))
                {
                    return Fail(Slot, Constraint.WeeklyCap, $"every eligible interviewer for {type} has reached their weekly cap");
                }
                if (Eligible.All(m => search.onLoop.Contains(m.Id)))
                {
                    return Fail(Slot, Constraint.OncePerLoop, $"every eligible interviewer for {type} is already on this loop");
                }
                return null;
            }

            public List<PoolMember> TraineesFree(int start)
            {
                if (traineesAt[start] is { } known)
                {
                    return known;
                }
                var time = TimeAt(start);
                return traineesAt[start] = trainees
                    .Where(t => Works(t)[start] && t.IsFree(time) && t.UnderCap(WeekAt(t, start)))
                    .ToList();
            }

            private static DateTimeOffset[] Starts(Search search, SlotToFill slot, TimeSpan duration)
            {
                var grid = TimeSpan.FromMinutes(search.options.GridMinutes);
                var excludedTimes = slot.ExcludedTimes ?? [];
                var list = new SortedSet<DateTimeOffset>();
                foreach (var window in search.loop.CandidateWindows)
                {
                    var ticks = (window.Start.UtcTicks + grid.Ticks - 1) / grid.Ticks * grid.Ticks;
                    for (var t = new DateTimeOffset(ticks, TimeSpan.Zero); t + duration <= window.End; t += grid)
                    {
                        var time = new TimeRange(t, t + duration);
                        if (!excludedTimes.Any(x => x.Overlaps(time)) && !search.Clashes(time))
                        {
                            list.Add(t);
                        }
                    }
                }
                return list.ToArray();
            }

            private SlotFailure? Check(Search search, SlotToFill slot, List<PoolMember> mayRun, List<PoolMember> eligible)
            {
                var type = slot.InterviewType;
                if (!SchedulingVocabulary.InterviewTypes.Contains(type))
                {
                    return Fail(slot, Constraint.UnknownInterviewType, $"'{type}' is not an interview type scheduling knows");
                }
                if (mayRun.Count == 0)
                {
                    if (type == "career-chat")
                    {
                        return Fail(slot, Constraint.HiringManager, $"no hiring manager is registered for role '{search.loop.Role}'");
                    }
                    if (type == "ml-system-design" && search.pool.Any(m => IsQualified(m, type)))
                    {
                        return Fail(slot, Constraint.StaffOrAbove, "no staff-or-above interviewer is qualified for ml-system-design");
                    }
                    return Fail(slot, Constraint.Qualified, $"no interviewer is qualified for {type}");
                }
                if (eligible.Count == 0)
                {
                    return Fail(slot, Constraint.Availability, $"no other interviewer is eligible for {type}");
                }
                if (starts.Length == 0)
                {
                    return Fail(slot, Constraint.Availability,
                        $"the candidate's availability has no free {slot.DurationMinutes}-minute window for {type}");
                }
                return null;
            }
        }
    }
}
