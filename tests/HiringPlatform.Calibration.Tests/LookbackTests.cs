namespace HiringPlatform.Calibration.Tests;

using HiringPlatform.Calibration.Engine.Analysis;
using HiringPlatform.Calibration.Engine.Flagging;
using HiringPlatform.Calibration.Engine.Import;
using HiringPlatform.Calibration.Engine.Simulation;
using HiringPlatform.Calibration.Observations;
using HiringPlatform.Calibration.RatingSets;
using HiringPlatform.Calibration.Reports;
using Xunit;

/// <summary>Evidence that accumulates: below a floor in the window, an interviewer is answered from the 12-month look-back.</summary>
public sealed class LookbackTests
{
    [Fact]
    public void An_interviewer_below_the_floor_in_the_window_is_flagged_from_the_look_back_and_says_so()
    {
        // A season of 50 days (one candidate every two hours from 2026-01-05); the window is its last three days, where
        // nobody has 30 ratings, and the look-back is the twelve months to the window's end: the whole season.
        var season = SeasonSimulator.Simulate(new SimulationOptions { Candidates = 600, Interviewers = 40, SevereLogit = 1.3, LenientLogit = 1.3, Seed = 31 });
        var files = new RatingSetFiles(Guid.CreateVersion7(), season.RatingsCsv, season.CandidatesCsv, season.BlueprintsCsv, "1-4");
        var end = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero).AddHours(1200);
        var window = new ReportWindow(end.AddDays(-3), end);
        var config = CalibrationConfig.Default;
        var current = ImportRatingSet.InputOf(files, window, out _);
        var lookback = ImportRatingSet.InputOf(files, new ReportWindow(end.AddMonths(-config.LookbackMonths), end), out _);
        var previousLookback = ImportRatingSet.InputOf(files, new ReportWindow(end.AddMonths(-config.LookbackMonths - 1), end.AddMonths(-1)), out _);
        var severe = season.Planted.Single(p => p.Kind == PlantedKinds.Severe).InterviewerId;

        var alone = ComputeReport.Run(Guid.CreateVersion7(), files.Id.ToString(), end, current, null, RatingScale.Default, config);
        var output = ComputeReport.Run(Guid.CreateVersion7(), files.Id.ToString(), end, current, null, RatingScale.Default, config, null, lookback, previousLookback);

        // Alone, the window cannot say anything about severity for the planted interviewer.
        var before = Parse(alone.ReportJson).Interviewers.Single(i => i.Id == severe).Detectors.Single(a => a.Detector == "severity");
        Assert.Equal(DetectorAnswers.NotEnoughData, before.Status);
        Assert.Null(before.Window);
        Assert.DoesNotContain(alone.Flags, f => f.InterviewerId == severe && f.Detector == "severe");

        // With the look-back: flagged, from the look-back, and the flag says which window it comes from.
        var merged = Parse(output.ReportJson).Interviewers.Single(i => i.Id == severe);
        var answer = merged.Detectors.Single(a => a.Detector == "severity");
        Assert.Equal(DetectorAnswers.Flagged, answer.Status);
        Assert.Equal("look-back: 12 months", answer.Window);
        Assert.StartsWith("In the window: Not enough data: needs 30 ratings", answer.Statement, StringComparison.Ordinal);
        var flag = Assert.Single(output.Flags, f => f.InterviewerId == severe && f.Detector == "severe");
        Assert.Equal("look-back: 12 months", flag.Window);
        Assert.Contains(merged.Flags, f => f.Detector == "severe" && f.Window == "look-back: 12 months");

        // Answers the window could give itself stay the window's.
        Assert.All(merged.Detectors.Where(a => a.Window is null), a => Assert.Contains(Parse(alone.ReportJson).Interviewers.Single(i => i.Id == severe).Detectors, b => b == a));
        Assert.NotEqual(alone.InputHash, output.InputHash);
    }

    private static Engine.Reports.CalibrationReport Parse(string json) =>
        System.Text.Json.JsonSerializer.Deserialize<Engine.Reports.CalibrationReport>(json, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
}
