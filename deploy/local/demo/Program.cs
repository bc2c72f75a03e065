using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.ServiceDefaults.Security;

// Pushes a simulated hiring season through the gateway, as the people and systems around it
// would: a recruiter registers a pool of interviewers (five of them planted: severe, lenient,
// halo, central tendency, cog in a machine), an HR system submits candidates (each gets a loop
// planned and scheduled by the services), each interviewer submits their own scorecards with
// ratings drawn from a many-facet Rasch rating-scale model, the hiring manager decides; then an
// analyst asks calibration for a report and the demo prints its flags, whether each planted
// interviewer was caught, and where the dashboard is. Every caller gets a development token
// signed with the local key of a Development gateway.
// Usage: demo [--gateway http://127.0.0.1:5100] [--gateway-settings gateway/appsettings.Development.json]
//             [--candidates 150] [--parallel 6] [--seed 7]
var gateway = Option("--gateway") ?? "http://127.0.0.1:5100";
var settings = Option("--gateway-settings") ?? Path.Combine("gateway", "appsettings.Development.json");
var candidateCount = int.Parse(Option("--candidates") ?? "150", CultureInfo.InvariantCulture);
var parallel = new ParallelOptions { MaxDegreeOfParallelism = int.Parse(Option("--parallel") ?? "6", CultureInfo.InvariantCulture) };
var seed = int.Parse(Option("--seed") ?? "7", CultureInfo.InvariantCulture);
var developmentKey = JsonDocument.Parse(File.ReadAllText(settings)).RootElement
    .GetProperty("Auth").GetProperty("DevelopmentSigningKey").GetString()!;
using var http = Client(Roles.Recruiter, "demo-recruiter");
using var hrSystem = Client(Roles.HrSystem, "demo-ats");
using var hiringManager = Client(Roles.HiringManager, "frances.allen");
using var analyst = Client(Roles.Analyst, "demo-analyst");
var run = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
var role = $"ml-engineer-ranking-{run}";
var clock = System.Diagnostics.Stopwatch.StartNew();

// The rating model (docs/calibration-method.md §1): P(rating k) ∝ exp Σ_{j≤k} (ability − severity − difficulty − τ_j), ratings 1-4.
double[] thresholds = [-1.4, 0.0, 1.4];
const double PlantedLogit = 1.0;       // severe/lenient shift and the cog's harshness on its competency
const string CogCompetency = "maintainable-code";

Console.WriteLine($"Demo through {gateway} (role {role}, {candidateCount} junior candidates, seed {seed})");
Console.WriteLine("1/6 registering interviewers");
// Scheduling draws from the whole pool: take the interviewers of earlier demo runs off the rota (weekly cap 0), so that
// this season's planted interviewers get enough interviews to be judged.
var retired = 0;
await Parallel.ForEachAsync((await Send(HttpMethod.Get, "/api/v1/interviewers/load")).EnumerateArray()
    .Where(l => l.GetProperty("weeklyCap").GetInt32() > 0), parallel, async (load, _) =>
{
    var id = load.GetProperty("interviewerId").GetGuid();
    var earlier = await Send(HttpMethod.Get, $"/api/v1/interviewers/{id}");
    if (earlier.GetProperty("email").GetString()!.EndsWith("@example.com", StringComparison.Ordinal))
    {
        await Send(HttpMethod.Put, $"/api/v1/interviewers/{id}", body: new
        {
            name = earlier.GetProperty("name").GetString(), email = earlier.GetProperty("email").GetString(),
            team = earlier.GetProperty("team").GetString(), seniority = earlier.GetProperty("seniority").GetString(),
            hiringManagerFor = earlier.GetProperty("hiringManagerFor"), weeklyCap = 0,
        });
        Interlocked.Increment(ref retired);
    }
});
if (retired > 0)
{
    Console.WriteLine($"   {retired} interviewers of earlier demo runs taken off the rota (weekly cap 0)");
}
(string Name, string Team, string[] Types, string Kind)[] pool =
[
    ("Ada Lovelace", "ranking", ["coding", "data-modeling"], "severe"),
    ("Alan Turing", "search", ["coding", "data-modeling"], "lenient"),
    ("Grace Hopper", "infra", ["coding", "project-deep-dive"], "halo"),
    ("Katherine Johnson", "ads", ["coding", "project-deep-dive"], "central-tendency"),
    ("John von Neumann", "research", ["coding"], "cog"),
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
var interviewers = new Dictionary<Guid, Interviewer>();
foreach (var (name, team, types, kind) in pool)
{
    var registered = await Send(HttpMethod.Post, "/api/v1/interviewers", body: new
    {
        name, email = $"{name.ToLowerInvariant().Replace(' ', '.')}.{run}@example.com", team, seniority = "senior",
        qualifiedFor = types, hiringManagerFor = Array.Empty<string>(), weeklyCap = 20,
    });
    var id = registered.GetProperty("id").GetGuid();
    // Ordinary interviewers differ a little (evenly from -0.2 to +0.2 logit); the severe and lenient ones by a full logit.
    var severity = kind switch { "severe" => PlantedLogit, "lenient" => -PlantedLogit, _ => -0.2 + 0.05 * interviewers.Values.Count(i => i.Kind.Length == 0) };
    interviewers[id] = new Interviewer(id, name, kind, severity, Client(Roles.Interviewer, id.ToString()));
    Console.WriteLine($"   {name,-18} {string.Join(", ", types),-30} {(kind.Length > 0 ? $"planted: {Describe(kind)}" : "")}");
}

// The season has already taken place: each candidate's one working day lies in the weeks before today, since a scorecard
// opens only once its interview has started. Scheduling books windows that already passed only in Development
// (Scheduling:BookPastWindows, docs/scheduling.md); the interviewers then submit at once, so most cards are late and the
// scorecard service marks them overdue, as it should.
var seasonDays = (candidateCount + 5) / 6; // six candidates a day keeps every interviewer far below their weekly cap
var workingDays = Enumerable.Range(1, 400).Select(d => DateTime.UtcNow.Date.AddDays(-d))
    .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Take(seasonDays).Reverse().ToList();
Console.WriteLine($"2/6 submitting {candidateCount} candidates (HR system; each is planned a junior loop and scheduled on one working day "
    + $"of the season {workingDays[0]:yyyy-MM-dd} to {workingDays[^1]:yyyy-MM-dd}, which has taken place)");
var candidates = new Candidate[candidateCount];
var submitted = 0;
await Parallel.ForEachAsync(Enumerable.Range(0, candidateCount), parallel, async (n, _) =>
{
    var name = CandidateName(n);
    var day = workingDays[n / 6];
    var application = await Send(HttpMethod.Post, "/api/v1/candidates", client: hrSystem, body: new
    {
        externalId = $"demo-{run}-{n:D3}", name, email = $"{name.ToLowerInvariant().Replace(' ', '.')}.{run}.{n}@example.com",
        role, level = "junior", requiredCompetencies = new[] { "algorithms", "communication" },
        availability = new[] { new { startsAt = $"{day:yyyy-MM-dd}T09:00:00Z", endsAt = $"{day:yyyy-MM-dd}T17:00:00Z" } },
    });
    var loop = application.GetProperty("loop");
    var slots = loop.GetProperty("slots").EnumerateArray().Select(s => new Slot(s.GetProperty("interviewType").GetString()!,
        s.GetProperty("competencies").EnumerateArray().ToDictionary(c => c.GetProperty("competency").GetString()!,
            c => c.GetProperty("weight").GetDouble()))).ToList();
    candidates[n] = new Candidate(application.GetProperty("id").GetGuid(), loop.GetProperty("loopId").GetGuid(), name, slots);
    Progress(Interlocked.Increment(ref submitted), candidateCount, "candidates submitted");
});
Console.WriteLine($"   loop: {string.Join(", ", candidates[0].Slots.Select(s => s.Type))} ({Elapsed()})");

Console.WriteLine("3/6 waiting for every interview to be scheduled");
var cards = new JsonElement[candidateCount][];
var scheduled = 0;
await Parallel.ForEachAsync(Enumerable.Range(0, candidateCount), parallel, async (n, _) =>
{
    var candidate = candidates[n];
    cards[n] = await Until(async () => (await Send(HttpMethod.Get, $"/api/v1/scorecards?candidateId={candidate.Id}")).GetProperty("items").EnumerateArray().ToArray(),
        c => c.Length == candidate.Slots.Count, $"{candidate.Slots.Count} interviews of {candidate.Name} to be scheduled",
        onTimeout: async () => (await Send(HttpMethod.Get, $"/api/v1/loops/{candidate.LoopId}/schedule")).ToString());
    Progress(Interlocked.Increment(ref scheduled), candidateCount, "loops scheduled");
});
var load = cards.SelectMany(c => c).GroupBy(c => c.GetProperty("interviewerId").GetGuid()).ToDictionary(g => g.Key, g => g.Count());
Console.WriteLine($"   interviews per interviewer: {load.Values.Min()}-{load.Values.Max()} ({Elapsed()})");

Console.WriteLine("4/6 each interviewer submits their scorecards (Rasch rating-scale model), the hiring manager decides");
var decided = 0;
var hires = 0;
await Parallel.ForEachAsync(Enumerable.Range(0, candidateCount), parallel, async (n, _) =>
{
    var candidate = candidates[n];
    var rng = new Random(seed * 100_003 + n);
    var ability = Normal(rng);
    var recommendations = new List<string>();
    foreach (var card in cards[n].OrderBy(c => c.GetProperty("startsAt").GetDateTimeOffset()))
    {
        var interviewer = interviewers[card.GetProperty("interviewerId").GetGuid()];
        var type = card.GetProperty("interviewType").GetString()!;
        var competencies = card.GetProperty("competencies").EnumerateArray().Select(c => c.GetString()!).ToList();
        var blueprint = candidate.Slots.FirstOrDefault(s => s.Type == type && s.Weights.Keys.ToHashSet().SetEquals(competencies))?.Weights
            ?? competencies.ToDictionary(c => c, _ => 1.0 / competencies.Count);
        var (ratings, probes, recommendation) = Interview(interviewer, ability, blueprint, rng);
        recommendations.Add(recommendation);
        await Send(HttpMethod.Post, $"/api/v1/scorecards/{card.GetProperty("id").GetGuid()}", client: interviewer.Http, body: new
        {
            ratings = competencies.Select(c => new
            {
                competency = c, rating = ratings.TryGetValue(c, out var r) ? r : (int?)null,
                evidence = ratings.ContainsKey(c) ? "Worked through the scenario's follow-ups." : null,
            }),
            probes = probes.Select(p => new { competency = p.Key, share = p.Value }),
            recommendation,
            summary = "Demo scorecard.",
        });
    }
    var hire = recommendations.Count(r => r is "yes" or "strong_yes") * 2 > recommendations.Count;
    await Send(HttpMethod.Post, "/api/v1/decisions", client: hiringManager, body: new
    {
        candidateId = candidate.Id, decision = hire ? "hire" : "no_hire", rationale = "Panel debrief.", decidedBy = "Frances Allen",
    });
    if (hire)
    {
        Interlocked.Increment(ref hires);
    }
    Progress(Interlocked.Increment(ref decided), candidateCount, "candidates decided");
});
Console.WriteLine($"   {cards.Sum(c => c.Length)} scorecards, {hires} hires of {candidateCount} ({Elapsed()})");

Console.WriteLine("5/6 one candidate's journey, as calibration recorded it");
{
    var (id, _, name, slots) = candidates[0];
    var steps = slots.Count * 2 + 3;
    var journey = await Until(() => Send(HttpMethod.Get, $"/api/v1/calibration/journeys/{id}", client: analyst),
        j => j.GetProperty("steps").GetArrayLength() >= steps, $"{name}'s full journey", allowNotFound: true);
    Console.WriteLine($"   {name} {id}");
    foreach (var step in journey.GetProperty("steps").EnumerateArray())
    {
        var e = step.GetProperty("event");
        var detail = step.GetProperty("type").GetString() switch
        {
            "interview-scheduled" => $"{e.GetProperty("interviewType").GetString()} with {e.GetProperty("interviewerName").GetString()} at {e.GetProperty("startsAt").GetDateTimeOffset():yyyy-MM-dd HH:mm}Z",
            "scorecard-submitted" => $"{e.GetProperty("interviewType").GetString()}: {e.GetProperty("recommendation").GetString()}",
            "decision-recorded" => $"{e.GetProperty("decision").GetString()} by {e.GetProperty("decidedBy").GetString()}",
            "loop-planned" => $"{e.GetProperty("slots").GetArrayLength()} interviews",
            _ => "",
        };
        Console.WriteLine($"   {step.GetProperty("occurredAt").GetDateTimeOffset():HH:mm:ss.fff}  {step.GetProperty("type").GetString(),-20} {detail}");
    }
}

Console.WriteLine("6/6 an analyst asks calibration for a report over the last 6 months");
// Calibration records journeys from the services' events; wait until it has every decision before asking.
await Parallel.ForEachAsync(candidates, parallel, async (candidate, _) =>
    await Until(() => Send(HttpMethod.Get, $"/api/v1/calibration/journeys/{candidate.Id}", client: analyst),
        j => j.GetProperty("steps").EnumerateArray().Any(s => s.GetProperty("type").GetString() == "decision-recorded"),
        $"{candidate.Name}'s decision to reach calibration", allowNotFound: true));
string location;
using (var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/calibration/reports") { Content = JsonContent.Create(new { }) })
using (var response = await analyst.SendAsync(request))
{
    if (response.StatusCode is not (System.Net.HttpStatusCode.Accepted or System.Net.HttpStatusCode.OK))
    {
        throw new InvalidOperationException($"POST /api/v1/calibration/reports answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
    location = response.Headers.Location!.ToString();
    Console.WriteLine($"   {(int)response.StatusCode} {response.StatusCode}, Location {location}");
}
JsonElement report;
var lastStage = "";
var reportDeadline = DateTime.UtcNow.AddMinutes(10);
while (true)
{
    report = await Send(HttpMethod.Get, location, client: analyst);
    var summary = report.TryGetProperty("summary", out var s) ? s : report;
    var status = summary.GetProperty("status").GetString();
    if (status == "completed")
    {
        break;
    }
    if (status == "failed")
    {
        throw new InvalidOperationException($"The report failed: {summary.GetProperty("failureReason").GetString()}");
    }
    var stage = summary.TryGetProperty("progress", out var p) && p.ValueKind == JsonValueKind.Object
        ? $"{p.GetProperty("stage").GetString()} ({p.GetProperty("percent").GetInt32()}%)" : status!;
    if (stage != lastStage)
    {
        Console.WriteLine($"   {stage}");
        lastStage = stage;
    }
    if (DateTime.UtcNow > reportDeadline)
    {
        throw new TimeoutException("Timed out waiting for the calibration report.");
    }
    await Task.Delay(1000);
}
var reportId = report.GetProperty("summary").GetProperty("id").GetGuid();
var notes = report.GetProperty("notes");
Console.WriteLine($"   completed ({Elapsed()}): {notes.GetProperty("scorecards").GetInt32()} scorecards, {notes.GetProperty("decidedCandidates").GetInt32()} decided candidates in the window");

var flags = report.GetProperty("flags").EnumerateArray().Select(f => new Flag(
    f.GetProperty("interviewerId").GetString()!, f.GetProperty("detector").GetString()!, f.TryGetProperty("scope", out var scope) ? scope.GetString() : null,
    f.GetProperty("status").GetString()!, f.GetProperty("reason").GetString()!,
    f.TryGetProperty("interviewerName", out var name) ? name.GetString() : null)).ToList();
var order = interviewers.Values.Select((i, index) => (i.Id.ToString(), index)).ToDictionary(x => x.Item1, x => x.index);
var ours = flags.Where(f => order.ContainsKey(f.InterviewerId)).OrderBy(f => order[f.InterviewerId]).ThenBy(f => f.Detector).ToList();
Console.WriteLine();
Console.WriteLine($"{"interviewer",-18} {"planted",-17} {"detector",-26} {"status",-7} reason");
foreach (var flag in ours)
{
    var who = interviewers[Guid.Parse(flag.InterviewerId)];
    var detector = flag.Scope is { Length: > 0 } type ? $"{flag.Detector} ({type})" : flag.Detector;
    // The name as the report gives it (InterviewerRegistered as of the report's moment), not the demo's own list.
    Console.WriteLine($"{flag.Name ?? $"{flag.InterviewerId[..8]} (unnamed)",-18} {(who.Kind.Length > 0 ? who.Kind : "-"),-17} {detector,-26} {flag.Status,-7} {Shorten(flag.Reason, 72)}");
}
if (ours.Count == 0)
{
    Console.WriteLine("(no flags on this run's interviewers)");
}
if (flags.Count > ours.Count)
{
    Console.WriteLine($"({flags.Count - ours.Count} more flags on interviewers of earlier demo runs in the same window)");
}
Console.WriteLine();
Console.WriteLine("planted interviewers:");
foreach (var planted in interviewers.Values.Where(i => i.Kind.Length > 0))
{
    var found = ours.Where(f => f.InterviewerId == planted.Id.ToString()).Select(f => f.Detector).Distinct().ToList();
    var expected = ExpectedDetector(planted.Kind);
    Console.WriteLine($"   {planted.Name,-18} {planted.Kind,-17} {(found.Contains(expected) ? "caught" : "MISSED")} (expected {expected}{(found.Count > 0 ? $"; flagged {string.Join(", ", found)}" : "")})");
}
var falseFlags = ours.Where(f => interviewers[Guid.Parse(f.InterviewerId)].Kind.Length == 0).Select(f => f.InterviewerId).Distinct().Count();
Console.WriteLine($"   ordinary interviewers flagged: {falseFlags} of {interviewers.Values.Count(i => i.Kind.Length == 0)}");
Console.WriteLine("   every flag is \"watch\" in a first report: a flag becomes \"actionable\" only when it also held in the previous window (docs/calibration-method.md §4.8)");

var whatIf = report.GetProperty("whatIf");
var flips = whatIf.GetProperty("candidates").EnumerateArray().Count(c => c.GetProperty("flips").GetBoolean());
Console.WriteLine($"what-if: {flips} of {whatIf.GetProperty("decidedCandidates").GetInt32()} decided candidates would flip if their scores were adjusted for the severity of the interviewers they got");

var dashboard = $"{gateway.TrimEnd('/')}/api/v1/calibration/reports/{reportId}/dashboard";
var saved = Path.Combine(".run", $"dashboard-{reportId}.html");
using (var page = await analyst.GetAsync(dashboard))
{
    page.EnsureSuccessStatusCode();
    Directory.CreateDirectory(".run");
    await File.WriteAllTextAsync(saved, await page.Content.ReadAsStringAsync());
}
Console.WriteLine();
Console.WriteLine($"dashboard: {dashboard}");
Console.WriteLine($"   it needs an analyst's token; saved for you to open in a browser: {Path.GetFullPath(saved)}");
Console.WriteLine($"   or: curl -s -H \"Authorization: Bearer $(./hiring token --role analyst)\" -o dashboard.html {dashboard}");
Console.WriteLine($"demo finished in {Elapsed()}");
return 0;

// One interview: the interviewer's ratings (null = not assessed), probes (share of time per competency) and recommendation.
(Dictionary<string, int> Ratings, Dictionary<string, double> Probes, string Recommendation) Interview(
    Interviewer interviewer, double ability, IReadOnlyDictionary<string, double> blueprint, Random rng)
{
    var ratings = new Dictionary<string, int>();
    var cog = interviewer.Kind == "cog" && blueprint.ContainsKey(CogCompetency);
    var impression = Draw(ability - interviewer.Severity, rng); // the halo's one overall impression
    foreach (var competency in blueprint.Keys)
    {
        if (cog && competency != CogCompetency && rng.NextDouble() >= 0.15)
        {
            continue; // the cog rarely rates anything but its one competency
        }
        var eta = ability - interviewer.Severity - Difficulty(competency) - (cog && competency == CogCompetency ? PlantedLogit : 0);
        ratings[competency] = interviewer.Kind switch
        {
            "halo" => Math.Clamp(impression + (rng.NextDouble() < 0.15 ? (rng.NextDouble() < 0.5 ? -1 : 1) : 0), 1, 4),
            "central-tendency" => Math.Clamp(Draw(eta, rng), 2, 3),
            _ => Draw(eta, rng),
        };
    }

    Dictionary<string, double> shares;
    if (cog)
    {
        shares = blueprint.Keys.ToDictionary(c => c, c => c == CogCompetency ? 0.8 : 0.2 / (blueprint.Count - 1));
    }
    else
    {
        var raw = blueprint.ToDictionary(b => b.Key, b => b.Value * Math.Exp(0.3 * Normal(rng)));
        shares = raw.ToDictionary(r => r.Key, r => r.Value / raw.Values.Sum());
    }
    var probes = shares.ToDictionary(s => s.Key, s => Math.Floor(s.Value * 100) / 100); // floored: the shares never sum past 1

    // The recommendation follows the evidence (0-3 scale), except the cog's, which follows its one competency.
    var points = cog && ratings.TryGetValue(CogCompetency, out var fixated)
        ? fixated - 1
        : (int)Math.Round(ratings.Values.Average() - 1 + 0.4 * Normal(rng));
    var recommendation = Math.Clamp(points, 0, 3) switch { 0 => "strong_no", 1 => "no", 2 => "yes", _ => "strong_yes" };
    return (ratings, probes, recommendation);
}

int Draw(double eta, Random rng)
{
    var weights = new double[thresholds.Length + 1];
    var sum = 0.0;
    for (var k = 0; k < weights.Length; k++)
    {
        sum += k == 0 ? 0 : eta - thresholds[k - 1];
        weights[k] = Math.Exp(sum);
    }
    var u = rng.NextDouble() * weights.Sum();
    for (var k = 0; k < weights.Length; k++)
    {
        if ((u -= weights[k]) <= 0)
        {
            return k + 1;
        }
    }
    return weights.Length;
}

// Competencies differ a little in difficulty; a fixed value per competency (a stable hash, not string.GetHashCode).
static double Difficulty(string competency) =>
    Normal(new Random(competency.Aggregate(17, (h, ch) => unchecked(h * 31 + ch)))) * 0.3;

static double Normal(Random rng) =>
    Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

static string Describe(string kind) => kind switch
{
    "severe" => $"severe (harsher by {PlantedLogit} logit)",
    "lenient" => $"lenient (softer by {PlantedLogit} logit)",
    "halo" => "halo (every competency = one overall impression)",
    "central-tendency" => "central tendency (only the middle ratings 2-3)",
    "cog" => $"cog in a machine (probes {CogCompetency} 80% of the time, rates little else, harsh on it)",
    _ => kind,
};

static string ExpectedDetector(string kind) => kind == "cog" ? "cog-in-a-machine" : kind;

static string CandidateName(int n)
{
    string[] first = ["Ana", "Bo", "Chen", "Dara", "Emeka", "Farah", "Goran", "Hana", "Ivan", "Jia", "Kofi", "Lena"];
    string[] last = ["Abe", "Berg", "Costa", "Diaz", "Eze", "Fox", "Gupta", "Holm", "Ito", "Jones", "Kim", "Lund", "Mora"];
    return $"{first[n % first.Length]} {last[n / first.Length % last.Length]}";
}

static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";

string Elapsed() => $"{clock.Elapsed.TotalSeconds:0} s";

void Progress(int done, int total, string what)
{
    if (done == total || done % Math.Max(1, total / 5) == 0)
    {
        Console.WriteLine($"   {what} {done}/{total} ({Elapsed()})");
    }
}

string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

HttpClient Client(string role, string subject)
{
    var client = new HttpClient { BaseAddress = new Uri(gateway), Timeout = TimeSpan.FromSeconds(60) };
    client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
        PlatformTokens.Mint(developmentKey, PlatformTokens.DevelopmentIssuer, PlatformTokens.DevelopmentAudience, subject,
            [role], TimeSpan.FromHours(1), DateTimeOffset.UtcNow));
    return client;
}

// One call through the gateway; a 429 (the gateway's per-client rate limit) waits as Retry-After says and tries again.
async Task<JsonElement> Send(HttpMethod method, string path, HttpClient? client = null, object? body = null)
{
    while (true)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await (client ?? http).SendAsync(request);
        if (response.StatusCode == System.Net.HttpStatusCode.TooManyRequests)
        {
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(5));
            continue;
        }
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{method} {path} answered {(int)response.StatusCode}: {text}", null, response.StatusCode);
        }
        return JsonSerializer.Deserialize<JsonElement>(text);
    }
}

async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what, bool allowNotFound = false,
    Func<Task<string>>? onTimeout = null)
{
    var deadline = DateTime.UtcNow.AddSeconds(180);
    while (true)
    {
        try
        {
            var value = await probe();
            if (done(value))
            {
                return value;
            }
        }
        catch (HttpRequestException exception) when (allowNotFound && exception.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
        }
        if (DateTime.UtcNow > deadline)
        {
            throw new TimeoutException($"Timed out waiting for {what}.{(onTimeout is null ? "" : " " + await onTimeout())}");
        }
        await Task.Delay(1000);
    }
}

internal sealed record Interviewer(Guid Id, string Name, string Kind, double Severity, HttpClient Http);

internal sealed record Slot(string Type, Dictionary<string, double> Weights);

internal sealed record Candidate(Guid Id, Guid LoopId, string Name, List<Slot> Slots);

internal sealed record Flag(string InterviewerId, string Detector, string? Scope, string Status, string Reason, string? Name);
