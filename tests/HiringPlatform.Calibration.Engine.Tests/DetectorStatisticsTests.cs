using HiringPlatform.Calibration.Engine.Analysis;
using HiringPlatform.Calibration.Engine.Detectors;
using HiringPlatform.Calibration.Engine.Rasch;
using HiringPlatform.Calibration.Engine.Simulation;
using Xunit;

namespace HiringPlatform.Calibration.Engine.Tests;

public class DetectorStatisticsTests
{
    [Fact]
    public void Spearman_uses_average_ranks_for_ties_by_hand()
    {
        // No ties: 1 - 6 * (0 + 1 + 1 + 0) / (4 * 15) = 0.8.
        Assert.Equal(0.8, HaloDetector.Spearman([1, 2, 3, 4], [1, 3, 2, 4]), 12);

        // Ties: ranks (0.5, 0.5, 2.5, 2.5) against (0.5, 2.5, 0.5, 2.5) are uncorrelated.
        Assert.Equal(0, HaloDetector.Spearman([1, 1, 2, 2], [1, 2, 1, 2]), 12);
        Assert.True(double.IsNaN(HaloDetector.Spearman([2, 2, 2], [1, 2, 3])));
    }

    [Fact]
    public void The_bootstrap_fit_p_value_holds_its_level_although_the_reference_mean_and_SD_come_from_few_replicates()
    {
        // A new draw standardised by the mean and SD of B draws from the same distribution (B = 20 here, so that the
        // normal tail's error is plain): the p-value of the reference rejects at its level; the normal tail would not.
        const int replicates = 20;
        const int trials = 100_000;
        var rng = new Statistics.SplitMix64(42);
        var values = new double[replicates];
        int rejected = 0, rejectedNormal = 0;
        for (var t = 0; t < trials; t++)
        {
            for (var b = 0; b < replicates; b++)
            {
                values[b] = rng.NextNormal();
            }

            var mean = values.Average();
            var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (replicates - 1));
            var z = (rng.NextNormal() - mean) / sd;

            // Infit and outfit perfectly correlated and equal: the combined z is z itself.
            var reference = new BootstrapFitReference(z, z, 0, 0, 0, 0, replicates) { Correlation = 1 };
            rejected += reference.UpperP < 0.01 ? 1 : 0;
            rejectedNormal += Statistics.Probability.UpperNormalP(reference.CombinedZ) < 0.01 ? 1 : 0;
        }

        Assert.InRange(rejected / (double)trials, 0.009, 0.011); // Monte Carlo SE 0.0003
        Assert.True(rejectedNormal / (double)trials > 0.013, $"normal tail {rejectedNormal / (double)trials}");

        // The critical value is the inverse of the p-value.
        var r = new BootstrapFitReference(0, 0, 0, 0, 0, 0, 200) { Correlation = 0.8 };
        var critical = r.CriticalZ(0.001);
        var atCritical = new BootstrapFitReference(critical, critical, 0, 0, 0, 0, 200) { Correlation = 1 };
        Assert.Equal(0.001, atCritical.UpperP, 9);
        Assert.True(critical > Statistics.Probability.NormalQuantile(0.999));
    }

    [Fact]
    public void The_parametric_bootstrap_reference_singles_out_the_erratic_rater_and_centres_model_raters_near_zero()
    {
        var planted = PlantedKinds.All.ToDictionary(k => k, k => k == PlantedKinds.Erratic ? 1 : 0);
        var season = SeasonSimulator.Simulate(new SimulationOptions { Candidates = 600, Interviewers = 20, Planted = planted, BalancedLoad = true, Seed = 11 });
        var result = CalibrationAnalysis.Run(season.Import(), null, new AnalysisOptions { Fast = true });
        var fit = Assert.Single(result.Models.Fits);
        var references = FitBootstrap.Raters(fit.Data, fit.Jmle, 200, 5);
        var erratic = Array.IndexOf(result.Models.Data.InterviewerIds.ToArray(), season.Planted.Single().InterviewerId);
        var local = Array.IndexOf(fit.Data.RaterGlobal, erratic);

        Assert.True(references[local]!.CombinedZ > 4, $"erratic z {references[local]!.CombinedZ}");
        var others = references.Where((r, i) => i != local).Select(r => r!.CombinedZ).Order().ToArray();
        Assert.InRange(others[others.Length / 2], -1.5, 1.5);

        // The critical values bracket 1, and the reference is reproducible from its seed.
        Assert.All(references, r => Assert.True(r!.InfitLow < 1 && r.InfitHigh > 1 && r.OutfitHigh > 1 && r.Correlation > 0.5));
        Assert.Equal(references.Select(r => r!.CombinedZ), FitBootstrap.Raters(fit.Data, fit.Jmle, 200, 5).Select(r => r!.CombinedZ));
    }
}
