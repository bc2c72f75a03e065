using HiringPlatform.Calibration.Engine.Detectors;
using HiringPlatform.Calibration.Engine.Import;

namespace HiringPlatform.Calibration.Engine.Analysis;

/// <summary>The interview ids behind each flag of the report (its evidence drill-down), from how each scorecard stands against its candidate's other scorecards.</summary>
internal sealed class FlagEvidence
{
    private readonly CalibrationData _data;

    private readonly ScorecardDeviation[] _cards;

    public FlagEvidence(CalibrationData data)
    {
        _data = data;
        _cards = ScorecardDeviations(data);
    }

    /// <summary>
    /// The evidence drill-down of a flag (§4.8 step 7): up to 10 of the interviewer's interview ids, in the flag's scope
    /// (interview type, or the focal group's candidates), ordered by how far the scorecard's mean rating is from the other
    /// interviewers of the same candidate in the flag's direction (harsh first for severe, group bias and adverse impact,
    /// lenient first for lenient, largest distance otherwise); for coverage flags the scorecards rating the fewest
    /// competencies first; for halo the flattest scorecards (fewest distinct ratings over at least three competencies);
    /// for outcome disagreement the recommendations furthest from the other interviewers' recommendations. Ties by id.
    /// </summary>
    public IReadOnlyList<string> For(DetectorTest test)
    {
        var type = test.Scope is null ? -1 : _data.TypeIds.ToList().IndexOf(test.Scope);
        var group = test.Direction is { } d && (d.StartsWith("against:", StringComparison.Ordinal) || d.StartsWith("favours:", StringComparison.Ordinal))
            ? _data.GroupIds.ToList().IndexOf(d[(d.IndexOf(':', StringComparison.Ordinal) + 1)..])
            : -1;
        var mine = Enumerable.Range(0, _data.Scorecards.Count)
            .Where(s => _data.Scorecards[s].Interviewer == test.Interviewer && (type < 0 || _data.Scorecards[s].Type == type) && (group < 0 || _data.GroupOf[_data.Scorecards[s].Candidate] == group))
            .ToArray();
        Func<int, double> key = test.Detector switch
        {
            DetectorNames.NarrowCoverage or DetectorNames.CogInAMachine => s => _cards[s].Rated,
            DetectorNames.Halo => s => _cards[s].Rated < 3 ? double.MaxValue : _cards[s].Distinct - (0.01 * _cards[s].Rated),
            DetectorNames.OutcomeDisagreement => s => double.IsNaN(_cards[s].RecommendationDeviation) ? double.MaxValue : -Math.Abs(_cards[s].RecommendationDeviation),
            DetectorNames.Lenient => s => double.IsNaN(_cards[s].Deviation) ? double.MaxValue : -_cards[s].Deviation,
            DetectorNames.Severe or DetectorNames.AdverseImpact => s => double.IsNaN(_cards[s].Deviation) ? double.MaxValue : _cards[s].Deviation,
            DetectorNames.GroupBias when test.Direction!.StartsWith("favours:", StringComparison.Ordinal) => s => double.IsNaN(_cards[s].Deviation) ? double.MaxValue : -_cards[s].Deviation,
            DetectorNames.GroupBias => s => double.IsNaN(_cards[s].Deviation) ? double.MaxValue : _cards[s].Deviation,
            _ => s => double.IsNaN(_cards[s].Deviation) ? double.MaxValue : -Math.Abs(_cards[s].Deviation),
        };
        return mine.OrderBy(key).ThenBy(s => _data.Scorecards[s].InterviewId, StringComparer.Ordinal).Take(10).Select(s => _data.Scorecards[s].InterviewId).ToList();
    }

    /// <summary>
    /// Per scorecard: its mean rating minus the mean rating the other interviewers gave the same candidate (NaN when nobody
    /// else rated the candidate), and its number of rated competencies.
    /// </summary>
    private static ScorecardDeviation[] ScorecardDeviations(CalibrationData data)
    {
        var sum = new double[data.Scorecards.Count];
        var count = new int[data.Scorecards.Count];
        var distinct = new HashSet<int>[data.Scorecards.Count];
        foreach (var o in data.Observations)
        {
            sum[o.Scorecard] += o.Category;
            count[o.Scorecard]++;
            (distinct[o.Scorecard] ??= []).Add(o.Category);
        }

        // Share of "yes" recommendations among the other interviewers of the same candidate.
        var yes = new double[data.CandidateIds.Count];
        var recs = new int[data.CandidateIds.Count];
        foreach (var card in data.Scorecards)
        {
            if (card.Recommendation is { } r)
            {
                yes[card.Candidate] += r >= Recommendation.Yes ? 1 : 0;
                recs[card.Candidate]++;
            }
        }

        var candSum = new double[data.CandidateIds.Count];
        var candCount = new int[data.CandidateIds.Count];
        for (var s = 0; s < sum.Length; s++)
        {
            if (count[s] > 0)
            {
                candSum[data.Scorecards[s].Candidate] += sum[s] / count[s];
                candCount[data.Scorecards[s].Candidate]++;
            }
        }

        return Enumerable.Range(0, sum.Length).Select(s =>
        {
            var card = data.Scorecards[s];
            var n = card.Candidate;
            var recDeviation = double.NaN;
            if (card.Recommendation is { } r && recs[n] > 1)
            {
                var mineYes = r >= Recommendation.Yes ? 1.0 : 0.0;
                recDeviation = mineYes - ((yes[n] - mineYes) / (recs[n] - 1));
            }

            if (count[s] == 0)
            {
                return new ScorecardDeviation(double.NaN, 0, 0, recDeviation);
            }

            var own = sum[s] / count[s];
            var others = candCount[n] - 1;
            return new ScorecardDeviation(others > 0 ? own - ((candSum[n] - own) / others) : double.NaN, count[s], distinct[s].Count, recDeviation);
        }).ToArray();
    }

    /// <summary>
    /// One scorecard against the candidate's other scorecards: mean rating minus theirs, rated and distinct ratings given, and its
    /// "yes" recommendation minus the share of "yes" among the others (NaN where there is nobody to compare with).
    /// </summary>
    private readonly record struct ScorecardDeviation(double Deviation, int Rated, int Distinct, double RecommendationDeviation);
}
