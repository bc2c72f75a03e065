using System.Text;
using HiringPlatform.Calibration.Dashboard;
using HiringPlatform.Calibration.Engine.Analysis;
using HiringPlatform.Calibration.Engine.Flagging;
using HiringPlatform.Calibration.Engine.Import;
using HiringPlatform.Calibration.Engine.Reports;
using HiringPlatform.Calibration.Engine.Simulation;
using HiringPlatform.Calibration.Reports;

namespace HiringPlatform.Calibration.Tests.Dashboard;

/// <summary>
/// A real dashboard model: a simulated season with one planted interviewer of each kind, analysed by the engine. Flags are
/// actionable when the same (interviewer, detector, scope) was also flagged in the previous rolling window (the season
/// without its last fifth of candidates), as §4.8 step 6 says; otherwise watch. Computed once for all dashboard tests.
/// </summary>
public sealed class SeasonDashboard
{
    private static readonly Lazy<SeasonDashboard> Shared = new(() => new SeasonDashboard());

    public static SeasonDashboard Instance => Shared.Value;

    private SeasonDashboard()
    {
        Season = SeasonSimulator.Simulate(new SimulationOptions { Candidates = 700, Interviewers = 32, Seed = 7 });
        var data = Season.Import();
        Report = CalibrationAnalysis.Run(data, CalibrationConfig.Default with { BootstrapReplicates = 100 }).Report;

        // The previous window: the season without its last 140 candidates (ids n000560 and later).
        var previousRatings = new StringBuilder();
        foreach (var line in Season.RatingsCsv.Split('\n'))
        {
            if (line.Length > 0 && !(line.StartsWith('n') && int.Parse(line.AsSpan(1, 6), System.Globalization.CultureInfo.InvariantCulture) >= 560))
            {
                previousRatings.Append(line).Append('\n');
            }
        }

        var previousData = CalibrationImporter.Import(new CsvSource("ratings.csv", previousRatings.ToString()), new CsvSource("candidates.csv", Season.CandidatesCsv), new CsvSource("blueprints.csv", Season.BlueprintsCsv), Season.Scale);
        Previous = CalibrationAnalysis.Run(previousData, null, new AnalysisOptions { Fast = true }).Report;
        var held = Previous.Interviewers.SelectMany(i => i.Flags.Select(f => (i.Id, f.Detector, f.Scope))).ToHashSet();
        Flags = Report.Interviewers
            .SelectMany(i => i.Flags.Select(f => new FlagState(
                i.Id, f.Detector, f.Direction, f.Scope,
                held.Contains((i.Id, f.Detector, f.Scope)) ? DashboardPage.Actionable : DashboardPage.Watch,
                f.Reason, f.Effect, f.QValue,
                f.Evidence.Select(e => new EvidenceLink(e, "/api/v1/scorecards/by-interview/" + Uri.EscapeDataString(e))).ToList())))
            .ToList();
        Coverage = CoverageMatrix.From(data);
    }

    public SimulatedSeason Season { get; }

    public CalibrationReport Report { get; }

    public CalibrationReport Previous { get; }

    public IReadOnlyList<FlagState> Flags { get; }

    public CoverageMatrix Coverage { get; }

    public string Planted(string kind) => Season.Planted.Single(p => p.Kind == kind).InterviewerId;

    /// <summary>What-if rows are the lead's computation; these are hand-made renderer input (two flips, one that holds).</summary>
    public static IReadOnlyList<WhatIfCandidate> WhatIf { get; } =
    [
        new("n000123", "no_hire", 2.42, 2.61, 2.52, 2.70, true),
        new("n000456", "hire", 2.55, 2.38, 2.27, 2.49, true),
        new("n000042", "hire", 3.10, 3.05, 2.95, 3.15, false),
    ];

    public DashboardModel Model(bool compliance) => new(
        Guid.Parse("0199a0b0-0000-7000-8000-000000000007"),
        "simulated season (seed 7)",
        new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2025, 9, 1, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero),
        Report.ConfigVersion,
        Report.Input.Sha256,
        new DateTimeOffset(2026, 3, 1, 6, 30, 0, TimeSpan.Zero),
        Report,
        Flags,
        Coverage,
        WhatIf,
        compliance ? ReportReader.Compliance : ReportReader.WithoutCompliance);
}
