using System.Globalization;
using HiringPlatform.Calibration.Engine.Import;
using HiringPlatform.Calibration.Engine.Statistics;

namespace HiringPlatform.Calibration.Engine.Detectors;

/// <summary>
/// Disagreement with outcomes (§4.6): for each decided candidate the interviewer saw with at least two other interviewers,
/// the leave-one-out consensus is the decision predicted from the other interviewers' scores alone (a logistic regression
/// of the final decisions on the candidates' mean scorecard score, evaluated at the mean of the other scorecards). The
/// interviewer's disagreement count is tested one-sided against the pooled peer rate with a beta-binomial whose
/// overdispersion comes from the other interviewers (robust: from the median absolute deviation of the standardised counts).
/// A second signal, Bonferroni-combined with the first: the correlation of the interviewer's ordinal recommendation with
/// the other interviewers' mean score, against the peers' correlations (Fisher z, robust between-interviewer variance).
/// </summary>
public static class OutcomeDisagreementDetector
{
    public static IEnumerable<DetectorTest> Run(DetectorContext ctx)
    {
        var data = ctx.Data;
        if (!data.HasRecommendations || !data.HasDecisions)
        {
            yield break;
        }

        var e = ctx.Config.Eligibility;
        var nr = data.InterviewerIds.Count;
        var n = new int[nr];
        var x = new int[nr];
        var loneNo = new int[nr];
        var pairs = new List<(double Rec, double Consensus)>[nr];
        for (var j = 0; j < nr; j++)
        {
            pairs[j] = [];
        }

        // Scorecard mean rating (0..1 of the scale) per scorecard.
        var cardMean = new double[data.Scorecards.Count];
        var cardCount = new int[data.Scorecards.Count];
        foreach (var o in data.Observations)
        {
            cardMean[o.Scorecard] += o.Category;
            cardCount[o.Scorecard]++;
        }

        for (var s = 0; s < cardMean.Length; s++)
        {
            cardMean[s] = cardCount[s] > 0 ? cardMean[s] / cardCount[s] / data.Scale.K : double.NaN;
        }

        // Decision model: logistic regression of the final decision on the candidate's mean scorecard score.
        var train = new List<(double M, bool Hired)>();
        for (var cand = 0; cand < data.CandidateIds.Count; cand++)
        {
            var scores = ctx.ScorecardsOfCandidate[cand].Select(s => cardMean[s]).Where(double.IsFinite).ToArray();
            if (data.Hired[cand] is { } h && scores.Length > 0)
            {
                train.Add((scores.Average(), h));
            }
        }

        var (b0, b1) = Logistic(train);
        for (var cand = 0; cand < data.CandidateIds.Count; cand++)
        {
            if (data.Hired[cand] is null)
            {
                continue;
            }

            var cards = ctx.ScorecardsOfCandidate[cand].Where(s => data.Scorecards[s].Recommendation is not null && double.IsFinite(cardMean[s])).ToArray();
            foreach (var s in cards)
            {
                var card = data.Scorecards[s];
                var others = cards.Where(o => data.Scorecards[o].Interviewer != card.Interviewer).ToArray();
                if (others.Length < e.OutcomeMinOtherInterviewers)
                {
                    continue;
                }

                var othersMean = others.Average(o => cardMean[o]);
                var consensus = b0 + (b1 * othersMean) > 0;
                pairs[card.Interviewer].Add(((int)card.Recommendation!.Value, othersMean));
                var mine = card.Recommendation >= Recommendation.Yes;
                n[card.Interviewer]++;
                if (mine != consensus)
                {
                    x[card.Interviewer]++;
                    if (!mine)
                    {
                        loneNo[card.Interviewer]++;
                    }
                }
            }
        }

        var totalN = n.Sum();
        var totalX = x.Sum();
        if (totalN == 0)
        {
            yield break;
        }

        var pooled = totalX / (double)totalN;

        // Second signal: how well the interviewer's (ordinal) recommendation follows the other interviewers' scores, as a
        // Fisher-z correlation compared with the peers' (robust between-interviewer variance from the MAD).
        var fisherZ = new double[nr];
        Array.Fill(fisherZ, double.NaN);
        for (var j = 0; j < nr; j++)
        {
            if (pairs[j].Count >= e.OutcomeMinDecisions)
            {
                fisherZ[j] = Math.Atanh(Math.Clamp(Correlation(pairs[j]), -0.999999, 0.999999));
            }
        }

        for (var j = 0; j < nr; j++)
        {
            if (n[j] < e.OutcomeMinDecisions)
            {
                ctx.Missing(DetectorNames.OutcomeDisagreement, j, SeverityDetector.Shortfall((n[j], e.OutcomeMinDecisions, $"decided candidates seen together with {e.OutcomeMinOtherInterviewers} other interviewers")));
                continue;
            }

            var peerN = totalN - n[j];
            var peerRate = peerN > 0 ? (totalX - x[j]) / (double)peerN : pooled;
            // Overdispersion from the peers only, so that the tested interviewer does not inflate it.
            var jj = j;
            // Robust (median absolute deviation) overdispersion of the peers, so that a few unusual interviewers do not inflate it.
            var rho = Discrete.RobustRho(Enumerable.Range(0, nr).Where(i => i != jj && n[i] > 0).Select(i => (x[i], n[i])).ToArray(), peerRate);
            var pRate = Discrete.BetaBinomialUpper(x[j], n[j], peerRate, rho);
            var peerZ = Enumerable.Range(0, nr).Where(i => i != jj && double.IsFinite(fisherZ[i])).Select(i => fisherZ[i]).ToArray();
            var pCorrelation = 1.0;
            var correlationDeficit = 0.0;
            if (double.IsFinite(fisherZ[j]) && peerZ.Length >= e.OutcomeMinPeerInterviewers)
            {
                var centre = Probability.Median(peerZ);
                var mad = Probability.Median(peerZ.Select(v => Math.Abs(v - centre))) * 1.482602218505602;
                var sampling = Enumerable.Range(0, nr).Where(i => i != jj && double.IsFinite(fisherZ[i])).Average(i => 1.0 / (pairs[i].Count - 3));
                var tau2 = Math.Max(0, (mad * mad) - sampling);
                pCorrelation = Probability.NormalCdf((fisherZ[j] - centre) / Math.Sqrt((1.0 / (pairs[j].Count - 3)) + tau2));
                correlationDeficit = Math.Tanh(centre) - Math.Tanh(fisherZ[j]);
            }

            var p = Math.Min(1, 2 * Math.Min(pRate, pCorrelation));
            var rate = x[j] / (double)n[j];
            var excess = rate - peerRate;
            var direction = excess < ctx.Config.Practical.OutcomeExcessDisagreement && correlationDeficit >= ctx.Config.Practical.OutcomeCorrelationDeficit
                ? "unrelated-to-evidence"
                : loneNo[j] * 2 >= x[j] ? "lone-no" : "lone-yes";
            var reason = string.Create(CultureInfo.InvariantCulture, $"Disagrees with the decision the other interviewers' scores predict on {x[j]} of {n[j]} decided candidates ({rate:P0}, peers {peerRate:P0}); {loneNo[j]} lone no-hire and {x[j] - loneNo[j]} lone hire votes; the recommendation correlates {Math.Tanh(fisherZ[j]):0.00} with the other interviewers' scores (peers' median {Math.Tanh(Probability.Median(Enumerable.Range(0, nr).Where(i => i != jj && double.IsFinite(fisherZ[i])).Select(i => fisherZ[i]).DefaultIfEmpty(double.NaN))):0.00}).");
            // Minimum detectable excess disagreement: the beta-binomial rate test (one-sided, at half the level: Bonferroni over the
            // two signals) with the peers' rate and overdispersion, in the normal approximation.
            var se = Math.Sqrt(peerRate * (1 - peerRate) * (1 + ((n[j] - 1) * rho)) / n[j]);
            var powerZ = ctx.PowerZ;
            var minExcess = ctx.Config.Practical.OutcomeExcessDisagreement;
            yield return new DetectorTest(DetectorNames.OutcomeDisagreement, j, direction, excess, "disagreement rate minus peers", p, excess >= ctx.Config.Practical.OutcomeExcessDisagreement || correlationDeficit >= ctx.Config.Practical.OutcomeCorrelationDeficit, reason, n[j])
            {
                Detectable = se > 0 ? new Detectable(alpha => Math.Max(minExcess, (DetectorContext.CriticalZ(alpha, 2) + powerZ) * se), "disagreement rate minus peers", "a disagreement rate above the peers'", string.Create(CultureInfo.InvariantCulture, $"{n[j]} decided candidates")) : null,
            };
        }
    }

    /// <summary>Two-parameter logistic regression by Newton-Raphson (a small ridge keeps separable data finite).</summary>
    private static (double B0, double B1) Logistic(List<(double M, bool Hired)> rows)
    {
        double b0 = 0, b1 = 0;
        for (var iter = 0; iter < 50; iter++)
        {
            double g0 = 0, g1 = 0, h00 = 1e-6, h01 = 0, h11 = 1e-6;
            foreach (var (m, hired) in rows)
            {
                var p = 1 / (1 + Math.Exp(-(b0 + (b1 * m))));
                var r = (hired ? 1 : 0) - p;
                g0 += r;
                g1 += r * m;
                var w = p * (1 - p);
                h00 += w;
                h01 += w * m;
                h11 += w * m * m;
            }

            g1 -= 1e-6 * b1;
            var det = (h00 * h11) - (h01 * h01);
            if (Math.Abs(det) < 1e-300)
            {
                break;
            }

            var d0 = ((h11 * g0) - (h01 * g1)) / det;
            var d1 = ((h00 * g1) - (h01 * g0)) / det;
            b0 += d0;
            b1 += d1;
            if (Math.Abs(d0) + Math.Abs(d1) < 1e-10)
            {
                break;
            }
        }

        return (b0, b1);
    }

    private static double Correlation(List<(double Rec, double Consensus)> pairs)
    {
        var mr = pairs.Average(p => p.Rec);
        var mc = pairs.Average(p => p.Consensus);
        double sxy = 0, sxx = 0, syy = 0;
        foreach (var (r, c) in pairs)
        {
            sxy += (r - mr) * (c - mc);
            sxx += (r - mr) * (r - mr);
            syy += (c - mc) * (c - mc);
        }

        return sxx > 0 && syy > 0 ? sxy / Math.Sqrt(sxx * syy) : 0;
    }
}
