using System.Globalization;
using HiringPlatform.Calibration.Engine.Import;
using HiringPlatform.Calibration.Engine.Reports;

namespace HiringPlatform.Calibration.Engine.Analysis;

/// <summary>The report's input section: what the input holds, where each blueprint came from, and a hash that identifies the input.</summary>
internal static class InputSection
{
    public static InputSummary Summary(CalibrationData data) => new(
        Scale: data.Scale.ToString(),
        Ratings: data.Observations.Length,
        Scorecards: data.Scorecards.Count,
        Candidates: data.CandidateIds.Count,
        Interviewers: data.InterviewerIds.Count,
        Competencies: data.Observations.Select(o => o.Competency).Distinct().Count(),
        InterviewTypes: data.TypeIds.Count,
        Recommendations: data.HasRecommendations,
        ProbeShares: data.HasProbeShares,
        Decisions: data.HasDecisions,
        Groups: data.HasGroups,
        Blueprints: data.TypeIds.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => data.BlueprintSources[p.i], StringComparer.Ordinal),
        Sha256: Sha256(data));

    /// <summary>SHA-256 of a canonical text of the input: scale, scorecards, ratings, names given, candidates' decisions and groups.</summary>
    private static string Sha256(CalibrationData data)
    {
        // Hashed as it is written: the canonical text of a large input is hundreds of MB.
        using var sb = new Sha256Text();
        sb.Append(data.Scale).Append('\n');
        foreach (var s in data.Scorecards)
        {
            sb.Append(s.InterviewId).Append(',').Append(data.CandidateIds[s.Candidate]).Append(',').Append(data.InterviewerIds[s.Interviewer]).Append(',').Append(data.TypeIds[s.Type]).Append(',').Append(s.Recommendation?.ToString() ?? "").Append('\n');
        }

        foreach (var o in data.Observations)
        {
            sb.Append(o.Scorecard.ToString(CultureInfo.InvariantCulture)).Append(',').Append(data.CompetencyIds[o.Competency]).Append(',').Append(o.Category.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        // Names count only when given, so that inputs without them keep their hash.
        for (var j = 0; j < data.InterviewerIds.Count; j++)
        {
            if (data.InterviewerName(j) is { } name)
            {
                sb.Append("name,").Append(data.InterviewerIds[j]).Append(',').Append(name).Append('\n');
            }
        }

        for (var c = 0; c < data.CandidateIds.Count; c++)
        {
            sb.Append(data.CandidateIds[c]).Append(',').Append(data.Hired[c]?.ToString() ?? "").Append(',').Append(data.GroupOf[c] >= 0 ? data.GroupIds[data.GroupOf[c]] : "").Append('\n');
        }

        return sb.Finish();
    }
}
