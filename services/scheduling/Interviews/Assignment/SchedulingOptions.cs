namespace HiringPlatform.Scheduling.Interviews.Assignment;

using System.ComponentModel.DataAnnotations;

/// <summary>
/// The scheduler's knobs (configuration section <c>Scheduling</c>): the time grid, the break
/// between interviews, the search budget, the default candidate window, and the soft-goal weights.
/// </summary>
public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>Interviews start on this grid (minutes past the hour, UTC).</summary>
    [Range(5, 60)]
    public int GridMinutes { get; set; } = 15;

    /// <summary>The least time between two interviews of one loop.</summary>
    [Range(0, 120)]
    public int BreakMinutes { get; set; } = 15;

    /// <summary>
    /// Search nodes after which the best schedule found so far is taken (it is then not proven
    /// optimal). Small loops finish far below it.
    /// </summary>
    [Range(100, 100_000_000)]
    public long NodeBudget { get; set; } = 500;

    /// <summary>Working days offered when the candidate gave no availability (09:00-17:00 in their zone).</summary>
    [Range(1, 30)]
    public int DefaultWindowDays { get; set; } = 5;

    public SchedulingWeights Weights { get; set; } = new();

    /// <summary>
    /// Development only (the demo, the end-to-end and fault suites): a new loop's candidate windows that
    /// already passed are bookable too, so a season that took place can be recorded and its scorecards,
    /// which open only once an interview started, submitted at once. Reschedules never book the past.
    /// A host outside Development refuses to start with it set.
    /// </summary>
    public bool BookPastWindows { get; set; }

    /// <summary>
    /// Group commit: at most this many planned loops are scheduled one after the other on one read of the pool and
    /// committed in one transaction (<see cref="Interviews.LoopBookings"/>), and at most this many held interviews
    /// (scorecards submitted) recorded in one (<see cref="Interviews.HeldInterviews"/>); also how many LoopPlanned and
    /// ScorecardSubmitted messages each consumer takes at once. 1 commits every message in a transaction of its own.
    /// </summary>
    [Range(1, 1000)]
    public int GroupCommitLimit { get; set; } = 64;

    /// <summary>
    /// How many groups of planned loops follow one read of the pool, each scheduled while the one before commits
    /// (<see cref="Interviews.LoopBookings"/>), before the booking turn is let go and the pool read again: interviewers
    /// registered or recalibrated meanwhile are seen from the next read on (a change to an interviewer a group books is
    /// caught by the version check at once). 1 reads the pool for every group and commits before scheduling the next.
    /// </summary>
    [Range(1, 1000)]
    public int BookingChainLimit { get; set; } = 8;
}

/// <summary>
/// The soft goals, as one cost to minimise; every term is non-negative, so partial costs bound
/// complete ones. Defaults (documented in docs/scheduling.md):
/// <list type="bullet">
/// <item><see cref="Load"/> 10 × the interviewer's share of their weekly cap already used that week: spreads load.</item>
/// <item><see cref="SameTeam"/> 4 for each pair of panel members from one team: panels from several teams.</item>
/// <item><see cref="SevereStack"/> / <see cref="LenientStack"/> 6 for each pair of severe (lenient) interviewers on one candidate.</item>
/// <item><see cref="CogFlag"/> 8 when the interviewer is flagged for the cog pattern on the slot's type.</item>
/// <item><see cref="MissingTrainee"/> 3 for a slot without a trainee while the pool has trainees for its type.</item>
/// <item><see cref="LaterDay"/> 1 for each day after the first day the candidate is available: sooner is better.</item>
/// </list>
/// </summary>
public sealed class SchedulingWeights
{
    [Range(0, 1000)]
    public double Load { get; set; } = 10;

    [Range(0, 1000)]
    public double SameTeam { get; set; } = 4;

    [Range(0, 1000)]
    public double SevereStack { get; set; } = 6;

    [Range(0, 1000)]
    public double LenientStack { get; set; } = 6;

    [Range(0, 1000)]
    public double CogFlag { get; set; } = 8;

    [Range(0, 1000)]
    public double MissingTrainee { get; set; } = 3;

    [Range(0, 1000)]
    public double LaterDay { get; set; } = 1;

    /// <summary>A severity interval whose lower bound is above this (logits) marks a severe interviewer; below minus it, lenient.</summary>
    [Range(0, 10)]
    public double SeverityThreshold { get; set; } = 0.5;
}
