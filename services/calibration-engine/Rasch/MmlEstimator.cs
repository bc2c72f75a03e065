namespace HiringPlatform.Calibration.Engine.Rasch;

/// <summary>
/// Settings of the marginal maximum likelihood EM estimator. The defaults are those of TAM's <c>tam.mml.mfr</c> as described in
/// docs/calibration-method.md §1.3: a 21-point grid from -6 to 6, a normal prior with free mean and SD, stop on the deviance.
/// </summary>
public sealed record MmlOptions
{
    public int Nodes { get; init; } = 21;

    public double GridMin { get; init; } = -6;

    public double GridMax { get; init; } = 6;

    public int MaxIterations { get; init; } = 3000;

    /// <summary>Stop when the deviance changes by less than this (absolute), or by less than 1e-12 relative on very large data.</summary>
    public double DevianceTolerance { get; init; } = 1e-6;
}

/// <summary>MML-EM estimates of one component. Threshold array has length K+1 with [0] unused; facets sum to zero.</summary>
public sealed record MmlResult(
    double[] Severity,
    double[] SeveritySe,
    double[] Competency,
    double[] CompetencySe,
    double[] TypeDifficulty,
    double[] TypeSe,
    double[] Thresholds,
    double Mean,
    double Sd,
    double[] Eap,
    double[] PosteriorSd,
    int Iterations,
    bool Converged,
    double Deviance);

/// <summary>The parameters the EM iterates on: facets sum to zero, thresholds (index 0 unused) are centred.</summary>
internal sealed class MmlParameters(double[] alpha, double[] delta, double[] gamma, double[] tau)
{
    public double[] Alpha { get; } = alpha;

    public double[] Delta { get; } = delta;

    public double[] Gamma { get; } = gamma;

    public double[] Tau { get; } = tau;

    public double Mu { get; set; }

    public double Sigma { get; set; } = 1;

    /// <summary>Facets at zero, thresholds from the log-ratios of adjacent (smoothed) category counts, θ ~ N(0, 1).</summary>
    public static MmlParameters Start(FacetData d, double[] smoothedObs)
    {
        var tau = new double[d.K + 1];
        for (var k = 1; k < tau.Length; k++)
        {
            tau[k] = Math.Log(smoothedObs[k - 1] / smoothedObs[k]);
        }

        MmlEstimator.Center(tau, 1);
        return new MmlParameters(new double[d.RaterCount], new double[d.CompetencyCount], new double[d.TypeCount], tau);
    }
}

/// <summary>
/// Many-facet rating-scale model by marginal maximum likelihood with EM over a fixed quadrature grid (docs/calibration-method.md §1.3):
/// η = θ − α_j − δ_c − γ_t, θ ~ N(μ, σ²) on the grid; one Newton step per non-person element per M-step, re-centred; the
/// thresholds by the log-ratio update, centred; μ and σ from the posterior moments. Standard errors: <see cref="MmlStandardErrors"/>.
/// </summary>
public static class MmlEstimator
{
    public static MmlResult Fit(FacetData d, MmlOptions? options = null, Action<string>? progress = null)
    {
        options ??= new MmlOptions();
        var grid = Grid(options);
        var layout = MmlLayout.Of(d, grid.Length);
        var smoothedObs = SmoothedCategoryCounts(d);
        var p = MmlParameters.Start(d, smoothedObs);
        var tables = new EmTables(layout);
        var eap = new double[d.CandidateCount];
        var psd = new double[d.CandidateCount];
        var prevDeviance = double.PositiveInfinity;
        var deviance = 0.0;
        var converged = false;
        var iteration = 0;
        for (iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            var posterior = ExpectationStep(layout, grid, p, tables, eap, psd);
            deviance = posterior.Deviance;
            var change = Math.Abs(prevDeviance - deviance);
            if (change < options.DevianceTolerance || change < 1e-12 * Math.Abs(deviance))
            {
                converged = true;
                break;
            }

            prevDeviance = deviance;
            if (progress is not null && iteration % 25 == 0)
            {
                progress($"MML-EM iteration {iteration}: deviance {deviance.ToString("F4", System.Globalization.CultureInfo.InvariantCulture)}");
            }

            MaximisationStep(layout, grid, p, tables, smoothedObs);
            p.Mu = posterior.SumTheta / d.CandidateCount;
            p.Sigma = Math.Sqrt(Math.Max(1e-6, (posterior.SumTheta2 / d.CandidateCount) - (p.Mu * p.Mu)));
        }

        var (severitySe, competencySe, typeSe) = MmlStandardErrors.Louis(layout, grid, p);
        return new MmlResult(p.Alpha, severitySe, p.Delta, competencySe, p.Gamma, typeSe, p.Tau, p.Mu, p.Sigma, eap, psd, Math.Min(iteration, options.MaxIterations), converged, deviance);
    }

    /// <summary>The quadrature grid: evenly spaced nodes from GridMin to GridMax.</summary>
    private static double[] Grid(MmlOptions options)
    {
        var nq = options.Nodes;
        var grid = new double[nq];
        for (var q = 0; q < nq; q++)
        {
            grid[q] = options.GridMin + ((options.GridMax - options.GridMin) * q / (nq - 1));
        }

        return grid;
    }

    /// <summary>Observed category counts, an unused category counted as 0.5.</summary>
    private static double[] SmoothedCategoryCounts(FacetData d)
    {
        var obsCount = new double[d.K + 1];
        foreach (var x in d.X)
        {
            obsCount[x]++;
        }

        return obsCount.Select(c => c == 0 ? 0.5 : c).ToArray();
    }

    /// <summary>The normal prior N(μ, σ²) on the grid, as log weights normalised over the grid.</summary>
    internal static double[] LogPrior(double[] grid, double mu, double sigma)
    {
        var logPrior = new double[grid.Length];
        var sum = 0.0;
        for (var q = 0; q < grid.Length; q++)
        {
            var z = (grid[q] - mu) / sigma;
            logPrior[q] = -0.5 * z * z;
            sum += Math.Exp(logPrior[q]);
        }

        var logNorm = Math.Log(sum);
        for (var q = 0; q < grid.Length; q++)
        {
            logPrior[q] -= logNorm;
        }

        return logPrior;
    }

    /// <summary>The EM's working tables per (combination, node, category), allocated once.</summary>
    private sealed class EmTables(MmlLayout layout)
    {
        /// <summary>log P(x | θ_q − offset) per combination.</summary>
        public double[] LogP { get; } = new double[layout.ComboCount * layout.Nodes * layout.Categories];

        /// <summary>Posterior-weighted counts of the observed categories.</summary>
        public double[] Expected { get; } = new double[layout.ComboCount * layout.Nodes * layout.Categories];

        /// <summary>Posterior-weighted number of ratings per (combination, node).</summary>
        public double[] PerNode { get; } = new double[layout.ComboCount * layout.Nodes];

        public double[] Posterior { get; } = new double[layout.Nodes];
    }

    /// <summary>
    /// E-step: each candidate's posterior over the grid given the current parameters, its EAP and posterior SD, and the
    /// posterior-weighted category counts per combination; returns the deviance and the sums of the posterior first and
    /// second moments.
    /// </summary>
    private static (double Deviance, double SumTheta, double SumTheta2) ExpectationStep(MmlLayout layout, double[] grid, MmlParameters p, EmTables t, double[] eap, double[] psd)
    {
        int nq = layout.Nodes, k1 = layout.Categories;
        var cumTau = RatingScaleModel.Cumulative(p.Tau);
        for (var c = 0; c < layout.ComboCount; c++)
        {
            var offset = layout.Offset(c, p);
            for (var q = 0; q < nq; q++)
            {
                RatingScaleModel.LogProbabilities(grid[q] - offset, cumTau, t.LogP.AsSpan(layout.Row(c, q), k1));
            }
        }

        var logPrior = LogPrior(grid, p.Mu, p.Sigma);
        var post = t.Posterior;
        Array.Clear(t.Expected);
        var deviance = 0.0;
        double sumTheta = 0, sumTheta2 = 0;
        for (var n = 0; n < eap.Length; n++)
        {
            deviance -= 2 * layout.Posterior(n, logPrior, t.LogP, post);
            double m1 = 0, m2 = 0;
            for (var q = 0; q < nq; q++)
            {
                m1 += post[q] * grid[q];
                m2 += post[q] * grid[q] * grid[q];
            }

            eap[n] = m1;
            psd[n] = Math.Sqrt(Math.Max(0, m2 - (m1 * m1)));
            sumTheta += m1;
            sumTheta2 += m2;
            for (var i = layout.CandidateStart[n]; i < layout.CandidateStart[n + 1]; i++)
            {
                var o = layout.ByCandidate[i];
                var baseIndex = (layout.ObservationCombo[o] * nq * k1) + layout.Data.X[o];
                for (var q = 0; q < nq; q++)
                {
                    t.Expected[baseIndex + (q * k1)] += post[q];
                }
            }
        }

        return (deviance, sumTheta, sumTheta2);
    }

    /// <summary>M-step of the facets and thresholds (μ and σ are the posterior moments of the E-step).</summary>
    private static void MaximisationStep(MmlLayout layout, double[] grid, MmlParameters p, EmTables t, double[] smoothedObs)
    {
        int nq = layout.Nodes, k1 = layout.Categories;
        for (var c = 0; c < layout.ComboCount; c++)
        {
            for (var q = 0; q < nq; q++)
            {
                var s = 0.0;
                var b = layout.Row(c, q);
                for (var k = 0; k < k1; k++)
                {
                    s += t.Expected[b + k];
                }

                t.PerNode[(c * nq) + q] = s;
            }
        }

        NewtonStep(layout, grid, p, t, p.Alpha, layout.ComboRater);
        NewtonStep(layout, grid, p, t, p.Delta, layout.ComboCompetency);
        NewtonStep(layout, grid, p, t, p.Gamma, layout.ComboType);
        ThresholdStep(layout, grid, p, t, smoothedObs);
    }

    /// <summary>One clamped Newton step per element of a facet on its observed minus expected score, then re-centred.</summary>
    private static void NewtonStep(MmlLayout layout, double[] grid, MmlParameters p, EmTables t, double[] facet, int[] elementOf)
    {
        if (facet.Length < 2)
        {
            return;
        }

        var nq = layout.Nodes;
        var cum = RatingScaleModel.Cumulative(p.Tau);
        var obsScore = new double[facet.Length];
        var expScore = new double[facet.Length];
        var info = new double[facet.Length];
        for (var c = 0; c < layout.ComboCount; c++)
        {
            var e = elementOf[c];
            obsScore[e] += layout.ComboObserved[c];
            var off = layout.Offset(c, p);
            for (var q = 0; q < nq; q++)
            {
                var w = t.PerNode[(c * nq) + q];
                if (w <= 0)
                {
                    continue;
                }

                var (ev, vv, _) = RatingScaleModel.Moments(grid[q] - off, cum);
                expScore[e] += w * ev;
                info[e] += w * vv;
            }
        }

        for (var e = 0; e < facet.Length; e++)
        {
            if (info[e] > 1e-12)
            {
                facet[e] -= Math.Clamp((obsScore[e] - expScore[e]) / info[e], -1, 1);
            }
        }

        Center(facet, 0);
    }

    /// <summary>Thresholds by the log-ratio update of expected against observed adjacent category counts, clamped, centred.</summary>
    private static void ThresholdStep(MmlLayout layout, double[] grid, MmlParameters p, EmTables t, double[] smoothedObs)
    {
        int nq = layout.Nodes, k1 = layout.Categories;
        Span<double> prob = stackalloc double[k1];
        var expCount = new double[k1];
        var cumTau = RatingScaleModel.Cumulative(p.Tau);
        for (var c = 0; c < layout.ComboCount; c++)
        {
            var off = layout.Offset(c, p);
            for (var q = 0; q < nq; q++)
            {
                var w = t.PerNode[(c * nq) + q];
                if (w <= 0)
                {
                    continue;
                }

                RatingScaleModel.Probabilities(grid[q] - off, cumTau, prob);
                for (var k = 0; k < k1; k++)
                {
                    expCount[k] += w * prob[k];
                }
            }
        }

        for (var k = 1; k < k1; k++)
        {
            var step = Math.Log(expCount[k] / expCount[k - 1]) - Math.Log(smoothedObs[k] / smoothedObs[k - 1]);
            p.Tau[k] += Math.Clamp(step, -1, 1);
        }

        Center(p.Tau, 1);
    }

    internal static void Center(double[] values, int from)
    {
        var m = 0.0;
        for (var i = from; i < values.Length; i++)
        {
            m += values[i];
        }

        m /= values.Length - from;
        for (var i = from; i < values.Length; i++)
        {
            values[i] -= m;
        }
    }
}
