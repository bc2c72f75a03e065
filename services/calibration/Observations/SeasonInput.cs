namespace HiringPlatform.Calibration.Observations;

using System.Globalization;
using System.Text;
using HiringPlatform.Calibration.Engine.Import;
using HiringPlatform.Contracts;
using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Contracts.Scheduling;
using HiringPlatform.Contracts.Scorecard;

/// <summary>A half-open window of business time [Start, End) over when interviews' scorecards were submitted.</summary>
public sealed record ReportWindow(DateTimeOffset Start, DateTimeOffset End)
{
    public bool Contains(DateTimeOffset moment) => moment >= Start && moment < End;

    /// <summary>The window of the same length that ends <paramref name="step"/> months earlier (§4.8 persistence).</summary>
    public ReportWindow Previous(int step) => new(Start.AddMonths(-step), End.AddMonths(-step));
}

/// <summary>A scorecard amended after the decision: reported, never used (the decision was made on the earlier version).</summary>
public sealed record LateAmendment(Guid ScorecardId, Guid InterviewId, Guid InterviewerId, Guid CandidateId, int Amendment, DateTimeOffset AmendedAt);

/// <summary>What went into the engine and what was left out, and why.</summary>
public sealed record SeasonNotes(
    int Scorecards,
    int TraineeScorecardsExcluded,
    int ScorecardsOutsideWindow,
    int AmendmentsUsed,
    IReadOnlyList<LateAmendment> LateAmendments,
    int DecidedCandidates,
    int CandidatesWithGroup);

/// <summary>
/// The engine's three input files, in its documented CSV format, built from the journeys. CSV is
/// the canonical form: deterministic (sorted), hashed for reproducibility, and downloadable so an
/// analyst can rerun the same analysis with <c>./hiring calibrate</c>.
/// </summary>
public sealed record SeasonInput(string Ratings, string Candidates, string Blueprints, SeasonNotes Notes)
{
    public bool IsEmpty => Notes.Scorecards == 0;
}

/// <summary>
/// Folds candidates' journeys (every integration event calibration recorded, as the log stood at
/// the report's moment) into the engine's input for one window (docs/calibration-method.md §7.1):
/// the latest amendment made before the decision counts; amendments after the decision are
/// reported, not used; trainees' shadow scorecards never count; blueprints are the loops' planned
/// competency weights per interview type (averaged over the loops planned before the window ends);
/// decisions are those known at the report's moment.
/// </summary>
public static class SeasonFold
{
    private sealed class Card
    {
        public required Guid CandidateId { get; init; }
        public required Guid InterviewId { get; init; }
        public required Guid InterviewerId { get; init; }
        public required string InterviewType { get; init; }
        public required DateTimeOffset SubmittedAt { get; init; }
        public IReadOnlyList<CompetencyRating> Ratings { get; set; } = [];
        public string Recommendation { get; set; } = "";
        public IReadOnlyList<TopicProbe> Probes { get; set; } = [];
        public int Amendment { get; set; }
    }

    /// <param name="events">Every integration event recorded up to the report's moment, in any order.</param>
    /// <param name="groups">Self-identified group per candidate (compliance data), empty when none was supplied.</param>
    /// <param name="names">Interviewers' names as registered by the report's moment (the ratings' interviewer_name column).</param>
    public static SeasonInput Build(IEnumerable<IIntegrationEvent> events, ReportWindow window, IReadOnlyDictionary<Guid, string>? groups = null, IReadOnlyDictionary<Guid, string>? names = null)
    {
        groups ??= new Dictionary<Guid, string>();
        names ??= new Dictionary<Guid, string>();
        var cards = new Dictionary<Guid, Card>();           // by scorecard id (or interview id when absent)
        var cardsByInterview = new Dictionary<Guid, Guid>(); // interview id -> key in cards
        var decisions = new Dictionary<Guid, DecisionRecorded>();
        var blueprintSums = new SortedDictionary<string, SortedDictionary<string, decimal>>(StringComparer.Ordinal);
        var blueprintLoops = new Dictionary<string, int>(StringComparer.Ordinal);
        var amendments = new List<ScorecardAmended>();
        var trainees = 0;

        void AddBlueprint(IReadOnlyList<PlannedSlot> slots)
        {
            foreach (var slot in slots)
            {
                var total = slot.Competencies.Sum(c => c.Weight);
                if (total <= 0)
                {
                    continue;
                }
                var type = blueprintSums.TryGetValue(slot.InterviewType, out var t) ? t : blueprintSums[slot.InterviewType] = new(StringComparer.Ordinal);
                foreach (var competency in slot.Competencies)
                {
                    type[competency.Competency] = type.GetValueOrDefault(competency.Competency) + competency.Weight / total;
                }
                blueprintLoops[slot.InterviewType] = blueprintLoops.GetValueOrDefault(slot.InterviewType) + 1;
            }
        }

        foreach (var e in events.OrderBy(e => e.OccurredAt).ThenBy(e => e.EventId))
        {
            switch (e)
            {
                case LoopPlanned planned when planned.OccurredAt < window.End:
                    AddBlueprint(planned.Slots);
                    break;
                case LoopRevised revised when revised.OccurredAt < window.End:
                    AddBlueprint(revised.Slots);
                    break;
                case ScorecardSubmitted submitted when !submitted.CountsTowardDecision:
                    trainees++;
                    break;
                case ScorecardSubmitted submitted:
                    var key = submitted.ScorecardId ?? submitted.InterviewId;
                    cards[key] = new Card
                    {
                        CandidateId = submitted.CandidateId,
                        InterviewId = submitted.InterviewId,
                        InterviewerId = submitted.InterviewerId,
                        InterviewType = submitted.InterviewType,
                        SubmittedAt = submitted.OccurredAt,
                        Ratings = submitted.Ratings,
                        Recommendation = submitted.Recommendation,
                        Probes = submitted.Probes ?? [],
                    };
                    cardsByInterview[submitted.InterviewId] = key;
                    break;
                case ScorecardAmended amended:
                    amendments.Add(amended);
                    break;
                case DecisionRecorded decision:
                    decisions[decision.CandidateId] = decision; // ordered by time: the latest wins
                    break;
            }
        }

        var late = new List<LateAmendment>();
        var used = 0;
        foreach (var amended in amendments.OrderBy(a => a.Amendment))
        {
            if (!cards.TryGetValue(amended.ScorecardId, out var card)
                && !(cardsByInterview.TryGetValue(amended.InterviewId, out var key) && cards.TryGetValue(key, out card)))
            {
                continue; // a trainee's card or one submitted before the log began
            }
            if (amended.AfterDecision)
            {
                late.Add(new LateAmendment(amended.ScorecardId, amended.InterviewId, amended.InterviewerId, amended.CandidateId, amended.Amendment, amended.OccurredAt));
                continue;
            }
            if (amended.Amendment > card.Amendment)
            {
                card.Ratings = amended.Ratings;
                card.Recommendation = amended.Recommendation;
                card.Probes = amended.Probes;
                card.Amendment = amended.Amendment;
                used++;
            }
        }

        var inWindow = cards.Values.Where(c => window.Contains(c.SubmittedAt))
            .OrderBy(c => c.InterviewId).ToList();
        var ratings = new StringBuilder("candidate_id,interviewer_id,interview_id,interview_type,competency,rating,recommendation,probe_share,occurred_at,interviewer_name\n");
        foreach (var card in inWindow)
        {
            var shares = card.Probes
                .GroupBy(p => p.Competency, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(p => p.Share), StringComparer.Ordinal);
            var competencies = card.Ratings.Select(r => r.Competency)
                .Concat(shares.Keys)
                .Distinct(StringComparer.Ordinal)
                .OrderBy(c => c, StringComparer.Ordinal);
            foreach (var competency in competencies)
            {
                var rating = card.Ratings.FirstOrDefault(r => r.Competency == competency)?.Rating;
                var share = shares.TryGetValue(competency, out var s) ? Math.Min(1m, s).ToString("0.####", CultureInfo.InvariantCulture) : "";
                ratings.Append(CsvTable.Quote(card.CandidateId.ToString())).Append(',')
                    .Append(CsvTable.Quote(card.InterviewerId.ToString())).Append(',')
                    .Append(CsvTable.Quote(card.InterviewId.ToString())).Append(',')
                    .Append(CsvTable.Quote(card.InterviewType)).Append(',')
                    .Append(CsvTable.Quote(competency)).Append(',')
                    .Append(rating?.ToString(CultureInfo.InvariantCulture) ?? "").Append(',')
                    .Append(CsvTable.Quote(card.Recommendation)).Append(',')
                    .Append(card.Probes.Count > 0 ? share : "").Append(',')
                    .Append(card.SubmittedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)).Append(',')
                    .Append(names.TryGetValue(card.InterviewerId, out var name) ? CsvTable.Quote(name) : "").Append('\n');
            }
        }

        var candidateIds = inWindow.Select(c => c.CandidateId).Distinct().Order().ToList();
        var anyGroup = candidateIds.Any(groups.ContainsKey);
        var candidates = new StringBuilder(anyGroup ? "candidate_id,decision,group\n" : "candidate_id,decision\n");
        var decided = 0;
        foreach (var id in candidateIds)
        {
            var decision = decisions.TryGetValue(id, out var d) && d.Decision is "hire" or "no_hire" ? d.Decision : "";
            decided += decision.Length > 0 ? 1 : 0;
            candidates.Append(id).Append(',').Append(decision);
            if (anyGroup)
            {
                candidates.Append(',').Append(CsvTable.Quote(groups.GetValueOrDefault(id, "")));
            }
            candidates.Append('\n');
        }

        var blueprints = new StringBuilder("interview_type,competency,weight\n");
        foreach (var (type, weights) in blueprintSums)
        {
            foreach (var (competency, sum) in weights)
            {
                var weight = (double)(sum / blueprintLoops[type]);
                blueprints.Append(CsvTable.Quote(type)).Append(',').Append(CsvTable.Quote(competency)).Append(',')
                    .Append(weight.ToString("0.######", CultureInfo.InvariantCulture)).Append('\n');
            }
        }

        var outside = cards.Count - inWindow.Count;
        return new SeasonInput(ratings.ToString(), candidates.ToString(), blueprints.ToString(),
            new SeasonNotes(inWindow.Count, trainees, outside, used, late.OrderBy(l => l.ScorecardId).ThenBy(l => l.Amendment).ToList(),
                decided, candidateIds.Count(groups.ContainsKey)));
    }
}
