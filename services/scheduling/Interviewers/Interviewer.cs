namespace HiringPlatform.Scheduling.Interviewers;

using HiringPlatform.Scheduling.Interviews.Assignment;

/// <summary>An interviewer joined the pool with the interview types they are qualified to run.</summary>
public sealed record InterviewerRegistered(
    Guid InterviewerId,
    string Name,
    string Email,
    string Team,
    string Seniority,
    IReadOnlyList<string> QualifiedFor,
    IReadOnlyList<string> HiringManagerFor,
    int WeeklyCap,
    DateTimeOffset RegisteredAt,
    string Actor,
    string? TimeZone = null,
    WorkingHours? WorkingHours = null,
    IReadOnlyList<Qualification>? Training = null);

/// <summary>Name, e-mail, team, seniority, hiring-manager roles or weekly cap were revised.</summary>
public sealed record InterviewerProfileRevised(
    Guid InterviewerId,
    string Name,
    string Email,
    string Team,
    string Seniority,
    IReadOnlyList<string> HiringManagerFor,
    int WeeklyCap,
    DateTimeOffset RevisedAt,
    string Actor);

/// <summary>The interviewer's training stage per interview type was set (replaces the previous list).</summary>
public sealed record InterviewerQualificationsAssigned(
    Guid InterviewerId,
    IReadOnlyList<Qualification> Qualifications,
    DateTimeOffset AssignedAt,
    string Actor,
    IReadOnlyList<string>? NewlyQualified = null);

/// <summary>The interviewer declared their zone, working hours and busy blocks (replacing the previous ones).</summary>
public sealed record InterviewerAvailabilityDeclared(
    Guid InterviewerId,
    string TimeZone,
    WorkingHours WorkingHours,
    IReadOnlyList<BusyBlock> BusyBlocks,
    DateTimeOffset DeclaredAt,
    string Actor);

/// <summary>
/// The interviewer's time was taken by an interview, as its interviewer or as a trainee. Appended
/// with the stream version the scheduler read: a concurrent booking of the same person collides.
/// </summary>
public sealed record InterviewerReserved(
    Guid InterviewerId,
    Guid InterviewId,
    Guid LoopId,
    Guid CandidateId,
    string InterviewType,
    string Part,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTimeOffset ReservedAt,
    string Actor);

/// <summary>The interviewer's time for an interview was given back (moved, cancelled, replaced).</summary>
public sealed record InterviewerReservationReleased(
    Guid InterviewerId,
    Guid InterviewId,
    string Reason,
    DateTimeOffset ReleasedAt,
    string Actor);

/// <summary>A trainee sat in on an interview that took place.</summary>
public sealed record TrainingSessionCompleted(
    Guid InterviewerId,
    Guid InterviewId,
    string InterviewType,
    TrainingStage Stage,
    DateTimeOffset CompletedAt,
    string Actor);

/// <summary>A trainee completed the sessions of a stage and moved to the next one.</summary>
public sealed record TrainingStageReached(
    Guid InterviewerId,
    string InterviewType,
    TrainingStage Stage,
    DateTimeOffset ReachedAt,
    string Actor);

/// <summary>One interview type and where the interviewer is with it.</summary>
public sealed record Qualification(string InterviewType, TrainingStage Stage, int SessionsCompleted = 0);

/// <summary>A span in which the interviewer cannot interview (UTC instants).</summary>
public sealed record BusyBlock(DateTimeOffset StartsAt, DateTimeOffset EndsAt);

/// <summary>The interviewer's part in one interview.</summary>
public static class Parts
{
    public const string Interviewer = "interviewer";

    public static string Trainee(TrainingStage stage) => TrainingOptions.Name(stage);
}

/// <summary>The vocabulary scheduling checks requests against.</summary>
public static class SchedulingVocabulary
{
    /// <summary>The interview types of the competency framework (see <see cref="InterviewTypeRules"/>).</summary>
    public static IReadOnlyList<string> InterviewTypes => InterviewTypeRules.Names;

    /// <summary>Seniorities from most junior to most senior.</summary>
    public static readonly IReadOnlyList<string> Seniorities = ["junior", "senior", "staff", "principal"];

    public const string DefaultTimeZone = "UTC";

    /// <summary>Whether <paramref name="seniority"/> is <paramref name="least"/> or more senior (an unknown seniority is not).</summary>
    public static bool IsAtLeast(string seniority, string least)
    {
        var rank = Rank(seniority);
        return rank >= 0 && rank >= Rank(least);
    }

    private static int Rank(string seniority)
    {
        for (var i = 0; i < Seniorities.Count; i++)
        {
            if (Seniorities[i] == seniority)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>An IANA (or Windows) zone id known to this machine, or null.</summary>
    public static TimeZoneInfo? Zone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
}
