namespace HiringPlatform.Calibration.Dashboard;

using HiringPlatform.Calibration.Reports;

/// <summary>Everything the analyst dashboard of one stored report shows (rendered by <see cref="DashboardPage.Render"/>).</summary>
public sealed record DashboardModel(
    Guid ReportId, string RatingSet, DateTimeOffset AsOf, DateTimeOffset WindowStart, DateTimeOffset WindowEnd,
    string ConfigVersion, string InputHash, DateTimeOffset GeneratedAt,
    HiringPlatform.Calibration.Engine.Reports.CalibrationReport Report,
    IReadOnlyList<FlagState> Flags,
    CoverageMatrix Coverage,
    IReadOnlyList<WhatIfCandidate> WhatIf,
    ReportReader Reader);

/// <summary>A flag with its persistence status (<see cref="FlagStatus"/>).</summary>
public sealed record FlagState(string InterviewerId, string Detector, string? Direction, string? Scope, FlagStatus Status, string Reason, double Effect, double QValue, IReadOnlyList<EvidenceLink> Evidence)
{
    /// <summary>The interviewer's name as registered at the report's moment (or from the rating set's interviewer_name), when known.</summary>
    public string? InterviewerName { get; init; }

    /// <summary>Absent when the flag comes from the report's window; the look-back window's description when it comes from the longer look-back.</summary>
    public string? Window { get; init; }
}

public sealed record EvidenceLink(string Label, string Href);

/// <summary>A candidate whose decision would flip if scores were adjusted for the severity of the interviewers they got.</summary>
public sealed record WhatIfCandidate(string CandidateId, string Decision, double RawScore, double AdjustedScore, double AdjustedLow90, double AdjustedHigh90, bool Flips);
