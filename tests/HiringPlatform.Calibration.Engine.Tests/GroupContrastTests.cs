using HiringPlatform.Calibration.Engine.Rasch;
using HiringPlatform.Calibration.Engine.Statistics;
using Xunit;

namespace HiringPlatform.Calibration.Engine.Tests;

/// <summary>The precision-weighted group contrast of the group-bias detector (docs/calibration-method.md §4.5).</summary>
public class GroupContrastTests
{
    private static readonly double[] Tau = [0, -1.4, 0, 1.4];

    [Fact]
    public void Without_ability_error_the_contrast_is_the_difference_of_the_two_cells_bias_terms_with_their_information_SE()
    {
        // Abilities known exactly (infinite information): every rating counts alike, and each set's bias solves
        // Σ(x − E(η − b)) = 0, the cell bias term of §1.6, with SE 1/√ΣV.
        var cum = RatingScaleModel.Cumulative(Tau);
        CandidateEvidence Known(int[] x, double eta) => new(x, x.Select(_ => eta).ToArray(), double.PositiveInfinity);
        var focal = new[] { Known([0, 1, 1], 0.3), Known([1, 0, 2], -0.5), Known([0, 0, 1], 1.1), Known([2, 1, 1], 0.8) };
        var rest = new[] { Known([2, 2, 3], 0.1), Known([1, 2, 2], -0.4), Known([3, 2, 2], 0.9), Known([1, 1, 2], -1.0) };

        static (double Bias, double Information) Cell(CandidateEvidence[] set, double[] cum)
        {
            var b = 0.0;
            for (var i = 0; i < 200; i++)
            {
                double r = 0, v = 0;
                foreach (var c in set)
                {
                    for (var k = 0; k < c.Ratings.Count; k++)
                    {
                        var m = RatingScaleModel.Moments(c.Eta[k] - b, cum);
                        r += c.Ratings[k] - m.E;
                        v += m.V;
                    }
                }

                b -= r / v;
            }

            return (b, set.Sum(c => c.Ratings.Select((_, k) => RatingScaleModel.Moments(c.Eta[k] - b, cum).V).Sum()));
        }

        var (bf, vf) = Cell(focal, cum);
        var (br, vr) = Cell(rest, cum);
        var w = BiasAnalysis.WeightedGroupContrast(focal, rest, Tau);
        Assert.Equal(bf - br, w.Contrast, 8);
        Assert.True(w.Contrast > 1, $"the focal set is rated well below the model: {w.Contrast}");
        Assert.Equal(Math.Sqrt((1 / vf) + (1 / vr)), w.ModelSe, 8);
        Assert.Equal((4, 4), (w.FocalCandidates, w.RestCandidates));
    }

    [Fact]
    public void With_abilities_estimated_from_other_ratings_the_contrast_holds_its_level_and_finds_a_planted_bias()
    {
        var (nullRate, nullMean, nullSd, modelSe) = Simulate(bias: 0, countAbilityError: true);
        Assert.InRange(nullMean, -0.03, 0.03);
        Assert.InRange(nullRate, 0.002, 0.013); // level 0.01 (Monte Carlo SE 0.0016 over 4,000 interviewers)
        Assert.InRange(modelSe / nullSd, 0.93, 1.07); // the model SE is the contrast's actual spread

        var (power, plantedMean, _, _) = Simulate(bias: 1.3, countAbilityError: true);
        Assert.InRange(plantedMean, 1.2, 1.45);
        Assert.True(power > 0.8, $"power {power}");

        // The abilities' error is a quarter of the contrast's variance here: ignoring it (treating the abilities as known,
        // as a bias term with fixed abilities does) understates the SE, which only the dispersion partly repairs.
        var (naiveRate, _, naiveSd, naiveSe) = Simulate(bias: 0, countAbilityError: false);
        Assert.True(naiveSe / naiveSd < 0.9, $"naive SE {naiveSe} against the spread {naiveSd}");
        Assert.True(naiveRate > nullRate, $"naive rate {naiveRate}, rate {nullRate}");
    }

    [Fact]
    public void Candidates_scattered_beyond_the_model_widen_the_SE_and_never_narrow_it()
    {
        // Every candidate all lowest or all highest at η = 0: far more spread between candidates than the model allows.
        var focal = Enumerable.Range(0, 12).Select(i => new CandidateEvidence(i % 2 == 0 ? [0, 0, 0] : [3, 3, 3], [0.0, 0, 0], 6)).ToArray();
        var rest = Enumerable.Range(0, 12).Select(i => new CandidateEvidence(i % 3 == 0 ? [0, 0, 0] : [3, 3, 3], [0.0, 0, 0], 6)).ToArray();
        var w = BiasAnalysis.WeightedGroupContrast(focal, rest, Tau);
        Assert.True(w.Dispersion > 3, $"dispersion {w.Dispersion}");
        Assert.Equal(w.ModelSe * Math.Sqrt(w.Dispersion), w.Se, 10);
        Assert.Equal(Probability.TwoSidedNormalP(w.Contrast / w.Se), w.P, 12);
        Assert.True(w.P > Probability.TwoSidedNormalP(w.Contrast / w.ModelSe));

        // Candidates that scatter less than the model allows keep the model's SE.
        var calm = Enumerable.Range(0, 12).Select(_ => new CandidateEvidence([1, 2, 1], [0.0, 0, 0], 6)).ToArray();
        var calmRest = Enumerable.Range(0, 12).Select(_ => new CandidateEvidence([2, 1, 2], [0.0, 0, 0], 6)).ToArray();
        var c = BiasAnalysis.WeightedGroupContrast(calm, calmRest, Tau);
        Assert.True(c.Dispersion < 1, $"dispersion {c.Dispersion}");
        Assert.Equal(c.ModelSe, c.Se, 12);
    }

    [Fact]
    public void A_set_rated_all_at_one_extreme_has_no_finite_contrast()
    {
        var focal = Enumerable.Range(0, 10).Select(_ => new CandidateEvidence([3, 3], [0.0, 0], 5)).ToArray();
        var rest = Enumerable.Range(0, 10).Select(_ => new CandidateEvidence([1, 2], [0.0, 0], 5)).ToArray();
        var w = BiasAnalysis.WeightedGroupContrast(focal, rest, Tau);
        Assert.True(double.IsNaN(w.Contrast));
        Assert.Equal(1, w.P);
    }

    /// <summary>
    /// 4,000 interviewers with 15 candidates in each set: ability N(0, 1), estimated by maximum likelihood from nine other
    /// ratings (candidates with an extreme score there are left out, as the detector does), three ratings by the interviewer
    /// with the focal set rated <paramref name="bias"/> logits harsher (half above and half below their mean severity, as a
    /// fitted severity splits it). Returns the rejection rate at 0.01, the mean contrast, its SD and the mean model SE.
    /// </summary>
    private static (double Rate, double Mean, double Sd, double ModelSe) Simulate(double bias, bool countAbilityError)
    {
        var cum = RatingScaleModel.Cumulative(Tau);
        var rng = new SplitMix64(20261207);
        var p = new double[4];
        int Draw(double eta)
        {
            RatingScaleModel.Probabilities(eta, cum, p);
            return rng.Categorical(p);
        }

        var contrasts = new List<double>();
        var modelSe = 0.0;
        var rejected = 0;
        const int interviewers = 4000;
        for (var j = 0; j < interviewers; j++)
        {
            var sets = new List<CandidateEvidence>[2];
            for (var s = 0; s < 2; s++)
            {
                sets[s] = [];
                var shift = s == 0 ? bias / 2 : -bias / 2;
                for (var n = 0; n < 15; n++)
                {
                    var theta = rng.NextNormal();
                    var score = Enumerable.Range(0, 9).Sum(_ => Draw(theta));
                    var own = new[] { Draw(theta - shift), Draw(theta - shift), Draw(theta - shift) };
                    if (score == 0 || score == 27)
                    {
                        continue;
                    }

                    var estimate = 0.0;
                    for (var i = 0; i < 100; i++)
                    {
                        var m = RatingScaleModel.Moments(estimate, cum);
                        var step = Math.Clamp((score - (9 * m.E)) / (9 * m.V), -1, 1);
                        estimate += step;
                        if (Math.Abs(step) < 1e-10)
                        {
                            break;
                        }
                    }

                    var information = countAbilityError ? 9 * RatingScaleModel.Moments(estimate, cum).V : double.PositiveInfinity;
                    sets[s].Add(new CandidateEvidence(own, [estimate, estimate, estimate], information));
                }
            }

            var w = BiasAnalysis.WeightedGroupContrast(sets[0], sets[1], Tau);
            contrasts.Add(w.Contrast);
            modelSe += w.ModelSe / interviewers;
            rejected += w.P < 0.01 ? 1 : 0;
        }

        var mean = contrasts.Average();
        return (rejected / (double)interviewers, mean, Math.Sqrt(contrasts.Sum(c => (c - mean) * (c - mean)) / (contrasts.Count - 1)), modelSe);
    }
}
