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

/// <summary>
/// Many-facet rating-scale model by marginal maximum likelihood with EM over a fixed quadrature grid (docs/calibration-method.md §1.3):
/// η = θ − α_j − δ_c − γ_t, θ ~ N(μ, σ²) on the grid; one Newton step per non-person element per M-step, re-centred; the
/// thresholds by the log-ratio update, centred; μ and σ from the posterior moments.
/// </summary>
public static class MmlEstimator
{
    public static MmlResult Fit(FacetData d, MmlOptions? options = null, Action<string>? progress = null)
    {
        options ??= new MmlOptions();
        int k1 = d.K + 1, nq = options.Nodes;
        var grid = new double[nq];
        for (var q = 0; q < nq; q++)
        {
            grid[q] = options.GridMin + ((options.GridMax - options.GridMin) * q / (nq - 1));
        }

        // Combinations (rater, competency, type): the E- and M-steps only need per-combination expected counts.
        var comboOf = new Dictionary<long, int>();
        var obsCombo = new int[d.Count];
        var comboRater = new List<int>();
        var comboComp = new List<int>();
        var comboType = new List<int>();
        for (var o = 0; o < d.Count; o++)
        {
            var key = (((long)d.Rater[o] * d.CompetencyCount) + d.Competency[o]) * d.TypeCount + d.Type[o];
            if (!comboOf.TryGetValue(key, out var c))
            {
                comboOf[key] = c = comboRater.Count;
                comboRater.Add(d.Rater[o]);
                comboComp.Add(d.Competency[o]);
                comboType.Add(d.Type[o]);
            }

            obsCombo[o] = c;
        }

        var nCombo = comboRater.Count;

        // Observations grouped by candidate.
        var start = new int[d.CandidateCount + 1];
        foreach (var n in d.Candidate)
        {
            start[n + 1]++;
        }

        for (var n = 0; n < d.CandidateCount; n++)
        {
            start[n + 1] += start[n];
        }

        var order = new int[d.Count];
        var fill = (int[])start.Clone();
        for (var o = 0; o < d.Count; o++)
        {
            order[fill[d.Candidate[o]]++] = o;
        }

        // Observed category counts and per-element observed scores (fixed).
        var obsCount = new double[k1];
        foreach (var x in d.X)
        {
            obsCount[x]++;
        }

        var smoothedObs = obsCount.Select(c => c == 0 ? 0.5 : c).ToArray();

        var alpha = new double[d.RaterCount];
        var delta = new double[d.CompetencyCount];
        var gamma = new double[d.TypeCount];
        var tau = new double[k1];
        for (var k = 1; k < k1; k++)
        {
            tau[k] = Math.Log(smoothedObs[k - 1] / smoothedObs[k]);
        }

        Center(tau, 1);
        double mu = 0, sigma = 1;

        var offset = new double[nCombo];
        var logP = new double[nCombo * nq * k1];
        var r = new double[nCombo * nq * k1];
        var nComboQ = new double[nCombo * nq];
        var comboObserved = new double[nCombo];
        for (var o = 0; o < d.Count; o++)
        {
            comboObserved[obsCombo[o]] += d.X[o];
        }

        var eap = new double[d.CandidateCount];
        var psd = new double[d.CandidateCount];
        var ll = new double[nq];
        var logPrior = new double[nq];
        var prevDeviance = double.PositiveInfinity;
        var deviance = 0.0;
        var converged = false;
        var iteration = 0;
        Span<double> p = stackalloc double[k1];
        for (iteration = 1; iteration <= options.MaxIterations; iteration++)
        {
            // Tables of log P(x | θ_q − offset) per combination.
            var cumTau = RatingScaleModel.Cumulative(tau);
            for (var c = 0; c < nCombo; c++)
            {
                offset[c] = alpha[comboRater[c]] + delta[comboComp[c]] + gamma[comboType[c]];
                for (var q = 0; q < nq; q++)
                {
                    RatingScaleModel.LogProbabilities(grid[q] - offset[c], cumTau, logP.AsSpan(((c * nq) + q) * k1, k1));
                }
            }

            var lpSum = 0.0;
            for (var q = 0; q < nq; q++)
            {
                var z = (grid[q] - mu) / sigma;
                logPrior[q] = -0.5 * z * z;
                lpSum += Math.Exp(logPrior[q]);
            }

            var logNorm = Math.Log(lpSum);
            for (var q = 0; q < nq; q++)
            {
                logPrior[q] -= logNorm;
            }

            // E-step.
            Array.Clear(r);
            deviance = 0;
            double sumTheta = 0, sumTheta2 = 0;
            for (var n = 0; n < d.CandidateCount; n++)
            {
                for (var q = 0; q < nq; q++)
                {
                    ll[q] = logPrior[q];
                }

                for (var i = start[n]; i < start[n + 1]; i++)
                {
                    var o = order[i];
                    var baseIndex = obsCombo[o] * nq * k1;
                    var x = d.X[o];
                    for (var q = 0; q < nq; q++)
                    {
                        ll[q] += logP[baseIndex + (q * k1) + x];
                    }
                }

                var max = double.NegativeInfinity;
                for (var q = 0; q < nq; q++)
                {
                    max = Math.Max(max, ll[q]);
                }

                var sum = 0.0;
                for (var q = 0; q < nq; q++)
                {
                    ll[q] = Math.Exp(ll[q] - max);
                    sum += ll[q];
                }

                deviance -= 2 * (max + Math.Log(sum));
                double m1 = 0, m2 = 0;
                for (var q = 0; q < nq; q++)
                {
                    ll[q] /= sum;
                    m1 += ll[q] * grid[q];
                    m2 += ll[q] * grid[q] * grid[q];
                }

                eap[n] = m1;
                psd[n] = Math.Sqrt(Math.Max(0, m2 - (m1 * m1)));
                sumTheta += m1;
                sumTheta2 += m2;
                for (var i = start[n]; i < start[n + 1]; i++)
                {
                    var o = order[i];
                    var baseIndex = (obsCombo[o] * nq * k1) + d.X[o];
                    for (var q = 0; q < nq; q++)
                    {
                        r[baseIndex + (q * k1)] += ll[q];
                    }
                }
            }

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

            // M-step.
            for (var c = 0; c < nCombo; c++)
            {
                for (var q = 0; q < nq; q++)
                {
                    var s = 0.0;
                    var b = ((c * nq) + q) * k1;
                    for (var k = 0; k < k1; k++)
                    {
                        s += r[b + k];
                    }

                    nComboQ[(c * nq) + q] = s;
                }
            }

            NewtonStep(alpha, comboRater);
            NewtonStep(delta, comboComp);
            NewtonStep(gamma, comboType);

            // Thresholds.
            var expCount = new double[k1];
            cumTau = RatingScaleModel.Cumulative(tau);
            for (var c = 0; c < nCombo; c++)
            {
                var off = alpha[comboRater[c]] + delta[comboComp[c]] + gamma[comboType[c]];
                for (var q = 0; q < nq; q++)
                {
                    var w = nComboQ[(c * nq) + q];
                    if (w <= 0)
                    {
                        continue;
                    }

                    RatingScaleModel.Probabilities(grid[q] - off, cumTau, p);
                    for (var k = 0; k < k1; k++)
                    {
                        expCount[k] += w * p[k];
                    }
                }
            }

            for (var k = 1; k < k1; k++)
            {
                var step = Math.Log(expCount[k] / expCount[k - 1]) - Math.Log(smoothedObs[k] / smoothedObs[k - 1]);
                tau[k] += Math.Clamp(step, -1, 1);
            }

            Center(tau, 1);
            mu = sumTheta / d.CandidateCount;
            sigma = Math.Sqrt(Math.Max(1e-6, (sumTheta2 / d.CandidateCount) - (mu * mu)));
        }

        // Standard errors from the observed information of the marginal likelihood at the estimates (Louis 1982): per element, the
        // complete-data information Σ_n E_post[Σ V(θ)] minus the missing information Σ_n Var_post(Σ E(θ)) over the element's
        // ratings of candidate n, since a candidate's ability is itself estimated from those ratings. Without the second term the
        // SEs of interviewers are about 15% too small in a season of four interviews per candidate (empirical SD of
        // (estimate − truth)/SE 1.15 over null seasons), which let noisy severities through the practical-size check.
        var finalCum = RatingScaleModel.Cumulative(tau);
        var expected = new double[nCombo * nq];
        var variance = new double[nCombo * nq];
        var finalLogP = new double[nCombo * nq * k1];
        for (var c = 0; c < nCombo; c++)
        {
            var off = alpha[comboRater[c]] + delta[comboComp[c]] + gamma[comboType[c]];
            for (var q = 0; q < nq; q++)
            {
                var (ev, vv, _) = RatingScaleModel.Moments(grid[q] - off, finalCum);
                expected[(c * nq) + q] = ev;
                variance[(c * nq) + q] = vv;
                RatingScaleModel.LogProbabilities(grid[q] - off, finalCum, finalLogP.AsSpan(((c * nq) + q) * k1, k1));
            }
        }

        var finalLogPrior = new double[nq];
        var priorSum = 0.0;
        for (var q = 0; q < nq; q++)
        {
            var z = (grid[q] - mu) / sigma;
            finalLogPrior[q] = -0.5 * z * z;
            priorSum += Math.Exp(finalLogPrior[q]);
        }

        var infoAlpha = new double[alpha.Length];
        var infoDelta = new double[delta.Length];
        var infoGamma = new double[gamma.Length];
        var post = new double[nq];
        var members = new List<int>();
        for (var n = 0; n < d.CandidateCount; n++)
        {
            for (var q = 0; q < nq; q++)
            {
                post[q] = finalLogPrior[q] - Math.Log(priorSum);
            }

            for (var i = start[n]; i < start[n + 1]; i++)
            {
                var o = order[i];
                var b = obsCombo[o] * nq * k1;
                for (var q = 0; q < nq; q++)
                {
                    post[q] += finalLogP[b + (q * k1) + d.X[o]];
                }
            }

            var max = post.Max();
            var total = 0.0;
            for (var q = 0; q < nq; q++)
            {
                post[q] = Math.Exp(post[q] - max);
                total += post[q];
            }

            for (var q = 0; q < nq; q++)
            {
                post[q] /= total;
            }

            AddCandidate(infoAlpha, comboRater);
            AddCandidate(infoDelta, comboComp);
            AddCandidate(infoGamma, comboType);

            // One candidate's contribution to each element it met: E_post[Σ V] − Var_post(Σ E) over its ratings of that element.
            void AddCandidate(double[] info, List<int> elementOf)
            {
                for (var i = start[n]; i < start[n + 1]; i++)
                {
                    var e = elementOf[obsCombo[order[i]]];
                    var seen = false;
                    for (var h = start[n]; h < i && !seen; h++)
                    {
                        seen = elementOf[obsCombo[order[h]]] == e;
                    }

                    if (seen)
                    {
                        continue;
                    }

                    members.Clear();
                    for (var h = i; h < start[n + 1]; h++)
                    {
                        if (elementOf[obsCombo[order[h]]] == e)
                        {
                            members.Add(obsCombo[order[h]]);
                        }
                    }

                    double complete = 0, m1 = 0, m2 = 0;
                    for (var q = 0; q < nq; q++)
                    {
                        double sv = 0, se = 0;
                        foreach (var c in members)
                        {
                            sv += variance[(c * nq) + q];
                            se += expected[(c * nq) + q];
                        }

                        complete += post[q] * sv;
                        m1 += post[q] * se;
                        m2 += post[q] * se * se;
                    }

                    info[e] += complete - Math.Max(0, m2 - (m1 * m1));
                }
            }
        }

        static double[] Se(double[] info) => info.Select(i => i > 1e-12 ? 1 / Math.Sqrt(i) : double.NaN).ToArray();

        RecountExpected();
        return new MmlResult(alpha, Se(infoAlpha), delta, Se(infoDelta), gamma, Se(infoGamma), tau, mu, sigma, eap, psd, Math.Min(iteration, options.MaxIterations), converged, deviance);

        void RecountExpected()
        {
            for (var c = 0; c < nCombo; c++)
            {
                for (var q = 0; q < nq; q++)
                {
                    var s = 0.0;
                    var b = ((c * nq) + q) * k1;
                    for (var k = 0; k < k1; k++)
                    {
                        s += r[b + k];
                    }

                    nComboQ[(c * nq) + q] = s;
                }
            }
        }

        void NewtonStep(double[] facet, List<int> elementOf)
        {
            if (facet.Length < 2)
            {
                return;
            }

            var cum = RatingScaleModel.Cumulative(tau);
            var obsScore = new double[facet.Length];
            var expScore = new double[facet.Length];
            var info = new double[facet.Length];
            for (var c = 0; c < nCombo; c++)
            {
                var e = elementOf[c];
                obsScore[e] += comboObserved[c];
                var off = alpha[comboRater[c]] + delta[comboComp[c]] + gamma[comboType[c]];
                for (var q = 0; q < nq; q++)
                {
                    var w = nComboQ[(c * nq) + q];
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
