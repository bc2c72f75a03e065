namespace HiringPlatform.Calibration.Observations;

using System.Globalization;
using System.Text;
using HiringPlatform.Calibration.Engine.Import;
using HiringPlatform.Contracts;
using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Contracts.Scorecard;

/// <summary>
/// What <see cref="SeasonFold"/> keeps of the journeys, accumulated one event at a time as the log is read (in any
/// order), so that a report folds its windows (the window, the previous one, the look-backs) from one pass without
/// holding the events: scorecards, amendments, decisions and the loops' blueprints. Order is restored where it
/// matters by (occurred at, event id), exactly as sorting the events first would. Add every event, then build.
/// </summary>
public sealed class SeasonLog
{
    private sealed class Card
    {
        public required Guid CandidateId { get; init; }
        public required Guid InterviewId { get; init; }
        public required Guid InterviewerId { get; init; }
        public required string InterviewType { get; init; }
        public required DateTimeOffset SubmittedAt { get; init; }
        public required (DateTimeOffset At, Guid EventId) Order { get; init; }
        public (string Competency, int? Rating)[] Ratings { get; set; } = [];
        public string Recommendation { get; set; } = "";
        public (string Competency, decimal Share)[] Probes { get; set; } = [];
        public int Amendment { get; set; }
    }

    /// <summary>A loop's blueprint as the report uses it: per slot, each competency's share of the slot's total weight.</summary>
    private sealed record Blueprint(DateTimeOffset At, Guid EventId, (string Type, (string Competency, decimal Share)[] Shares)[] Slots);

    private readonly Dictionary<Guid, Card> cards = [];           // by scorecard id (or interview id when absent)
    private readonly Dictionary<Guid, Guid> cardsByInterview = []; // interview id -> key in cards, of the latest submission
    private readonly Dictionary<Guid, DecisionRecorded> decisions = [];
    private readonly List<Blueprint> blueprints = [];
    private readonly List<ScorecardAmended> amendments = [];
    // Only what the engine's input needs is kept of each event (not the evidence written with a rating, nor a slot's ids),
    // and every competency, type and recommendation is one string however many events name it: a year's log holds
    // hundreds of thousands of scorecards.
    private readonly Dictionary<string, string> names = new(StringComparer.Ordinal);
    private int trainees;
    private (List<LateAmendment> Late, int Used)? resolved;

    private static (DateTimeOffset, Guid) OrderOf(IIntegrationEvent e) => (e.OccurredAt, e.EventId);

    private static bool Later((DateTimeOffset At, Guid Id) a, (DateTimeOffset At, Guid Id) b) =>
        a.At != b.At ? a.At > b.At : a.Id.CompareTo(b.Id) > 0;

    public void Add(IIntegrationEvent e)
    {
        if (resolved is not null)
        {
            throw new InvalidOperationException("the season log has been built from; add every event first");
        }
        switch (e)
        {
            case LoopPlanned planned:
                blueprints.Add(BlueprintOf(planned.OccurredAt, planned.EventId, planned.Slots));
                break;
            case LoopRevised revised:
                blueprints.Add(BlueprintOf(revised.OccurredAt, revised.EventId, revised.Slots));
                break;
            case ScorecardSubmitted submitted when !submitted.CountsTowardDecision:
                trainees++;
                break;
            case ScorecardSubmitted submitted:
                var key = submitted.ScorecardId ?? submitted.InterviewId;
                var order = OrderOf(submitted);
                if (cards.TryGetValue(key, out var existing) && !Later(order, existing.Order))
                {
                    break; // sorted by time, the later submission would have been the one kept
                }
                cards[key] = new Card
                {
                    CandidateId = submitted.CandidateId,
                    InterviewId = submitted.InterviewId,
                    InterviewerId = submitted.InterviewerId,
                    InterviewType = Name(submitted.InterviewType),
                    SubmittedAt = submitted.OccurredAt,
                    Order = order,
                    Ratings = RatingsOf(submitted.Ratings),
                    Recommendation = Name(submitted.Recommendation),
                    Probes = ProbesOf(submitted.Probes),
                };
                if (!cardsByInterview.TryGetValue(submitted.InterviewId, out var byInterview) || !cards.TryGetValue(byInterview, out var other) || !Later(other.Order, order))
                {
                    cardsByInterview[submitted.InterviewId] = key;
                }
                break;
            case ScorecardAmended amended:
                amendments.Add(amended);
                break;
            case DecisionRecorded decision:
                if (!decisions.TryGetValue(decision.CandidateId, out var known) || Later(OrderOf(decision), OrderOf(known)))
                {
                    decisions[decision.CandidateId] = decision; // the latest wins
                }
                break;
        }
    }

    private string Name(string value)
    {
        if (!names.TryGetValue(value, out var shared))
        {
            names[value] = shared = value;
        }
        return shared;
    }

    private (string Competency, int? Rating)[] RatingsOf(IReadOnlyList<CompetencyRating> ratings) =>
        ratings.Select(r => (Name(r.Competency), r.Rating)).ToArray();

    private (string Competency, decimal Share)[] ProbesOf(IReadOnlyList<TopicProbe>? probes) =>
        probes is null ? [] : probes.Select(p => (Name(p.Competency), p.Share)).ToArray();

    /// <summary>Slots whose weights sum to nothing carry no blueprint and are left out, as the report leaves them out.</summary>
    private Blueprint BlueprintOf(DateTimeOffset at, Guid eventId, IReadOnlyList<PlannedSlot> slots) =>
        new(at, eventId, slots
            .Select(slot => (Slot: slot, Total: slot.Competencies.Sum(c => c.Weight)))
            .Where(s => s.Total > 0)
            .Select(s => (Name(s.Slot.InterviewType), s.Slot.Competencies.Select(c => (Name(c.Competency), c.Weight / s.Total)).ToArray()))
            .ToArray());

    /// <summary>Amendments are applied once, for every window: the latest made before the decision counts.</summary>
    private (List<LateAmendment> Late, int Used) Resolve()
    {
        if (resolved is { } done)
        {
            return done;
        }
        var late = new List<LateAmendment>();
        var used = 0;
        foreach (var amended in amendments.OrderBy(a => a.Amendment).ThenBy(a => a.OccurredAt).ThenBy(a => a.EventId))
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
                card.Ratings = RatingsOf(amended.Ratings);
                card.Recommendation = Name(amended.Recommendation);
                card.Probes = ProbesOf(amended.Probes);
                card.Amendment = amended.Amendment;
                used++;
            }
        }
        amendments.Clear();
        resolved = (late.OrderBy(l => l.ScorecardId).ThenBy(l => l.Amendment).ToList(), used);
        return resolved.Value;
    }

    /// <summary>The engine's input for one window (see <see cref="SeasonFold"/>).</summary>
    /// <param name="groups">Self-identified group per candidate (compliance data), empty when none was supplied.</param>
    /// <param name="names">Interviewers' names as registered by the report's moment (the ratings' interviewer_name column).</param>
    public SeasonInput Build(ReportWindow window, IReadOnlyDictionary<Guid, string>? groups = null, IReadOnlyDictionary<Guid, string>? names = null)
    {
        groups ??= new Dictionary<Guid, string>();
        names ??= new Dictionary<Guid, string>();
        var (late, used) = Resolve();

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
                var rating = card.Ratings.FirstOrDefault(r => r.Competency == competency).Rating;
                var share = shares.TryGetValue(competency, out var s) ? Math.Min(1m, s).ToString("0.####", CultureInfo.InvariantCulture) : "";
                ratings.Append(CsvTable.Quote(card.CandidateId.ToString())).Append(',')
                    .Append(CsvTable.Quote(card.InterviewerId.ToString())).Append(',')
                    .Append(CsvTable.Quote(card.InterviewId.ToString())).Append(',')
                    .Append(CsvTable.Quote(card.InterviewType)).Append(',')
                    .Append(CsvTable.Quote(competency)).Append(',')
                    .Append(rating?.ToString(CultureInfo.InvariantCulture) ?? "").Append(',')
                    .Append(CsvTable.Quote(card.Recommendation)).Append(',')
                    .Append(card.Probes.Length > 0 ? share : "").Append(',')
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

        var outside = cards.Count - inWindow.Count;
        return new SeasonInput(ratings.ToString(), candidates.ToString(), BlueprintsBefore(window.End),
            new SeasonNotes(inWindow.Count, trainees, outside, used, late, decided, candidateIds.Count(groups.ContainsKey)));
    }

    /// <summary>The loops' planned weights per interview type and competency, averaged over the loops planned before <paramref name="end"/>.</summary>
    private string BlueprintsBefore(DateTimeOffset end)
    {
        var sums = new SortedDictionary<string, SortedDictionary<string, decimal>>(StringComparer.Ordinal);
        var loops = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var blueprint in blueprints.Where(b => b.At < end).OrderBy(b => b.At).ThenBy(b => b.EventId))
        {
            foreach (var (slotType, shares) in blueprint.Slots)
            {
                var type = sums.TryGetValue(slotType, out var t) ? t : sums[slotType] = new(StringComparer.Ordinal);
                foreach (var (competency, share) in shares)
                {
                    type[competency] = type.GetValueOrDefault(competency) + share;
                }
                loops[slotType] = loops.GetValueOrDefault(slotType) + 1;
            }
        }

        var text = new StringBuilder("interview_type,competency,weight\n");
        foreach (var (type, weights) in sums)
        {
            foreach (var (competency, sum) in weights)
            {
                var weight = (double)(sum / loops[type]);
                text.Append(CsvTable.Quote(type)).Append(',').Append(CsvTable.Quote(competency)).Append(',')
                    .Append(weight.ToString("0.######", CultureInfo.InvariantCulture)).Append('\n');
            }
        }
        return text.ToString();
    }
}
