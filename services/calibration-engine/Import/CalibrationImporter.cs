using System.Globalization;

namespace HiringPlatform.Calibration.Engine.Import;

/// <summary>A named CSV text: the file name is used in error messages.</summary>
public sealed record CsvSource(string FileName, string Text)
{
    public static CsvSource FromFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new CalibrationImportException($"{path}: file not found");
        }

        return new CsvSource(path, File.ReadAllText(path));
    }
}

/// <summary>Reads ratings.csv, candidates.csv and blueprints.csv into <see cref="CalibrationData"/>, or throws on the first problem.</summary>
public static class CalibrationImporter
{
    public static readonly string[] RatingColumns = ["candidate_id", "interviewer_id", "interview_id", "interview_type", "competency", "rating"];
    public static readonly string[] RatingOptionalColumns = ["recommendation", "probe_share", "occurred_at", "interviewer_name"];
    public static readonly string[] CandidateColumns = ["candidate_id"];
    public static readonly string[] CandidateOptionalColumns = ["decision", "group"];
    public static readonly string[] BlueprintColumns = ["interview_type", "competency", "weight"];

    private sealed record Row(int Line, string Candidate, string Interviewer, string Interview, string Type, string Competency, int? Rating, Recommendation? Recommendation, double? ProbeShare, DateTimeOffset? OccurredAt, string? InterviewerName);

    private sealed record InterviewHead(int Line, string Candidate, string Interviewer, string Type, Recommendation? Recommendation, DateTimeOffset? OccurredAt);

    public static CalibrationData Import(CsvSource ratings, CsvSource? candidates, CsvSource? blueprints, RatingScale scale)
    {
        var rows = ReadRatings(ratings, scale);
        var candidateInfo = candidates is null ? new Dictionary<string, (bool? Hired, string? Group)>() : ReadCandidates(candidates);
        var blueprintRows = blueprints is null ? null : ReadBlueprints(blueprints);

        // Interviews: one interviewer, one candidate, one type, one recommendation, each competency once.
        var heads = new Dictionary<string, InterviewHead>(StringComparer.Ordinal);
        var seenCompetency = new Dictionary<(string, string), int>();
        foreach (var r in rows)
        {
            if (!heads.TryGetValue(r.Interview, out var head))
            {
                heads[r.Interview] = new InterviewHead(r.Line, r.Candidate, r.Interviewer, r.Type, r.Recommendation, r.OccurredAt);
            }
            else
            {
                if (head.Interviewer != r.Interviewer)
                {
                    throw CalibrationImportException.AtLine(ratings.FileName, r.Line, $"interview '{r.Interview}' is split across two interviewers: '{head.Interviewer}' (line {head.Line}) and '{r.Interviewer}'; expected one interviewer per interview");
                }

                if (head.Candidate != r.Candidate)
                {
                    throw CalibrationImportException.AtLine(ratings.FileName, r.Line, $"interview '{r.Interview}' names two candidates: '{head.Candidate}' (line {head.Line}) and '{r.Candidate}'; expected one candidate per interview");
                }

                if (head.Type != r.Type)
                {
                    throw CalibrationImportException.AtLine(ratings.FileName, r.Line, $"interview '{r.Interview}' has two interview types: '{head.Type}' (line {head.Line}) and '{r.Type}'; expected one type per interview");
                }

                if (head.Recommendation != r.Recommendation)
                {
                    throw CalibrationImportException.AtLine(ratings.FileName, r.Line, $"inconsistent recommendations within interview '{r.Interview}': '{Format(head.Recommendation)}' (line {head.Line}) and '{Format(r.Recommendation)}'; expected the same recommendation on every row of one interview");
                }
            }

            if (seenCompetency.TryGetValue((r.Interview, r.Competency), out var firstLine))
            {
                throw CalibrationImportException.AtLine(ratings.FileName, r.Line, $"competency '{r.Competency}' appears twice in interview '{r.Interview}' (lines {firstLine} and {r.Line}); expected one row per rated competency");
            }

            seenCompetency[(r.Interview, r.Competency)] = r.Line;
        }

        var candidateIds = Sorted(rows.Select(r => r.Candidate));
        var interviewerIds = Sorted(rows.Select(r => r.Interviewer));

        // Optional display names: one per interviewer (an empty cell names nobody).
        var names = new Dictionary<string, (string Name, int Line)>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            if (r.InterviewerName is not { } name)
            {
                continue;
            }

            if (names.TryGetValue(r.Interviewer, out var known) && known.Name != name)
            {
                throw CalibrationImportException.AtLine(ratings.FileName, r.Line, $"interviewer '{r.Interviewer}' has two names: '{known.Name}' (line {known.Line}) and '{name}'; expected one interviewer_name per interviewer");
            }

            names.TryAdd(r.Interviewer, (name, r.Line));
        }

        var typeIds = Sorted(rows.Select(r => r.Type));
        var competencySet = rows.Select(r => r.Competency).ToHashSet(StringComparer.Ordinal);

        // Blueprints per type.
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

        foreach (var type in typeIds)
        {
            foreach (var (c, _) in blueprintByType[type])
            {
                competencySet.Add(c);
            }
        }

        var competencyIds = competencySet.OrderBy(c => c, StringComparer.Ordinal).ToArray();
        var candIndex = IndexOf(candidateIds);
        var raterIndex = IndexOf(interviewerIds);
        var compIndex = IndexOf(competencyIds);
        var typeIndex = IndexOf(typeIds);

        var blueprintWeights = typeIds.Select(t =>
        {
            var w = new double[competencyIds.Length];
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

        // Scorecards in ordinal interview-id order.
        var interviewIds = heads.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
        var scorecardIndex = IndexOf(interviewIds);
        var rowsByInterview = rows.GroupBy(r => r.Interview, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var scorecards = new Scorecard[interviewIds.Length];
        var observations = new List<Observation>(rows.Count);
        for (var s = 0; s < interviewIds.Length; s++)
        {
            var id = interviewIds[s];
            var head = heads[id];
            var its = rowsByInterview[id].OrderBy(r => compIndex[r.Competency]).ToList();
            var probes = new SortedDictionary<int, double>();
            foreach (var r in its)
            {
                if (r.ProbeShare is { } p)
                {
                    probes[compIndex[r.Competency]] = p;
                }
            }

            scorecards[s] = new Scorecard(
                id,
                candIndex[head.Candidate],
                raterIndex[head.Interviewer],
                typeIndex[head.Type],
                head.Recommendation,
                head.OccurredAt,
                its.Select(r => compIndex[r.Competency]).ToArray(),
                its.Where(r => r.Rating is not null).Select(r => compIndex[r.Competency]).ToArray(),
                probes);
            foreach (var r in its)
            {
                if (r.Rating is { } rating)
                {
                    observations.Add(new Observation(candIndex[r.Candidate], raterIndex[r.Interviewer], compIndex[r.Competency], typeIndex[r.Type], rating - scale.Min, s));
                }
            }
        }

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
            Observations = [.. observations],
            Scorecards = scorecards,
            Hired = candidateIds.Select(c => candidateInfo.TryGetValue(c, out var i) ? i.Hired : null).ToArray(),
            GroupOf = candidateIds.Select(c => candidateInfo.TryGetValue(c, out var i) && i.Group is { } g ? groupIndex[g] : -1).ToArray(),
            GroupIds = groupIds,
            Blueprints = blueprintWeights,
            BlueprintSources = typeIds.Select(t => blueprintSource[t]).ToArray(),
        };
    }

    private static string Format(Recommendation? r) => r switch
    {
        null => "",
        Recommendation.StrongNo => "strong_no",
        Recommendation.No => "no",
        Recommendation.Yes => "yes",
        _ => "strong_yes",
    };

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

    private static List<Row> ReadRatings(CsvSource source, RatingScale scale)
    {
        var table = CsvTable.Parse(source.FileName, source.Text, RatingColumns, RatingOptionalColumns);
        var col = RatingColumns.Concat(RatingOptionalColumns).ToDictionary(c => c, table.IndexOf);
        var rows = new List<Row>(table.Records.Count);
        foreach (var rec in table.Records)
        {
            string Field(string name) => rec.Fields[col[name]].Trim();
            string Required(string name)
            {
                var v = Field(name);
                return v.Length == 0 ? throw CalibrationImportException.At(source.FileName, rec.Line, col[name] + 1, name, "a non-empty id", v) : v;
            }

            var candidate = Required("candidate_id");
            var interviewer = Required("interviewer_id");
            var interview = Required("interview_id");
            var type = Required("interview_type");
            var competency = Required("competency");

            var ratingText = Field("rating");
            int? rating = null;
            if (ratingText.Length > 0)
            {
                if (!int.TryParse(ratingText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) || v < scale.Min || v > scale.Max)
                {
                    throw CalibrationImportException.At(source.FileName, rec.Line, col["rating"] + 1, "rating", $"an integer rating from {scale.Min} to {scale.Max} (the scale), or empty for not assessed", ratingText);
                }

                rating = v;
            }

            Recommendation? recommendation = null;
            if (col["recommendation"] >= 0 && Field("recommendation") is { Length: > 0 } recText)
            {
                recommendation = recText switch
                {
                    "strong_no" => Recommendation.StrongNo,
                    "no" => Recommendation.No,
                    "yes" => Recommendation.Yes,
                    "strong_yes" => Recommendation.StrongYes,
                    _ => throw CalibrationImportException.At(source.FileName, rec.Line, col["recommendation"] + 1, "recommendation", "one of strong_no, no, yes, strong_yes, or empty", recText),
                };
            }

            double? probe = null;
            if (col["probe_share"] >= 0 && Field("probe_share") is { Length: > 0 } probeText)
            {
                if (!double.TryParse(probeText, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) || !(p >= 0 && p <= 1))
                {
                    throw CalibrationImportException.At(source.FileName, rec.Line, col["probe_share"] + 1, "probe_share", "a number from 0 to 1 (share of the interview's time), or empty", probeText);
                }

                probe = p;
            }

            DateTimeOffset? occurred = null;
            if (col["occurred_at"] >= 0 && Field("occurred_at") is { Length: > 0 } timeText)
            {
                if (!DateTimeOffset.TryParse(timeText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var t))
                {
                    throw CalibrationImportException.At(source.FileName, rec.Line, col["occurred_at"] + 1, "occurred_at", "an ISO 8601 date-time (e.g. 2025-03-01T14:00:00Z), or empty", timeText);
                }

                occurred = t;
            }

            var name = col["interviewer_name"] >= 0 && Field("interviewer_name") is { Length: > 0 } n ? n : null;
            rows.Add(new Row(rec.Line, candidate, interviewer, interview, type, competency, rating, recommendation, probe, occurred, name));
        }

        if (rows.Count == 0)
        {
            throw CalibrationImportException.AtLine(source.FileName, 2, "expected at least one rating row after the header, found none");
        }

        return rows;
    }

    private static Dictionary<string, (bool? Hired, string? Group)> ReadCandidates(CsvSource source)
    {
        var table = CsvTable.Parse(source.FileName, source.Text, CandidateColumns, CandidateOptionalColumns);
        int idCol = table.IndexOf("candidate_id"), decisionCol = table.IndexOf("decision"), groupCol = table.IndexOf("group");
        var result = new Dictionary<string, (bool?, string?)>(StringComparer.Ordinal);
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var rec in table.Records)
        {
            var id = rec.Fields[idCol].Trim();
            if (id.Length == 0)
            {
                throw CalibrationImportException.At(source.FileName, rec.Line, idCol + 1, "candidate_id", "a non-empty id", id);
            }

            if (firstLine.TryGetValue(id, out var first))
            {
                throw CalibrationImportException.AtLine(source.FileName, rec.Line, $"candidate '{id}' appears twice (lines {first} and {rec.Line}); expected one row per candidate");
            }

            firstLine[id] = rec.Line;
            bool? hired = null;
            if (decisionCol >= 0 && rec.Fields[decisionCol].Trim() is { Length: > 0 } d)
            {
                hired = d switch
                {
                    "hire" => true,
                    "no_hire" => false,
                    _ => throw CalibrationImportException.At(source.FileName, rec.Line, decisionCol + 1, "decision", "hire, no_hire, or empty", d),
                };
            }

            string? group = groupCol >= 0 && rec.Fields[groupCol].Trim() is { Length: > 0 } g ? g : null;
            result[id] = (hired, group);
        }

        return result;
    }

    private static List<(int Line, string Type, string Competency, double Weight)> ReadBlueprints(CsvSource source)
    {
        var table = CsvTable.Parse(source.FileName, source.Text, BlueprintColumns, []);
        int typeCol = table.IndexOf("interview_type"), compCol = table.IndexOf("competency"), weightCol = table.IndexOf("weight");
        var rows = new List<(int, string, string, double)>();
        var seen = new Dictionary<(string, string), int>();
        foreach (var rec in table.Records)
        {
            var type = rec.Fields[typeCol].Trim();
            var comp = rec.Fields[compCol].Trim();
            var wText = rec.Fields[weightCol].Trim();
            if (type.Length == 0)
            {
                throw CalibrationImportException.At(source.FileName, rec.Line, typeCol + 1, "interview_type", "a non-empty interview type", type);
            }

            if (comp.Length == 0)
            {
                throw CalibrationImportException.At(source.FileName, rec.Line, compCol + 1, "competency", "a non-empty competency", comp);
            }

            if (!double.TryParse(wText, NumberStyles.Float, CultureInfo.InvariantCulture, out var w) || !(w > 0) || double.IsInfinity(w))
            {
                throw CalibrationImportException.At(source.FileName, rec.Line, weightCol + 1, "weight", "a positive number", wText);
            }

            if (seen.TryGetValue((type, comp), out var first))
            {
                throw CalibrationImportException.AtLine(source.FileName, rec.Line, $"competency '{comp}' appears twice in the blueprint of '{type}' (lines {first} and {rec.Line})");
            }

            seen[(type, comp)] = rec.Line;
            rows.Add((rec.Line, type, comp, w));
        }

        return rows;
    }
}
