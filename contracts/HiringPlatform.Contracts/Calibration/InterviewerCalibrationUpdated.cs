namespace HiringPlatform.Contracts.Calibration;

/// <summary>
/// What calibration currently knows about one interviewer: their severity (many-facet Rasch
/// logits, higher = harsher, with a 90% interval) and the flags that are actionable now, each for
/// an interview type or for every type. Each event replaces the previous one for that
/// interviewer (compare <see cref="OccurredAt"/>). Not about a candidate, so
/// <see cref="CandidateId"/> is empty.
/// </summary>
public sealed record InterviewerCalibrationUpdated(
    Guid EventId,
    Guid InterviewerId,
    SeverityEstimate? Severity,
    IReadOnlyList<CalibrationFlag> Flags,
    DateTimeOffset OccurredAt,
    string Actor) : IIntegrationEvent
{
    public Guid CandidateId => Guid.Empty;
}

/// <summary>Severity in logits (0 = the pool's average rater) with its 90% interval and the ratings behind it.</summary>
public sealed record SeverityEstimate(double Logits, double Lower90, double Upper90, int Ratings);

/// <summary>
/// An actionable flag: the detector that raised it (see <see cref="CalibrationDetectors"/>), the
/// interview type it concerns (null: every type), and the effect in plain language.
/// </summary>
public sealed record CalibrationFlag(string Detector, string? InterviewType, string? Effect = null);

/// <summary>The detector names calibration uses in <see cref="CalibrationFlag.Detector"/>.</summary>
public static class CalibrationDetectors
{
    public const string Severe = "severe";
    public const string Lenient = "lenient";
    public const string CogInAMachine = "cog-in-a-machine";
    public const string Halo = "halo";
    public const string CentralTendency = "central-tendency";
    public const string Inconsistent = "inconsistent";
    public const string LoneDissent = "lone-dissent";
}
