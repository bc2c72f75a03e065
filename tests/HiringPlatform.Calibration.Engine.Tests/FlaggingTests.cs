using HiringPlatform.Calibration.Engine.Analysis;
using HiringPlatform.Calibration.Engine.Detectors;
using HiringPlatform.Calibration.Engine.Flagging;
using HiringPlatform.Calibration.Engine.Statistics;
using Xunit;

namespace HiringPlatform.Calibration.Engine.Tests;

public class FlaggingTests
{
    [Fact]
    public void Benjamini_Hochberg_adjusts_by_hand()
    {
        // Sorted: 0.005 (x4 -> 0.02), 0.01 (x4/2 -> 0.02), 0.03 (x4/3 -> 0.04), 0.04 (x4/4 -> 0.04).
        var q = BenjaminiHochberg.Adjust([0.01, 0.04, 0.03, 0.005]);
        Assert.Equal([0.02, 0.04, 0.04, 0.02], q.Select(v => Math.Round(v, 12)));
        Assert.Equal([true, false, false, true], BenjaminiHochberg.Reject([0.01, 0.04, 0.03, 0.005], 0.03));
    }

    [Fact]
    public void Benjamini_Hochberg_step_up_rejects_all_hypotheses_up_to_the_largest_passing_rank()
    {
        // p_(3) = 0.029 <= 3/5 * 0.05 = 0.03 although p_(2) = 0.025 > 2/5 * 0.05 = 0.02.
        Assert.Equal([true, true, true, false, false], BenjaminiHochberg.Reject([0.001, 0.025, 0.029, 0.2, 0.9], 0.05));
    }

    [Fact]
    public void A_flag_needs_both_significance_after_BH_and_a_practical_effect_and_families_are_separate()
    {
        var tests = new List<DetectorTest>
        {
            new(DetectorNames.Severe, 0, "harsh", 0.9, "logit", 0.001, true, "", 40),
            new(DetectorNames.Lenient, 1, "lenient", -0.2, "logit", 0.0001, false, "", 40),
            new(DetectorNames.Halo, 2, null, 0.5, "ratio", 0.04, true, "", 20),
            new(DetectorNames.Halo, 3, null, 0.5, "ratio", 0.9, true, "", 20),
        };
        var outcomes = CalibrationAnalysis.Flag(tests, CalibrationConfig.Default);
        Assert.True(outcomes.Single(o => o.Test.Interviewer == 0).Flagged);
        Assert.False(outcomes.Single(o => o.Test.Interviewer == 1).Flagged);

        // Severe and lenient share the severity family (m = 2): q(0.001) = 2 * 0.001 / 2 = 0.001, q(0.0001) = 0.0002.
        Assert.Equal(0.001, outcomes.Single(o => o.Test.Interviewer == 0).Q, 12);
        Assert.Equal(0.0002, outcomes.Single(o => o.Test.Interviewer == 1).Q, 12);

        // Halo has its own family of 2: q(0.04) = 0.08 <= 0.10.
        Assert.Equal(0.08, outcomes.Single(o => o.Test.Interviewer == 2).Q, 12);
        Assert.True(outcomes.Single(o => o.Test.Interviewer == 2).Flagged);
    }

    [Fact]
    public void The_severity_minimum_effect_p_value_by_hand()
    {
        // H0: |α| ≤ δ0. Estimate 0.6, SE 0.1, δ0 0.25: z = (0.6 − 0.25) / 0.1 = 3.5, p = Φ(−3.5) + Φ(−(0.6 + 0.25) / 0.1)
        // = 2.3262907903552504e-4 + Φ(−8.5) (9.5e-18, the far side of the interval).
        Assert.Equal(2.3262907903552504e-4, SeverityDetector.IntervalNullP(0.6, 0.1, 0.25), 15);
        Assert.Equal(2.3262907903552504e-4, SeverityDetector.IntervalNullP(-0.6, 0.1, 0.25), 15);

        // δ0 = 0 is the two-sided z-test against 0 (§4.1): z = 6.
        Assert.Equal(Probability.TwoSidedNormalP(6), SeverityDetector.IntervalNullP(0.6, 0.1, 0), 1e-20);

        // 0.45 ± 0.1 is far from 0 (z = 4.5, p = 6.8e-6) but only 2 SE beyond δ0 = 0.25: p = Φ(−2) + Φ(−7) = 0.02275.
        Assert.Equal(6.795346249460123e-06, SeverityDetector.IntervalNullP(0.45, 0.1, 0), 15);
        Assert.Equal(0.022750131949459032, SeverityDetector.IntervalNullP(0.45, 0.1, 0.25), 12);

        // Inside the negligible interval: p ≥ 0.5 (0.2 ± 0.1, δ0 0.25: Φ(0.5) + Φ(−4.5) = 0.6915).
        Assert.Equal(0.6914658589471379, SeverityDetector.IntervalNullP(0.2, 0.1, 0.25), 12);
        Assert.Equal(1, SeverityDetector.IntervalNullP(0.6, 0, 0.25));
    }

    [Fact]
    public void The_severity_detector_tests_against_the_practical_size_on_the_unshrunk_estimate()
    {
        // Every severity test in a simulated season carries the interval-null p of its unshrunk MML estimate with δ0 = the practical size.
        var season = Simulation.SeasonSimulator.Simulate(new Simulation.SimulationOptions { Candidates = 500, Interviewers = 20, Seed = 11 });
        var result = CalibrationAnalysis.Run(season.Import(), null, new AnalysisOptions { Fast = true });
        var models = result.Models;
        var delta0 = CalibrationConfig.Default.Practical.SeverityLogit;
        Assert.True(delta0 > 0);
        var severity = result.Outcomes.Where(o => DetectorNames.Family(o.Test.Detector) == "severity").ToList();
        Assert.NotEmpty(severity);
        foreach (var o in severity)
        {
            var j = o.Test.Interviewer;
            var mml = models.Fits[models.RaterFit[j]].Mml;
            Assert.Equal(mml.Severity[models.RaterLocal[j]], o.Test.Effect);
            Assert.Equal(SeverityDetector.IntervalNullP(o.Test.Effect, mml.SeveritySe[models.RaterLocal[j]], delta0), o.Test.P);
        }
    }

    [Fact]
    public void Adverse_impact_statistics_by_hand()
    {
        // Focal 1 of 4 pass, reference 3 of 4.
        var c = ImpactComparison.Compute("B", "A", 4, 1, 4, 3);
        Assert.Equal(1.0 / 3, c.ImpactRatio, 12);
        Assert.Equal(9.0 / 70, c.FisherMidP, 12); // P(X=0) + P(X=1)/2 = (1 + 16/2)/70
        Assert.Equal(2, c.Shortfall, 12);
        Assert.Equal(-0.5 / Math.Sqrt(0.25 * 0.5), c.ZDifference, 12);
        var se = Math.Sqrt((0.75 / (4 * 0.25)) + (0.25 / (4 * 0.75)));
        Assert.Equal(Math.Exp(Math.Log(1.0 / 3) - (1.959963984540054 * se)), c.ImpactRatioLow95!.Value, 12);
        Assert.True(c.FourFifths);
    }

    [Fact]
    public void Beta_binomial_reduces_to_the_binomial_and_sums_to_one()
    {
        Assert.Equal(Math.Log(10 * 0.09 * 0.7 * 0.7 * 0.7), Discrete.BetaBinomialLogPmf(2, 5, 0.3, 0), 10);
        var total = Enumerable.Range(0, 21).Sum(k => Math.Exp(Discrete.BetaBinomialLogPmf(k, 20, 0.3, 0.2)));
        Assert.Equal(1, total, 10);

        // Overdispersion widens the tail.
        Assert.True(Discrete.BetaBinomialUpper(12, 20, 0.3, 0.2) > Discrete.BetaBinomialUpper(12, 20, 0.3, 0));
    }

    [Fact]
    public void Moments_estimate_of_overdispersion_is_zero_for_identical_rates_and_positive_for_spread_rates()
    {
        Assert.Equal(0, Discrete.MomentsRho([(10, 50), (10, 50), (10, 50)], 0.2));
        Assert.True(Discrete.MomentsRho([(2, 50), (25, 50), (3, 50), (30, 50)], 0.3) > 0.1);
    }

    [Fact]
    public void Mann_Whitney_against_a_sorted_pool_excluding_own_values_matches_the_direct_test()
    {
        double[] mine = [0.1, 0.2, 0.2, 0.3, 0.15];
        double[] others = [0.5, 0.4, 0.2, 0.6, 0.7, 0.3, 0.55, 0.45];
        var pool = new SortedPool(mine.Concat(others));
        var direct = Probability.MannWhitneyLess(mine, others).P;
        var pooled = SortedPool.LessThanOthers(mine, [pool]);
        Assert.True(direct < 0.05);
        Assert.Equal(direct, pooled, 2);
    }
}
