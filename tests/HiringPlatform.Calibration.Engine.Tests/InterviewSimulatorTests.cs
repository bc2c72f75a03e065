using HiringPlatform.Calibration.Engine.Simulation;
using HiringPlatform.Calibration.Engine.Statistics;
using Xunit;

namespace HiringPlatform.Calibration.Engine.Tests;

public class InterviewSimulatorTests
{
    private static readonly (string Competency, double Weight)[] Blueprint =
        [("algorithms", 0.4), ("maintainable-code", 0.4), ("communication", 0.2)];

    private static readonly Dictionary<string, double> Flat = Blueprint.ToDictionary(b => b.Competency, _ => 0.0);

    [Fact]
    public void The_same_seed_gives_the_same_scorecard()
    {
        var options = new SimulationOptions();
        var rater = new SimulatedInterviewer(null, 0.1);
        var first = InterviewSimulator.Interview(options, rater, 0.3, false, Blueprint, Flat, new SplitMix64(5));
        var again = InterviewSimulator.Interview(options, rater, 0.3, false, Blueprint, Flat, new SplitMix64(5));

        Assert.Equal(first.Ratings, again.Ratings);
        Assert.Equal(first.Shares, again.Shares);
        Assert.Equal(first.Recommendation, again.Recommendation);
    }

    [Fact]
    public void A_cog_probes_its_competency_most_and_its_recommendation_follows_that_rating()
    {
        var options = new SimulationOptions();
        var cog = new SimulatedInterviewer(PlantedKinds.Cog, 0, "maintainable-code");
        for (ulong seed = 1; seed <= 50; seed++)
        {
            var card = InterviewSimulator.Interview(options, cog, 0, false, Blueprint, Flat, new SplitMix64(seed));

            Assert.Equal([0.1, 0.8, 0.1], card.Shares.Select(s => Math.Round(s, 12)));
            Assert.Equal(card.Ratings["maintainable-code"], card.Recommendation);
        }
    }

    [Fact]
    public void A_cog_outside_its_competency_rates_as_an_ordinary_interviewer()
    {
        var options = new SimulationOptions { CoverageRate = 1.0 };
        (string, double)[] other = [("algorithms", 0.5), ("communication", 0.5)];
        var cog = new SimulatedInterviewer(PlantedKinds.Cog, 0, "maintainable-code");
        var card = InterviewSimulator.Interview(options, cog, 0, false, other, Flat, new SplitMix64(3));

        Assert.Equal(2, card.Ratings.Count);
        Assert.Equal(1, card.Shares.Sum(), 12);
    }

    [Fact]
    public void A_central_tendency_interviewer_uses_only_the_middle_categories()
    {
        var options = new SimulationOptions { CoverageRate = 1.0 };
        var central = new SimulatedInterviewer(PlantedKinds.Central, 0);
        var ratings = Enumerable.Range(1, 200)
            .SelectMany(seed => InterviewSimulator.Interview(options, central, 2 * Math.Sin(seed), false, Blueprint, Flat, new SplitMix64((ulong)seed)).Ratings.Values)
            .ToList();

        Assert.All(ratings, r => Assert.InRange(r, 1, options.Thresholds.Count - 1));
    }

    [Fact]
    public void Difficulties_are_centred_on_zero()
    {
        var delta = InterviewSimulator.Difficulties(["a", "b", "c", "d"], 0.3, new SplitMix64(11));

        Assert.Equal(["a", "b", "c", "d"], delta.Keys);
        Assert.Equal(0, delta.Values.Sum(), 12);
    }
}
