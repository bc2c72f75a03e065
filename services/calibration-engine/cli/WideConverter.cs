using System.Globalization;
using System.Text;
using HiringPlatform.Calibration.Engine.Import;

namespace HiringPlatform.Calibration.Cli;

/// <summary>
/// convert-wide: turns a wide rater-by-examinee file (one row per examinee, one column per rater, e.g. style_ratings.csv)
/// into the long ratings.csv format with one competency and one interview type, plus an optional candidates.csv with the
/// group column.
/// </summary>
public static class WideConverter
{
    public static int Run(Options o, TextWriter stdout)
    {
        o.Allow("input", "out", "candidates-out", "id-column", "rater-prefix", "group-column", "competency", "interview-type");
        var input = o.Required("input");
        var output = o.Required("out");
        var idColumn = o.Get("id-column") ?? "student";
        var prefix = o.Get("rater-prefix") ?? "rater_";
        var groupColumn = o.Get("group-column") ?? "language";
        var competency = o.Get("competency") ?? "style";
        var type = o.Get("interview-type") ?? "writing-sample";

        var source = CsvSource.FromFile(input);
        var header = source.Text.Split('\n')[0].TrimEnd('\r').Split(',').Select(h => h.Trim().Trim('"')).ToArray();
        var raterColumns = header.Where(h => h.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
        var optional = header.Where(h => h != idColumn).ToArray();
        var table = CsvTable.Parse(source.FileName, source.Text, [idColumn], optional);
        var idIndex = table.IndexOf(idColumn);
        var groupIndex = table.IndexOf(groupColumn);
        var ratings = new StringBuilder("candidate_id,interviewer_id,interview_id,interview_type,competency,rating\n");
        var candidates = new StringBuilder(groupIndex >= 0 ? "candidate_id,group\n" : "candidate_id\n");
        var rows = 0;
        foreach (var rec in table.Records)
        {
            var id = rec.Fields[idIndex].Trim();
            var candidate = $"{idColumn}-{id}";
            candidates.Append(groupIndex >= 0 ? $"{candidate},{groupColumn}-{rec.Fields[groupIndex].Trim()}\n" : $"{candidate}\n");
            foreach (var rater in raterColumns)
            {
                var value = rec.Fields[table.IndexOf(rater)].Trim();
                if (value is "NA")
                {
                    value = "";
                }

                ratings.Append(CultureInfo.InvariantCulture, $"{candidate},{rater},{candidate}-{rater},{type},{competency},{value}\n");
                rows++;
            }
        }

        File.WriteAllText(output, ratings.ToString());
        if (o.Get("candidates-out") is { } candidatesOut)
        {
            File.WriteAllText(candidatesOut, candidates.ToString());
        }

        stdout.WriteLine($"wrote {rows} rating rows ({table.Records.Count} candidates x {raterColumns.Length} raters) to {output}");
        return 0;
    }
}
