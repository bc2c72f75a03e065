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

    /// <summary>How large an effect this test would have flagged (the minimum detectable effect); null when not computable.</summary>
    public Detectable? Detectable { get; init; }
}

/// <summary>
/// The minimum detectable effect of one test: <see cref="At"/> maps the per-test significance level to the smallest effect
/// (in <see cref="Unit"/>, as a magnitude, or as a bound from below when <see cref="AtMost"/>) that the test would reject
/// with the configured power (<see cref="Flagging.CalibrationConfig.MdePower"/>) and that also passes the practical-size
/// rule. The level is the BH threshold of a lone discovery in the family, q / m (docs/calibration-method.md, "Minimum
/// detectable effect").
/// </summary>
/// <param name="What">What the effect is, for the sentence ("a severity", "an infit").</param>
/// <param name="Sample">The sample it was computed at, with its unit ("96 ratings").</param>
public sealed record Detectable(Func<double, double> At, string Unit, string What, string Sample, bool AtMost = false);

/// <summary>An interviewer (and interview type, for per-type detectors) below a detector's floor: what is missing.</summary>
public sealed record NotEnoughData(string Detector, int Interviewer, string? Scope, string Missing)
{
    /// <summary>Not a shortage of data: the detector's prerequisite was tested and not met (cog without narrow coverage), so the answer is "no evidence".</summary>
    public bool PrerequisiteNotMet { get; init; }
}

/// <summary>A test after BH: q-value, whether it is flagged, and the minimum detectable effect at the family's level (NaN when not computable).</summary>
public sealed record DetectorOutcome(DetectorTest Test, double Q, bool Flagged)
{
    public double MinimumDetectableEffect { get; init; } = double.NaN;
}
