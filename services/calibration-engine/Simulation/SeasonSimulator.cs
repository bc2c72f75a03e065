using System.Globalization;
using System.Text;
using HiringPlatform.Calibration.Engine.Import;
using HiringPlatform.Calibration.Engine.Rasch;
using HiringPlatform.Calibration.Engine.Statistics;

namespace HiringPlatform.Calibration.Engine.Simulation;

/// <summary>Kinds of planted interviewers (docs/calibration-method.md §4.9, plus a contrarian for the outcome detector).</summary>
public static class PlantedKinds
{
    public const string Severe = "severe";
    public const string Halo = "halo";
    public const string Central = "central-tendency";
    public const string Erratic = "erratic";
    public const string Drf = "group-bias";
    public const string Cog = "cog";
    public const string Contrarian = "contrarian";
    public const string Lenient = "lenient";

    public static readonly string[] All = [Severe, Halo, Central, Erratic, Drf, Cog, Contrarian, Lenient];

    /// <summary>The detector expected to flag each kind, and detectors whose flag on it is also a true discovery.</summary>
    public static (string Expected, string[] AlsoTrue) Detectors(string kind) => kind switch
    {
        Severe => ("severe", []),
        Lenient => ("lenient", []),
        Halo => ("halo", []),
        Central => ("central-tendency", ["halo"]), // two categories only: its profiles are flat too
        Erratic => ("inconsistent", []),
        Drf => ("group-bias", ["adverse-impact"]),
        Cog => ("cog-in-a-machine", ["narrow-coverage", "severe"]),
        Contrarian => ("outcome-disagreement", []),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown planted kind"),
    };
}

public sealed record SimulationOptions
{
    public int Candidates { get; init; } = 600;
    public int Interviewers { get; init; } = 40;
    public int InterviewsPerCandidate { get; init; } = 4;
    public int TypesPerInterviewer { get; init; } = 2;
    public IReadOnlyList<string> Types { get; init; } = ["coding", "data-modeling", "system-design", "ml-system-design"];
    public double AbilitySd { get; init; } = 1.0;
    public double SeveritySd { get; init; } = 0.15;
    public double CompetencySd { get; init; } = 0.3;
    public IReadOnlyList<double> Thresholds { get; init; } = [-1.4, 0.0, 1.4];
    public double CoverageRate { get; init; } = 0.95;

    /// <summary>How many interviewers of each planted kind (0 everywhere = a null season).</summary>
    public IReadOnlyDictionary<string, int> Planted { get; init; } = PlantedKinds.All.ToDictionary(k => k, _ => 1);
    public double SevereLogit { get; init; } = 0.8;

    /// <summary>How many logits the planted lenient interviewer's severity is lowered by.</summary>
    public double LenientLogit { get; init; } = 0.8;
    public double DrfLogit { get; init; } = 0.8;
    public double CogLogit { get; init; } = 1.0;
    public double CogProbeShare { get; init; } = 0.8;
    public double CogOtherCompetencyRate { get; init; } = 0.15;
    public double ErraticShare { get; init; } = 0.3;
    public double HaloNoise { get; init; } = 0.15;
    public double GroupBShare { get; init; } = 0.5;

    /// <summary>
    /// Assign each interview to a least-loaded qualified interviewer (ties at random) instead of a uniformly random one, so
    /// that every interviewer gets nearly the same number of scorecards (the detection benchmark measures power at a given
    /// sample size per interviewer); within that, the interviewer with the fewest candidates of the candidate's group, so
    /// that each interviewer also sees nearly as many candidates of each group.
    /// </summary>
    public bool BalancedLoad { get; init; }
    public ulong Seed { get; init; } = 1;

    public static SimulationOptions Null(ulong seed) => new() { Planted = PlantedKinds.All.ToDictionary(k => k, _ => 0), Seed = seed };
}

public sealed record PlantedInterviewer(string InterviewerId, string Kind, double Effect, string Detail);

public sealed record SimulatedSeason(string RatingsCsv, string CandidatesCsv, string BlueprintsCsv, string TruthCsv, IReadOnlyList<PlantedInterviewer> Planted, RatingScale Scale)
{
    public CalibrationData Import() => CalibrationImporter.Import(new CsvSource("ratings.csv", RatingsCsv), new CsvSource("candidates.csv", CandidatesCsv), new CsvSource("blueprints.csv", BlueprintsCsv), Scale);
}

/// <summary>
/// Simulates a hiring season from the many-facet rating-scale model with planted interviewers: severe (α + 0.8), lenient (α − 0.8),
/// halo (every competency = one overall impression ± rare one-point noise), central tendency (only the middle categories),
/// erratic (30% of ratings at random), group bias (−0.8 logit on group B), cog (rates one blueprint competency, probes it
/// 80% of the time, −1 logit on it, recommendation driven by it) and contrarian (recommendation unrelated to the evidence).
/// </summary>
public static class SeasonSimulator
{
    public static SimulatedSeason Simulate(SimulationOptions o)
    {
        var c = CultureInfo.InvariantCulture;
        var rng = new SplitMix64(o.Seed);
        var k = o.Thresholds.Count;
        var scale = new RatingScale(1, 1 + k);
        var types = o.Types.ToArray();
        var blueprints = types.Select(t => ShippedBlueprints.ByType.TryGetValue(t, out var b) ? b.ToArray() : [("communication", 0.5), ("algorithms", 0.5)]).ToArray();
        var competencies = blueprints.SelectMany(b => b.Select(x => x.Competency)).Distinct().OrderBy(x => x, StringComparer.Ordinal).ToArray();
        var delta = InterviewSimulator.Difficulties(competencies, o.CompetencySd, rng);

        // Interviewers, their types and severities.
        var ids = Enumerable.Range(0, o.Interviewers).Select(j => $"r{j:D3}").ToArray();
        var alpha = ids.Select(_ => rng.NextNormal() * o.SeveritySd).ToArray();
        var typesOf = Enumerable.Range(0, o.Interviewers).Select(j => Enumerable.Range(0, Math.Min(o.TypesPerInterviewer, types.Length)).Select(i => (j + i) % types.Length).ToArray()).ToArray();
        var kind = new string?[o.Interviewers];
        var order = Enumerable.Range(0, o.Interviewers).OrderBy(_ => rng.NextULong()).ToArray();
        var next = 0;
        foreach (var plantedKind in PlantedKinds.All)
        {
            for (var i = 0; i < o.Planted.GetValueOrDefault(plantedKind) && next < order.Length; i++)
            {
                kind[order[next++]] = plantedKind;
            }
        }

        var cogCompetency = new string?[o.Interviewers];
        var planted = new List<PlantedInterviewer>();
        for (var j = 0; j < o.Interviewers; j++)
        {
            switch (kind[j])
            {
                case PlantedKinds.Severe:
                    alpha[j] += o.SevereLogit;
                    planted.Add(new(ids[j], PlantedKinds.Severe, o.SevereLogit, "severity raised by this many logits"));
                    break;
                case PlantedKinds.Lenient:
                    alpha[j] -= o.LenientLogit;
                    planted.Add(new(ids[j], PlantedKinds.Lenient, o.LenientLogit, "severity lowered by this many logits"));
                    break;
                case PlantedKinds.Cog:
                    var bp = blueprints[typesOf[j][0]];
                    cogCompetency[j] = bp[rng.NextInt(bp.Length)].Competency;
                    planted.Add(new(ids[j], PlantedKinds.Cog, o.CogLogit, $"type {types[typesOf[j][0]]}, fixated on {cogCompetency[j]}"));
                    break;
                case PlantedKinds.Halo:
                    planted.Add(new(ids[j], PlantedKinds.Halo, o.HaloNoise, "probability of a one-point deviation from the overall impression"));
                    break;
                case PlantedKinds.Central:
                    planted.Add(new(ids[j], PlantedKinds.Central, 1, "ratings clamped to the middle categories"));
                    break;
                case PlantedKinds.Erratic:
                    planted.Add(new(ids[j], PlantedKinds.Erratic, o.ErraticShare, "share of ratings drawn at random"));
                    break;
                case PlantedKinds.Drf:
                    planted.Add(new(ids[j], PlantedKinds.Drf, o.DrfLogit, "logits harsher on group B"));
                    break;
                case PlantedKinds.Contrarian:
                    planted.Add(new(ids[j], PlantedKinds.Contrarian, 1, "recommendation drawn at random"));
                    break;
            }
        }

        // A cog interviews only their fixated type.
        for (var j = 0; j < o.Interviewers; j++)
        {
            if (kind[j] == PlantedKinds.Cog)
            {
                typesOf[j] = [typesOf[j][0]];
            }
        }

        var qualified = Enumerable.Range(0, types.Length).Select(t => Enumerable.Range(0, o.Interviewers).Where(j => typesOf[j].Contains(t)).ToArray()).ToArray();
        var ratings = new StringBuilder("candidate_id,interviewer_id,interview_id,interview_type,competency,rating,recommendation,probe_share,occurred_at\n");
        var candidates = new StringBuilder("candidate_id,decision,group\n");
        var start = new DateTimeOffset(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
        var interviewNumber = 0;
        var load = new int[o.Interviewers];
        var groupLoad = new int[o.Interviewers, 2];
        for (var n = 0; n < o.Candidates; n++)
        {
            var theta = rng.NextNormal() * o.AbilitySd;
            var groupB = rng.NextDouble() < o.GroupBShare;
            var used = new HashSet<int>();
            var yes = 0;
            var interviews = 0;
            for (var slot = 0; slot < o.InterviewsPerCandidate; slot++)
            {
                var t = (n + slot) % types.Length;
                var pool = qualified[t].Where(j => !used.Contains(j)).ToArray();
                if (pool.Length == 0)
                {
                    continue;
                }

                if (o.BalancedLoad)
                {
                    var gi = groupB ? 1 : 0;
                    var least = pool.Min(i => (groupLoad[i, gi] * 100_000) + load[i]);
                    pool = pool.Where(i => (groupLoad[i, gi] * 100_000) + load[i] == least).ToArray();
                }

                var j = pool[rng.NextInt(pool.Length)];
                load[j]++;
                groupLoad[j, groupB ? 1 : 0]++;
                used.Add(j);
                var bp = blueprints[t];
                var interviewId = $"i{++interviewNumber:D7}";
                var when = start.AddHours(n * 2 + slot).ToString("yyyy-MM-ddTHH:mm:ssZ", c);
                var isCog = kind[j] == PlantedKinds.Cog && t == typesOf[j][0];
                var interviewer = new SimulatedInterviewer(kind[j], alpha[j], isCog ? cogCompetency[j] : null);
                var (rated, shares, rec) = InterviewSimulator.Interview(o, interviewer, theta, groupB, bp, delta, rng);
                yes += rec >= 2 ? 1 : 0;
                interviews++;
                var recText = InterviewSimulator.RecommendationName(rec);
                for (var i = 0; i < bp.Length; i++)
                {
                    var comp = bp[i].Competency;
                    var value = rated.TryGetValue(comp, out var x) ? (x + scale.Min).ToString(c) : "";
                    ratings.Append(c, $"n{n:D6},{ids[j]},{interviewId},{types[t]},{comp},{value},{recText},{shares[i]:0.###},{when}\n");
                }
            }

            var hired = interviews > 0 && yes * 2 > interviews;
            candidates.Append(c, $"n{n:D6},{(hired ? "hire" : "no_hire")},{(groupB ? "B" : "A")}\n");
        }

        var bpCsv = new StringBuilder("interview_type,competency,weight\n");
        for (var t = 0; t < types.Length; t++)
        {
            foreach (var (comp, w) in blueprints[t])
            {
                bpCsv.Append(c, $"{types[t]},{comp},{w}\n");
            }
        }

        var truth = new StringBuilder("interviewer_id,kind,true_severity,effect,detail\n");
        for (var j = 0; j < o.Interviewers; j++)
        {
            var pl = planted.FirstOrDefault(x => x.InterviewerId == ids[j]);
            truth.Append(c, $"{ids[j]},{kind[j] ?? "none"},{alpha[j]:0.####},{pl?.Effect.ToString("0.###", c) ?? ""},{pl?.Detail ?? ""}\n");
        }

        return new SimulatedSeason(ratings.ToString(), candidates.ToString(), bpCsv.ToString(), truth.ToString(), planted, scale);
    }
}
