namespace HiringPlatform.Calibration.Engine.Import;

/// <summary>The first row of an interview in ratings.csv: what every other row of the interview must agree with.</summary>
internal sealed record InterviewHead(int Line, string Candidate, string Interviewer, string Type, Recommendation? Recommendation, DateTimeOffset? OccurredAt);

/// <summary>The rules across rows of ratings.csv, each throwing at the first row that breaks it.</summary>
internal static class InterviewChecks
{
    /// <summary>Interviews: one interviewer, one candidate, one type, one recommendation, each competency once.</summary>
    public static Dictionary<string, InterviewHead> Heads(IReadOnlyList<RatingRow> rows, string fileName)
    {
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
                    throw CalibrationImportException.AtLine(fileName, r.Line, $"interview '{r.Interview}' is split across two interviewers: '{head.Interviewer}' (line {head.Line}) and '{r.Interviewer}'; expected one interviewer per interview");
                }

                if (head.Candidate != r.Candidate)
                {
                    throw CalibrationImportException.AtLine(fileName, r.Line, $"interview '{r.Interview}' names two candidates: '{head.Candidate}' (line {head.Line}) and '{r.Candidate}'; expected one candidate per interview");
                }

                if (head.Type != r.Type)
                {
                    throw CalibrationImportException.AtLine(fileName, r.Line, $"interview '{r.Interview}' has two interview types: '{head.Type}' (line {head.Line}) and '{r.Type}'; expected one type per interview");
                }

                if (head.Recommendation != r.Recommendation)
                {
                    throw CalibrationImportException.AtLine(fileName, r.Line, $"inconsistent recommendations within interview '{r.Interview}': '{Format(head.Recommendation)}' (line {head.Line}) and '{Format(r.Recommendation)}'; expected the same recommendation on every row of one interview");
                }
            }

            if (seenCompetency.TryGetValue((r.Interview, r.Competency), out var firstLine))
            {
                throw CalibrationImportException.AtLine(fileName, r.Line, $"competency '{r.Competency}' appears twice in interview '{r.Interview}' (lines {firstLine} and {r.Line}); expected one row per rated competency");
            }

            seenCompetency[(r.Interview, r.Competency)] = r.Line;
        }

        return heads;
    }

    /// <summary>Optional display names: one per interviewer (an empty cell names nobody).</summary>
    public static Dictionary<string, (string Name, int Line)> InterviewerNames(IReadOnlyList<RatingRow> rows, string fileName)
    {
        var names = new Dictionary<string, (string Name, int Line)>(StringComparer.Ordinal);
        foreach (var r in rows)
        {
            if (r.InterviewerName is not { } name)
            {
                continue;
            }

            if (names.TryGetValue(r.Interviewer, out var known) && known.Name != name)
            {
                throw CalibrationImportException.AtLine(fileName, r.Line, $"interviewer '{r.Interviewer}' has two names: '{known.Name}' (line {known.Line}) and '{name}'; expected one interviewer_name per interviewer");
            }

            names.TryAdd(r.Interviewer, (name, r.Line));
        }

        return names;
    }

    private static string Format(Recommendation? r) => r switch
    {
        null => "",
        Recommendation.StrongNo => "strong_no",
        Recommendation.No => "no",
        Recommendation.Yes => "yes",
        _ => "strong_yes",
    };
}
