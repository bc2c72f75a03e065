namespace HiringPlatform.Scheduling.Interviews.Assignment;


/// <summary>Everything about one slot that does not depend on the other slots.</summary>
internal sealed class SlotPlan
{
    private readonly PanelSearch search;
    private readonly DateTimeOffset[] starts;
    private readonly TimeSpan duration;
    private readonly List<(int Start, double Key)>?[] free;
    private readonly List<PoolMember>?[] traineesAt;
    private readonly PoolMember[] trainees;
    private readonly Dictionary<string, bool[]> worksByHours = [];
    private List<PoolMember>? usableTrainees;
    private readonly ulong[]?[] freeMask;
    private readonly Dictionary<string, DateOnly[]> weekByZone = [];

    public SlotPlan(PanelSearch search, SlotToFill slot)
    {
        this.search = search;
        Slot = slot;
        duration = TimeSpan.FromMinutes(slot.DurationMinutes);
        starts = GridStarts(search, slot, duration);
        Rule = InterviewTypeRules.For(slot.InterviewType);
        var excluded = slot.ExcludedInterviewers ?? new HashSet<Guid>();
        var mayRun = search.Pool.Where(m => Eligibility.MayRun(m, slot.InterviewType, search.Loop.Role)).ToList();
        var eligible = mayRun.Where(m => !excluded.Contains(m.Id)).ToList();
        Failure = Diagnosis.BeforeSearch(slot, Rule, search.Loop.Role, search.Pool, mayRun.Count, eligible.Count, starts.Length);
        Eligible = Failure is null ? eligible.ToArray() : [];
        free = new List<(int Start, double Key)>?[Eligible.Length];
        freeMask = new ulong[]?[Eligible.Length];
        StaticCost = new double[Eligible.Length];
        for (var i = 0; i < Eligible.Length; i++)
        {
            var member = Eligible[i];
            StaticCost[i] = SlotCost.Of(search.W, SlotCost.LeastCapUsed(member, search.WeeksIn(member)), CogFlagged(member));
        }
        trainees = search.Pool.Where(m => Eligibility.MaySitIn(m, slot.InterviewType, Rule)).ToArray();
        traineesAt = new List<PoolMember>?[starts.Length];
        ByCost = Enumerable.Range(0, Eligible.Length)
            .OrderBy(i => StaticCost[i]).ThenBy(i => Eligible[i].Id)
            .ToArray();
        LowerBound = Eligible.Length == 0 ? 0 : StaticCost.Min();
    }

    public SlotToFill Slot { get; }

    /// <summary>Who may run the slot's type beyond its qualification, from the framework.</summary>
    public InterviewerRule Rule { get; }

    /// <summary>Every start the candidate's windows allow, on the grid, clear of the interviews that stay put.</summary>
    public IReadOnlyList<DateTimeOffset> Starts => starts;

    public PoolMember[] Eligible { get; }

    public double[] StaticCost { get; }

    /// <summary>Indexes into <see cref="Eligible"/>, cheapest first.</summary>
    public int[] ByCost { get; }

    public double LowerBound { get; }

    public SlotFailure? Failure { get; }

    public TimeRange TimeAt(int start) => new(starts[start], starts[start] + duration);

    public double DayCost(int start) => starts.Length == 0 ? 0 : SlotCost.Day(search.W, starts[start], search.HorizonStart);

    private bool CogFlagged(PoolMember member) => member.Calibration.CogTypes.Contains(Slot.InterviewType);

    /// <summary>The exact cost of this slot with this interviewer at this start (pairs aside).</summary>
    public double ExactCost(int index, int start, bool? withTrainee = null)
    {
        var member = Eligible[index];
        var hasTrainee = withTrainee ?? TraineesFree(start).Any(t => t.Id != member.Id && !search.OnLoop.Contains(t.Id));
        return SlotCost.Of(search.W, member.CapUsed(WeekAt(member, start)), CogFlagged(member), DayCost(start),
            trainees.Length > 0 && !hasTrainee);
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
        var cog = CogFlagged(member);
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
                var missing = trainees.Length > 0 && !TraineesFree(s).Any(t => t.Id != member.Id);
                list.Add((s, SlotCost.Of(search.W, member.CapUsed(week), cog, DayCost(s), missing)));
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
    public ulong[] OpenStarts(PanelSearch at)
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

    private static DateTimeOffset[] GridStarts(PanelSearch search, SlotToFill slot, TimeSpan duration)
    {
        var grid = TimeSpan.FromMinutes(search.Options.GridMinutes);
        var excludedTimes = slot.ExcludedTimes ?? [];
        var list = new SortedSet<DateTimeOffset>();
        foreach (var window in search.Loop.CandidateWindows)
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
}
