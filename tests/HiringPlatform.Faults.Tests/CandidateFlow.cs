namespace HiringPlatform.Faults.Tests;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.Testing;

/// <summary>What one HTTP attempt got: when, which step, the status (0 = no answer) and whether a 503 said when to retry.</summary>
public sealed record Attempt(DateTimeOffset At, string Step, int Status, bool RetryAfter);

/// <summary>A candidate the flow drove, with what the platform acknowledged for it.</summary>
public sealed class DrivenCandidate(string externalId)
{
    public string ExternalId { get; } = externalId;

    public Guid Id { get; set; }

    /// <summary>Interview ids whose scorecard submission got a success answer (or a 409 after a lost answer).</summary>
    public ConcurrentBag<Guid> Scorecards { get; } = [];

    public bool Decided { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string? Failure { get; set; }
}

/// <summary>
/// A steady flow of candidates through the gateway, each taken through the whole pipeline the
/// way an HR system and interviewers would: submit, wait for the three scorecards, submit them,
/// record the decision. Every attempt is recorded. A 502/503/504 or no answer is retried after a
/// short pause (Retry-After, capped at 1 s, so the suite stays fast); anything else unexpected
/// fails the candidate.
/// </summary>
public sealed class CandidateFlow(GatewayClients clients, string tag)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    public ConcurrentQueue<Attempt> Attempts { get; } = new();

    public ConcurrentBag<DrivenCandidate> Candidates { get; } = [];

    /// <summary>
    /// Starts a candidate every <paramref name="every"/> until <paramref name="until"/> completes
    /// (at least <paramref name="minimum"/> of them), then waits for every journey it started.
    /// </summary>
    public async Task RunAsync(Task until, TimeSpan every, int minimum = 4)
    {
        var journeys = new List<Task>();
        for (var i = 0; i < minimum || !until.IsCompleted; i++)
        {
            var candidate = new DrivenCandidate($"{tag}-{i}-{Guid.NewGuid().ToString("N")[..12]}");
            Candidates.Add(candidate);
            journeys.Add(DriveAsync(candidate, i));
            await Task.Delay(every);
        }
        await until;
        await Task.WhenAll(journeys);
    }

    private async Task DriveAsync(DrivenCandidate candidate, int index)
    {
        try
        {
            var submitted = await SendAsync("submit", () => clients.HrSystem.PostAsJsonAsync("/api/v1/candidates", new
            {
                externalId = candidate.ExternalId,
                name = $"Candidate {index} {tag}",
                email = $"c{index}.{tag}@example.com",
                role = "ml-engineer",
                level = "abbreviated",
                // Four weeks of days that have passed (room for every run of the suite on one bench): the interviews have
                // taken place, so their scorecards are open at once.
                availability = PastSeason.Availability(days: 20),
            }), HttpStatusCode.Created, HttpStatusCode.OK);
            candidate.Id = (await submitted!.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

            var deadline = DateTime.UtcNow + Deadline;
            JsonElement[] cards = [];
            while (cards.Length < 3)
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"only {cards.Length} scorecards opened");
                }
                var listed = await SendAsync("list scorecards",
                    () => clients.Recruiter.GetAsync($"/api/v1/scorecards?candidateId={candidate.Id}"), HttpStatusCode.OK);
                cards = Pages.Items(await listed!.Content.ReadFromJsonAsync<JsonElement>());
                if (cards.Length < 3)
                {
                    await Task.Delay(250);
                }
            }

            foreach (var card in cards)
            {
                var interviewId = card.GetProperty("id").GetGuid();
                var interviewer = clients.Interviewer(card.GetProperty("interviewerId").GetGuid());
                await SendAsync("submit scorecard", () => interviewer.PostAsJsonAsync($"/api/v1/scorecards/{interviewId}", new
                {
                    ratings = card.GetProperty("competencies").EnumerateArray()
                        .Select(c => new { competency = c.GetString(), rating = 3, evidence = "steady under faults" }),
                    recommendation = "yes",
                    summary = "Fine.",
                }), HttpStatusCode.OK);
                candidate.Scorecards.Add(interviewId);
            }

            await SendAsync("decide", () => clients.HiringManager.PostAsJsonAsync("/api/v1/decisions", new
            {
                candidateId = candidate.Id,
                decision = index % 2 == 0 ? "hire" : "no_hire",
                rationale = "Fault suite.",
                decidedBy = "hiring-manager",
            }), HttpStatusCode.Created);
            candidate.Decided = true;
            candidate.CompletedAt = DateTimeOffset.UtcNow;
        }
        catch (Exception exception)
        {
            candidate.Failure = $"{exception.GetType().Name}: {exception.Message}";
        }
    }

    /// <summary>
    /// Sends until an accepted status. A 409 after an attempt that got no answer means that attempt
    /// was committed (the write is not repeated, so it is accepted as the success it was).
    /// </summary>
    private async Task<HttpResponseMessage?> SendAsync(string step, Func<Task<HttpResponseMessage>> send,
        params HttpStatusCode[] accepted)
    {
        var deadline = DateTime.UtcNow + Deadline;
        var unanswered = false;
        while (true)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{step} got no success within {Deadline}");
            }
            HttpResponseMessage response;
            try
            {
                response = await send();
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                Attempts.Enqueue(new Attempt(DateTimeOffset.UtcNow, step, 0, false));
                unanswered = true;
                await Task.Delay(500);
                continue;
            }
            var status = (int)response.StatusCode;
            var retryAfter = response.Headers.RetryAfter;
            Attempts.Enqueue(new Attempt(DateTimeOffset.UtcNow, step, status, retryAfter is not null));
            if (accepted.Contains(response.StatusCode))
            {
                return response;
            }
            if (response.StatusCode == HttpStatusCode.Conflict && unanswered && step is "submit scorecard" or "decide")
            {
                return null;
            }
            if (status is 500 or 502 or 503 or 504)
            {
                // A 500 is recorded (the suite asserts there are none) but retried like the others,
                // so one wrong status does not hide whether anything was lost.
                unanswered = true;
                var pause = retryAfter?.Delta ?? TimeSpan.FromMilliseconds(500);
                await Task.Delay(pause > TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : pause);
                continue;
            }
            throw new InvalidOperationException($"{step} got {status}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public static Stopwatch Clock() => Stopwatch.StartNew();
}
