using HiringPlatform.Calibration.Engine.Import;
using HiringPlatform.Calibration.Engine.Rasch;
using Xunit;

namespace HiringPlatform.Calibration.Engine.Tests;

public class RaschModelTests
{
    private static readonly double[] TrueSeverity = [-0.9, -0.5, -0.2, 0.0, 0.3, 0.5, 0.8];
    private static readonly double[] TrueCompetency = [-0.4, 0.1, 0.3];
    private static readonly double[] TrueTau = [-1.5, 0.2, 1.3];

    [Fact]
    public void Category_probabilities_sum_to_one_and_follow_the_adjacent_logit()
    {
        var cum = RatingScaleModel.Cumulative([0, -1, 0.2, 0.8]);
        var p = new double[4];
        RatingScaleModel.Probabilities(0.5, cum, p);
        Assert.Equal(1, p.Sum(), 12);
        Assert.Equal(0.5 - (-1), Math.Log(p[1] / p[0]), 10);
        Assert.Equal(0.5 - 0.2, Math.Log(p[2] / p[1]), 10);
        Assert.Equal(0.5 - 0.8, Math.Log(p[3] / p[2]), 10);
    }

    [Fact]
    public void Mml_recovers_known_severities_in_a_complete_design()
    {
        var data = TestData.Complete(TrueSeverity, 300, TrueCompetency, TrueTau, 11);
        var fit = MmlEstimator.Fit(TestData.All(data));
        Assert.True(fit.Converged);
        Assert.True(TestData.Correlation(TrueSeverity, fit.Severity) >= 0.99);
        for (var j = 0; j < TrueSeverity.Length; j++)
        {
            Assert.True(Math.Abs(fit.Severity[j] - TrueSeverity[j]) < 3 * fit.SeveritySe[j], $"rater {j}: {fit.Severity[j]} vs {TrueSeverity[j]} (SE {fit.SeveritySe[j]})");
        }

        for (var c = 0; c < TrueCompetency.Length; c++)
        {
            Assert.True(Math.Abs(fit.Competency[c] - TrueCompetency[c]) < 3 * fit.CompetencySe[c]);
        }

        for (var k = 1; k <= 3; k++)
        {
            Assert.True(Math.Abs(fit.Thresholds[k] - TrueTau[k - 1]) < 0.15, $"threshold {k}: {fit.Thresholds[k]}");
        }

        Assert.True(Math.Abs(fit.Sd - 1) < 0.15, $"sd {fit.Sd}");
    }

    [Fact]
    public void Jmle_recovers_known_severities_and_gives_fit_near_one_for_model_raters()
    {
        var data = TestData.Complete(TrueSeverity, 300, TrueCompetency, TrueTau, 12);
        var fit = JmleEstimator.Fit(TestData.All(data));
        Assert.True(fit.Converged);
        Assert.True(TestData.Correlation(TrueSeverity, fit.Severity) >= 0.99);
        foreach (var f in fit.RaterFit)
        {
            Assert.InRange(f.Infit, 0.85, 1.15);
            Assert.InRange(f.Outfit, 0.8, 1.2);
            Assert.InRange(f.InfitZ, -3, 3);
        }
    }

    [Fact]
    public void Equal_totals_give_equal_severities_in_a_complete_design()
    {
        // Rater b's ratings are rater a's ratings with two values swapped between candidates: same total, different pattern.
        var rows = new System.Text.StringBuilder("candidate_id,interviewer_id,interview_id,interview_type,competency,rating\n");
        int[][] ratings =
        [
            [1, 2, 3, 4, 2, 3, 1, 4, 3, 2], // a
            [2, 1, 3, 4, 2, 3, 1, 4, 2, 3], // b (same total as a)
            [2, 2, 3, 3, 3, 4, 2, 4, 3, 3], // c
            [1, 1, 2, 3, 2, 2, 1, 3, 2, 2], // d
        ];
        for (var j = 0; j < ratings.Length; j++)
        {
            for (var n = 0; n < ratings[j].Length; n++)
            {
                rows.Append(System.Globalization.CultureInfo.InvariantCulture, $"n{n},{(char)('a' + j)},i{n}{j},coding,algorithms,{ratings[j][n]}\n");
            }
        }

        var data = TestData.FromCsv(rows.ToString());
        var d = TestData.All(data);
        var mml = MmlEstimator.Fit(d);
        var jmle = JmleEstimator.Fit(d);
        Assert.Equal(mml.Severity[0], mml.Severity[1], 5);
        Assert.Equal(jmle.Severity[0], jmle.Severity[1], 5);
        Assert.NotEqual(mml.Severity[0], mml.Severity[2], 2);

        // Harsher totals give higher severity.
        Assert.True(mml.Severity[3] > mml.Severity[0] && mml.Severity[0] > mml.Severity[2]);
    }

    [Fact]
    public void Shifting_the_scale_changes_no_estimate()
    {
        var a = TestData.Complete(TrueSeverity, 80, TrueCompetency, TrueTau, 13, scaleMin: 1);
        var b = TestData.Complete(TrueSeverity, 80, TrueCompetency, TrueTau, 13, scaleMin: 0);
        var fa = MmlEstimator.Fit(TestData.All(a));
        var fb = MmlEstimator.Fit(TestData.All(b));
        Assert.Equal(fa.Severity, fb.Severity);
        Assert.Equal(fa.Thresholds, fb.Thresholds);
    }

    [Fact]
    public void Permuting_interviewer_ids_only_permutes_the_severities()
    {
        var data = TestData.Complete(TrueSeverity, 80, TrueCompetency, TrueTau, 14);
        var text = ToCsv(data);

        // Rename r00..r06 to z06..z00: the ordinal order is reversed.
        var renamed = System.Text.RegularExpressions.Regex.Replace(text, @",r0(\d),", m => $",z0{6 - int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)},");
        var permuted = TestData.FromCsv(renamed);
        var f1 = MmlEstimator.Fit(TestData.All(data));
        var f2 = MmlEstimator.Fit(TestData.All(permuted));
        for (var j = 0; j < 7; j++)
        {
            var other = permuted.InterviewerIds.ToList().IndexOf($"z0{6 - j}");
            Assert.Equal(f1.Severity[j], f2.Severity[other], 6);
        }
    }

    [Fact]
    public void Facet_summary_matches_the_published_FACETS_consistency_relations()
    {
        // FACETS Table 7 reader facet: separation 2.17 -> strata 3.23 and reliability .825.
        var s = FacetSummary.FromMoments(12, 0, Math.Sqrt((0.17 * 0.17) + (0.08 * 0.08)), 0.08);
        Assert.Equal(0.17, s.TrueSd, 10);
        Assert.Equal(0.17 / 0.08, s.Separation, 10);
        Assert.Equal(((4 * s.Separation) + 1) / 3, s.Strata, 10);
        Assert.Equal(s.Separation * s.Separation / (1 + (s.Separation * s.Separation)), s.Reliability, 10);
        var published = FacetSummary.FromMoments(12, 0, 1, 1 / Math.Sqrt(1 + (2.17 * 2.17)));
        Assert.Equal(2.17, published.Separation, 10);
        Assert.Equal(3.23, published.Strata, 2);
        Assert.Equal(0.825, published.Reliability, 3);
    }

    [Fact]
    public void Fixed_chi_square_is_the_weighted_sum_of_squares_about_the_weighted_mean()
    {
        // Measures 1, -1 and 0 with SE 0.5: w = 4 each, weighted mean 0, chi-square = 4 + 4 = 8 on 2 df.
        var s = FacetSummary.From([1, -1, 0], [0.5, 0.5, 0.5]);
        Assert.Equal(8, s.FixedChiSquare, 10);
        Assert.Equal(2, s.FixedDf);
        Assert.Equal(Math.Exp(-4), s.FixedP, 8);
    }

    [Fact]
    public void Wilson_Hilferty_standardisation_is_zero_at_the_expected_mean_square()
    {
        Assert.Equal(0.1 / 3, JmleEstimator.Zstd(1, 0.1), 12);
        Assert.True(JmleEstimator.Zstd(1.5, 0.1) > 2);
        Assert.True(JmleEstimator.Zstd(0.6, 0.1) < -2);
    }

    internal static string ToCsv(CalibrationData data)
    {
        var sb = new System.Text.StringBuilder("candidate_id,interviewer_id,interview_id,interview_type,competency,rating\n");
        foreach (var o in data.Observations)
        {
            sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{data.CandidateIds[o.Candidate]},{data.InterviewerIds[o.Interviewer]},{data.Scorecards[o.Scorecard].InterviewId},{data.TypeIds[o.Type]},{data.CompetencyIds[o.Competency]},{o.Category + data.Scale.Min}\n");
        }

        return sb.ToString();
    }
}

public class SparseRecoveryTests
{
    [Fact]
    public void Mml_recovers_severities_in_a_sparse_simulated_season_with_honest_standard_errors()
    {
        // 1,500 candidates x 4 interviews among 40 interviewers of 2 types each: about 3% of the candidate-interviewer pairs.
        var season = Simulation.SeasonSimulator.Simulate(Simulation.SimulationOptions.Null(17) with { Candidates = 1500, SeveritySd = 0.5 });
        var data = season.Import();
        var fits = Analysis.ModelSet.Fit(data, Design.DesignComponents.Find(data), new MmlOptions(), new JmleOptions(), null);
        var fit = Assert.Single(fits.Fits);
        var truth = season.TruthCsv.Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => double.Parse(l.Split(',')[2], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var mean = truth.Average();
        var centred = truth.Select(t => t - mean).ToArray();
        Assert.True(TestData.Correlation(centred, fit.Mml.Severity) >= 0.97, $"correlation {TestData.Correlation(centred, fit.Mml.Severity)}");
        var z = centred.Select((t, j) => (fit.Mml.Severity[j] - t) / fit.Mml.SeveritySe[j]).ToArray();
        var rms = Math.Sqrt(z.Average(v => v * v));
        Assert.InRange(rms, 0.6, 1.4);
        Assert.True(z.All(v => Math.Abs(v) < 4));
    }
}

public class RaschEdgeCaseTests
{
    [Fact]
    public void Mml_estimates_the_ability_mean_and_sd_freely_and_leaves_severities_centred()
    {
        // Abilities N(0, 1) shifted by +1 logit: the prior mean moves, the severities stay put.
        double[] severity = [-0.6, -0.2, 0.2, 0.6];
        var shifted = TestData.Complete(severity.Select(a => a - 1).ToArray(), 400, [0, 0.2], [-1.2, 0, 1.2], 51);
        var fit = MmlEstimator.Fit(TestData.All(shifted));
        Assert.InRange(fit.Mean, 0.85, 1.15); // 400 abilities: SE of their mean about 0.05
        Assert.InRange(fit.Sd, 0.85, 1.15);
        Assert.Equal(0, fit.Severity.Sum(), 8);
        for (var j = 0; j < severity.Length; j++)
        {
            Assert.True(Math.Abs(fit.Severity[j] - severity[j]) < 3 * fit.SeveritySe[j]);
        }
    }

    [Fact]
    public void Jmle_removes_extreme_candidates_from_estimation_and_places_them_beyond_everyone_else()
    {
        var data = TestData.Complete([-0.5, 0, 0.5], 60, [0], [-1, 0, 1], 52);
        var csv = RaschModelTests.ToCsv(data) + "top,r00,t0,coding,c0,4\ntop,r01,t1,coding,c0,4\ntop,r02,t2,coding,c0,4\n";
        var withTop = TestData.FromCsv(csv);
        var d = TestData.All(withTop);
        var fit = JmleEstimator.Fit(d);
        var top = Array.IndexOf(d.CandidateGlobal, withTop.CandidateIds.ToList().IndexOf("top"));
        Assert.True(fit.CandidateExtreme[top]);
        Assert.True(double.IsFinite(fit.Theta[top]));
        Assert.True(fit.Theta[top] >= fit.Theta.Where((_, n) => !fit.CandidateExtreme[n]).Max());

        // Its ratings do not enter the fit statistics.
        var topObs = Enumerable.Range(0, d.Count).Where(o => d.Candidate[o] == top);
        Assert.All(topObs, o => Assert.False(fit.Active[o]));
    }

    [Fact]
    public void The_report_does_not_depend_on_the_current_culture()
    {
        var data = TestData.Complete([-0.5, 0, 0.5], 50, [0, 0.3], [-1, 0, 1], 53);
        var config = Flagging.CalibrationConfig.Default with { BootstrapReplicates = 50 };
        var original = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.InvariantCulture;
            var report = Analysis.CalibrationAnalysis.Run(data, config).Report;
            var json = Reports.ReportJson.Serialize(report);
            var table = Reports.ReportTable.Render(report);
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            var report2 = Analysis.CalibrationAnalysis.Run(data, config).Report;
            Assert.Equal(json, Reports.ReportJson.Serialize(report2));
            Assert.Equal(table, Reports.ReportTable.Render(report2));
            Assert.Contains("0.", table, StringComparison.Ordinal);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = original;
        }
    }
}
