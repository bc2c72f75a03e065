using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

// Pushes a small demo through the gateway, as an HR system would: interviewers, candidates at
// different levels, every scorecard, a decision each; then prints each candidate's journey as
// calibration recorded it. Usage: demo [--gateway http://127.0.0.1:5100]
var gateway = args.SkipWhile(a => a != "--gateway").Skip(1).FirstOrDefault() ?? "http://127.0.0.1:5100";
using var http = new HttpClient { BaseAddress = new Uri(gateway), Timeout = TimeSpan.FromSeconds(30) };
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
    await Send(HttpMethod.Post, "/api/v1/interviewers", new
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
    var application = await Send(HttpMethod.Post, "/api/v1/candidates", new
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
    cards[id] = await Until(async () => await http.GetFromJsonAsync<JsonElement[]>($"/api/v1/scorecards?candidateId={id}") ?? [],
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
        await Send(HttpMethod.Post, $"/api/v1/scorecards/{card.GetProperty("id").GetGuid()}", new
        {
            interviewerId = card.GetProperty("interviewerId").GetGuid(),
            ratings = card.GetProperty("competencies").EnumerateArray().Select(c => new
            {
                competency = c.GetString(), rating = random.Next(2, 5), evidence = "Worked through the scenario's follow-ups.",
            }),
            recommendation,
            summary = "Demo scorecard.",
        });
    }
    var hire = recommendations.Count(r => r is "yes" or "strong_yes") > recommendations.Count / 2;
    var decision = await Send(HttpMethod.Post, "/api/v1/decisions", new
    {
        candidateId = id, decision = hire ? "hire" : "no_hire", rationale = "Panel debrief.", decidedBy = "Frances Allen",
    });
    Console.WriteLine($"   {name}: {string.Join(", ", recommendations)} -> {decision.GetProperty("decision").GetString()}");
}

Console.WriteLine("5/5 each candidate's journey, as calibration recorded it");
foreach (var (id, name, level) in candidates)
{
    var steps = cards[id].Length * 2 + 3;
    var journey = await Until(async () => await http.GetFromJsonAsync<JsonElement>($"/api/v1/calibration/journeys/{id}"),
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

async Task<JsonElement> Send(HttpMethod method, string path, object? body = null)
{
    using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
    using var response = await http.SendAsync(request);
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
