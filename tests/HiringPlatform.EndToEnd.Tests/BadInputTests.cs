namespace HiringPlatform.EndToEnd.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HiringPlatform.Testing;
using Xunit;

/// <summary>Bad input to each endpoint gets a 4xx problem+json naming the field, and nothing is stored.</summary>
[Collection(PlatformCollection.Name)]
public sealed class BadInputTests(PlatformFixture platform)
{
    [Fact]
    public async Task Malformed_json_for_a_candidate_is_a_400_naming_the_field_and_stores_nothing()
    {
        var before = await platform.Infrastructure.CountEventsAsync("loop-planner");
        var response = await PostRaw("/api/v1/candidates", """{"name": "Ada", "level": 5}""");
        var problem = await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("level", out _), problem.ToString());
        Assert.Equal(before, await platform.Infrastructure.CountEventsAsync("loop-planner"));

        var truncated = await PostRaw("/api/v1/candidates", """{"name": "Ada", """);
        await AssertProblem(truncated, HttpStatusCode.BadRequest);
        Assert.Equal(before, await platform.Infrastructure.CountEventsAsync("loop-planner"));
    }

    [Fact]
    public async Task An_unknown_level_is_a_422_listing_every_invalid_field_and_stores_nothing()
    {
        var before = await platform.Infrastructure.CountEventsAsync("loop-planner");
        var response = await platform.Client.PostAsJsonAsync("/api/v1/candidates", new
        {
            name = "Ada", email = "not-an-email", role = "ml-engineer", level = "principal",
            requiredCompetencies = new[] { "juggling" },
        });
        var problem = await AssertProblem(response, HttpStatusCode.UnprocessableEntity);
        var errors = problem.GetProperty("errors");
        Assert.Contains("principal", errors.GetProperty("level")[0].GetString(), StringComparison.Ordinal);
        Assert.True(errors.TryGetProperty("email", out _));
        Assert.True(errors.TryGetProperty("requiredCompetencies[0]", out _));
        Assert.Equal(before, await platform.Infrastructure.CountEventsAsync("loop-planner"));
    }

    [Fact]
    public async Task An_unknown_interview_type_for_an_interviewer_is_a_422_and_stores_nothing()
    {
        var before = await platform.Infrastructure.CountEventsAsync("scheduling");
        var response = await platform.Recruiter.PostAsJsonAsync("/api/v1/interviewers", new
        {
            name = "Bad Type", email = "bad@example.com", team = "x", seniority = "senior",
            qualifiedFor = new[] { "coding", "whiteboard-trivia" }, weeklyCap = -1,
        });
        var problem = await AssertProblem(response, HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("qualifiedFor[1]", out _), problem.ToString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("weeklyCap", out _), problem.ToString());
        Assert.Equal(before, await platform.Infrastructure.CountEventsAsync("scheduling"));
    }

    [Fact]
    public async Task A_scorecard_for_an_unknown_interview_is_a_404()
    {
        using var interviewer = platform.Interviewer(Guid.CreateVersion7());
        var response = await interviewer.PostAsJsonAsync($"/api/v1/scorecards/{Guid.CreateVersion7()}", new
        {
            ratings = new[] { new { competency = "algorithms", rating = 3 } },
            recommendation = "yes",
        });
        await AssertProblem(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_rating_of_7_is_a_422_naming_the_rating_and_the_scorecard_stays_pending()
    {
        var team = Guid.NewGuid().ToString("N")[..6];
        await platform.RegisterInterviewerAsync($"Rater A {team}", $"ra-{team}", "senior", ["coding", "data-modeling"]);
        await platform.RegisterInterviewerAsync($"Rater B {team}", $"rb-{team}", "senior", ["project-deep-dive"]);
        var submitted = await platform.Client.PostAsJsonAsync("/api/v1/candidates", new
        {
            name = "Rated Seven", email = "seven@example.com", role = "ml-engineer", level = "abbreviated",
            availability = PastSeason.Availability(),
        });
        var candidateId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var cards = await Eventually.Until(
            () => platform.Recruiter.GetItemsAsync($"/api/v1/scorecards?candidateId={candidateId}")!,
            c => c!.Length == 3, "pending scorecards");
        var card = cards![0];
        var interviewId = card.GetProperty("id").GetGuid();
        var before = await platform.Infrastructure.CountEventsAsync("scorecard");

        using var assigned = platform.Interviewer(card.GetProperty("interviewerId").GetGuid());
        var response = await assigned.PostAsJsonAsync($"/api/v1/scorecards/{interviewId}", new
        {
            ratings = card.GetProperty("competencies").EnumerateArray()
                .Select((c, i) => new { competency = c.GetString(), rating = i == 0 ? 7 : 3 }),
            recommendation = "maybe",
        });
        var problem = await AssertProblem(response, HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("ratings[0].rating", out _), problem.ToString());
        Assert.True(problem.GetProperty("errors").TryGetProperty("recommendation", out _), problem.ToString());
        Assert.Equal(before, await platform.Infrastructure.CountEventsAsync("scorecard"));
        var stored = await platform.Recruiter.GetFromJsonAsync<JsonElement>($"/api/v1/scorecards/{interviewId}");
        Assert.Equal("pending", stored.GetProperty("status").GetString());

        // A decision with an unknown value is refused the same way.
        var decision = await platform.HiringManager.PostAsJsonAsync("/api/v1/decisions", new
        {
            candidateId, decision = "maybe", rationale = "", decidedBy = "hm",
        });
        var decisionProblem = await AssertProblem(decision, HttpStatusCode.UnprocessableEntity);
        Assert.True(decisionProblem.GetProperty("errors").TryGetProperty("decision", out _));
        Assert.True(decisionProblem.GetProperty("errors").TryGetProperty("rationale", out _));
    }

    [Fact]
    public async Task A_malformed_as_of_moment_for_a_journey_is_a_422()
    {
        var response = await platform.Analyst.GetAsync($"/api/v1/calibration/journeys/{Guid.CreateVersion7()}?asOf=yesterday");
        var problem = await AssertProblem(response, HttpStatusCode.UnprocessableEntity);
        Assert.True(problem.GetProperty("errors").TryGetProperty("asOf", out _));
    }

    private Task<HttpResponseMessage> PostRaw(string path, string body) =>
        platform.Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith("urn:hiring-platform:problem:", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }
}
