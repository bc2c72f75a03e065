using HiringPlatform.Calibration.Engine.Analysis;
using HiringPlatform.Calibration.Engine.Detectors;
using HiringPlatform.Calibration.Engine.Simulation;
using Xunit;

namespace HiringPlatform.Calibration.Engine.Tests;

/// <summary>One simulated season with one planted interviewer of every kind, analysed once for the whole class.</summary>
public sealed class PlantedSeason
{
    public PlantedSeason()
    {
        Season = SeasonSimulator.Simulate(new SimulationOptions { Candidates = 900, Interviewers = 40, Seed = 42 });
        Result = CalibrationAnalysis.Run(Season.Import(), null, new AnalysisOptions { Fast = true });
        NullSeason = SeasonSimulator.Simulate(SimulationOptions.Null(43) with { Candidates = 900 });
        NullResult = CalibrationAnalysis.Run(NullSeason.Import(), null, new AnalysisOptions { Fast = true });
    }

    public SimulatedSeason Season { get; }

    public AnalysisResult Result { get; }

    public SimulatedSeason NullSeason { get; }

    public AnalysisResult NullResult { get; }

    public string Planted(string kind) => Season.Planted.Single(p => p.Kind == kind).InterviewerId;

    public IEnumerable<string> FlaggedBy(string detector) =>
        Result.Outcomes.Where(o => o.Flagged && o.Test.Detector == detector).Select(o => Result.Models.Data.InterviewerIds[o.Test.Interviewer]);
}

public class DetectorTests(PlantedSeason season) : IClassFixture<PlantedSeason>
{
    [Theory]
    [InlineData(PlantedKinds.Severe, DetectorNames.Severe)]
    [InlineData(PlantedKinds.Halo, DetectorNames.Halo)]
    [InlineData(PlantedKinds.Central, DetectorNames.CentralTendency)]
    [InlineData(PlantedKinds.Erratic, DetectorNames.Inconsistent)]
    [InlineData(PlantedKinds.Drf, DetectorNames.GroupBias)]
    [InlineData(PlantedKinds.Cog, DetectorNames.NarrowCoverage)]
    [InlineData(PlantedKinds.Cog, DetectorNames.CogInAMachine)]
    [InlineData(PlantedKinds.Contrarian, DetectorNames.OutcomeDisagreement)]
    public void The_planted_interviewer_is_flagged_by_its_detector(string kind, string detector)
    {
        Assert.Contains(season.Planted(kind), season.FlaggedBy(detector));
    }

    [Theory]
    [InlineData(DetectorNames.Halo)]
    [InlineData(DetectorNames.CentralTendency)]
    [InlineData(DetectorNames.Inconsistent)]
    [InlineData(DetectorNames.GroupBias)]
    [InlineData(DetectorNames.CogInAMachine)]
    [InlineData(DetectorNames.NarrowCoverage)]
    public void Only_the_planted_interviewer_is_flagged_by_the_behaviour_detectors(string detector)
    {
        var expected = PlantedKinds.All.Where(k => PlantedKinds.Detectors(k).Expected == detector || PlantedKinds.Detectors(k).AlsoTrue.Contains(detector)).Select(season.Planted);
        Assert.Subset(expected.ToHashSet(), season.FlaggedBy(detector).ToHashSet());
    }

    [Fact]
    public void A_null_season_has_no_rater_behaviour_flags()
    {
        // (Group bias, outcome disagreement and adverse impact are calibrated by the null-season benchmark instead: each is
        // allowed a false flag in up to 10% of null seasons.)
        string[] behaviour = [DetectorNames.Halo, DetectorNames.CentralTendency, DetectorNames.Inconsistent, DetectorNames.CogInAMachine, DetectorNames.NarrowCoverage];
        Assert.DoesNotContain(season.NullResult.Outcomes, o => o.Flagged && behaviour.Contains(o.Test.Detector));
    }

    [Fact]
    public void Every_flag_carries_a_q_value_no_smaller_than_its_p_value_and_a_reason()
    {
        foreach (var o in season.Result.Outcomes.Where(o => o.Flagged && !o.Test.FlagWithoutSignificance))
        {
            Assert.True(o.Q >= o.Test.P - 1e-15);
            Assert.True(o.Q <= 0.10);
            Assert.False(string.IsNullOrWhiteSpace(o.Test.Reason));
        }
    }

    [Fact]
    public void Interviewers_below_the_eligibility_minima_are_not_tested()
    {
        var data = season.Result.Models.Data;
        var e = Flagging.CalibrationConfig.Default.Eligibility;
        foreach (var o in season.Result.Outcomes.Where(o => o.Test.Detector is DetectorNames.Severe or DetectorNames.Lenient))
        {
            Assert.True(data.Observations.Count(x => x.Interviewer == o.Test.Interviewer) >= e.SeverityMinRatings);
            Assert.True(season.Result.Models.Components.LinkingCandidates[o.Test.Interviewer] >= e.LinkingCandidatesMin);
        }

        foreach (var o in season.Result.Outcomes.Where(o => o.Test.Detector is DetectorNames.Inconsistent))
        {
            Assert.True(data.Observations.Count(x => x.Interviewer == o.Test.Interviewer) >= e.InconsistencyMinRatings);
        }

        foreach (var o in season.Result.Outcomes.Where(o => o.Test.Detector is DetectorNames.GroupBias))
        {
            var perGroup = data.Scorecards.Where(s => s.Interviewer == o.Test.Interviewer).Select(s => s.Candidate).Distinct().GroupBy(c => data.GroupOf[c]).Select(g => g.Count());
            Assert.All(perGroup, n => Assert.True(n >= e.GroupMinPerGroup));
        }

        // The floors are the estimability floors of the method (docs/calibration-method.md), not power targets.
        Assert.Equal((30, 10, 30, 10, 15, 8), (e.SeverityMinRatings, e.LinkingCandidatesMin, e.InconsistencyMinRatings, e.GroupMinPerGroup, e.OutcomeMinDecisions, e.CoverageMinScorecards));

        // The cog rates few competencies: its severity rests on few ratings, and the halo detector needs 3 per scorecard.
        var cog = data.InterviewerIds.ToList().IndexOf(season.Planted(PlantedKinds.Cog));
        Assert.DoesNotContain(season.Result.Outcomes, o => o.Test.Detector == DetectorNames.Halo && o.Test.Interviewer == cog);
    }

    [Fact]
    public void Group_detectors_do_not_run_without_group_data()
    {
        var data = SeasonSimulator.Simulate(new SimulationOptions { Candidates = 300, Interviewers = 20, Seed = 5 });
        var withoutGroups = Import.CalibrationImporter.Import(new Import.CsvSource("ratings.csv", data.RatingsCsv), null, null, data.Scale);
        var result = CalibrationAnalysis.Run(withoutGroups, null, new AnalysisOptions { Fast = true });
        Assert.DoesNotContain(result.Outcomes, o => o.Test.Detector is DetectorNames.GroupBias or DetectorNames.AdverseImpact or DetectorNames.OutcomeDisagreement);
        Assert.Contains(result.Report.Detectors, d => d.Detector == DetectorNames.GroupBias && !d.Ran);
    }
}
