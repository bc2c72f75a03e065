namespace HiringPlatform.Calibration.Reports;

using System.Globalization;
using HiringPlatform.Calibration.Dashboard;
using HiringPlatform.Calibration.Engine.Analysis;
using HiringPlatform.Calibration.Engine.Flagging;
using HiringPlatform.Calibration.Engine.Import;
using HiringPlatform.Calibration.Engine.Reports;
using HiringPlatform.Calibration.Observations;

/// <summary>Everything a report stores: the engine's report, the persistence status of its flags, the what-if and the feedback.</summary>
public sealed record ReportOutput(
    string ReportJson,
    string InputHash,
    string ReportHash,
    SeasonNotes Notes,
    IReadOnlyList<FlagState> Flags,
    WhatIfResult WhatIf,
    IReadOnlyList<InterviewerFeedback> Feedback,
    CoverageMatrix Coverage,
    SeasonInput Input,
    int RatingsAnalysed)
{
    /// <summary>The flags of every input this report analysed (its window, the previous window, the look-backs), by
    /// <see cref="ComputeReport.AnalysisKey"/>: what a later report reuses instead of analysing the same input again.</summary>
    public IReadOnlyList<WindowAnalysis> Analyses { get; init; } = [];

    /// <summary>The reports whose stored analyses flag persistence read instead of analysing the same input again.</summary>
    public IReadOnlyList<Guid> ReusedFrom { get; init; } = [];
}

/// <summary>
/// The flags one analysis of one input found (every flag of the engine's report, before a look-back is merged), keyed by
/// the hash of that input, its scale and the configuration version (<see cref="ComputeReport.AnalysisKey"/>). The engine
/// is deterministic, so the same key means the same flags: flag persistence reads these instead of analysing the
/// previous window again when an earlier report already did.
/// </summary>
public sealed record WindowAnalysis(string Id, Guid ReportId, IReadOnlyList<FlagKey> Flags);

public sealed record FlagKey(string InterviewerId, string Detector, string? Scope);

/// <summary>
/// The report computation, without I/O: the window's analysis, the previous window's for flag
/// persistence (§4.8: "actionable" only when the flag held in both), the what-if and the feedback.
/// Same input, same output: the engine is deterministic and everything here is ordered.
/// </summary>
public static class ComputeReport
{
    /// <param name="progress">Stage and percent done, for the report's progress.</param>
    public const int LargeRatings = 200_000;
    public const int LargeBootstrap = 200;

    /// <param name="lookback">The longer look-back (<see cref="CalibrationConfig.LookbackMonths"/> to the window's end), analysed for
    /// interviewers below a detector's floor in the window; <paramref name="previousLookback"/> is the same one step earlier, for persistence.</param>
    /// <param name="known">Stored analyses by <see cref="AnalysisKey"/>: the previous window and the previous look-back are
    /// read from here when present instead of being analysed again.</param>
    public static ReportOutput Run(Guid reportId, string ratingSet, DateTimeOffset asOf, SeasonInput current, SeasonInput? previous,
        RatingScale scale, CalibrationConfig config, Action<string, int>? progress = null, SeasonInput? lookback = null, SeasonInput? previousLookback = null,
        IReadOnlyDictionary<string, WindowAnalysis>? known = null)
    {
        known ??= new Dictionary<string, WindowAnalysis>();
        var analyses = new List<WindowAnalysis>();
        var reusedFrom = new List<Guid>();
        var configVersion = config.Version;
        void Remember(SeasonInput input, CalibrationReport report) =>
            analyses.Add(new WindowAnalysis(AnalysisKey(input, scale, configVersion), reportId, FlagsOf(report)));

        // The flags of a window flag persistence asks about: stored when an earlier report analysed the same input, else analysed here.
        IEnumerable<FlagKey> FlagsHeldIn(SeasonInput input, string stage, int percent)
        {
            if (known.TryGetValue(AnalysisKey(input, scale, configVersion), out var stored))
            {
                reusedFrom.Add(stored.ReportId);
                progress?.Invoke(stage + ": reusing the stored analysis of the same input", percent);
                return stored.Flags;
            }

            progress?.Invoke(stage, percent);
            if (Analyse(input, scale, config, message => progress?.Invoke(stage + ": " + message, percent + 5)) is not { } report)
            {
                return []; // cannot be analysed (e.g. too little data): no flag held there
            }
            Remember(input, report);
            return FlagsOf(report);
        }

        if (current.IsEmpty)
        {
            throw new CalibrationImportException("no scorecards were submitted in the window: nothing to calibrate");
        }

        progress?.Invoke("analysing the window", 10);
        var data = Import(current, scale);
        // As the analyst command does: above 200,000 ratings the candidate-cluster bootstrap of the reliability
        // intervals uses 200 replicates (the report's config section shows the number used).
        if (data.Observations.Length > LargeRatings && config.BootstrapReplicates > LargeBootstrap)
        {
            config = config with { BootstrapReplicates = LargeBootstrap };
        }
        var result = CalibrationAnalysis.Run(data, config, progress: message => progress?.Invoke("analysing the window: " + message, 30));
        Remember(current, result.Report);
        var previousFlags = new HashSet<(string, string, string?)>();
        if (previous is { IsEmpty: false })
        {
            previousFlags.UnionWith(FlagsHeldIn(previous, "analysing the previous window (flag persistence)", 55).Select(f => (f.InterviewerId, f.Detector, f.Scope)));
        }

        var report = result.Report;
        var lookbackFlags = new HashSet<(string, string, string?)>();
        if (lookback is { IsEmpty: false } && config.LookbackMonths > 0)
        {
            progress?.Invoke($"analysing the {config.LookbackMonths}-month look-back for interviewers below a floor", 70);
            var longer = Analyse(lookback, scale, config);
            if (longer is not null)
            {
                Remember(lookback, longer);
            }
            (report, lookbackFlags) = Lookback.Merge(report, longer, config);
            if (lookbackFlags.Count > 0 && previousLookback is { IsEmpty: false })
            {
                previousFlags.UnionWith(FlagsHeldIn(previousLookback, "analysing the previous look-back (flag persistence)", 78).Select(f => (f.InterviewerId, f.Detector, f.Scope)));
            }
        }

        progress?.Invoke("what-if", 85);
        var interviewOf = data.Scorecards.ToDictionary(s => s.InterviewId, s => data.CandidateIds[s.Candidate], StringComparer.Ordinal);
        var flags = new List<FlagState>();
        foreach (var interviewer in report.Interviewers)
        {
            foreach (var flag in interviewer.Flags)
            {
                var status = FlagStatusNames.Persistence(previousFlags.Contains((interviewer.Id, flag.Detector, flag.Scope)));
                var evidence = ReportReader.IsGroupFinding(flag.Detector)
                    ? []
                    : flag.Evidence.Select(interview => new EvidenceLink(
                        interview.Length > 8 ? interview[..8] : interview,
                        ratingSet == RatingSets.RatingSetIds.Platform && interviewOf.TryGetValue(interview, out var candidate)
                            ? $"/api/v1/calibration/journeys/{candidate}?asOf={Uri.EscapeDataString(asOf.UtcDateTime.ToString("O", CultureInfo.InvariantCulture))}"
                            : $"/api/v1/calibration/reports/{reportId}/input/ratings.csv#{interview}")).ToList();
                flags.Add(new FlagState(interviewer.Id, flag.Detector, flag.Direction, flag.Scope, status, flag.Reason, flag.Effect, flag.QValue, evidence)
                {
                    InterviewerName = interviewer.Name,
                    Window = flag.Window,
                });
            }
        }

        var whatIf = WhatIf.Compute(data, result.Additive, config);
        var feedback = report.Interviewers.Select(i => new InterviewerFeedback(
                i.Id, i.Ratings, i.Severity, i.SeverityLow90, i.SeverityHigh90, i.AdditiveShrunk, i.Explanation,
                flags.Where(f => f.InterviewerId == i.Id && ReportReader.WithoutCompliance.Sees(f.Detector))
                    .Select(f => new FeedbackFlag(f.Detector, f.Direction, InterviewTypeOf(f), f.Status, f.Reason)).ToList()))
            .ToList();

        progress?.Invoke("storing", 95);
        var json = ReportJson.Serialize(report);
        return new ReportOutput(json, InputHash(current, previous, scale, config, lookback, previousLookback), Sha256(json), current.Notes, flags, whatIf, feedback,
            CoverageMatrix.From(data), current, data.Observations.Length)
        {
            Analyses = analyses,
            ReusedFrom = reusedFrom,
        };
    }

    /// <summary>
    /// The key of one analysis: the hash of one window's input files, the scale and the configuration version (which
    /// fixes every threshold and the seed). Two inputs with the same key are analysed to the same flags.
    /// </summary>
    public static string AnalysisKey(SeasonInput input, RatingScale scale, string configVersion) =>
        Sha256Text.Of('\0', "analysis", input.Ratings, input.Candidates, input.Blueprints, scale.ToString(), configVersion);

    private static List<FlagKey> FlagsOf(CalibrationReport report) =>
        report.Interviewers.SelectMany(i => i.Flags.Select(f => new FlagKey(i.Id, f.Detector, f.Scope))).ToList();

    /// <summary>The engine's report of one more window, or null when it cannot be analysed (e.g. too little data).</summary>
    private static CalibrationReport? Analyse(SeasonInput input, RatingScale scale, CalibrationConfig config, Action<string>? progress = null)
    {
        try
        {
            return CalibrationAnalysis.Run(Import(input, scale), config, progress: progress).Report;
        }
        catch (CalibrationImportException)
        {
            return null;
        }
    }

    public static CalibrationData Import(SeasonInput input, RatingScale scale) =>
        CalibrationImporter.Import(
            new CsvSource("ratings.csv", input.Ratings),
            new CsvSource("candidates.csv", input.Candidates),
            input.Blueprints.Count(c => c == '\n') > 1 ? new CsvSource("blueprints.csv", input.Blueprints) : null,
            scale);

    /// <summary>The hash of everything the report was computed from: both windows' files, the scale and the configuration.</summary>
    public static string InputHash(SeasonInput current, SeasonInput? previous, RatingScale scale, CalibrationConfig config, SeasonInput? lookback = null, SeasonInput? previousLookback = null) =>
        Sha256Text.Of('\0', current.Ratings, current.Candidates, current.Blueprints,
            previous?.Ratings ?? "", previous?.Candidates ?? "", previous?.Blueprints ?? "", scale.ToString(), config.Version,
            lookback?.Ratings ?? "", lookback?.Candidates ?? "", previousLookback?.Ratings ?? "", previousLookback?.Candidates ?? "");

    /// <summary>The hashes are taken as the text is encoded (<see cref="Sha256Text"/>): the inputs are hundreds of MB.</summary>
    public static string Sha256(string text) => Sha256Text.Of('\0', text);

    private static string? InterviewTypeOf(FlagState flag) =>
        flag.Detector is "narrow-coverage" or "cog-in-a-machine" ? flag.Scope : null;
}
