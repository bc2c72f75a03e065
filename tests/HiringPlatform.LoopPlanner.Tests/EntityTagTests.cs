namespace HiringPlatform.LoopPlanner.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.Testing;
using Xunit;

/// <summary>ETag / If-Match on updates: a stale write is 412 and changes nothing.</summary>
public sealed class EntityTagTests(LoopPlannerApi api) : IClassFixture<LoopPlannerApi>
{
    private static object Role(string reason) => new
    {
        name = $"ML engineer, ranking {Guid.NewGuid():N}",
        requiredCompetencies = new[] { "ml-systems" },
        reason,
    };

    [Fact]
    public async Task A_revision_with_a_stale_if_match_is_412_and_a_current_one_succeeds_with_a_new_etag()
    {
        var created = await api.Client.PostAsJsonAsync("/api/v1/roles", Role("create"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var read = await api.Client.GetAsync($"/api/v1/roles/{id}");
        var etag = read.Headers.ETag!.Tag;
        // The create answers the ETag its first If-Match takes.
        Assert.Equal(etag, created.Headers.ETag!.Tag);

        using (var first = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/roles/{id}") { Content = JsonContent.Create(Role("first edit")) })
        {
            first.Headers.IfMatch.ParseAdd(etag);
            var response = await api.Client.SendAsync(first);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEqual(etag, response.Headers.ETag!.Tag);
        }

        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/roles/{id}") { Content = JsonContent.Create(Role("lost update")) };
        stale.Headers.IfMatch.ParseAdd(etag);
        var refused = await api.Client.SendAsync(stale);

        Assert.Equal(HttpStatusCode.PreconditionFailed, refused.StatusCode);
        Assert.Equal("urn:hiring-platform:problem:precondition-failed",
            (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        var now = await api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/roles/{id}");
        Assert.DoesNotContain("lost update", now.GetRawText(), StringComparison.Ordinal);
    }
}

/// <summary>If-Match on every other update of the loop planner: questions, candidates and their loops.</summary>
public sealed class StaleWriteTests(LoopPlannerApi api) : IClassFixture<LoopPlannerApi>
{
    private async Task<(Guid Id, string Etag)> Candidate()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var response = await api.Client.PostAsJsonAsync("/api/v1/candidates", new
        {
            externalId = $"etag-{tag}", name = "Etag Candidate", email = $"etag.{tag}@example.com", role = "ml-engineer", level = "junior",
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return (id, await api.Client.EtagOfAsync($"/api/v1/candidates/{id}"));
    }

    [Fact]
    public async Task Retiring_or_revising_a_question_with_a_stale_if_match_is_412_and_it_stays_as_it_was()
    {
        var bank = await api.Client.GetItemsAsync("/api/v1/questions?status=active");
        var question = bank.Length > 0
            ? bank[0]
            : (await Eventually.Until(() => api.Client.GetItemsAsync("/api/v1/questions?status=active"), b => b.Length > 0, "a question"))[0];
        var id = question.GetProperty("id").GetGuid();
        var stale = await api.Client.EtagOfAsync($"/api/v1/questions/{id}");
        var content = question.GetProperty("content");
        var revision = new
        {
            title = content.GetProperty("title").GetString(),
            interviewType = content.GetProperty("interviewType").GetString(),
            scenario = content.GetProperty("scenario").GetString(),
            competencies = content.GetProperty("competencies"),
            lastReviewedOn = "2026-11-02",
            reason = "Reviewed again",
        };
        var current = await api.Client.SendAsync(HttpMethod.Put, $"/api/v1/questions/{id}", revision, stale);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);

        await IfMatch.AssertStaleAsync(await api.Client.SendAsync(HttpMethod.Put, $"/api/v1/questions/{id}", revision, stale), stale);
        await IfMatch.AssertStaleAsync(
            await api.Client.SendAsync(HttpMethod.Post, $"/api/v1/questions/{id}/retire", new { reason = "Lost update" }, stale), stale);

        var now = await api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/questions/{id}");
        Assert.Equal("active", now.GetProperty("status").GetString());
        Assert.Equal(current.Headers.ETag!.Tag, $"\"{now.GetProperty("version").GetInt32()}\"");
    }

    [Fact]
    public async Task Withdrawing_or_changing_the_loop_with_a_stale_if_match_is_412_and_changes_nothing()
    {
        var (id, stale) = await Candidate();
        var cancelled = await api.Client.SendAsync(HttpMethod.Post, $"/api/v1/candidates/{id}/loop/cancel", new { reason = "Hiring paused" }, stale);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        var current = cancelled.Headers.ETag!.Tag;
        Assert.NotEqual(stale, current);

        await IfMatch.AssertStaleAsync(await api.Client.SendAsync(HttpMethod.Post, $"/api/v1/candidates/{id}/loop", new { }, stale), stale);
        await IfMatch.AssertStaleAsync(
            await api.Client.SendAsync(HttpMethod.Post, $"/api/v1/candidates/{id}/withdraw", new { reason = "Lost update" }, stale), stale);
        Assert.Equal(current, await api.Client.EtagOfAsync($"/api/v1/candidates/{id}"));
        Assert.Equal("cancelled", (await api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/candidates/{id}/loop")).GetProperty("status").GetString());

        var planned = await api.Client.SendAsync(HttpMethod.Post, $"/api/v1/candidates/{id}/loop", new { }, current);
        Assert.Equal(HttpStatusCode.Created, planned.StatusCode);
        await IfMatch.AssertStaleAsync(await api.Client.SendAsync(HttpMethod.Post, $"/api/v1/candidates/{id}/loop/revisions",
            new { change = "remove", reason = "Lost update" }, current), current);
        await IfMatch.AssertStaleAsync(
            await api.Client.SendAsync(HttpMethod.Post, $"/api/v1/candidates/{id}/loop/cancel", new { reason = "Lost update" }, current), current);
        Assert.Equal(planned.Headers.ETag!.Tag, await api.Client.EtagOfAsync($"/api/v1/candidates/{id}/loop"));
    }

    [Fact]
    public async Task A_write_without_if_match_is_still_accepted()
    {
        var (id, _) = await Candidate();

        var withdrawn = await api.Client.PostAsJsonAsync($"/api/v1/candidates/{id}/withdraw", new { reason = "Took another offer" });

        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.NotNull(withdrawn.Headers.ETag);
    }
}
