namespace HiringPlatform.Calibration.Reports;

using System.Text.Json;
using System.Text.Json.Nodes;
using HiringPlatform.Calibration.Dashboard;
using HiringPlatform.Calibration.Engine.Reports;
using HiringPlatform.Calibration.Observations;
using HiringPlatform.ServiceDefaults.Http;

/// <summary>
/// A computed report's content (a document: derived, recomputable from the log; the stream says when and how it was
/// made). The engine's report and the input files, which grow with the window, are rows of <see cref="ReportFiles"/>.
/// </summary>
public sealed record ReportContent(
    Guid Id,
    SeasonNotes Notes,
    IReadOnlyList<FlagState> Flags,
    WhatIfResult WhatIf,
    IReadOnlyList<InterviewerFeedback> Feedback,
    CoverageMatrix Coverage);

public sealed record ReportProgressView(string Stage, int Percent, DateTimeOffset UpdatedAt);

public sealed record ReportLinks(string Self, string Dashboard, string Input);

public sealed record ReportStatusView(
    Guid Id,
    string RatingSet,
    DateTimeOffset AsOf,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    string ConfigVersion,
    [property: ClosedSet(typeof(ReportStatus))] string Status,
    ReportProgressView? Progress,
    DateTimeOffset RequestedAt,
    string RequestedBy,
    DateTimeOffset? CompletedAt,
    string? InputHash,
    string? ReportHash,
    int? Flags,
    int? ActionableFlags,
    string? FailureReason,
    ReportLinks Links);

/// <summary>A completed report as one reader may see it.</summary>
public sealed record ReportView(
    ReportStatusView Summary,
    SeasonNotes Notes,
    IReadOnlyList<FlagState> Flags,
    WhatIfResult WhatIf,
    JsonNode Report,
    bool ComplianceSections);

public sealed record SeverityMove(string InterviewerId, double? Before, double? After, double? Change);

public sealed record ReportComparison(
    Guid From,
    Guid To,
    IReadOnlyList<FlagState> Appeared,
    IReadOnlyList<FlagState> Disappeared,
    IReadOnlyList<FlagState> Persisted,
    IReadOnlyList<SeverityMove> Severities);

/// <summary>Views of reports and the access rule on their content (§7 of the issue, docs/calibration-method.md §4.5 and §5).</summary>
public static class ReportViews
{
    private static readonly JsonSerializerOptions EngineJson = new(JsonSerializerDefaults.Web);

    public static ReportStatusView Status(ReportRun run, ReportProgress? progress) =>
        new(run.Id, run.RatingSet, run.AsOf, run.WindowStart, run.WindowEnd, run.ConfigVersion, run.Status,
            progress is null || run.Status is ReportStatus.Completed or ReportStatus.Failed ? null : new ReportProgressView(progress.Stage, progress.Percent, progress.UpdatedAt),
            run.RequestedAt, run.RequestedBy, run.CompletedAt, run.InputHash, run.ReportHash, run.Flags, run.ActionableFlags, run.FailureReason,
            new ReportLinks($"/api/v1/calibration/reports/{run.Id}", $"/api/v1/calibration/reports/{run.Id}/dashboard",
                $"/api/v1/calibration/reports/{run.Id}/input/ratings.csv"));

    /// <summary>
    /// The report as <paramref name="reader"/> may see it (<see cref="ReportReader"/>): without the group findings, the
    /// input's groups and the what-if's impact for a reader without compliance. The engine reports aggregates only and
    /// group flags carry no evidence links, so nothing about groups is per candidate.
    /// </summary>
    public static ReportView View(ReportRun run, ReportContent content, string reportJson, ReportReader reader)
    {
        var report = JsonNode.Parse(reportJson)!;
        var flags = reader.Visible(content.Flags);
        var whatIf = content.WhatIf;
        if (!reader.SeesGroupFindings)
        {
            var root = report.AsObject();
            root.Remove("adverseImpact");
            root["input"]?.AsObject().Remove("groups");
            if (root["detectors"] is JsonArray detectors)
            {
                foreach (var d in detectors.Where(d => !reader.Sees((string?)d?["detector"] ?? "")).ToList())
                {
                    detectors.Remove(d);
                }
            }
            if (root["interviewers"] is JsonArray interviewers)
            {
                foreach (var interviewer in interviewers)
                {
                    // Flags and answers alike: even "no evidence" about group bias is a group finding.
                    foreach (var property in new[] { "flags", "detectors" })
                    {
                        if (interviewer?[property] is JsonArray list)
                        {
                            foreach (var f in list.Where(f => !reader.Sees((string?)f?["detector"] ?? "")).ToList())
                            {
                                list.Remove(f);
                            }
                        }
                    }
                }
            }
            whatIf = whatIf with { Impact = [], SuppressedGroups = 0 };
        }

        return new ReportView(Status(run, null), content.Notes, flags, whatIf, report, reader.SeesGroupFindings);
    }

    /// <summary>The dashboard of a completed report for this reader (the page asks the same reader what to show).</summary>
    public static DashboardModel Dashboard(ReportRun run, ReportContent content, string reportJson, ReportReader reader) =>
        new(run.Id, run.RatingSet, run.AsOf, run.WindowStart, run.WindowEnd, run.ConfigVersion, run.InputHash ?? "", run.CompletedAt ?? run.RequestedAt,
            Engine(reportJson), reader.Visible(content.Flags), content.Coverage, content.WhatIf.Candidates, reader);

    public static CalibrationReport Engine(string reportJson) =>
        JsonSerializer.Deserialize<CalibrationReport>(reportJson, EngineJson)!;

    /// <summary>What changed from one report to another: flags by (interviewer, detector, scope), and each interviewer's severity.</summary>
    public static ReportComparison Compare(Guid fromId, ReportContent from, string fromJson, Guid toId, ReportContent to, string toJson, ReportReader reader)
    {
        static (string, string, string?) Key(FlagState f) => (f.InterviewerId, f.Detector, f.Scope);
        var before = reader.Visible(from.Flags).ToDictionary(Key);
        var after = reader.Visible(to.Flags).ToDictionary(Key);
        var severityBefore = Engine(fromJson).Interviewers.ToDictionary(i => i.Id, i => i.Severity, StringComparer.Ordinal);
        var severityAfter = Engine(toJson).Interviewers.ToDictionary(i => i.Id, i => i.Severity, StringComparer.Ordinal);
        var moves = severityBefore.Keys.Union(severityAfter.Keys).Order(StringComparer.Ordinal)
            .Select(id =>
            {
                var b = severityBefore.GetValueOrDefault(id);
                var a = severityAfter.GetValueOrDefault(id);
                return new SeverityMove(id, b, a, a is { } x && b is { } y ? Math.Round(x - y, 4) : null);
            })
            .OrderByDescending(m => Math.Abs(m.Change ?? 0))
            .ThenBy(m => m.InterviewerId, StringComparer.Ordinal)
            .ToList();
        return new ReportComparison(fromId, toId,
            after.Where(p => !before.ContainsKey(p.Key)).Select(p => p.Value).ToList(),
            before.Where(p => !after.ContainsKey(p.Key)).Select(p => p.Value).ToList(),
            after.Where(p => before.ContainsKey(p.Key)).Select(p => p.Value).ToList(),
            moves);
    }
}
