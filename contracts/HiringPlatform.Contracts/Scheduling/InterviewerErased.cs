namespace HiringPlatform.Contracts.Scheduling;

/// <summary>
/// The interviewer's personal data is to be erased: every service masks their name and e-mail wherever it holds them
/// (their registration, the bookings that name them, stored report inputs), and keeps their id, so their ratings still
/// count in calibration under that id.
/// </summary>
public sealed record InterviewerErased(
    Guid EventId,
    Guid InterviewerId,
    string Reason,
    DateTimeOffset OccurredAt,
    string Actor) : IIntegrationEvent
{
    public Guid CandidateId => Guid.Empty;
}
