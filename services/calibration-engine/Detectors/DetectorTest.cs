namespace HiringPlatform.Calibration.Engine.Detectors;

/// <summary>Detector names as they appear in the report.</summary>
public static class DetectorNames
{
    public const string Severe = "severe";
    public const string Lenient = "lenient";
    public const string Halo = "halo";
    public const string CentralTendency = "central-tendency";
    public const string Inconsistent = "inconsistent";
    public const string GroupBias = "group-bias";
    public const string OutcomeDisagreement = "outcome-disagreement";
    public const string NarrowCoverage = "narrow-coverage";
    public const string CogInAMachine = "cog-in-a-machine";
    public const string AdverseImpact = "adverse-impact";

    /// <summary>The multiplicity family: severe and lenient are two directions of one test.</summary>
    public static string Family(string detector) => detector is Severe or Lenient ? "severity" : detector;
}

/// <summary>
/// One eligible test of one interviewer by one detector: the effect in the detector's native unit, its p-value, whether the
/// effect passes the practical-size threshold, and a plain-language reason. Flagging (BH, q) happens afterwards.
/// </summary>
public sealed record DetectorTest(
    string Detector,
    int Interviewer,
    string? Direction,
    double Effect,
    string EffectUnit,
    double P,
    bool Practical,
    string Reason,
    int N,
    double? Shrunk = null,
    string? Scope = null)
{
    /// <summary>For composite detectors (cog-in-a-machine): flag even without significance of this test's own p.</summary>
    public bool FlagWithoutSignificance { get; init; }

    /// <summary>For composite detectors: the conditions that must hold besides significance.</summary>
    public bool Prerequisite { get; init; } = true;
}

/// <summary>A test after BH: q-value and whether it is flagged.</summary>
public sealed record DetectorOutcome(DetectorTest Test, double Q, bool Flagged);
