using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.ServiceDefaults.Security;

// Pushes a small demo through the gateway, as the people and systems around it would: a
// recruiter registers interviewers, an HR system submits candidates at different levels, each
// interviewer submits their own scorecard, the hiring manager decides; then an analyst prints
// each candidate's journey as calibration recorded it. Every caller gets a development token
// signed with the local key of a Development gateway.
// Usage: demo [--gateway http://127.0.0.1:5100] [--gateway-settings gateway/appsettings.Development.json]
var gateway = Option("--gateway") ?? "http://127.0.0.1:5100";
var settings = Option("--gateway-settings") ?? Path.Combine("gateway", "appsettings.Development.json");
var developmentKey = JsonDocument.Parse(File.ReadAllText(settings)).RootElement
    .GetProperty("Auth").GetProperty("DevelopmentSigningKey").GetString()!;
using var http = Client(Roles.Recruiter, "demo-recruiter");
using var hrSystem = Client(Roles.HrSystem, "demo-ats");
using var hiringManager = Client(Roles.HiringManager, "frances.allen");
using var analyst = Client(Roles.Analyst, "demo-analyst");
var run = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
var role = $"ml-engineer-ranking-{run}";

Console.WriteLine($"Demo through {gateway} (role {role})");
Console.WriteLine("1/5 registering interviewers");
(string Name, string Team, string Seniority, string[] Types, bool HiringManager)[] interviewers =
[
    ("Ada Lovelace", "ranking", "staff", ["coding", "data-modeling", "system-design"], false),
    ("Alan Turing", "search", "principal", ["coding", "ml-system-design", "math-quiz"], false),
    ("Grace Hopper", "infra", "senior", ["coding", "system-design", "project-deep-dive"], false),
    ("Katherine Johnson", "ads", "senior", ["data-modeling", "math-quiz", "coding"], false),
    ("John von Neumann", "research", "staff", ["data-modeling", "project-deep-dive", "ml-system-design"], false),
    ("Barbara Liskov", "platform", "senior", ["coding", "project-deep-dive", "data-modeling"], false),
    ("Frances Allen", "ranking", "staff", ["project-deep-dive", "career-chat"], true),
];
foreach (var (name, team, seniority, types, manager) in interviewers)
{
    await Send(HttpMethod.Post, "/api/v1/interviewers", body: new
    {
        name, email = $"{name.ToLowerInvariant().Replace(' ', '.')}.{run}@example.com", team, seniority,
        qualifiedFor = types, hiringManagerFor = manager ? new[] { role } : [], weeklyCap = 10,
    });
    Console.WriteLine($"   {name} ({seniority}, {team}): {string.Join(", ", types)}{(manager ? ", hiring manager" : "")}");
}

Console.WriteLine("2/5 submitting candidates");
(string Name, string Level)[] people = [("Edsger Dijkstra", "abbreviated"), ("Donald Knuth", "junior"), ("Leslie Lamport", "senior"), ("Margaret Hamilton", "staff")];
var candidates = new List<(Guid Id, string Name, string Level)>();
foreach (var (name, level) in people)
{
    var application = await Send(HttpMethod.Post, "/api/v1/candidates", client: hrSystem, body: new
    {
        externalId = $"demo-{run}-{level}", name, email = $"{name.Split(' ')[0].ToLowerInvariant()}.{run}@example.com",
        role, level, requiredCompetencies = new[] { "ml-systems", "communication" },
    });
    var id = application.GetProperty("id").GetGuid();
    var slots = application.GetProperty("loop").GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("interviewType").GetString());
    var gaps = application.GetProperty("loop").GetProperty("coverageGaps").EnumerateArray().Select(g => g.GetString()).ToList();
    Console.WriteLine($"   {name} ({level}): {string.Join(", ", slots)}{(gaps.Count > 0 ? $"  [coverage gap: {string.Join(", ", gaps)}]" : "")}");
    candidates.Add((id, name, level));
}

Console.WriteLine("3/5 waiting for every interview to be scheduled");
var cards = new Dictionary<Guid, JsonElement[]>();
foreach (var (id, name, _) in candidates)
{
    var expected = (await Send(HttpMethod.Get, $"/api/v1/candidates/{id}")).GetProperty("loop").GetProperty("slots").GetArrayLength();
    cards[id] = await Until<JsonElement[]>(async () => [.. (await http.GetFromJsonAsync<JsonElement>($"/api/v1/scorecards?candidateId={id}")).GetProperty("items").EnumerateArray()],
        c => c.Length == expected, $"{expected} scorecards for {name}");
    Console.WriteLine($"   {name}: {expected} interviews scheduled");
}

Console.WriteLine("4/5 submitting every scorecard and recording a decision");
var random = new Random(7);
foreach (var (id, name, _) in candidates)
{
    var recommendations = new List<string>();
    foreach (var card in cards[id])
    {
        var recommendation = random.Next(4) switch { 0 => "no", 1 => "strong_yes", _ => "yes" };
        recommendations.Add(recommendation);
        using var interviewer = Client(Roles.Interviewer, card.GetProperty("interviewerId").GetGuid().ToString());
        await Send(HttpMethod.Post, $"/api/v1/scorecards/{card.GetProperty("id").GetGuid()}", client: interviewer, body: new
        {
            ratings = card.GetProperty("competencies").EnumerateArray().Select(c => new
            {
                competency = c.GetString(), rating = random.Next(2, 5), evidence = "Worked through the scenario's follow-ups.",
            }),
            recommendation,
            summary = "Demo scorecard.",
        });
    }
    var hire = recommendations.Count(r => r is "yes" or "strong_yes") > recommendations.Count / 2;
    var decision = await Send(HttpMethod.Post, "/api/v1/decisions", client: hiringManager, body: new
    {
        candidateId = id, decision = hire ? "hire" : "no_hire", rationale = "Panel debrief.", decidedBy = "Frances Allen",
    });
    Console.WriteLine($"   {name}: {string.Join(", ", recommendations)} -> {decision.GetProperty("decision").GetString()}");
}

Console.WriteLine("5/5 each candidate's journey, as calibration recorded it");
foreach (var (id, name, level) in candidates)
{
    var steps = cards[id].Length * 2 + 3;
    var journey = await Until(async () => await analyst.GetFromJsonAsync<JsonElement>($"/api/v1/calibration/journeys/{id}"),
        j => j.GetProperty("steps").GetArrayLength() >= steps, $"{name}'s full journey", allowNotFound: true);
    Console.WriteLine();
    Console.WriteLine($"{name} ({level}) {id}");
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
        Console.WriteLine($"  {step.GetProperty("occurredAt").GetDateTimeOffset():HH:mm:ss.fff}  {step.GetProperty("type").GetString(),-20} {detail}");
    }
}
return 0;

string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

HttpClient Client(string role, string subject)
{
    var client = new HttpClient { BaseAddress = new Uri(gateway), Timeout = TimeSpan.FromSeconds(30) };
    client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
        PlatformTokens.Mint(developmentKey, PlatformTokens.DevelopmentIssuer, PlatformTokens.DevelopmentAudience, subject,
            [role], TimeSpan.FromHours(1), DateTimeOffset.UtcNow));
    return client;
}

async Task<JsonElement> Send(HttpMethod method, string path, HttpClient? client = null, object? body = null)
{
    using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
    using var response = await (client ?? http).SendAsync(request);
    var text = await response.Content.ReadAsStringAsync();
    if (!response.IsSuccessStatusCode)
    {
        throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
    }
    return JsonSerializer.Deserialize<JsonElement>(text);
}

async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what, bool allowNotFound = false)
{
    var deadline = DateTime.UtcNow.AddSeconds(60);
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
            throw new TimeoutException($"Timed out waiting for {what}.");
        }
        await Task.Delay(250);
    }
}
