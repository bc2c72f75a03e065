namespace HiringPlatform.Calibration.Reports;

using HiringPlatform.Calibration.Dashboard;
using HiringPlatform.Calibration.Engine.Additive;
using HiringPlatform.Calibration.Engine.Flagging;
using HiringPlatform.Calibration.Engine.Import;

/// <summary>Selection rates per group before and after the what-if (compliance only; groups under the minimum are suppressed).</summary>
public sealed record WhatIfImpact(string Group, int Candidates, int HiredBefore, int HiredAfter, double RateBefore, double RateAfter, double? ImpactRatioBefore, double? ImpactRatioAfter);

/// <param name="Cut">The score at or above which the recorded decisions say "hire" (fitted to the raw scores).</param>
/// <param name="Candidates">Candidates the adjustment moves across the cut, largest move first.</param>
public sealed record WhatIfResult(
    double? Cut,
    int DecidedCandidates,
    int RecordedDecisionsMatchingCut,
    IReadOnlyList<WhatIfCandidate> Candidates,
    IReadOnlyList<WhatIfImpact> Impact,
    int SuppressedGroups,
    string Method);

/// <summary>
/// What would change if every candidate's scores were adjusted for the severity of the
/// interviewers they happened to get. Raw score: the mean of the candidate's ratings. Adjusted:
/// the raw score minus the mean (over those ratings) of the interviewers' shrunk additive effects
/// (§1.7, rating points; shrunk so a rater seen a few times is not over-corrected). The interval
/// combines the residual error of the candidate's mean with the effects' standard errors. The cut
/// is the raw score that best reproduces the recorded hire/no-hire decisions; a candidate "flips"
/// when the adjusted score lands on the other side of the cut from the decision they got.
/// </summary>
public static class WhatIf
{
    public const string MethodText =
        "adjusted = mean rating - mean of the interviewers' shrunk effects (additive model, rating points); 90% interval from the residual variance and the effects' SEs; the cut is the raw score that best reproduces the recorded decisions";

    public static WhatIfResult Compute(CalibrationData data, AdditiveResult additive, CalibrationConfig config)
    {
        var effect = new double[data.InterviewerIds.Count];
        var se = new double[data.InterviewerIds.Count];
        foreach (var i in additive.Interviewers)
        {
            effect[i.Interviewer] = double.IsFinite(i.Shrunk) ? i.Shrunk : 0;
            se[i.Interviewer] = double.IsFinite(i.Se) ? i.Se : 0;
        }

        var sum = new double[data.CandidateIds.Count];
        var n = new int[data.CandidateIds.Count];
        var correction = new double[data.CandidateIds.Count];
        var perInterviewer = new Dictionary<(int Candidate, int Interviewer), int>();
        foreach (var o in data.Observations)
        {
            sum[o.Candidate] += o.Category + data.Scale.Min;
            n[o.Candidate]++;
            correction[o.Candidate] += effect[o.Interviewer];
            perInterviewer[(o.Candidate, o.Interviewer)] = perInterviewer.GetValueOrDefault((o.Candidate, o.Interviewer)) + 1;
        }

        var errorVariance = new double[data.CandidateIds.Count];
        foreach (var ((candidate, interviewer), count) in perInterviewer)
        {
            var weight = (double)count / n[candidate];
            errorVariance[candidate] += weight * weight * se[interviewer] * se[interviewer];
        }

        var decided = Enumerable.Range(0, data.CandidateIds.Count)
            .Where(c => n[c] > 0 && data.Hired[c] is not null)
            .Select(c => (Candidate: c, Hired: data.Hired[c]!.Value, Raw: sum[c] / n[c], Adjusted: (sum[c] - correction[c]) / n[c],
                Se: Math.Sqrt((double.IsFinite(additive.ResidualVariance) ? additive.ResidualVariance : 0) / n[c] + errorVariance[c])))
            .ToList();
        var cut = Cut(decided.Select(d => (d.Raw, d.Hired)).ToList());
        if (cut is null)
        {
            return new WhatIfResult(null, decided.Count, 0, [], [], 0, MethodText);
        }

        var matching = decided.Count(d => (d.Raw >= cut.Value) == d.Hired);
        var moved = decided
            .Where(d => (d.Raw >= cut.Value) != (d.Adjusted >= cut.Value))
            .OrderByDescending(d => Math.Abs(d.Adjusted - d.Raw))
            .ThenBy(d => data.CandidateIds[d.Candidate], StringComparer.Ordinal)
            .Select(d => new WhatIfCandidate(data.CandidateIds[d.Candidate], d.Hired ? "hire" : "no_hire", Round(d.Raw), Round(d.Adjusted),
                Round(d.Adjusted - (1.645 * d.Se)), Round(d.Adjusted + (1.645 * d.Se)), (d.Adjusted >= cut.Value) != d.Hired))
            .ToList();

        var flips = moved.Where(m => m.Flips).Select(m => m.CandidateId).ToHashSet(StringComparer.Ordinal);
        var impact = new List<WhatIfImpact>();
        var suppressed = 0;
        if (data.HasGroups)
        {
            foreach (var group in decided.Where(d => data.GroupOf[d.Candidate] >= 0).GroupBy(d => data.GroupOf[d.Candidate]).OrderBy(g => data.GroupIds[g.Key], StringComparer.Ordinal))
            {
                var members = group.ToList();
                if (members.Count < config.Eligibility.AdverseMinPerGroup)
                {
                    suppressed++;
                    continue;
                }
                var before = members.Count(m => m.Hired);
                var after = members.Count(m => flips.Contains(data.CandidateIds[m.Candidate]) ? !m.Hired : m.Hired);
                impact.Add(new WhatIfImpact(data.GroupIds[group.Key], members.Count, before, after, Round(before / (double)members.Count), Round(after / (double)members.Count), null, null));
            }

            var highestBefore = impact.Count == 0 ? 0 : impact.Max(i => i.RateBefore);
            var highestAfter = impact.Count == 0 ? 0 : impact.Max(i => i.RateAfter);
            impact = impact.Select(i => i with
            {
                ImpactRatioBefore = highestBefore > 0 ? Round(i.RateBefore / highestBefore) : null,
                ImpactRatioAfter = highestAfter > 0 ? Round(i.RateAfter / highestAfter) : null,
            }).ToList();
        }

        return new WhatIfResult(Round(cut.Value), decided.Count, matching, moved, impact, suppressed, MethodText);
    }

    /// <summary>
    /// The cut c (hire when score ≥ c) that classifies the most recorded decisions correctly; among
    /// equally good cuts, the middle one, placed halfway between neighbouring scores. Null when the
    /// decisions are all the same (no cut is identified).
    /// </summary>
    public static double? Cut(IReadOnlyList<(double Score, bool Hired)> decided)
    {
        if (decided.Count == 0 || decided.All(d => d.Hired) || decided.All(d => !d.Hired))
        {
            return null;
        }

        var scores = decided.Select(d => d.Score).Distinct().Order().ToArray();
        var candidates = new List<double> { scores[0] - 0.5 };
        for (var i = 1; i < scores.Length; i++)
        {
            candidates.Add((scores[i - 1] + scores[i]) / 2);
        }
        candidates.Add(scores[^1] + 0.5);

        var best = candidates.Select(c => (Cut: c, Correct: decided.Count(d => (d.Score >= c) == d.Hired))).ToList();
        var top = best.Max(b => b.Correct);
        var winners = best.Where(b => b.Correct == top).Select(b => b.Cut).ToList();
        return winners[winners.Count / 2];
    }

    private static double Round(double value) => Math.Round(value, 4, MidpointRounding.ToEven);
}
