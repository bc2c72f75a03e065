namespace HiringPlatform.EndToEnd.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.ServiceDefaults.Security;
using HiringPlatform.Testing;
using Xunit;
using Xunit.Abstractions;

/// <summary>
/// Erasure through the gateway: a candidate travels the whole pipeline, a report is computed, the HR system erases the
/// candidate, and afterwards no table of any service's schema (pg_dump), no message waiting in RabbitMQ and no exported
/// span holds their name, e-mail, evidence notes, summary or decision rationale; the journey replays in the same order;
/// a report regenerated over the same moment reads the same input and finds the same. Then an admin erases one of the
/// interviewers: their name leaves the bookings, the journeys and the stored report inputs; their id and ratings stay.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ErasureTests(PlatformFixture platform, ITestOutputHelper output)
{
    [Fact]
    public async Task An_erased_candidate_leaves_no_personal_data_anywhere_and_the_journey_and_report_replay_the_same()
    {
        var team = Guid.NewGuid().ToString("N")[..8];
        await platform.RegisterInterviewerAsync($"Coder Erasable{team}", $"search-{team}", "senior", ["coding"]);
        await platform.RegisterInterviewerAsync($"Modeler {team}", $"ranking-{team}", "senior", ["data-modeling"]);
        await platform.RegisterInterviewerAsync($"Deep diver {team}", $"ads-{team}", "staff", ["project-deep-dive"]);
        string[] personal = [$"Erin Erasable{team}", $"erin.{team}@example.com", $"evidence-{team}", $"summary-{team}", $"rationale-{team}"];

        var submitted = await platform.Client.PostAsJsonAsync("/api/v1/candidates", new
        {
            externalId = $"ats-{team}", name = personal[0], email = personal[1], role = "ml-engineer", level = "abbreviated",
            availability = PastSeason.Availability(),
        });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var candidateId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var cards = await Eventually.Until(() => platform.Recruiter.GetItemsAsync($"/api/v1/scorecards?candidateId={candidateId}")!,
            found => found!.Length == 3, "three pending scorecards");
        foreach (var card in cards!)
        {
            using var interviewer = platform.Interviewer(card.GetProperty("interviewerId").GetGuid());
            var response = await interviewer.PostAsJsonAsync($"/api/v1/scorecards/{card.GetProperty("id").GetGuid()}", new
            {
                ratings = card.GetProperty("competencies").EnumerateArray().Select(c => new { competency = c.GetString(), rating = 3, evidence = personal[2] }),
                recommendation = "yes",
                summary = personal[3],
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        var decision = await platform.HiringManager.PostAsJsonAsync("/api/v1/decisions", new
        {
            candidateId, decision = "hire", rationale = personal[4], decidedBy = "hiring-manager",
        });
        Assert.Equal(HttpStatusCode.Created, decision.StatusCode);
        var before = await Eventually.Until(() => platform.JourneyAsync(candidateId),
            // Every kind of step: scorecard-submitted reaches calibration on its own queue, not always before interview-held.
            j => PlatformFixture.StepTypes(j).Count(t => t == "interview-held") == 3
                && PlatformFixture.StepTypes(j).Count(t => t == "scorecard-submitted") == 3
                && PlatformFixture.StepTypes(j).Contains("decision-recorded"),
            "the whole journey in calibration");

        var asOf = DateTimeOffset.UtcNow.AddSeconds(1).ToString("O");
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var first = await ReportAsync(asOf, regenerate: false);

        // Only the HR system that submitted the candidate (or an admin) may erase them, and it says why.
        using var otherHrSystem = platform.As(Roles.HrSystem, "another-ats");
        Assert.Equal(HttpStatusCode.Forbidden, (await otherHrSystem.PostAsJsonAsync($"/api/v1/candidates/{candidateId}/erasure", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.Recruiter.PostAsJsonAsync($"/api/v1/candidates/{candidateId}/erasure", new { reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await platform.Client.PostAsJsonAsync($"/api/v1/candidates/{candidateId}/erasure", new { reason = "" })).StatusCode);

        var erased = await platform.Client.PostAsJsonAsync($"/api/v1/candidates/{candidateId}/erasure", new { reason = $"GDPR Art. 17 request {team}" });
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var erasure = await erased.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("erased", erasure.GetProperty("status").GetString());
        var again = await (await platform.Client.PostAsJsonAsync($"/api/v1/candidates/{candidateId}/erasure", new { reason = "again" }))
            .Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(erasure.GetProperty("erasedAt").GetDateTimeOffset(), again.GetProperty("erasedAt").GetDateTimeOffset());
        Assert.Equal($"GDPR Art. 17 request {team}", again.GetProperty("reason").GetString());

        // Every service erases on CandidateErased; the dump of every schema holds none of the candidate's text.
        await Eventually.Until(async () => Naming(await platform.Infrastructure.DumpAsync(), personal), lines => lines.Length == 0,
            "no personal data in the database dump", TimeSpan.FromMinutes(2));
        var dump = await platform.Infrastructure.DumpAsync();
        Assert.Contains(candidateId.ToString(), dump, StringComparison.Ordinal);
        foreach (var body in await platform.Infrastructure.QueuedMessagesAsync())
        {
            Assert.DoesNotContain(personal, p => body.Contains(p, StringComparison.Ordinal));
        }
        foreach (var span in platform.Spans.Distinct())
        {
            var tags = string.Join(" ", span.TagObjects.Select(t => $"{t.Key}={t.Value}")) + " " + span.DisplayName;
            Assert.DoesNotContain(personal, p => tags.Contains(p, StringComparison.Ordinal));
        }

        // The journey replays in the same order, with the erasure at its end and the ratings kept.
        var after = await Eventually.Until(() => platform.JourneyAsync(candidateId),
            j => PlatformFixture.StepTypes(j).Contains("candidate-erased"), "the erasure on the journey");
        Assert.Equal([.. PlatformFixture.StepTypes(before), "candidate-erased"], PlatformFixture.StepTypes(after));
        var applied = after.GetProperty("steps")[0].GetProperty("event");
        Assert.Equal("[erased]", applied.GetProperty("name").GetString());
        var ratings = after.GetProperty("steps").EnumerateArray().Where(s => s.GetProperty("type").GetString() == "scorecard-submitted")
            .SelectMany(s => s.GetProperty("event").GetProperty("ratings").EnumerateArray()).ToList();
        Assert.All(ratings, r => Assert.Equal(3, r.GetProperty("rating").GetInt32()));
        Assert.All(ratings, r => Assert.Equal("[erased]", r.GetProperty("evidence").GetString()));
        var application = await platform.Client.GetFromJsonAsync<JsonElement>($"/api/v1/candidates/{candidateId}");
        Assert.Equal("erased", application.GetProperty("status").GetString());
        Assert.Equal($"ats-{team}", application.GetProperty("externalId").GetString());

        // A report regenerated over the same moment reads the same input and finds the same.
        var regenerated = await ReportAsync(asOf, regenerate: true);
        Assert.NotEqual(first.GetProperty("summary").GetProperty("id").GetGuid(), regenerated.GetProperty("summary").GetProperty("id").GetGuid());
        Assert.Equal(first.GetProperty("summary").GetProperty("inputHash").GetString(), regenerated.GetProperty("summary").GetProperty("inputHash").GetString());
        Assert.Equal(Findings(first), Findings(regenerated));

        // Now the interviewer booked for the coding interview (the scheduler may choose an earlier test's coder from the
        // shared pool): their name leaves scheduling, the journeys and the stored report inputs; their id stays.
        var coder = cards!.Single(c => c.GetProperty("interviewType").GetString() == "coding").GetProperty("interviewerId").GetGuid();
        var coderDetails = await platform.Recruiter.GetFromJsonAsync<JsonElement>($"/api/v1/interviewers/{coder}");
        var interviewerName = coderDetails.GetProperty("name").GetString()!;
        var keptName = (await platform.Recruiter.GetFromJsonAsync<JsonElement>(
            $"/api/v1/interviewers/{cards!.First(c => c.GetProperty("interviewerId").GetGuid() != coder).GetProperty("interviewerId").GetGuid()}"))
            .GetProperty("name").GetString();
        using var admin = platform.As(Roles.Admin);
        Assert.Equal(HttpStatusCode.Forbidden, (await platform.Recruiter.PostAsJsonAsync($"/api/v1/interviewers/{coder}/erasure", new { reason = "x" })).StatusCode);
        var interviewerErased = await admin.PostAsJsonAsync($"/api/v1/interviewers/{coder}/erasure", new { reason = $"request {team}" });
        Assert.Equal(HttpStatusCode.OK, interviewerErased.StatusCode);
        var details = await platform.Recruiter.GetFromJsonAsync<JsonElement>($"/api/v1/interviewers/{coder}");
        Assert.Equal("[erased]", details.GetProperty("name").GetString());
        Assert.Equal(0, details.GetProperty("weeklyCap").GetInt32());
        var revise = await platform.Recruiter.PutAsJsonAsync($"/api/v1/interviewers/{coder}", new
        {
            name = interviewerName, email = "back@example.com", team = coderDetails.GetProperty("team").GetString(),
            seniority = coderDetails.GetProperty("seniority").GetString(), weeklyCap = 5,
        });
        Assert.Equal(HttpStatusCode.Conflict, revise.StatusCode);
        var ratingsCsv = $"/api/v1/calibration/reports/{first.GetProperty("summary").GetProperty("id").GetGuid()}/input/ratings.csv";
        await Eventually.Until(() => platform.Analyst.GetStringAsync(ratingsCsv), csv => !csv.Contains(interviewerName, StringComparison.Ordinal),
            "the interviewer's name gone from the stored ratings input", TimeSpan.FromMinutes(1));
        var csvText = await platform.Analyst.GetStringAsync(ratingsCsv);
        Assert.Contains($"{coder}", csvText, StringComparison.Ordinal);
        await Eventually.Until(async () => Naming(await platform.Infrastructure.DumpAsync(), [interviewerName]), lines => lines.Length == 0,
            "the interviewer's name gone from the database dump", TimeSpan.FromMinutes(1));
        var journey = await platform.JourneyAsync(candidateId);
        var booking = journey.GetProperty("steps").EnumerateArray()
            .Select(s => s.GetProperty("event"))
            .Single(e => e.TryGetProperty("interviewerId", out var id) && id.GetGuid() == coder && e.TryGetProperty("interviewerName", out _));
        Assert.Equal("[erased]", booking.GetProperty("interviewerName").GetString());
        Assert.Contains(journey.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("event")),
            e => e.TryGetProperty("interviewerName", out var name) && name.GetString() == keptName);
        output.WriteLine($"erased candidate {candidateId} and interviewer {coder}; dump {dump.Length} characters");
    }

    private async Task<JsonElement> ReportAsync(string asOf, bool regenerate)
    {
        var requested = await platform.Analyst.PostAsJsonAsync("/api/v1/calibration/reports", new { asOf, regenerate });
        Assert.True(requested.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"report request: {requested.StatusCode}");
        var location = requested.Headers.Location!.ToString();
        var report = await Eventually.Until(() => platform.Analyst.GetFromJsonAsync<JsonElement>(location),
            body => body.TryGetProperty("summary", out _) || body.GetProperty("status").GetString() == "failed", "report completed", TimeSpan.FromMinutes(3));
        Assert.Equal("completed", report.GetProperty("summary").GetProperty("status").GetString());
        return report;
    }

    /// <summary>The dump's lines that still hold one of the texts (cut to 300 characters each, so a failure reads).</summary>
    private static string Naming(string dump, IReadOnlyCollection<string> texts) =>
        string.Join("\n", dump.Split('\n').Where(line => texts.Any(t => line.Contains(t, StringComparison.Ordinal)))
            .Select(line => line.Length > 300 ? line[..300] : line));

    private static List<string> Findings(JsonElement report) =>
    [
        .. report.GetProperty("report").GetProperty("interviewers").EnumerateArray()
            .Select(i => $"{i.GetProperty("id").GetString()} {i.GetProperty("ratings").GetInt32()} {(i.TryGetProperty("severity", out var s) ? s.ToString() : "")}"),
        .. report.GetProperty("flags").EnumerateArray()
            .Select(f => $"{f.GetProperty("interviewerId").GetString()} {f.GetProperty("detector").GetString()} {f.GetProperty("status").GetString()}"),
    ];
}
