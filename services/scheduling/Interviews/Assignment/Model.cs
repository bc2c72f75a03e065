namespace HiringPlatform.Scheduling.Interviews.Assignment;

using HiringPlatform.Scheduling.Interviewers;

/// <summary>A half-open span of time [Start, End).</summary>
public readonly record struct TimeRange(DateTimeOffset Start, DateTimeOffset End)
{
    public bool Overlaps(TimeRange other) => Start < other.End && other.Start < End;

    public bool Contains(TimeRange other) => Start <= other.Start && other.End <= End;
}

/// <summary>A slot to fill: its type and length, and what it must avoid (after a cancellation).</summary>
public sealed record SlotToFill(
    Guid SlotId,
    int Order,
    string InterviewType,
    int DurationMinutes,
    IReadOnlySet<Guid>? ExcludedInterviewers = null,
    IReadOnlyList<TimeRange>? ExcludedTimes = null);

/// <summary>An interview of the same loop that stays where it is while other slots are (re)placed.</summary>
public sealed record FixedInterview(Guid SlotId, Guid InterviewerId, Guid? TraineeId, TimeRange Time);

/// <summary>What calibration says matters for a panel: severe, lenient, and the types flagged for the cog pattern.</summary>
public sealed record PanelCalibration(bool Severe, bool Lenient, IReadOnlySet<string> CogTypes)
{
    public static readonly PanelCalibration None = new(false, false, new HashSet<string>());
}

/// <summary>
/// One interviewer as the scheduler sees them: what they may run, when they work (in their own
/// zone), what they are already busy with (busy blocks and booked interviews), and their load per
/// week (keyed by the Monday of the week in their zone).
/// </summary>
public sealed class PoolMember
{
    private readonly TimeRange[] busy;
    private readonly DateTimeOffset[] maxEndUpTo;

    public PoolMember(Guid id, string name, string team, string seniority,
        IReadOnlyDictionary<string, TrainingStage> stages, IReadOnlyCollection<string> hiringManagerFor, int weeklyCap,
        TimeZoneInfo zone, WorkingHours hours, IEnumerable<TimeRange> busy, IReadOnlyDictionary<DateOnly, int> loadByWeek,
        PanelCalibration? calibration = null)
    {
        Id = id;
        Name = name;
        Team = team;
        Seniority = seniority;
        Stages = stages;
        HiringManagerFor = hiringManagerFor;
        WeeklyCap = weeklyCap;
        Zone = zone;
        Hours = hours;
        LoadByWeek = loadByWeek;
        Calibration = calibration ?? PanelCalibration.None;
        HoursKey = $"{zone.Id}|{hours.Start:HH:mm}|{hours.End:HH:mm}|{string.Join(',', hours.Days)}";
        this.busy = busy.OrderBy(b => b.Start).ToArray();
        maxEndUpTo = new DateTimeOffset[this.busy.Length];
        for (var i = 0; i < this.busy.Length; i++)
        {
            maxEndUpTo[i] = i == 0 || this.busy[i].End > maxEndUpTo[i - 1] ? this.busy[i].End : maxEndUpTo[i - 1];
        }
    }

    public Guid Id { get; }
    public string Name { get; }
    public string Team { get; }
    public string Seniority { get; }
    public IReadOnlyDictionary<string, TrainingStage> Stages { get; }
    public IReadOnlyCollection<string> HiringManagerFor { get; }
    public int WeeklyCap { get; }
    public TimeZoneInfo Zone { get; }
    public WorkingHours Hours { get; }
    public IReadOnlyList<TimeRange> Busy => busy;
    public IReadOnlyDictionary<DateOnly, int> LoadByWeek { get; }
    public PanelCalibration Calibration { get; }

    /// <summary>Members with the same zone and hours work at the same times (the scheduler caches on it).</summary>
    public string HoursKey { get; }

    public bool IsTrainee(string type) =>
        Stages.TryGetValue(type, out var stage) && stage is TrainingStage.Shadow or TrainingStage.ReverseShadow;

    /// <summary>The Monday (in the interviewer's zone) of the week <paramref name="moment"/> falls in.</summary>
    public DateOnly WeekOf(DateTimeOffset moment) => WorkingHours.MondayOf(TimeZoneInfo.ConvertTime(moment, Zone).DateTime);

    public int LoadIn(DateOnly week) => LoadByWeek.GetValueOrDefault(week);

    public bool UnderCap(DateOnly week) => Eligibility.IsUnderWeeklyCap(LoadIn(week), WeeklyCap);

    /// <summary>The share of the weekly cap used that week (see <see cref="Eligibility.CapUsed"/>).</summary>
    public double CapUsed(DateOnly week) => Eligibility.CapUsed(LoadIn(week), WeeklyCap);

    public bool WorksDuring(TimeRange time) => Hours.Covers(time, Zone);

    /// <summary>No busy block or booked interview overlaps <paramref name="time"/>.</summary>
    public bool IsFree(TimeRange time)
    {
        // Last block that starts before the end; any block up to it that ends after the start overlaps.
        int lo = 0, hi = busy.Length - 1, last = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >> 1;
            if (busy[mid].Start < time.End)
            {
                last = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return last < 0 || maxEndUpTo[last] <= time.Start;
    }
}

/// <summary>The loop to schedule: its slots, the candidate's windows (UTC), and the interviews that stay put.</summary>
public sealed record LoopToSchedule(
    string Role,
    IReadOnlyList<SlotToFill> Slots,
    IReadOnlyList<TimeRange> CandidateWindows,
    IReadOnlyList<FixedInterview>? Fixed = null);

/// <summary>One slot's outcome: interviewer, time and, when one was free, a trainee sitting in.</summary>
public sealed record Assignment(Guid SlotId, PoolMember Interviewer, TimeRange Time, PoolMember? Trainee)
{
    public DateTimeOffset StartsAt => Time.Start;
    public DateTimeOffset EndsAt => Time.End;
}

/// <summary>The hard constraint that stopped a slot.</summary>
public enum Constraint
{
    UnknownInterviewType,
    Qualified,
    StaffOrAbove,
    HiringManager,
    WeeklyCap,
    Availability,
    OncePerLoop,
    NoOverlap,
}

public sealed record SlotFailure(Guid SlotId, string InterviewType, Constraint Constraint, string Reason);

public abstract record AssignmentResult
{
    /// <param name="Cost">The soft-goal cost of the schedule (see <see cref="SchedulingWeights"/>).</param>
    /// <param name="ProvenOptimal">True when the search finished within its budget, so no cheaper schedule exists.</param>
    public sealed record Scheduled(IReadOnlyList<Assignment> Assignments, double Cost, bool ProvenOptimal, long Nodes)
        : AssignmentResult;

    public sealed record Failed(IReadOnlyList<SlotFailure> Slots) : AssignmentResult;
}
