namespace HiringPlatform.Calibration.Engine.Flagging;

/// <summary>
/// Eligibility minima: the samples below which a detector's statistic cannot be estimated with a standard error that means
/// something (docs/calibration-method.md, "Floors"). They are gates for estimability, not for power: false discoveries are
/// held by Benjamini-Hochberg per family and by the practical-size rules, and every interviewer who clears a floor gets a
/// test and, when not flagged, the minimum detectable effect at their sample. Below a floor the interviewer's answer is
/// "not enough data" with what is missing.
/// </summary>
public sealed record EligibilityConfig
{
    /// <summary>Severity: ratings by the interviewer (mfrmr's 30 per element; Linacre: 27-61 for ±1 logit at 95%).</summary>
    public int SeverityMinRatings { get; init; } = 30;

    /// <summary>Severity: candidates the interviewer shares with another interviewer (without them the severity is not linked to the others').</summary>
    public int LinkingCandidatesMin { get; init; } = 10;

    /// <summary>Central tendency: ratings by the interviewer.</summary>
    public int FitMinRatings { get; init; } = 30;

    /// <summary>Inconsistency: ratings by the interviewer (the fit mean-squares' floor).</summary>
    public int InconsistencyMinRatings { get; init; } = 30;

    /// <summary>Halo: scorecards rating at least <see cref="HaloMinCompetencies"/> competencies.</summary>
    public int HaloMinScorecards { get; init; } = 15;

    /// <summary>Halo: competencies a scorecard must rate to have a profile.</summary>
    public int HaloMinCompetencies { get; init; } = 3;

    /// <summary>Halo: peers' profiles (other interviewers' scorecards of the same interview types) needed for a reference median.</summary>
    public int HaloMinPeerScorecards { get; init; } = 10;

    /// <summary>Halo: interviewers with a within-interviewer correlation needed for the correlation signal's peer reference.</summary>
    public int HaloMinPeerInterviewers { get; init; } = 5;

    /// <summary>Halo: scorecards rating both competencies of a pair for the pair's Spearman correlation to count.</summary>
    public int HaloMinPairScorecards { get; init; } = 5;

    /// <summary>Group bias: the interviewer's candidates in each compared group (also the privacy minimum).</summary>
    public int GroupMinPerGroup { get; init; } = 10;

    /// <summary>Group bias: ratings in each (interviewer, group) cell.</summary>
    public int GroupMinCellRatings { get; init; } = 5;

    /// <summary>Outcome disagreement: decided candidates the interviewer saw together with <see cref="OutcomeMinOtherInterviewers"/> others.</summary>
    public int OutcomeMinDecisions { get; init; } = 15;

    /// <summary>Outcome disagreement: other interviewers of the same candidate needed for a leave-one-out consensus.</summary>
    public int OutcomeMinOtherInterviewers { get; init; } = 2;

    /// <summary>Outcome disagreement: peers with a recommendation-evidence correlation needed for the correlation signal.</summary>
    public int OutcomeMinPeerInterviewers { get; init; } = 5;

    /// <summary>Narrow coverage and cog: the interviewer's scorecards of the interview type.</summary>
    public int CoverageMinScorecards { get; init; } = 8;

    /// <summary>Narrow coverage: peers' scorecards of the type with probe shares needed for the evenness test.</summary>
    public int CoverageMinPeerScorecards { get; init; } = 5;

    /// <summary>Cog: the interviewer's ratings of the fixated competency needed for the narrow-harshness bias term.</summary>
    public int CogMinFixatedRatings { get; init; } = 5;

    /// <summary>Cog: peers with a driver correlation needed for the driver-dominance percentile.</summary>
    public int CogMinPeerInterviewers { get; init; } = 5;

    /// <summary>Adverse impact: the interviewer's recommendations in each compared group.</summary>
    public int AdverseMinPerGroup { get; init; } = 10;

    /// <summary>Adverse impact: expected passes in the focal group (below it the mid-p test has no meaning; §5 of the method).</summary>
    public double AdverseMinExpectedPasses { get; init; } = 5;

    /// <summary>Interviewers sharing fewer candidates with others are listed as weak links of their component.</summary>
    public int WeakLinkSharedCandidates { get; init; } = 5;

    /// <summary>Components with fewer ratings are reported but not modelled (their estimates would be noise).</summary>
    public int ComponentMinRatings { get; init; } = 20;

    /// <summary>Rating categories observed fewer times than this get a warning (Linacre's minimum for stable thresholds).</summary>
    public int CategoryMinCount { get; init; } = 10;

    /// <summary>Interviewer x competency interactions are listed when the cell has at least this many ratings ...</summary>
    public int InteractionMinRatings { get; init; } = 10;
}

/// <summary>Practical-size thresholds: a flag needs statistical significance after BH and an effect at least this large.</summary>
public sealed record PracticalConfig
{
    /// <summary>
    /// Severity of practical size, logits. The severity test is a minimum-effect test of H0: |α| ≤ this on the unshrunk MML
    /// estimate with its observed-information SE, so a flag means "severity beyond 0.5 logit" at level q after BH, at any
    /// sample size (the empirical-Bayes shrinkage is for display and ranking only: with a tight prior it pulls a real
    /// 1.3-logit severity at 100 ratings below 0.5, which is what switched the detector off before).
    /// </summary>
    public double SeverityLogit { get; init; } = 0.5;

    /// <summary>Severity: a fair-average difference (rating points for an average candidate) this large also counts as practical.</summary>
    public double FairAveragePoints { get; init; } = 0.25;

    /// <summary>Infit or outfit at or above this is erratic. 1.3 rather than 1.5: a rater answering 30% at random has an expected mean-square near 1.35.</summary>
    public double InfitHigh { get; init; } = 1.3;

    /// <summary>Infit and outfit both below this is muted (central tendency, overfit).</summary>
    public double InfitLow { get; init; } = 0.7;

    /// <summary>Central tendency: observed share of middle categories minus the model-expected share.</summary>
    public double MiddleShareExcess { get; init; } = 0.15;

    /// <summary>Halo: mean profile SD of the interviewer's scorecards divided by the peer median at most this.</summary>
    public double HaloFlatnessRatio { get; init; } = 0.6;

    /// <summary>Halo: the interviewer's mean inter-competency correlation minus the peers' median at least this ...</summary>
    public double HaloCorrelationExcess { get; init; } = 0.2;

    /// <summary>... and the interviewer's own mean inter-competency correlation at least this (mfrmr reviews same-rater mean |r| ≥ 0.50).</summary>
    public double HaloCorrelationMin { get; init; } = 0.5;

    /// <summary>Bias terms (group bias, cog, listed interactions): |observed − expected| average at least this many rating points ...</summary>
    public double BiasObsExpPoints { get; init; } = 0.3;

    /// <summary>... or a bias contrast of at least this many logits (group bias).</summary>
    public double BiasLogit { get; init; } = 0.5;

    /// <summary>Listed interviewer x competency interactions: |t| at least this (descriptive, no BH).</summary>
    public double InteractionMinAbsT { get; init; } = 2;

    /// <summary>Outcome disagreement: the interviewer's disagreement rate with the leave-one-out consensus minus the peer rate.</summary>
    public double OutcomeExcessDisagreement { get; init; } = 0.15;

    /// <summary>Outcome disagreement: peers' median correlation of recommendation with the others' scores minus the interviewer's.</summary>
    public double OutcomeCorrelationDeficit { get; init; } = 0.3;

    /// <summary>Range restriction: the interviewer's rating SD over the peers' at most this (reported, §4.3).</summary>
    public double RangeRestrictionRatio { get; init; } = 0.6;

    /// <summary>Narrow coverage: mean probe evenness (Pielou's J) at most this ...</summary>
    public double EvennessJ { get; init; } = 0.6;

    /// <summary>... while the peers' median evenness is at least this.</summary>
    public double PeerEvennessJ { get; init; } = 0.8;

    /// <summary>Narrow coverage: mean blueprint coverage at least this far below the peers' median.</summary>
    public double CoverageGap { get; init; } = 0.25;

    /// <summary>Cog: share of the type's scorecards whose top topic is the same competency.</summary>
    public double Fixation { get; init; } = 0.6;

    /// <summary>Cog: driver dominance means a recommendation-rating correlation above this percentile of the peers'.</summary>
    public double DriverDominancePercentile { get; init; } = 0.9;

    /// <summary>Adverse impact: impact ratio below this (UGESP four-fifths rule).</summary>
    public double ImpactRatioFourFifths { get; init; } = 0.8;

    /// <summary>Adverse impact, organisation level: the significance level of the flip-flop check ...</summary>
    public double FlipFlopAlpha { get; init; } = 0.05;

    /// <summary>... and how many more focal passes it adds (Biddle: "if just two more persons ... would have passed").</summary>
    public int FlipFlopExtraPasses { get; init; } = 2;
}

/// <summary>All thresholds of the analysis in one versioned record (docs/calibration-method.md, "Configuration"). Change <see cref="Version"/> with any value.</summary>
public sealed record CalibrationConfig
{
    public string Version { get; init; } = "calibration-config/2026-12-07.1";

    /// <summary>Benjamini-Hochberg level per detector family.</summary>
    public double FdrQ { get; init; } = 0.10;

    /// <summary>The power at which the minimum detectable effect is stated ("would have been flagged with probability 0.8").</summary>
    public double MdePower { get; init; } = 0.8;

    /// <summary>Coverage of the severity intervals in the report (severityLow90/High90 and the shrunk interval).</summary>
    public double IntervalLevel { get; init; } = 0.90;

    /// <summary>
    /// Months of history before a report's window end analysed for interviewers who are below a detector's floor in the window
    /// (evidence that accumulates); 0 turns the look-back off. The platform's reports use it; the engine reports it.
    /// </summary>
    public int LookbackMonths { get; init; } = 12;
    public EligibilityConfig Eligibility { get; init; } = new();
    public PracticalConfig Practical { get; init; } = new();

    /// <summary>Candidate-cluster bootstrap replicates for the reliability intervals.</summary>
    public int BootstrapReplicates { get; init; } = 2000;

    /// <summary>
    /// Parametric-bootstrap replicates for the fit statistics of the inconsistency and central-tendency detectors;
    /// below 2, the Wilson-Hilferty ZSTD is used instead.
    /// </summary>
    public int FitBootstrapReplicates { get; init; } = 200;

    /// <summary>Seed of every random draw of the analysis (bootstraps): same input, same report.</summary>
    public ulong Seed { get; init; } = 20261127;

    public static CalibrationConfig Default { get; } = new();
}
