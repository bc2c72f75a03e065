namespace HiringPlatform.Contracts.Calibration;

/// <summary>
/// A calibration report was computed: over which rating set ("platform" or an imported set's id),
/// as the log stood at <see cref="AsOf"/>, for which window and configuration, with the hash of its
/// inputs and of its content (the same request always yields the same hashes). Fetch the report at
/// /api/v1/calibration/reports/{ReportId}. Not about a candidate, so <see cref="CandidateId"/> is empty.
/// </summary>
public sealed record CalibrationReportGenerated(
    Guid EventId,
    Guid ReportId,
    string RatingSet,
    DateTimeOffset AsOf,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    string ConfigVersion,
    string InputHash,
    string ReportHash,
    int Interviewers,
    int Flags,
    int ActionableFlags,
    DateTimeOffset OccurredAt,
    string Actor) : IIntegrationEvent
{
    public Guid CandidateId => Guid.Empty;
}
