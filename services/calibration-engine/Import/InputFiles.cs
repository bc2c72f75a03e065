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

/// <summary>One row of ratings.csv, its fields parsed; <see cref="Rating"/> is null for "not assessed".</summary>
internal sealed record RatingRow(int Line, string Candidate, string Interviewer, string Interview, string Type, string Competency, int? Rating, Recommendation? Recommendation, double? ProbeShare, DateTimeOffset? OccurredAt, string? InterviewerName);

/// <summary>One row of blueprints.csv: a competency's weight in an interview type's blueprint.</summary>
internal sealed record BlueprintRow(int Line, string Type, string Competency, double Weight);

/// <summary>
/// The field-level reading of the three input files: each value parsed and checked on its own (ids non-empty, ratings on the
/// scale, known recommendations and decisions, probe shares and weights in range, no repeated candidate or blueprint entry),
/// throwing at the first bad field with its file, line and column. Rules across rows live in <see cref="InterviewChecks"/>.
/// </summary>
internal static class InputFiles
{
    public static List<RatingRow> Ratings(CsvSource source, RatingScale scale)
    {
        var table = CsvTable.Parse(source.FileName, source.Text, CalibrationImporter.RatingColumns, CalibrationImporter.RatingOptionalColumns);
        var col = CalibrationImporter.RatingColumns.Concat(CalibrationImporter.RatingOptionalColumns).ToDictionary(c => c, table.IndexOf);
        var rows = new List<RatingRow>(table.Records.Count);
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
            rows.Add(new RatingRow(rec.Line, candidate, interviewer, interview, type, competency, rating, recommendation, probe, occurred, name));
        }

        if (rows.Count == 0)
        {
            throw CalibrationImportException.AtLine(source.FileName, 2, "expected at least one rating row after the header, found none");
        }

        return rows;
    }

    public static Dictionary<string, (bool? Hired, string? Group)> Candidates(CsvSource source)
    {
        var table = CsvTable.Parse(source.FileName, source.Text, CalibrationImporter.CandidateColumns, CalibrationImporter.CandidateOptionalColumns);
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

    public static List<BlueprintRow> Blueprints(CsvSource source)
    {
        var table = CsvTable.Parse(source.FileName, source.Text, CalibrationImporter.BlueprintColumns, []);
        int typeCol = table.IndexOf("interview_type"), compCol = table.IndexOf("competency"), weightCol = table.IndexOf("weight");
        var rows = new List<BlueprintRow>();
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
            rows.Add(new BlueprintRow(rec.Line, type, comp, w));
        }

        return rows;
    }
}
