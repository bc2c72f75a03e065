namespace HiringPlatform.Scheduling.Interviewers;

using HiringPlatform.ServiceDefaults.Http;
using JasperFx.Events;
using Marten;
using Marten.Events.Aggregation;
using Marten.Events.Projections;

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
    [property: ClosedSet(typeof(SchedulingVocabulary), nameof(SchedulingVocabulary.Seniorities))] string Seniority,
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

    public DateTimeOffset? ErasedAt { get; init; }

    public string? ErasedBy { get; init; }

    public string? ErasureReason { get; init; }
}

/// <summary>An interview that holds the interviewer's time.</summary>
public sealed record Reservation(
    Guid InterviewId,
    Guid LoopId,
    Guid CandidateId,
    string InterviewType,
    string Part,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt)
{
    /// <summary>The interviewer stream's version at the booking: writes to one stream are serialized, so it orders the list without gaps.</summary>
    public long Position { get; init; }

    public DateTimeOffset ReservedAt { get; init; }
}

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

    /// <summary>Erased: name and e-mail masked as the events are (see EraseInterviewer), off the rota, the erasure's audit kept.</summary>
    public static InterviewerDetails Apply(InterviewerErasureRecorded erased, InterviewerDetails details) =>
        details with
        {
            Name = HiringPlatform.ServiceDefaults.Erasure.ErasureScope.Masked,
            Email = HiringPlatform.ServiceDefaults.Erasure.ErasureScope.Masked,
            WeeklyCap = 0,
            ErasedAt = erased.ErasedAt,
            ErasedBy = erased.Actor,
            ErasureReason = erased.Reason,
            Version = details.Version + 1,
        };

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
                    reserved.Part, reserved.StartsAt, reserved.EndsAt) { Position = details.Version + 1, ReservedAt = reserved.ReservedAt })
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

/// <summary>
/// Where each interviewer stands in the interviewers' change feed: the sequence of the last event on
/// their stream. Async: the daemon applies events in sequence order up to the high-water mark, so a
/// cursor over the position neither skips nor repeats an interviewer under concurrent writes.
/// </summary>
public sealed record InterviewerFeedEntry(Guid Id, long Position, DateTimeOffset UpdatedAt);

public sealed partial class InterviewerFeedProjection : EventProjection
{
    public static void Project(IEvent<InterviewerRegistered> e, IDocumentOperations operations) => Touch(e, operations);

    public static void Project(IEvent<InterviewerProfileRevised> e, IDocumentOperations operations) => Touch(e, operations);

    public static void Project(IEvent<InterviewerErasureRecorded> e, IDocumentOperations operations) => Touch(e, operations);

    public static void Project(IEvent<InterviewerQualificationsAssigned> e, IDocumentOperations operations) => Touch(e, operations);

    public static void Project(IEvent<InterviewerAvailabilityDeclared> e, IDocumentOperations operations) => Touch(e, operations);

    public static void Project(IEvent<InterviewerReserved> e, IDocumentOperations operations) => Touch(e, operations);

    public static void Project(IEvent<InterviewerReservationReleased> e, IDocumentOperations operations) => Touch(e, operations);

    public static void Project(IEvent<TrainingSessionCompleted> e, IDocumentOperations operations) => Touch(e, operations);

    public static void Project(IEvent<TrainingStageReached> e, IDocumentOperations operations) => Touch(e, operations);

    private static void Touch(IEvent e, IDocumentOperations operations) =>
        operations.Store(new InterviewerFeedEntry(e.StreamId, e.Sequence, e.Timestamp));
}
