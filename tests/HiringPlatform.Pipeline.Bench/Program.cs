using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HiringPlatform.Pipeline.Bench;
using HiringPlatform.ServiceDefaults.Security;

// The whole pipeline through the gateway, as the systems around it drive it: a recruiter registers a pool of interviewers,
// the HR system (API key) submits candidates, loop-planner plans each loop, scheduling books every interview, every
// interviewer submits their scorecard, the hiring manager decides, and calibration records the journey. Per stage it
// reports throughput and p50/p95/p99 latency from the event timestamps the services wrote (as calibration's journey
// shows them: occurredAt at the source, recordedAt in calibration), and where messages waited (RabbitMQ queue depths).
// Needs `./hiring up` in Development (the season lies in the past, Scheduling:BookPastWindows), with the gateway's rate
// limit raised, e.g.:
//   Gateway__RateLimits__PermitLimit=100000000 ./hiring up
//   dotnet run -c Release --project tests/HiringPlatform.Pipeline.Bench -- --interviewers 20 --candidates 200 [--rate 10]
// --rate N offers N candidates a second (steady); without it every candidate is submitted at once (a burst).
var gatewayAddress = new Uri(Option("--gateway") ?? "http://127.0.0.1:5100");
var management = new Uri(Option("--management") ?? "http://guest:guest@127.0.0.1:15673/");
var poolSize = Int("--interviewers", 20);
var count = Int("--candidates", 200);
var rate = double.Parse(Option("--rate") ?? "0", CultureInfo.InvariantCulture);
var parallel = new ParallelOptions { MaxDegreeOfParallelism = Int("--parallel", 16) };
var developmentKey = JsonDocument.Parse(File.ReadAllText(Option("--gateway-settings") ?? Path.Combine("gateway", "appsettings.Development.json")))
    .RootElement.GetProperty("Auth").GetProperty("DevelopmentSigningKey").GetString()!;
using var gateway = new Gateway(gatewayAddress, developmentKey, Option("--api-key") ?? "local-ats-development-api-key");
var recruiter = gateway.As(Roles.Recruiter, "pipeline-recruiter");
var hiringManager = gateway.As(Roles.HiringManager, "pipeline-manager");
var analyst = gateway.As(Roles.Analyst, "pipeline-analyst");
var run = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
string[] types = ["coding", "data-modeling", "project-deep-dive"];

Console.WriteLine($"pipeline bench {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC through {gatewayAddress}: {poolSize} interviewers, {count} candidates, "
    + (rate > 0 ? $"offered at {rate} a second" : "in one burst") + $"; {Environment.ProcessorCount} cores, load average {Load()}");

// Interviewers of earlier runs leave the rota, so the pool is the size asked for.
var earlier = (await gateway.SendAsync(recruiter, HttpMethod.Get, "/api/v1/interviewers/load")).EnumerateArray()
    .Where(l => l.GetProperty("weeklyCap").GetInt32() > 0).Select(l => l.GetProperty("interviewerId").GetGuid()).ToList();
await Parallel.ForEachAsync(earlier, parallel, async (id, _) =>
{
    var profile = await gateway.SendAsync(recruiter, HttpMethod.Get, $"/api/v1/interviewers/{id}");
    await gateway.SendAsync(recruiter, HttpMethod.Put, $"/api/v1/interviewers/{id}", new
    {
        name = profile.GetProperty("name").GetString(), email = profile.GetProperty("email").GetString(),
        team = profile.GetProperty("team").GetString(), seniority = profile.GetProperty("seniority").GetString(),
        hiringManagerFor = profile.GetProperty("hiringManagerFor"), weeklyCap = 0,
    });
});
Console.WriteLine($"{earlier.Count} interviewers of earlier runs off the rota");
await Parallel.ForEachAsync(Enumerable.Range(0, poolSize), parallel, async (i, _) =>
    await gateway.SendAsync(recruiter, HttpMethod.Post, "/api/v1/interviewers", new
    {
        name = $"Pipeline Interviewer {i}", email = $"interviewer.{i}.{run}@pipeline.example.com", team = $"team-{i % 7}", seniority = "senior",
        qualifiedFor = new[] { types[i % 3], types[(i + 1) % 3] }, hiringManagerFor = Array.Empty<string>(), weeklyCap = 40,
    }));
Console.WriteLine($"{poolSize} interviewers registered");

// The season has taken place (scorecards open at the interview's start): each candidate on one working day before today,
// as many a day as the pool holds comfortably.
var perDay = Math.Max(1, poolSize / 3);
var days = Enumerable.Range(1, 5000).Select(d => DateTime.UtcNow.Date.AddDays(-d))
    .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).Take((count + perDay - 1) / perDay).Reverse().ToList();
var candidates = new Candidate[count];
var clock = Stopwatch.StartNew();
await using (var queues = new QueueSampler(management))
{
    Console.WriteLine("submitting candidates");
    var submissions = new List<Task>();
    for (var n = 0; n < count; n++)
    {
        if (rate > 0)
        {
            var due = TimeSpan.FromSeconds(n / rate) - clock.Elapsed;
            if (due > TimeSpan.Zero)
            {
                await Task.Delay(due);
            }
            submissions.Add(SubmitAsync(n));
        }
        else
        {
            submissions.Add(SubmitAsync(n));
            if (submissions.Count(t => !t.IsCompleted) >= parallel.MaxDegreeOfParallelism)
            {
                await Task.WhenAny(submissions.Where(t => !t.IsCompleted));
            }
        }
    }
    await Task.WhenAll(submissions);
    Console.WriteLine($"{count} submitted in {clock.Elapsed.TotalSeconds:F1} s; waiting for every loop to be scheduled");

    var scheduled = 0;
    await Parallel.ForEachAsync(candidates, parallel, async (candidate, _) =>
    {
        candidate.Cards = await UntilAsync(async () => (await gateway.SendAsync(recruiter, HttpMethod.Get, $"/api/v1/scorecards?candidateId={candidate.Id}&limit=50"))
            .GetProperty("items").EnumerateArray().ToArray(), cards => cards.Length == candidate.Slots, $"{candidate.Slots} interviews of {candidate.Id}");
        Progress(Interlocked.Increment(ref scheduled), "scheduled");
    });
    Console.WriteLine("every interviewer submits their scorecards, the hiring manager decides");
    var decided = 0;
    await Parallel.ForEachAsync(candidates, parallel, async (candidate, _) =>
    {
        candidate.CardsRequestedAt = DateTimeOffset.UtcNow;
        foreach (var card in candidate.Cards)
        {
            var interviewer = gateway.As(Roles.Interviewer, card.GetProperty("interviewerId").GetGuid().ToString());
            var competencies = card.GetProperty("competencies").EnumerateArray().Select(c => c.GetString()!).ToList();
            await gateway.SendAsync(interviewer, HttpMethod.Post, $"/api/v1/scorecards/{card.GetProperty("id").GetGuid()}", new
            {
                ratings = competencies.Select((c, i) => new { competency = c, rating = 1 + (i + candidate.Number) % 4, evidence = "Worked through the follow-ups." }),
                probes = competencies.Select(c => new { competency = c, share = 1.0 / competencies.Count }),
                recommendation = candidate.Number % 2 == 0 ? "yes" : "no",
                summary = "Pipeline bench scorecard.",
            });
        }
        candidate.DecisionRequestedAt = DateTimeOffset.UtcNow;
        await gateway.SendAsync(hiringManager, HttpMethod.Post, "/api/v1/decisions", new
        {
            candidateId = candidate.Id, decision = candidate.Number % 2 == 0 ? "hire" : "no_hire", rationale = "Panel debrief.", decidedBy = "Pipeline Manager",
        });
        Progress(Interlocked.Increment(ref decided), "decided");
    });
    Console.WriteLine("waiting for calibration to record every journey");
    var recorded = 0;
    await Parallel.ForEachAsync(candidates, parallel, async (candidate, _) =>
    {
        candidate.Journey = await UntilAsync(() => gateway.SendAsync(analyst, HttpMethod.Get, $"/api/v1/calibration/journeys/{candidate.Id}", allowNotFound: true),
            j => j.ValueKind == JsonValueKind.Object && Steps(j, "decision-recorded").Any() && Steps(j, "scorecard-submitted").Count() >= candidate.Slots,
            $"the journey of {candidate.Id}");
        Progress(Interlocked.Increment(ref recorded), "journeys complete");
    });
    Console.WriteLine($"done in {clock.Elapsed.TotalSeconds:F1} s; load average {Load()}; answers retried after Retry-After: "
        + $"{gateway.Retried.Limited} x 429, {gateway.Retried.Unavailable} x 503");
    Report();
    queues.Print();
}
return 0;

async Task SubmitAsync(int n)
{
    var day = days[n / perDay];
    var submittedAt = DateTimeOffset.UtcNow;
    var application = await gateway.SendAsync(gateway.HrSystem, HttpMethod.Post, "/api/v1/candidates", new
    {
        externalId = $"pipeline-{run}-{n:D5}", name = $"Pipeline Candidate {n}", email = $"candidate.{n}.{run}@pipeline.example.com",
        role = $"pipeline-{run}", level = "junior",
        availability = new[] { new { startsAt = $"{day:yyyy-MM-dd}T08:00:00Z", endsAt = $"{day:yyyy-MM-dd}T18:00:00Z" } },
    });
    candidates[n] = new Candidate(n, application.GetProperty("id").GetGuid(), application.GetProperty("loop").GetProperty("slots").GetArrayLength(), submittedAt);
}

void Report()
{
    var rows = new (string Stage, Func<Candidate, DateTimeOffset> From, Func<Candidate, DateTimeOffset> To)[]
    {
        ("planned (submit -> LoopPlanned)", c => c.SubmittedAt, c => Last(c, "loop-planned", "occurredAt")),
        ("scheduled (submit -> last InterviewScheduled)", c => c.SubmittedAt, c => Last(c, "interview-scheduled", "occurredAt")),
        ("scorecards (first submit request -> last ScorecardSubmitted)", c => c.CardsRequestedAt, c => Last(c, "scorecard-submitted", "occurredAt")),
        ("decided (request -> DecisionRecorded)", c => c.DecisionRequestedAt, c => Last(c, "decision-recorded", "occurredAt")),
        ("in calibration (decision request -> journey complete)", c => c.DecisionRequestedAt, c => Last(c, null, "recordedAt")),
        ("end to end (submit -> journey complete, incl. the bench's own pauses)", c => c.SubmittedAt, c => Last(c, null, "recordedAt")),
    };
    Console.WriteLine();
    Console.WriteLine("| stage | candidates/s | p50 ms | p95 ms | p99 ms |");
    Console.WriteLine("|---|---|---|---|---|");
    foreach (var (stage, from, to) in rows)
    {
        var latencies = candidates.Select(c => (to(c) - from(c)).TotalMilliseconds).Order().ToArray();
        var span = candidates.Max(to) - candidates.Min(from);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {stage} | {count / span.TotalSeconds:F1} | {P(latencies, 0.5):F0} | {P(latencies, 0.95):F0} | {P(latencies, 0.99):F0} |"));
    }
}

static DateTimeOffset Last(Candidate candidate, string? type, string field) =>
    Steps(candidate.Journey, type).Max(s => s.GetProperty(field).GetDateTimeOffset());

static IEnumerable<JsonElement> Steps(JsonElement journey, string? type) =>
    journey.GetProperty("steps").EnumerateArray().Where(s => type is null || s.GetProperty("type").GetString() == type);

static double P(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

async Task<T> UntilAsync<T>(Func<Task<T>> probe, Func<T, bool> done, string what)
{
    var deadline = Stopwatch.StartNew();
    while (true)
    {
        var value = await probe();
        if (done(value))
        {
            return value;
        }
        if (deadline.Elapsed > TimeSpan.FromMinutes(10))
        {
            throw new TimeoutException($"Timed out waiting for {what}.");
        }
        await Task.Delay(200);
    }
}

void Progress(int done, string what)
{
    if (done % Math.Max(1, count / 10) == 0 || done == count)
    {
        Console.Error.WriteLine($"  {done}/{count} {what} ({clock.Elapsed.TotalSeconds:F0} s)");
    }
}

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

int Int(string name, int fallback) => int.Parse(Option(name) ?? fallback.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

namespace HiringPlatform.Pipeline.Bench
{
    /// <summary>One candidate of the run and what the bench saw of it.</summary>
    public sealed class Candidate(int number, Guid id, int slots, DateTimeOffset submittedAt)
    {
        public int Number { get; } = number;

        public Guid Id { get; } = id;

        public int Slots { get; } = slots;

        public DateTimeOffset SubmittedAt { get; } = submittedAt;

        public JsonElement[] Cards { get; set; } = [];

        public DateTimeOffset CardsRequestedAt { get; set; }

        public DateTimeOffset DecisionRequestedAt { get; set; }

        public JsonElement Journey { get; set; }
    }
}
