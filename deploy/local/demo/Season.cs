namespace HiringPlatform.Demo;

using HiringPlatform.Calibration.Engine.Simulation;
using HiringPlatform.Calibration.Engine.Statistics;

/// <summary>One of the demo's interviewers: who they are, how they rate (the engine's model) and their own client.</summary>
internal sealed record DemoInterviewer(Guid Id, string Name, string Kind, SimulatedInterviewer Rater, GatewayClient Http)
{
    public bool Planted => Kind.Length > 0;
}

internal sealed record Slot(string Type, IReadOnlyList<(string Competency, double Weight)> Blueprint);

internal sealed record Candidate(Guid Id, Guid LoopId, string Name, IReadOnlyList<Slot> Slots);

/// <summary>
/// The season the demo plays: its pool of interviewers (five planted: severe, lenient, halo, central tendency, cog in a
/// machine), its candidates and working days, and each interview's scorecard drawn from the calibration engine's
/// many-facet rating-scale model (<see cref="InterviewSimulator"/>, docs/calibration-method.md §1; ratings 1-4).
/// </summary>
internal static class Season
{
    /// <summary>The severe/lenient shift and the cog's harshness on its competency, in logits.</summary>
    public const double PlantedLogit = 1.0;
    public const string CogCompetency = "maintainable-code";
    public const int CandidatesPerDay = 6; // keeps every interviewer far below their weekly cap

    /// <summary>The model's settings: every competency of a blueprint is rated (except by the cog); otherwise the engine's defaults.</summary>
    public static readonly SimulationOptions Model = new() { CoverageRate = 1.0, CogLogit = PlantedLogit };

    public static readonly (string Name, string Team, string[] Types, string Kind)[] Pool =
    [
        ("Ada Lovelace", "ranking", ["coding", "data-modeling"], PlantedKinds.Severe),
        ("Alan Turing", "search", ["coding", "data-modeling"], PlantedKinds.Lenient),
        ("Grace Hopper", "infra", ["coding", "project-deep-dive"], PlantedKinds.Halo),
        ("Katherine Johnson", "ads", ["coding", "project-deep-dive"], PlantedKinds.Central),
        ("John von Neumann", "research", ["coding"], PlantedKinds.Cog),
        ("Barbara Liskov", "platform", ["coding", "data-modeling"], ""),
        ("Donald Knuth", "search", ["coding", "data-modeling"], ""),
        ("Leslie Lamport", "infra", ["coding", "project-deep-dive"], ""),
        ("Margaret Hamilton", "ads", ["coding", "data-modeling"], ""),
        ("Edsger Dijkstra", "research", ["coding", "project-deep-dive"], ""),
        ("Tony Hoare", "platform", ["coding", "data-modeling"], ""),
        ("Niklaus Wirth", "ranking", ["coding", "project-deep-dive"], ""),
        ("Radia Perlman", "infra", ["coding", "data-modeling"], ""),
        ("Shafi Goldwasser", "search", ["coding", "project-deep-dive"], ""),
    ];

    /// <summary>
    /// How the <paramref name="ordinarySoFar"/>+1-th pool member of this kind rates: ordinary interviewers differ a little
    /// (evenly from −0.2 to +0.2 logit), the severe and lenient ones by a full logit; the cog is fixated on one competency.
    /// </summary>
    public static SimulatedInterviewer Rater(string kind, int ordinarySoFar) => new(
        kind.Length > 0 ? kind : null,
        kind switch { PlantedKinds.Severe => PlantedLogit, PlantedKinds.Lenient => -PlantedLogit, _ => -0.2 + 0.05 * ordinarySoFar },
        kind == PlantedKinds.Cog ? CogCompetency : null);

    public static string Describe(string kind) => kind switch
    {
        PlantedKinds.Severe => $"severe (harsher by {PlantedLogit} logit)",
        PlantedKinds.Lenient => $"lenient (softer by {PlantedLogit} logit)",
        PlantedKinds.Halo => "halo (every competency = one overall impression)",
        PlantedKinds.Central => "central tendency (only the middle ratings 2-3)",
        PlantedKinds.Cog => $"cog in a machine (probes {CogCompetency} {Model.CogProbeShare * 100:0}% of the time, rates little else, harsh on it)",
        _ => kind,
    };

    /// <summary>The detector that should flag a planted kind (the engine's own expectation).</summary>
    public static string ExpectedDetector(string kind) => PlantedKinds.Detectors(kind).Expected;

    /// <summary>
    /// The season has already taken place: one working day per <see cref="CandidatesPerDay"/> candidates, in the weeks
    /// before <paramref name="today"/>, oldest first, since a scorecard opens only once its interview has started.
    /// </summary>
    public static IReadOnlyList<DateTime> WorkingDays(int candidates, DateTime today) =>
        Enumerable.Range(1, 400).Select(d => today.AddDays(-d))
            .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            .Take((candidates + CandidatesPerDay - 1) / CandidatesPerDay).Reverse().ToList();

    public static string CandidateName(int n)
    {
        string[] first = ["Ana", "Bo", "Chen", "Dara", "Emeka", "Farah", "Goran", "Hana", "Ivan", "Jia", "Kofi", "Lena"];
        string[] last = ["Abe", "Berg", "Costa", "Diaz", "Eze", "Fox", "Gupta", "Holm", "Ito", "Jones", "Kim", "Lund", "Mora"];
        return $"{first[n % first.Length]} {last[n / first.Length % last.Length]}";
    }

    /// <summary>Competency difficulties: fixed for the season's seed, centred on 0 (the engine's competency spread).</summary>
    public static IReadOnlyDictionary<string, double> Difficulties(IEnumerable<string> competencies, int seed) =>
        InterviewSimulator.Difficulties(competencies.Distinct().Order(StringComparer.Ordinal), Model.CompetencySd, new SplitMix64((ulong)seed));

    /// <summary>Each candidate's own random stream, so that running candidates in parallel changes nothing.</summary>
    public static SplitMix64 CandidateRandom(int seed, int n) => new(unchecked((ulong)seed * 100_003 + (ulong)n));

    /// <summary>
    /// The scorecard <paramref name="interviewer"/> submits for a candidate of <paramref name="ability"/>: ratings 1-4 for
    /// the rated competencies, probes as shares floored to a hundredth (so they never sum past 1), and a recommendation.
    /// </summary>
    public static ScorecardSubmission Scorecard(DemoInterviewer interviewer, double ability, IReadOnlyList<string> competencies,
        IReadOnlyList<(string Competency, double Weight)> blueprint, IReadOnlyDictionary<string, double> difficulty, SplitMix64 rng)
    {
        var drawn = InterviewSimulator.Interview(Model, interviewer.Rater, ability, groupB: false, blueprint, difficulty, rng);
        var ratings = competencies.Select(c => drawn.Ratings.TryGetValue(c, out var r)
            ? new RatingEntry(c, r + 1, "Worked through the scenario's follow-ups.")
            : new RatingEntry(c, null, null)).ToList();
        var probes = blueprint.Select((b, i) => new Probe(b.Competency, Math.Floor(drawn.Shares[i] * 100) / 100)).ToList();
        return new ScorecardSubmission(ratings, probes, InterviewSimulator.RecommendationName(drawn.Recommendation), "Demo scorecard.");
    }
}
