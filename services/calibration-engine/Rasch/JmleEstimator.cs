namespace HiringPlatform.Calibration.Engine.Rasch;

public sealed record JmleOptions
{
    public int MaxSweeps { get; init; } = 500;

    /// <summary>Largest marginal score residual allowed at convergence (score points).</summary>
    public double ScoreResidual { get; init; } = 0.01;

    /// <summary>Largest logit change allowed at convergence.</summary>
    public double LogitChange { get; init; } = 1e-4;

    /// <summary>Score adjustment used to estimate elements with extreme (minimum or maximum possible) scores.</summary>
    public double ExtremeAdjustment { get; init; } = 0.3;
}

/// <summary>JMLE estimates of one component with per-element fit (computed on observations not involving an extreme element).</summary>
public sealed record JmleResult(
    double[] Theta,
    double[] ThetaSe,
    bool[] CandidateExtreme,
    double[] Severity,
    double[] SeveritySe,
    bool[] RaterExtreme,
    double[] Competency,
    double[] TypeDifficulty,
    double[] Thresholds,
    bool[] Active,
    FitStatistics[] RaterFit,
    FitStatistics[] CandidateFit,
    int Sweeps,
    bool Converged)
{
    public double Eta(FacetData d, int o) => Theta[d.Candidate[o]] - Severity[d.Rater[o]] - Competency[d.Competency[o]] - TypeDifficulty[d.Type[o]];
}

/// <summary>
/// Joint maximum likelihood, FACETS style (docs/calibration-method.md §1.2): PROX-like start, Gauss-Seidel across facets with clamped
/// Newton steps, the Winsteps threshold update, extreme elements removed and estimated at the end with an adjusted score.
/// </summary>
public static class JmleEstimator
{
    public static JmleResult Fit(FacetData d, JmleOptions? options = null, Action<string>? progress = null)
    {
        options ??= new JmleOptions();
        int k = d.K, k1 = k + 1, nObs = d.Count;
        var facets = new[] { d.Candidate, d.Rater, d.Competency, d.Type };
        var sizes = new[] { d.CandidateCount, d.RaterCount, d.CompetencyCount, d.TypeCount };

        // Remove extreme elements iteratively.
        var active = Enumerable.Repeat(true, nObs).ToArray();
        var extreme = sizes.Select(s => new bool[s]).ToArray();
        for (var changed = true; changed;)
        {
            changed = false;
            for (var f = 0; f < 4; f++)
            {
                var count = new int[sizes[f]];
                var score = new int[sizes[f]];
                for (var o = 0; o < nObs; o++)
                {
                    if (active[o])
                    {
                        count[facets[f][o]]++;
                        score[facets[f][o]] += d.X[o];
                    }
                }

                for (var e = 0; e < sizes[f]; e++)
                {
                    if (!extreme[f][e] && count[e] > 0 && (score[e] == 0 || score[e] == k * count[e]))
                    {
                        extreme[f][e] = true;
                        changed = true;
                    }
                }

                if (changed)
                {
                    for (var o = 0; o < nObs; o++)
                    {
                        if (active[o] && extreme[f][facets[f][o]])
                        {
                            active[o] = false;
                        }
                    }
                }
            }
        }

        var measures = sizes.Select(s => new double[s]).ToArray();
        var candScore = new double[d.CandidateCount];
        var candCount = new double[d.CandidateCount];
        var catCount = new double[k1];
        for (var o = 0; o < nObs; o++)
        {
            candScore[d.Candidate[o]] += d.X[o];
            candCount[d.Candidate[o]]++;
            if (active[o])
            {
                catCount[d.X[o]]++;
            }
        }

        for (var n = 0; n < d.CandidateCount; n++)
        {
            measures[0][n] = Math.Log((candScore[n] + 0.5) / ((k * candCount[n]) - candScore[n] + 0.5));
        }

        var smoothed = catCount.Select(c => c == 0 ? 0.5 : c).ToArray();
        var tau = new double[k1];
        for (var c = 1; c < k1; c++)
        {
            tau[c] = Math.Log(smoothed[c - 1] / smoothed[c]);
        }

        MmlEstimator.Center(tau, 1);

        var expected = new double[nObs];
        var variance = new double[nObs];
        var probs = new double[nObs * k1];
        void Evaluate()
        {
            var cum = RatingScaleModel.Cumulative(tau);
            for (var o = 0; o < nObs; o++)
            {
                if (!active[o])
                {
                    continue;
                }

                var eta = measures[0][d.Candidate[o]] - measures[1][d.Rater[o]] - measures[2][d.Competency[o]] - measures[3][d.Type[o]];
                var p = probs.AsSpan(o * k1, k1);
                RatingScaleModel.Probabilities(eta, cum, p);
                var (e, v, _) = RatingScaleModel.Moments(p);
                expected[o] = e;
                variance[o] = v;
            }
        }

        var converged = false;
        var sweep = 0;
        for (sweep = 1; sweep <= options.MaxSweeps; sweep++)
        {
            double maxResidual = 0, maxChange = 0;
            for (var f = 0; f < 4; f++)
            {
                Evaluate();
                var s = new double[sizes[f]];
                var e = new double[sizes[f]];
                var info = new double[sizes[f]];
                for (var o = 0; o < nObs; o++)
                {
                    if (active[o])
                    {
                        var el = facets[f][o];
                        s[el] += d.X[o];
                        e[el] += expected[o];
                        info[el] += variance[o];
                    }
                }

                for (var el = 0; el < sizes[f]; el++)
                {
                    if (extreme[f][el] || info[el] <= 1e-12)
                    {
                        continue;
                    }

                    maxResidual = Math.Max(maxResidual, Math.Abs(s[el] - e[el]));
                    var delta = Math.Clamp((s[el] - e[el]) / info[el], -1, 1);
                    if (f != 0)
                    {
                        delta = -delta;
                    }

                    measures[f][el] += delta;
                    maxChange = Math.Max(maxChange, Math.Abs(delta));
                }

                if (f != 0)
                {
                    CenterActive(measures[f], extreme[f]);
                }
            }

            // Thresholds (Winsteps update), then centre.
            Evaluate();
            var expCount = new double[k1];
            for (var o = 0; o < nObs; o++)
            {
                if (active[o])
                {
                    for (var c = 0; c < k1; c++)
                    {
                        expCount[c] += probs[(o * k1) + c];
                    }
                }
            }

            for (var c = 1; c < k1; c++)
            {
                var step = Math.Clamp(Math.Log(expCount[c] / expCount[c - 1]) - Math.Log(smoothed[c] / smoothed[c - 1]), -1, 1);
                tau[c] += step;
                maxChange = Math.Max(maxChange, Math.Abs(step));
            }

            MmlEstimator.Center(tau, 1);
            if (progress is not null && sweep % 25 == 0)
            {
                progress($"JMLE sweep {sweep}: max score residual {maxResidual.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)}, max change {maxChange.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)}");
            }

            if (maxResidual < options.ScoreResidual && maxChange < options.LogitChange)
            {
                converged = true;
                break;
            }
        }

        // Extreme elements: estimate against the final measures with an adjusted score.
        var finalCum = RatingScaleModel.Cumulative(tau);
        for (var f = 0; f < 4; f++)
        {
            var lists = new Dictionary<int, List<int>>();
            for (var o = 0; o < nObs; o++)
            {
                var el = facets[f][o];
                if (extreme[f][el])
                {
                    if (!lists.TryGetValue(el, out var list))
                    {
                        lists[el] = list = [];
                    }

                    list.Add(o);
                }
            }

            foreach (var (el, list) in lists.OrderBy(kv => kv.Key))
            {
                measures[f][el] = EstimateExtreme(d, measures, list, f, el, finalCum, options.ExtremeAdjustment);
            }
        }

        Evaluate();

        // Standard errors: model SE from the information over the element's observations.
        var thetaInfo = new double[d.CandidateCount];
        var raterInfo = new double[d.RaterCount];
        for (var o = 0; o < nObs; o++)
        {
            var eta = measures[0][d.Candidate[o]] - measures[1][d.Rater[o]] - measures[2][d.Competency[o]] - measures[3][d.Type[o]];
            var v = RatingScaleModel.Moments(eta, finalCum).V;
            thetaInfo[d.Candidate[o]] += v;
            raterInfo[d.Rater[o]] += v;
        }

        var raterFit = FitStatistics.PerElement(d, d.Rater, d.RaterCount, active, measures, finalCum);
        var candFit = FitStatistics.PerElement(d, d.Candidate, d.CandidateCount, active, measures, finalCum);
        return new JmleResult(
            measures[0],
            thetaInfo.Select(i => i > 0 ? 1 / Math.Sqrt(i) : double.NaN).ToArray(),
            extreme[0],
            measures[1],
            raterInfo.Select(i => i > 0 ? 1 / Math.Sqrt(i) : double.NaN).ToArray(),
            extreme[1],
            measures[2],
            measures[3],
            tau,
            active,
            raterFit,
            candFit,
            Math.Min(sweep, options.MaxSweeps),
            converged);
    }

    /// <summary>Wilson-Hilferty standardisation of a mean-square with standard deviation q.</summary>
    public static double Zstd(double meanSquare, double q) => ((Math.Cbrt(meanSquare) - 1) * (3 / q)) + (q / 3);

    private static double EstimateExtreme(FacetData d, double[][] m, List<int> obs, int f, int el, double[] cum, double adjustment)
    {
        var score = 0.0;
        foreach (var o in obs)
        {
            score += d.X[o];
        }

        var max = d.K * obs.Count;
        var target = score <= 0 ? adjustment : (score >= max ? max - adjustment : score);
        var value = m[f][el];
        for (var iter = 0; iter < 100; iter++)
        {
            m[f][el] = value;
            double e = 0, info = 0;
            foreach (var o in obs)
            {
                var eta = m[0][d.Candidate[o]] - m[1][d.Rater[o]] - m[2][d.Competency[o]] - m[3][d.Type[o]];
                var mo = RatingScaleModel.Moments(eta, cum);
                e += mo.E;
                info += mo.V;
            }

            var step = Math.Clamp((target - e) / Math.Max(info, 1e-9), -1, 1);
            value += f == 0 ? step : -step;
            if (Math.Abs(step) < 1e-7)
            {
                break;
            }
        }

        return value;
    }

    private static void CenterActive(double[] values, bool[] extreme)
    {
        double s = 0;
        var n = 0;
        for (var i = 0; i < values.Length; i++)
        {
            if (!extreme[i])
            {
                s += values[i];
                n++;
            }
        }

        if (n == 0)
        {
            return;
        }

        s /= n;
        for (var i = 0; i < values.Length; i++)
        {
            if (!extreme[i])
            {
                values[i] -= s;
            }
        }
    }
}
