namespace HiringPlatform.Scheduling.Interviewers;

using Marten.Events.Aggregation;

/// <summary>An interviewer as the API and the scheduler read them. Inline: the scheduler must see every registration.</summary>
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
    int Version);

public sealed class InterviewerDetailsProjection : SingleStreamProjection<InterviewerDetails, Guid>
{
    public static InterviewerDetails Create(InterviewerRegistered registered) =>
        new(registered.InterviewerId, registered.Name, registered.Email, registered.Team, registered.Seniority,
            registered.QualifiedFor, registered.HiringManagerFor, registered.WeeklyCap, registered.RegisteredAt, 1);
}
