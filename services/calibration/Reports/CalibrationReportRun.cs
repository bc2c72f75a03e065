namespace HiringPlatform.Calibration.Reports;

using HiringPlatform.Calibration.Observations;
using HiringPlatform.ServiceDefaults.Http;
using Marten.Events.Aggregation;

/// <summary>An analyst asked for a report over a rating set, as the log stood at <see cref="AsOf"/>, for one window.</summary>
public sealed record ReportRequested(
    Guid ReportId,
    string RatingSet,
    DateTimeOffset AsOf,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    string ConfigVersion,
    string RequestKey,
    DateTimeOffset RequestedAt,
    string Actor);

/// <summary>A worker took the report (a later claim after <see cref="ReportRun.LeaseExpired"/> takes it over).</summary>
public sealed record ReportStarted(Guid ReportId, string Worker, int Attempt, DateTimeOffset StartedAt);

/// <summary>The report was computed; its content is the <see cref="ReportContent"/> document of the same id.</summary>
public sealed record ReportCompleted(
    Guid ReportId,
    string RatingSet,
    DateTimeOffset AsOf,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    string ConfigVersion,
    string InputHash,
    string ReportHash,
    int Flags,
    int ActionableFlags,
    IReadOnlyList<InterviewerFeedback> Feedback,
    DateTimeOffset CompletedAt)
{
    /// <summary>The earlier reports whose stored analysis of the same input gave the previous window's flags (flag
    /// persistence) instead of analysing it again; empty when everything was analysed by this report.</summary>
    public IReadOnlyList<Guid> PersistenceReadFrom { get; init; } = [];
}

/// <summary>The report cannot be computed from its input (e.g. no scorecards in the window); the reason says why.</summary>
public sealed record ReportFailed(Guid ReportId, string Reason, DateTimeOffset FailedAt);

/// <summary>What one interviewer is told after a report on the platform's own history (mapped to InterviewerCalibrationUpdated).</summary>
public sealed record InterviewerFeedback(
    string InterviewerId,
    int Ratings,
    double? Severity,
    double? SeverityLow90,
    double? SeverityHigh90,
    double? PointsVersusPeers,
    string Explanation,
    IReadOnlyList<FeedbackFlag> Flags);

public sealed record FeedbackFlag(string Detector, string? Direction, string? InterviewType, FlagStatus Status, string Reason);

public static class ReportStatus
{
    public const string Requested = "requested";
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Requested, Running, Completed, Failed];
}

/// <summary>A report's lifecycle, the read model of its stream. Inline: requests deduplicate on <see cref="RequestKey"/>, workers claim on it.</summary>
public sealed record ReportRun(
    Guid Id,
    string RatingSet,
    DateTimeOffset AsOf,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    string ConfigVersion,
    string RequestKey,
    DateTimeOffset RequestedAt,
    string RequestedBy,
    string Status,
    int Attempts,
    string? Worker,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    string? InputHash,
    string? ReportHash,
    int? Flags,
    int? ActionableFlags,
    string? FailureReason,
    int Version)
{
    public ReportWindow Window => new(WindowStart, WindowEnd);

    /// <summary>A running report whose worker stopped (crash, deploy) is taken over after this long without completion.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);

    public bool LeaseExpired(DateTimeOffset now) => Status == ReportStatus.Running && StartedAt is { } started && now - started > Lease;
}

public sealed class ReportRunProjection : SingleStreamProjection<ReportRun, Guid>
{
    public static ReportRun Create(ReportRequested e) => new(e.ReportId, e.RatingSet, e.AsOf, e.WindowStart, e.WindowEnd,
        e.ConfigVersion, e.RequestKey, e.RequestedAt, e.Actor, ReportStatus.Requested, 0, null, null, null, null, null, null, null, null, 1);

    public static ReportRun Apply(ReportStarted e, ReportRun run) =>
        run with { Status = ReportStatus.Running, Worker = e.Worker, Attempts = e.Attempt, StartedAt = e.StartedAt, Version = run.Version + 1 };

    public static ReportRun Apply(ReportCompleted e, ReportRun run) =>
        run with
        {
            Status = ReportStatus.Completed, CompletedAt = e.CompletedAt, InputHash = e.InputHash, ReportHash = e.ReportHash,
            Flags = e.Flags, ActionableFlags = e.ActionableFlags, Version = run.Version + 1,
        };

    public static ReportRun Apply(ReportFailed e, ReportRun run) =>
        run with { Status = ReportStatus.Failed, CompletedAt = e.FailedAt, FailureReason = e.Reason, Version = run.Version + 1 };
}

/// <summary>Where a running report is (a document overwritten as it goes, not an event: it is not a business fact).</summary>
public sealed record ReportProgress(Guid Id, string Stage, int Percent, DateTimeOffset UpdatedAt);
