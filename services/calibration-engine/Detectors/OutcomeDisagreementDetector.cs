using System.Globalization;
using HiringPlatform.Calibration.Engine.Import;
using HiringPlatform.Calibration.Engine.Statistics;

namespace HiringPlatform.Calibration.Engine.Detectors;

/// <summary>
/// Disagreement with outcomes (§4.6): for each decided candidate the interviewer saw with at least two other interviewers,
/// the leave-one-out consensus is the majority of the other interviewers' recommendations (ties: the final decision). The
/// interviewer's disagreement count is tested one-sided against the pooled peer rate with a beta-binomial whose
/// overdispersion comes from all interviewers (method of moments).
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
        for (var cand = 0; cand < data.CandidateIds.Count; cand++)
        {
            var decision = data.Hired[cand];
            if (decision is null)
            {
                continue;
            }

            var cards = ctx.ScorecardsOfCandidate[cand].Where(s => data.Scorecards[s].Recommendation is not null).ToArray();
            foreach (var s in cards)
            {
                var card = data.Scorecards[s];
                var others = cards.Where(o => data.Scorecards[o].Interviewer != card.Interviewer).ToArray();
                if (others.Length < e.OutcomeMinOtherInterviewers)
                {
                    continue;
                }

                var yesShare = others.Count(o => data.Scorecards[o].Recommendation >= Recommendation.Yes) / (double)others.Length;
                var consensus = yesShare > 0.5 || (yesShare == 0.5 && decision.Value);
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
        var rho = Discrete.MomentsRho(Enumerable.Range(0, nr).Select(j => (x[j], n[j])).ToArray(), pooled);
        for (var j = 0; j < nr; j++)
        {
            if (n[j] < e.OutcomeMinDecisions)
            {
                continue;
            }

            var peerN = totalN - n[j];
            var peerRate = peerN > 0 ? (totalX - x[j]) / (double)peerN : pooled;
            var p = Discrete.BetaBinomialUpper(x[j], n[j], peerRate, rho);
            var rate = x[j] / (double)n[j];
            var excess = rate - peerRate;
            var direction = loneNo[j] * 2 >= x[j] ? "lone-no" : "lone-yes";
            var reason = string.Create(CultureInfo.InvariantCulture, $"Disagrees with the other interviewers' majority on {x[j]} of {n[j]} decided candidates ({rate:P0}, peers {peerRate:P0}); {loneNo[j]} lone no-hire and {x[j] - loneNo[j]} lone hire votes.");
            yield return new DetectorTest(DetectorNames.OutcomeDisagreement, j, direction, excess, "disagreement rate minus peers", p, excess >= ctx.Config.Practical.OutcomeExcessDisagreement, reason, n[j]);
        }
    }
}
