using HiringPlatform.Calibration.Engine.Flagging;

namespace HiringPlatform.Calibration.Engine.Reports;

/// <summary>The JSON report (schema documented in services/calibration-engine/README.md). Absent (null) means "not estimable".</summary>
public sealed record CalibrationReport(
    string SchemaVersion,
    string ConfigVersion,
    InputSummary Input,
    IReadOnlyList<InterviewerReport> Interviewers,
    IReadOnlyList<ComponentReport> Components,
    IReadOnlyList<FacetElementReport> Competencies,
    IReadOnlyList<FacetElementReport> InterviewTypes,
    ReliabilitySection Reliability,
    IReadOnlyList<DetectorSummary> Detectors,
    IReadOnlyList<ImpactReport> AdverseImpact,
    IReadOnlyList<string> Warnings,
    CalibrationConfig Config);

public sealed record InputSummary(string Scale, int Ratings, int Scorecards, int Candidates, int Interviewers, int Competencies, int InterviewTypes, bool Recommendations, bool ProbeShares, bool Decisions, bool Groups, IReadOnlyDictionary<string, string> Blueprints, string Sha256);

public sealed record InterviewerReport(
    string Id,
    int ComponentId,
    int Ratings,
    int Scorecards,
    int LinkingCandidates,
    double? Severity,
    double? SeveritySe,
    double? SeverityLow90,
    double? SeverityHigh90,
    double? SeverityShrunk,
    double? FairAverage,
    double? FairAverageDifference,
    double? Infit,
    double? InfitZstd,
    double? Outfit,
    double? OutfitZstd,
    double? JmleSeverity,
    double? AdditiveEffect,
    double? AdditiveSe,
    double? AdditiveShrunk,
    string Explanation,
    IReadOnlyList<FlagReport> Flags,
    IReadOnlyList<InteractionReport> Interactions)
{
    /// <summary>The interviewer's display name when the input carries one (interviewer_name; the platform: InterviewerRegistered as of the report's moment).</summary>
    public string? Name { get; init; }

    /// <summary>One answer per detector (and interview type, for per-type detectors): flagged, no evidence with the minimum detectable effect, not enough data with what is missing, or not run.</summary>
    public IReadOnlyList<DetectorAnswer> Detectors { get; init; } = [];
}

/// <summary>
/// A detector's answer for one interviewer. Status: <c>flagged</c>; <c>no-evidence</c> (tested, not flagged; with the minimum
/// detectable effect at this sample in <see cref="Unit"/> when it can be computed); <c>not-enough-data</c> (below the
/// detector's floor: <see cref="Missing"/> says what is missing); <c>not-run</c> (the input lacks what the detector needs).
/// <see cref="Window"/> is absent for the report's own window and names the longer look-back when the answer comes from it.
/// </summary>
public sealed record DetectorAnswer(string Detector, string? Scope, string Status, double? MinimumDetectableEffect, string? Unit, int? N, string? Missing, string Statement)
{
    /// <summary>The tested effect (in <see cref="EstimateUnit"/>, the flag's effect unit) and its p- and BH q-value, when tested.</summary>
    public double? Estimate { get; init; }

    public string? EstimateUnit { get; init; }

    public double? PValue { get; init; }

    public double? QValue { get; init; }

    public string? Window { get; init; }
}

/// <summary>A notable interviewer x competency interaction (JMLE bias term, §1.6): |t| ≥ 2 and |Obs−Exp| ≥ 0.3 points, n ≥ 10.</summary>
public sealed record InteractionReport(string Competency, int N, double? Bias, double? Se, double? T, double? ObsExpAverage);

public sealed record FlagReport(string Detector, string? Direction, double Effect, string EffectUnit, double? ShrunkEffect, double PValue, double QValue, int N, string? Scope, string Reason, IReadOnlyList<string> Evidence)
{
    /// <summary>Absent for the report's own window; the look-back window's description when the flag comes from it.</summary>
    public string? Window { get; init; }
}

public sealed record ComponentReport(
    int Id,
    int Interviewers,
    int Candidates,
    int Ratings,
    bool Modelled,
    int? MmlIterations,
    bool? MmlConverged,
    double? Deviance,
    double? AbilityMean,
    double? AbilitySd,
    IReadOnlyList<double>? Thresholds,
    int? JmleSweeps,
    bool? JmleConverged,
    IReadOnlyList<int>? CategoryCounts,
    FacetSummaryReport? InterviewerSeparation,
    FacetSummaryReport? CompetencySeparation,
    FacetSummaryReport? CandidateSeparation,
    double? FiedlerValue,
    IReadOnlyList<string> WeakLinks);

public sealed record FacetSummaryReport(int Count, double? ObservedSd, double? Rmse, double? TrueSd, double? Separation, double? Strata, double? Reliability, double? FixedChiSquare, int FixedDf, double? FixedP);

public sealed record FacetElementReport(string Id, int ComponentId, int Ratings, double? Measure, double? Se);

public sealed record ReliabilitySection(
    double? Icc1,
    IReadOnlyList<double>? Icc1Ci95,
    double? Icc1AfterCalibration,
    IReadOnlyList<double>? Icc1AfterCalibrationCi95,
    double? AlphaOrdinal,
    IReadOnlyList<double>? AlphaOrdinalCi95,
    IccFormsReport? CompleteDesign,
    IReadOnlyList<CompetencyReliabilityReport> Competencies,
    int BootstrapReplicates,
    ulong Seed);

public sealed record IccFormsReport(double? Icc1, double? Icc2, double? Icc3, double? Icc1k, double? Icc2k, double? Icc3k, int Targets, int Raters);

public sealed record CompetencyReliabilityReport(string Competency, int Candidates, int Ratings, double? Icc1, IReadOnlyList<double>? Icc1Ci95, double? AlphaOrdinal, IReadOnlyList<double>? AlphaOrdinalCi95);

public sealed record DetectorSummary(string Detector, int Tested, int Flagged, bool Ran, string? NotRunBecause);

public sealed record ImpactReport(string Scope, string FocalGroup, string ReferenceGroup, int FocalN, int FocalPass, int ReferenceN, int ReferencePass, double? ImpactRatio, double? ImpactRatioLow95, double? ImpactRatioHigh95, double? ZDifference, double? ZLogRatio, double? FisherMidP, double? Shortfall, bool FourFifthsRule, bool FlipFlop);
