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
    public void The_group_permutation_p_value_is_tiny_for_separated_groups_large_for_interleaved_ones_and_deterministic()
    {
        double[] low = [0.1, 0.2, 0.15, 0.05, 0.12, 0.18, 0.09, 0.11, 0.14, 0.16];
        double[] high = [0.9, 0.8, 0.85, 0.95, 0.88, 0.82, 0.91, 0.87, 0.86, 0.93];
        var t = -40.0; // far beyond any relabelling but the observed one (and its mirror image)

        // Only 2 of the C(20, 10) = 184,756 labellings reach |t|: the Monte Carlo p is (1 + 0) / (draws + 1).
        Assert.Equal(1 / 10_001.0, GroupBiasDetector.PermutationP(low, high, t, 10_000, 7), 12);

        double[] a = [0.1, 0.3, 0.5, 0.7, 0.9];
        double[] b = [0.2, 0.4, 0.6, 0.8, 1.0];
        var p = GroupBiasDetector.PermutationP(a, b, -0.45, 10_000, 7);
        Assert.True(p > 0.5, $"p = {p}");
        Assert.Equal(p, GroupBiasDetector.PermutationP(a, b, -0.45, 10_000, 7));
        Assert.Equal(1, GroupBiasDetector.PermutationP(a, b, double.NaN, 10_000, 7));
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
