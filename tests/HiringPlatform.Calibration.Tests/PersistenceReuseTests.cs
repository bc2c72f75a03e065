namespace HiringPlatform.Calibration.Tests;

using HiringPlatform.Calibration.Engine.Flagging;
using HiringPlatform.Calibration.Engine.Import;
using HiringPlatform.Calibration.Engine.Simulation;
using HiringPlatform.Calibration.Observations;
using HiringPlatform.Calibration.RatingSets;
using HiringPlatform.Calibration.Reports;
using Xunit;

/// <summary>Flag persistence reads the previous window's stored analysis when an earlier report analysed the same input.</summary>
public sealed class PersistenceReuseTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    // 800 candidates, one every two hours from Start: about 67 days, so two consecutive one-month windows both hold a season.
    private static readonly RatingSetFiles Files = Season();

    private static RatingSetFiles Season()
    {
        var season = SeasonSimulator.Simulate(new SimulationOptions { Candidates = 800, Interviewers = 30, SevereLogit = 1.4, LenientLogit = 1.4, Seed = 47 });
        return new RatingSetFiles(Guid.CreateVersion7(), season.RatingsCsv, season.CandidatesCsv, season.BlueprintsCsv, "1-4");
    }

    private static SeasonInput Input(ReportWindow window) => ImportRatingSet.InputOf(Files, window, out _);

    private static readonly ReportWindow Second = new(Start.AddMonths(1), Start.AddMonths(2));

    private static ReportOutput Report(Guid id, ReportWindow window, IReadOnlyDictionary<string, WindowAnalysis>? known = null) =>
        ComputeReport.Run(id, Files.Id.ToString(), window.End, Input(window), Input(window.Previous(1)), RatingScale.Default, CalibrationConfig.Default, known: known);

    [Fact]
    public void A_report_stores_the_analysis_of_every_input_it_analysed_and_the_next_month_reads_its_window_instead_of_analysing_it_again()
    {
        var first = Report(Guid.CreateVersion7(), Second.Previous(1));
        var config = CalibrationConfig.Default.Version;
        var firstWindowKey = ComputeReport.AnalysisKey(Input(Second.Previous(1)), RatingScale.Default, config);
        Assert.Contains(first.Analyses, a => a.Id == firstWindowKey);
        Assert.Empty(first.ReusedFrom);

        var fresh = Report(Guid.CreateVersion7(), Second);
        var known = first.Analyses.ToDictionary(a => a.Id);
        var reusing = Report(Guid.CreateVersion7(), Second, known);

        Assert.Equal([first.Analyses.Single(a => a.Id == firstWindowKey).ReportId], reusing.ReusedFrom);
        Assert.DoesNotContain(reusing.Analyses, a => a.Id == firstWindowKey); // not analysed again, so not stored again
        Assert.Equal(fresh.Flags.Select(f => (f.InterviewerId, f.Detector, f.Scope, f.Status)), reusing.Flags.Select(f => (f.InterviewerId, f.Detector, f.Scope, f.Status)));
        Assert.Contains(fresh.Flags, f => f.Status == FlagStatus.Actionable);
        Assert.Equal(fresh.ReportJson, reusing.ReportJson);
        Assert.Equal(fresh.InputHash, reusing.InputHash);
    }

    [Fact]
    public void The_stored_flags_are_what_persistence_uses_so_a_flag_absent_from_them_stays_watch()
    {
        var previous = Input(Second.Previous(1));
        var key = ComputeReport.AnalysisKey(previous, RatingScale.Default, CalibrationConfig.Default.Version);
        var stored = new WindowAnalysis(key, Guid.CreateVersion7(), []);

        var output = Report(Guid.CreateVersion7(), Second, new Dictionary<string, WindowAnalysis> { [key] = stored });

        Assert.Equal([stored.ReportId], output.ReusedFrom);
        Assert.NotEmpty(output.Flags);
        Assert.All(output.Flags, f => Assert.Equal(FlagStatus.Watch, f.Status));
    }

    [Fact]
    public void An_analysis_is_keyed_by_its_input_scale_and_configuration_so_any_change_to_them_is_analysed_afresh()
    {
        var input = Input(Second);
        var key = ComputeReport.AnalysisKey(input, RatingScale.Default, "calibration-config/a");

        Assert.Equal(key, ComputeReport.AnalysisKey(Input(Second), RatingScale.Default, "calibration-config/a"));
        Assert.NotEqual(key, ComputeReport.AnalysisKey(input, RatingScale.Default, "calibration-config/b"));
        Assert.NotEqual(key, ComputeReport.AnalysisKey(input, RatingScale.Parse("1-5"), "calibration-config/a"));
        Assert.NotEqual(key, ComputeReport.AnalysisKey(input with { Ratings = input.Ratings.Replace(",4,", ",3,", StringComparison.Ordinal) }, RatingScale.Default, "calibration-config/a"));
    }
}
