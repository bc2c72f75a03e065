namespace HiringPlatform.Calibration.Simulation;

using System.Globalization;
using HiringPlatform.Calibration.Engine.Import;
using HiringPlatform.Contracts;
using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Contracts.Scheduling;
using HiringPlatform.Contracts.Scorecard;

/// <summary>
/// A season in the engine's CSV format (e.g. from <c>./hiring simulate</c>) as the integration
/// events the platform's services would have published for it: per candidate, an application, a
/// planned loop, each interview scheduled and its scorecard submitted, and the decision. Used to
/// load calibration with a known season in tests and benchmarks. Ids become stable GUIDs.
/// </summary>
public static class SeasonEvents
{
    /// <param name="end">The season is moved in time so that its last scorecard is submitted one day before this.</param>
    /// <param name="span">When given, the season's interviews are spread evenly over this long (instead of the simulated times).</param>
    public static IReadOnlyList<IIntegrationEvent> From(string ratingsCsv, string candidatesCsv, string blueprintsCsv, DateTimeOffset end, TimeSpan? span = null)
    {
        var ratings = CsvTable.Parse("ratings.csv", ratingsCsv, CalibrationImporter.RatingColumns, CalibrationImporter.RatingOptionalColumns);
        var candidates = CsvTable.Parse("candidates.csv", candidatesCsv, CalibrationImporter.CandidateColumns, CalibrationImporter.CandidateOptionalColumns);
        var blueprints = CsvTable.Parse("blueprints.csv", blueprintsCsv, CalibrationImporter.BlueprintColumns, []);

        var slotsOfType = blueprints.Records
            .GroupBy(r => r.Fields[blueprints.IndexOf("interview_type")], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<CompetencyWeight>)g.Select(r => new CompetencyWeight(
                r.Fields[blueprints.IndexOf("competency")], decimal.Parse(r.Fields[blueprints.IndexOf("weight")], CultureInfo.InvariantCulture))).ToList(),
                StringComparer.Ordinal);

        string F(CsvRecord r, string column) => ratings.IndexOf(column) is var i and >= 0 ? r.Fields[i] : "";
        var interviews = ratings.Records.GroupBy(r => F(r, "interview_id"), StringComparer.Ordinal)
            .Select(g => (Id: g.Key, Rows: g.ToList(), At: F(g.First(), "occurred_at") is { Length: > 0 } at
                ? DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
                : DateTimeOffset.UnixEpoch))
            .ToList();
        var firstAt = interviews.Min(i => i.At);
        var lastAt = interviews.Max(i => i.At);
        var squeeze = span is { } length && lastAt > firstAt ? length / (lastAt - firstAt) : 1.0;
        interviews = interviews.Select(i => i with { At = firstAt + ((i.At - firstAt) * squeeze) }).ToList();
        var shift = end.AddDays(-1) - interviews.Max(i => i.At);

        var decisions = candidates.Records.ToDictionary(r => r.Fields[candidates.IndexOf("candidate_id")],
            r => candidates.IndexOf("decision") is var d and >= 0 ? r.Fields[d] : "", StringComparer.Ordinal);

        var events = new List<IIntegrationEvent>();
        foreach (var candidate in interviews.GroupBy(i => F(i.Rows[0], "candidate_id"), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var candidateId = IdOf("candidate", candidate.Key);
            var loopId = IdOf("loop", candidate.Key);
            var list = candidate.OrderBy(i => i.At).ThenBy(i => i.Id, StringComparer.Ordinal).ToList();
            var first = list[0].At + shift;
            var applied = first.AddDays(-10);
            events.Add(new CandidateApplied(IdOf("applied", candidate.Key), candidateId, candidate.Key, $"Candidate {candidate.Key}",
                $"{candidate.Key}@example.test", "ML engineer", "senior", applied, "system:simulation"));
            var slots = list.Select((interview, order) =>
            {
                var type = F(interview.Rows[0], "interview_type");
                var weights = slotsOfType.TryGetValue(type, out var w) ? w
                    : interview.Rows.Select(r => F(r, "competency")).Distinct().Select(c => new CompetencyWeight(c, 1m)).ToList();
                return new PlannedSlot(IdOf("slot", interview.Id), order + 1, type, 60, weights, "qualified");
            }).ToList();
            events.Add(new LoopPlanned(IdOf("planned", candidate.Key), candidateId, loopId, "ML engineer", "senior", slots, [],
                applied.AddHours(1), "system:simulation"));

            foreach (var (interview, slot) in list.Zip(slots))
            {
                var head = interview.Rows[0];
                var interviewer = IdOf("interviewer", F(head, "interviewer_id"));
                var interviewId = IdOf("interview", interview.Id);
                var at = interview.At + shift;
                events.Add(new InterviewScheduled(IdOf("scheduled", interview.Id), candidateId, loopId, interviewId, slot.SlotId,
                    slot.InterviewType, interviewer, F(head, "interviewer_id"), at.AddHours(-1), at, slot.Competencies, applied.AddHours(2),
                    "system:simulation"));
                var competencyRatings = interview.Rows.Select(r => new CompetencyRating(F(r, "competency"),
                    F(r, "rating") is { Length: > 0 } value ? int.Parse(value, CultureInfo.InvariantCulture) : null, null)).ToList();
                var probes = interview.Rows.Where(r => F(r, "probe_share").Length > 0)
                    .Select(r => new TopicProbe(F(r, "competency"), null, decimal.Parse(F(r, "probe_share"), CultureInfo.InvariantCulture)))
                    .Where(p => p.Share > 0)
                    .ToList();
                events.Add(new ScorecardSubmitted(IdOf("submitted", interview.Id), candidateId, interviewId, interviewer, slot.InterviewType,
                    competencyRatings, F(head, "recommendation") is { Length: > 0 } rec ? rec : "no", null, at.AddMinutes(30),
                    $"interviewer:{interviewer}", probes, IdOf("scorecard", interview.Id)));
            }

            if (decisions.GetValueOrDefault(candidate.Key) is "hire" or "no_hire" && decisions[candidate.Key] is var decision)
            {
                var votes = list.Select(i => new PanelRecommendation(IdOf("interview", i.Id), IdOf("interviewer", F(i.Rows[0], "interviewer_id")),
                    F(i.Rows[0], "recommendation"))).ToList();
                events.Add(new DecisionRecorded(IdOf("decided", candidate.Key), candidateId, decision, "simulated debrief", "hiring-manager:simulation",
                    votes, false, list[^1].At + shift + TimeSpan.FromHours(20), "system:simulation"));
            }
        }
        return events;
    }

    /// <summary>The stable GUID the season uses for an id of a kind (the same simulated id always maps to the same GUID).</summary>
    public static Guid IdOf(string kind, string id) => ServiceDefaults.DerivedIds.From(kind + ":" + id);
}
