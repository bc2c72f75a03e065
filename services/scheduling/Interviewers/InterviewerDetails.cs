namespace HiringPlatform.Scheduling.Interviewers;

using Marten.Events.Aggregation;

/// <summary>
/// An interviewer as the API and the scheduler read them, with the interviews that hold their
/// time. Inline: the scheduler must see every registration and every booking, and the version
/// is the one a booking appends against.
/// </summary>
public sealed record InterviewerDetails(
    Guid Id,
    string Name,
    string Email,
    string Team,
    string Seniority,
    IReadOnlyList<string> QualifiedFor,
    IReadOnlyList<string> HiringManagerFor,
    int WeeklyCap,
    DateTimeOffset RegisteredAt,
    int Version)
{
    public string TimeZone { get; init; } = SchedulingVocabulary.DefaultTimeZone;

    public WorkingHours WorkingHours { get; init; } = WorkingHours.Default;

    public IReadOnlyList<BusyBlock> BusyBlocks { get; init; } = [];

    public IReadOnlyList<Qualification> Qualifications { get; init; } = [];

    public IReadOnlyList<Reservation> Reservations { get; init; } = [];
}

/// <summary>An interview that holds the interviewer's time.</summary>
public sealed record Reservation(
    Guid InterviewId,
    Guid LoopId,
    Guid CandidateId,
    string InterviewType,
    string Part,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt);

public sealed class InterviewerDetailsProjection : SingleStreamProjection<InterviewerDetails, Guid>
{
    public static InterviewerDetails Create(InterviewerRegistered registered)
    {
        var qualifications = registered.QualifiedFor.Select(type => new Qualification(type, TrainingStage.Qualified))
            .Concat((registered.Training ?? []).Where(t => !registered.QualifiedFor.Contains(t.InterviewType)))
            .ToList();
        return new InterviewerDetails(registered.InterviewerId, registered.Name, registered.Email, registered.Team,
            registered.Seniority, QualifiedFor(qualifications), registered.HiringManagerFor, registered.WeeklyCap,
            registered.RegisteredAt, 1)
        {
            TimeZone = registered.TimeZone ?? SchedulingVocabulary.DefaultTimeZone,
            WorkingHours = registered.WorkingHours ?? WorkingHours.Default,
            Qualifications = qualifications,
        };
    }

    public static InterviewerDetails Apply(InterviewerProfileRevised revised, InterviewerDetails details) =>
        details with
        {
            Name = revised.Name,
            Email = revised.Email,
            Team = revised.Team,
            Seniority = revised.Seniority,
            HiringManagerFor = revised.HiringManagerFor,
            WeeklyCap = revised.WeeklyCap,
            Version = details.Version + 1,
        };

    public static InterviewerDetails Apply(InterviewerQualificationsAssigned assigned, InterviewerDetails details) =>
        details with
        {
            Qualifications = assigned.Qualifications,
            QualifiedFor = QualifiedFor(assigned.Qualifications),
            Version = details.Version + 1,
        };

    public static InterviewerDetails Apply(InterviewerAvailabilityDeclared declared, InterviewerDetails details) =>
        details with
        {
            TimeZone = declared.TimeZone,
            WorkingHours = declared.WorkingHours,
            BusyBlocks = declared.BusyBlocks,
            Version = details.Version + 1,
        };

    public static InterviewerDetails Apply(InterviewerReserved reserved, InterviewerDetails details) =>
        details with
        {
            Reservations = details.Reservations.Where(r => r.InterviewId != reserved.InterviewId)
                .Append(new Reservation(reserved.InterviewId, reserved.LoopId, reserved.CandidateId, reserved.InterviewType,
                    reserved.Part, reserved.StartsAt, reserved.EndsAt))
                .OrderBy(r => r.StartsAt)
                .ToList(),
            Version = details.Version + 1,
        };

    public static InterviewerDetails Apply(InterviewerReservationReleased released, InterviewerDetails details) =>
        details with
        {
            Reservations = details.Reservations.Where(r => r.InterviewId != released.InterviewId).ToList(),
            Version = details.Version + 1,
        };

    public static InterviewerDetails Apply(TrainingSessionCompleted completed, InterviewerDetails details) =>
        details with
        {
            Qualifications = details.Qualifications
                .Select(q => q.InterviewType == completed.InterviewType && q.Stage == completed.Stage
                    ? q with { SessionsCompleted = q.SessionsCompleted + 1 }
                    : q)
                .ToList(),
            Version = details.Version + 1,
        };

    public static InterviewerDetails Apply(TrainingStageReached reached, InterviewerDetails details)
    {
        var qualifications = details.Qualifications
            .Select(q => q.InterviewType == reached.InterviewType ? new Qualification(q.InterviewType, reached.Stage) : q)
            .ToList();
        return details with
        {
            Qualifications = qualifications,
            QualifiedFor = QualifiedFor(qualifications),
            Version = details.Version + 1,
        };
    }

    private static List<string> QualifiedFor(IEnumerable<Qualification> qualifications) =>
        qualifications.Where(q => q.Stage == TrainingStage.Qualified).Select(q => q.InterviewType).ToList();
}
