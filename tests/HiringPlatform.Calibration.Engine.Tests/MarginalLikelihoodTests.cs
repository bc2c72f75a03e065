using HiringPlatform.Calibration.Engine.Rasch;
using Xunit;

namespace HiringPlatform.Calibration.Engine.Tests;

/// <summary>
/// The MML-EM solution is checked against the marginal likelihood it claims to maximise, computed here independently by
/// brute force on the same quadrature (21 nodes on −6..6, discrete normal prior): the reported deviance matches, and no
/// constrained perturbation of any parameter lowers it.
/// </summary>
public class MarginalLikelihoodTests
{
    private static double Deviance(FacetData d, double[] alpha, double[] delta, double[] tau, double mu, double sigma)
    {
        var grid = Enumerable.Range(0, 21).Select(q => -6 + (12.0 * q / 20)).ToArray();
        var prior = grid.Select(t => Math.Exp(-0.5 * ((t - mu) / sigma) * ((t - mu) / sigma))).ToArray();
        var sum = prior.Sum();
        var cum = RatingScaleModel.Cumulative(tau);
        var p = new double[tau.Length];
        var deviance = 0.0;
        foreach (var n in Enumerable.Range(0, d.CandidateCount))
        {
            var obs = Enumerable.Range(0, d.Count).Where(o => d.Candidate[o] == n).ToArray();
            var marginal = 0.0;
            for (var q = 0; q < grid.Length; q++)
            {
                var like = prior[q] / sum;
                foreach (var o in obs)
                {
                    RatingScaleModel.Probabilities(grid[q] - alpha[d.Rater[o]] - delta[d.Competency[o]], cum, p);
                    like *= p[d.X[o]];
                }

                marginal += like;
            }

            deviance -= 2 * Math.Log(marginal);
        }

        return deviance;
    }

    [Fact]
    public void The_mml_solution_is_a_maximum_of_the_marginal_likelihood_on_the_quadrature()
    {
        var data = TestData.Complete([-0.7, -0.1, 0.3, 0.5], 120, [-0.3, 0.3], [-1.3, 0.1, 1.2], 61);
        var d = TestData.All(data);
        var fit = MmlEstimator.Fit(d);
        var at = Deviance(d, fit.Severity, fit.Competency, fit.Thresholds, fit.Mean, fit.Sd);
        Assert.Equal(at, fit.Deviance, 3);

        const double h = 0.02;
        void NoImprovement(Func<double, double> deviance)
        {
            Assert.True(deviance(h) - at > -1e-3, $"+h lowers the deviance by {at - deviance(h)}");
            Assert.True(deviance(-h) - at > -1e-3, $"-h lowers the deviance by {at - deviance(-h)}");
        }

        // Sum-to-zero contrasts of the severities, the competencies and the thresholds; the prior mean and SD.
        for (var j = 0; j < 3; j++)
        {
            var jj = j;
            NoImprovement(e => Deviance(d, fit.Severity.Select((a, i) => a + (i == jj ? e : 0) - (i == 3 ? e : 0)).ToArray(), fit.Competency, fit.Thresholds, fit.Mean, fit.Sd));
        }

        NoImprovement(e => Deviance(d, fit.Severity, [fit.Competency[0] + e, fit.Competency[1] - e], fit.Thresholds, fit.Mean, fit.Sd));
        NoImprovement(e => Deviance(d, fit.Severity, fit.Competency, [0, fit.Thresholds[1] + e, fit.Thresholds[2] - e, fit.Thresholds[3]], fit.Mean, fit.Sd));
        NoImprovement(e => Deviance(d, fit.Severity, fit.Competency, [0, fit.Thresholds[1], fit.Thresholds[2] + e, fit.Thresholds[3] - e], fit.Mean, fit.Sd));
        NoImprovement(e => Deviance(d, fit.Severity, fit.Competency, fit.Thresholds, fit.Mean + e, fit.Sd));
        NoImprovement(e => Deviance(d, fit.Severity, fit.Competency, fit.Thresholds, fit.Mean, fit.Sd + e));
    }

    [Fact]
    public void Standard_errors_are_the_observed_information_of_the_marginal_likelihood()
    {
        // 1/SE² of an element is −∂²/∂x² of the marginal log-likelihood (the deviance / 2) at the estimates, other parameters held:
        // the complete-data information minus the missing information about the abilities (Louis 1982). Each candidate's
        // ability rests on 8 ratings, 2 per interviewer, so the missing information is a visible share.
        var d = TestData.All(TestData.Complete([-0.7, -0.1, 0.3, 0.5], 120, [-0.3, 0.3], [-1.3, 0.1, 1.2], 61));
        var fit = MmlEstimator.Fit(d);
        const double h = 1e-3;
        double Information(Func<double, double> deviance) => (deviance(h) - (2 * deviance(0)) + deviance(-h)) / (2 * h * h);
        for (var j = 0; j < 4; j++)
        {
            var jj = j;
            var info = Information(e => Deviance(d, fit.Severity.Select((a, i) => a + (i == jj ? e : 0)).ToArray(), fit.Competency, fit.Thresholds, fit.Mean, fit.Sd));
            Assert.Equal(1, info * fit.SeveritySe[j] * fit.SeveritySe[j], 3);
        }

        var competencyInfo = Information(e => Deviance(d, fit.Severity, [fit.Competency[0] + e, fit.Competency[1]], fit.Thresholds, fit.Mean, fit.Sd));
        Assert.Equal(1, competencyInfo * fit.CompetencySe[0] * fit.CompetencySe[0], 3);
    }
}
