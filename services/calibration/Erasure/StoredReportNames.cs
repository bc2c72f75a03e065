namespace HiringPlatform.Calibration.Erasure;

using System.Text;
using System.Text.Json.Nodes;
using HiringPlatform.Calibration.Dashboard;
using HiringPlatform.Calibration.Reports;
using HiringPlatform.ServiceDefaults.Erasure;
using Marten;

/// <summary>
/// An erased interviewer's name leaves the stored reports: the report JSON (every object whose id is the interviewer's
/// loses its name), the ratings input's interviewer_name column on their rows, and the flags kept beside the report.
/// The numbers are untouched; the stored input and report hashes were computed before, over the names as they were.
/// </summary>
public static class StoredReportNames
{
    public static async Task EraseAsync(IDocumentStore store, Guid interviewerId, CancellationToken token)
    {
        var id = interviewerId.ToString();
        await ReportFiles.RewriteAsync(store, ReportFiles.Report, id, json => InJson(json, id), token);
        await ReportFiles.RewriteAsync(store, ReportFiles.Ratings, id, csv => InRatings(csv, id), token);

        await using var session = store.LightweightSession();
        var contents = await session.QueryAsync<ReportContent>("where strpos(data::text, ?) > 0", token, id);
        foreach (var content in contents)
        {
            session.Store(content with
            {
                Flags = content.Flags.Select(f => f.InterviewerId == id && f.InterviewerName is not null
                    ? f with { InterviewerName = ErasureScope.Masked }
                    : f).ToList(),
            });
        }
        await session.SaveChangesAsync(token);
    }

    /// <summary>Every object naming the interviewer by id (<c>id</c> or <c>interviewerId</c>) has its name properties masked.</summary>
    public static string InJson(string json, string interviewerId)
    {
        var root = JsonNode.Parse(json);
        Walk(root, interviewerId);
        return root?.ToJsonString() ?? json;
    }

    private static void Walk(JsonNode? node, string interviewerId)
    {
        switch (node)
        {
            case JsonObject item:
                var names = item.Any(p => p.Key is "id" or "interviewerId" && p.Value is JsonValue v && v.TryGetValue<string>(out var s) && s == interviewerId);
                foreach (var (key, value) in item.ToList())
                {
                    if (names && key is "name" or "interviewerName" && value is JsonValue)
                    {
                        item[key] = ErasureScope.Masked;
                    }
                    else
                    {
                        Walk(value, interviewerId);
                    }
                }
                break;
            case JsonArray items:
                foreach (var value in items)
                {
                    Walk(value, interviewerId);
                }
                break;
        }
    }

    /// <summary>The ratings CSV: the last column (interviewer_name) masked on the interviewer's rows (their id is the second column).</summary>
    public static string InRatings(string csv, string interviewerId)
    {
        var lines = csv.Split('\n');
        if (lines.Length == 0 || !lines[0].TrimEnd('\r').EndsWith(",interviewer_name", StringComparison.Ordinal))
        {
            return csv;
        }
        var columns = lines[0].Count(c => c == ',');
        var text = new StringBuilder(csv.Length);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var fields = line.Split(',', columns + 1);
            if (i > 0 && fields.Length == columns + 1 && fields[1] == interviewerId)
            {
                fields[columns] = ErasureScope.Masked;
                line = string.Join(',', fields);
            }
            text.Append(line);
            if (i < lines.Length - 1)
            {
                text.Append('\n');
            }
        }
        return text.ToString();
    }
}
