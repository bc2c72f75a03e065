namespace HiringPlatform.Calibration.Engine.Flagging;

/// <summary>
/// Eligibility minima of the detectors (CALIBRATION.md §4.8 table), raised where the detection benchmark measured power
/// below 0.8 at the §4.8 floors: each minimum is about 90% of the median sample, in the detector's own unit, at the
/// smallest benchmarked load where the detector's power for its planted effect reached 0.8 (docs/benchmarks.md,
/// `bench-power`). Below a minimum the detector reports nothing ("insufficient data").
/// </summary>
public sealed record EligibilityConfig
{
    /// <summary>§4.8 floor 30; power for α + 0.8 logit reached 0.8 at about 166 ratings (0.65 at 66).</summary>
    public int SeverityMinRatings { get; init; } = 150;
    public int LinkingCandidatesMin { get; init; } = 10;
    /// <summary>Central tendency (§4.8 floor, power 0.95 or more from about 34 ratings).</summary>
    public int FitMinRatings { get; init; } = 30;

    /// <summary>Inconsistency: §4.8 floor 30; power for 30% random ratings reached 0.8 at about 166 ratings.</summary>
    public int InconsistencyMinRatings { get; init; } = 150;
    public int HaloMinScorecards { get; init; } = 15;
    public int HaloMinCompetencies { get; init; } = 3;
    /// <summary>Group bias: §4.8 floor 10 (also the privacy minimum); power for −0.8 logit reached 0.8 at about 40 per group (0.75 at 34).</summary>
    public int GroupMinPerGroup { get; init; } = 35;
    public int GroupMinCellRatings { get; init; } = 5;
    /// <summary>Outcome disagreement: §4.6 floor 15; power for a contrarian reached 0.8 at about 50 decided candidates.</summary>
    public int OutcomeMinDecisions { get; init; } = 45;
    public int OutcomeMinOtherInterviewers { get; init; } = 2;
    /// <summary>Narrow coverage and cog, per interview type: §4.7 floor 8; the cog's power reached 0.8 at about 16.</summary>
    public int CoverageMinScorecards { get; init; } = 14;
    public int AdverseMinPerGroup { get; init; } = 10;
    public double AdverseMinExpectedPasses { get; init; } = 5;
    public int WeakLinkSharedCandidates { get; init; } = 5;

    /// <summary>Components with fewer ratings are reported but not modelled (their estimates would be noise).</summary>
    public int ComponentMinRatings { get; init; } = 20;
}

/// <summary>Practical-size thresholds: a flag needs statistical significance after BH and an effect at least this large.</summary>
public sealed record PracticalConfig
{
    public double SeverityLogit { get; init; } = 0.5;

    /// <summary>
    /// δ0 of the severity detector's minimum-effect test (H0: |α| ≤ δ0, logits; §4.1 with δ0 = 0 is the z-test against 0): a
    /// severity this small is negligible, so the p-value that BH sees asks for more than a negligible difference. 0.1 logit, a
    /// fifth of <see cref="SeverityLogit"/>: the δ0 sweep (`bench-severity`, docs/benchmarks.md) found the same null FDR and
    /// power for every δ0 from 0 to 0.15 and lost power from 0.2 on (0.73 at 0.25 against 0.85 at 0 for α + 0.8 logit at the
    /// 150-rating minimum), so δ0 stays well below where it costs power. The null FDR itself is held by honest SEs (observed
    /// information, MmlEstimator) and the practical-size check on the EB-shrunk estimate.
    /// </summary>
    public double SeverityNegligibleLogit { get; init; } = 0.1;
    public double FairAveragePoints { get; init; } = 0.25;

    /// <summary>Infit or outfit at or above this is erratic. 1.3 rather than 1.5: a rater answering 30% at random has an expected mean-square near 1.35 (§4.9 erratic rater).</summary>
    public double InfitHigh { get; init; } = 1.3;
    public double InfitLow { get; init; } = 0.7;

    /// <summary>Central tendency: observed share of middle categories minus the model-expected share.</summary>
    public double MiddleShareExcess { get; init; } = 0.15;

    /// <summary>Halo: mean profile SD of the interviewer's scorecards divided by the peer median at most this.</summary>
    public double HaloFlatnessRatio { get; init; } = 0.6;

    /// <summary>Halo: the interviewer's mean inter-competency correlation minus the peers' median at least this (§4.2 item 2) ...</summary>
    public double HaloCorrelationExcess { get; init; } = 0.2;

    /// <summary>... and the interviewer's own mean inter-competency correlation at least this (mfrmr reviews same-rater mean |r| ≥ 0.50).</summary>
    public double HaloCorrelationMin { get; init; } = 0.5;
    public double BiasObsExpPoints { get; init; } = 0.3;
    public double BiasLogit { get; init; } = 0.5;

    /// <summary>Outcome disagreement: the interviewer's disagreement rate with the leave-one-out consensus minus the peer rate.</summary>
    public double OutcomeExcessDisagreement { get; init; } = 0.15;

    /// <summary>Outcome disagreement: peers' median correlation of recommendation with the others' scores minus the interviewer's.</summary>
    public double OutcomeCorrelationDeficit { get; init; } = 0.3;
    public double RangeRestrictionRatio { get; init; } = 0.6;
    public double EvennessJ { get; init; } = 0.6;
    public double PeerEvennessJ { get; init; } = 0.8;
    public double CoverageGap { get; init; } = 0.25;
    public double Fixation { get; init; } = 0.6;
    public double DriverDominancePercentile { get; init; } = 0.9;
    public double ImpactRatioFourFifths { get; init; } = 0.8;
}

/// <summary>All thresholds of the analysis in one versioned record (CALIBRATION.md §7.5). Change <see cref="Version"/> with any value.</summary>
public sealed record CalibrationConfig
{
    public string Version { get; init; } = "calibration-config/2026-11-29.1";
    public double FdrQ { get; init; } = 0.10;
    public EligibilityConfig Eligibility { get; init; } = new();
    public PracticalConfig Practical { get; init; } = new();
    public int BootstrapReplicates { get; init; } = 2000;

    /// <summary>
    /// Parametric-bootstrap replicates for the fit statistics of the inconsistency and central-tendency detectors (§1.4, §4.4);
    /// below 2, the Wilson-Hilferty ZSTD is used instead.
    /// </summary>
    public int FitBootstrapReplicates { get; init; } = 200;

    /// <summary>Permutations of the group labels among an interviewer's candidates for the group-bias test (§4.5); 0 uses the Welch t distribution.</summary>
    public int GroupPermutationDraws { get; init; } = 10_000;
    public ulong Seed { get; init; } = 20261127;

    public static CalibrationConfig Default { get; } = new();
}
