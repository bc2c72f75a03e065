namespace HiringPlatform.Calibration.Engine.Import;

/// <summary>
/// Reads ratings.csv, candidates.csv and blueprints.csv into <see cref="CalibrationData"/>, or throws on the first problem:
/// the files' fields (<see cref="InputFiles"/>), then the rules across rows (<see cref="InterviewChecks"/>), then the data
/// is assembled here (ids in ordinal order, blueprints per interview type, scorecards in interview-id order).
/// </summary>
public static class CalibrationImporter
{
    public static readonly string[] RatingColumns = ["candidate_id", "interviewer_id", "interview_id", "interview_type", "competency", "rating"];
    public static readonly string[] RatingOptionalColumns = ["recommendation", "probe_share", "occurred_at", "interviewer_name"];
    public static readonly string[] CandidateColumns = ["candidate_id"];
    public static readonly string[] CandidateOptionalColumns = ["decision", "group"];
    public static readonly string[] BlueprintColumns = ["interview_type", "competency", "weight"];

    public static CalibrationData Import(CsvSource ratings, CsvSource? candidates, CsvSource? blueprints, RatingScale scale)
    {
        var rows = InputFiles.Ratings(ratings, scale);
        var candidateInfo = candidates is null ? new Dictionary<string, (bool? Hired, string? Group)>() : InputFiles.Candidates(candidates);
        var blueprintRows = blueprints is null ? null : InputFiles.Blueprints(blueprints);
        var heads = InterviewChecks.Heads(rows, ratings.FileName);
        var names = InterviewChecks.InterviewerNames(rows, ratings.FileName);

        var candidateIds = Sorted(rows.Select(r => r.Candidate));
        var interviewerIds = Sorted(rows.Select(r => r.Interviewer));
        var typeIds = Sorted(rows.Select(r => r.Type));
        var (blueprintByType, blueprintSource) = Blueprints(typeIds, blueprintRows, rows);
        var competencyIds = CompetencyIds(rows, typeIds, blueprintByType);
        var compIndex = IndexOf(competencyIds);
        var ids = new InputIndex(IndexOf(candidateIds), IndexOf(interviewerIds), compIndex, IndexOf(typeIds));
        var (scorecards, observations) = Scorecards(heads, rows, scale, ids);
        var groupIds = Sorted(candidateIds.Select(c => candidateInfo.TryGetValue(c, out var i) ? i.Group : null).OfType<string>());
        var groupIndex = IndexOf(groupIds);

        return new CalibrationData
        {
            Scale = scale,
            CandidateIds = candidateIds,
            InterviewerIds = interviewerIds,
            InterviewerNames = interviewerIds.Select(id => names.TryGetValue(id, out var n) ? n.Name : null).ToArray(),
            CompetencyIds = competencyIds,
            TypeIds = typeIds,
            Observations = observations,
            Scorecards = scorecards,
            Hired = candidateIds.Select(c => candidateInfo.TryGetValue(c, out var i) ? i.Hired : null).ToArray(),
            GroupOf = candidateIds.Select(c => candidateInfo.TryGetValue(c, out var i) && i.Group is { } g ? groupIndex[g] : -1).ToArray(),
            GroupIds = groupIds,
            Blueprints = BlueprintWeights(typeIds, blueprintByType, compIndex),
            BlueprintSources = typeIds.Select(t => blueprintSource[t]).ToArray(),
        };
    }

    /// <summary>The ids' indices (ordinal order) per facet.</summary>
    private sealed record InputIndex(Dictionary<string, int> Candidate, Dictionary<string, int> Interviewer, Dictionary<string, int> Competency, Dictionary<string, int> Type);

    /// <summary>
    /// The blueprint of each interview type and where it comes from: the blueprints file, else the shipped blueprint of the
    /// type, else the competencies seen in the type's ratings, equally weighted.
    /// </summary>
    private static (Dictionary<string, List<(string Competency, double Weight)>> ByType, Dictionary<string, string> Source) Blueprints(string[] typeIds, List<BlueprintRow>? blueprintRows, List<RatingRow> rows)
    {
        var blueprintByType = new Dictionary<string, List<(string Competency, double Weight)>>(StringComparer.Ordinal);
        var blueprintSource = new Dictionary<string, string>(StringComparer.Ordinal);
        if (blueprintRows is not null)
        {
            foreach (var b in blueprintRows)
            {
                if (!blueprintByType.TryGetValue(b.Type, out var list))
                {
                    blueprintByType[b.Type] = list = [];
                    blueprintSource[b.Type] = "file";
                }

                list.Add((b.Competency, b.Weight));
            }
        }

        foreach (var type in typeIds)
        {
            if (blueprintByType.ContainsKey(type))
            {
                continue;
            }

            if (ShippedBlueprints.ByType.TryGetValue(type, out var shipped))
            {
                blueprintByType[type] = [.. shipped];
                blueprintSource[type] = "shipped";
            }
            else
            {
                var seen = Sorted(rows.Where(r => r.Type == type).Select(r => r.Competency));
                blueprintByType[type] = [.. seen.Select(c => (c, 1.0 / seen.Length))];
                blueprintSource[type] = "competencies seen, equally weighted";
            }
        }

        return (blueprintByType, blueprintSource);
    }

    /// <summary>The competencies rated, and those in the blueprints of the interview types rated, in ordinal order.</summary>
    private static string[] CompetencyIds(List<RatingRow> rows, string[] typeIds, Dictionary<string, List<(string Competency, double Weight)>> blueprintByType)
    {
        var competencySet = rows.Select(r => r.Competency).ToHashSet(StringComparer.Ordinal);
        foreach (var type in typeIds)
        {
            foreach (var (c, _) in blueprintByType[type])
            {
                competencySet.Add(c);
            }
        }

        return competencySet.OrderBy(c => c, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Each interview type's blueprint as weights over all competencies, summing to 1.</summary>
    private static double[][] BlueprintWeights(string[] typeIds, Dictionary<string, List<(string Competency, double Weight)>> blueprintByType, Dictionary<string, int> compIndex) =>
        typeIds.Select(t =>
        {
            var w = new double[compIndex.Count];
            foreach (var (c, weight) in blueprintByType[t])
            {
                w[compIndex[c]] += weight;
            }

            var sum = w.Sum();
            for (var i = 0; i < w.Length; i++)
            {
                w[i] /= sum;
            }

            return w;
        }).ToArray();

    /// <summary>Scorecards in ordinal interview-id order, their competencies in competency order; an observation per rating given.</summary>
    private static (Scorecard[] Scorecards, Observation[] Observations) Scorecards(Dictionary<string, InterviewHead> heads, List<RatingRow> rows, RatingScale scale, InputIndex ids)
    {
        var interviewIds = heads.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
        var rowsByInterview = rows.GroupBy(r => r.Interview, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var scorecards = new Scorecard[interviewIds.Length];
        var observations = new List<Observation>(rows.Count);
        for (var s = 0; s < interviewIds.Length; s++)
        {
            var id = interviewIds[s];
            var head = heads[id];
            var its = rowsByInterview[id].OrderBy(r => ids.Competency[r.Competency]).ToList();
            var probes = new SortedDictionary<int, double>();
            foreach (var r in its)
            {
                if (r.ProbeShare is { } p)
                {
                    probes[ids.Competency[r.Competency]] = p;
                }
            }

            scorecards[s] = new Scorecard(
                id,
                ids.Candidate[head.Candidate],
                ids.Interviewer[head.Interviewer],
                ids.Type[head.Type],
                head.Recommendation,
                head.OccurredAt,
                its.Select(r => ids.Competency[r.Competency]).ToArray(),
                its.Where(r => r.Rating is not null).Select(r => ids.Competency[r.Competency]).ToArray(),
                probes);
            foreach (var r in its)
            {
                if (r.Rating is { } rating)
                {
                    observations.Add(new Observation(ids.Candidate[r.Candidate], ids.Interviewer[r.Interviewer], ids.Competency[r.Competency], ids.Type[r.Type], rating - scale.Min, s));
                }
            }
        }

        return (scorecards, [.. observations]);
    }

    private static string[] Sorted(IEnumerable<string> values) => values.Distinct(StringComparer.Ordinal).OrderBy(v => v, StringComparer.Ordinal).ToArray();

    private static Dictionary<string, int> IndexOf(string[] ids)
    {
        var d = new Dictionary<string, int>(ids.Length, StringComparer.Ordinal);
        for (var i = 0; i < ids.Length; i++)
        {
            d[ids[i]] = i;
        }

        return d;
    }
}
