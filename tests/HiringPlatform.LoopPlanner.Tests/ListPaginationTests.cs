namespace HiringPlatform.LoopPlanner.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.Testing;
using Xunit;

/// <summary>Cursor pagination on the roles' and questions' lists: the same conventions as the candidates' feed.</summary>
public sealed class ListPaginationTests(LoopPlannerApi api) : IClassFixture<LoopPlannerApi>
{
    private static object Role(string tag, int i) => new
    {
        name = $"Paged role {tag} {i}",
        requiredCompetencies = new[] { "ml-systems" },
    };

    private static object Question(string tag, int i) => new
    {
        title = $"Paged question {tag} {i}",
        interviewType = "system-design",
        scenario = "Design the ingestion path for a search index that must be fresh within a minute.",
        hooks = new { users = new[] { "searchers" }, constraints = new[] { "one minute freshness" }, dataAvailable = Array.Empty<string>(), stakes = Array.Empty<string>() },
        followUps = new[] { "What happens when a shard falls behind?" },
        competencies = new[] { "distributed-systems" },
        rubric = new[] { new { competency = "distributed-systems", lookFor = new[] { "Bounds the lag per shard" } } },
        tags = new[] { "paging" },
        lastReviewedOn = "2026-11-01",
    };

    private async Task<Guid> Create(string url, object body)
    {
        var response = await api.Client.PostAsJsonAsync(url, body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    [Theory]
    [InlineData("/api/v1/roles")]
    [InlineData("/api/v1/questions")]
    public async Task Paging_while_others_are_inserted_neither_skips_nor_repeats_any(string url)
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        object Body(int i) => url.EndsWith("roles", StringComparison.Ordinal) ? Role(tag, i) : Question(tag, i);
        var first = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            first.Add(await Create(url, Body(i)));
        }
        // Inserts racing the paging.
        var racing = Task.WhenAll(Enumerable.Range(7, 8).Select(i => Create(url, Body(i))));
        var (seen, cursor) = await api.Client.DrainAsync(url, null, 3);
        var second = await racing;

        // Keep following the last cursor until the list has caught up with every insert.
        var all = first.Concat(second).ToHashSet();
        await Eventually.Until(async () =>
            {
                var (more, last) = await api.Client.DrainAsync(url, cursor, 3);
                seen.AddRange(more);
                cursor = last;
                return seen;
            },
            s => all.IsSubsetOf(s), $"every insert in {url}");

        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task A_revised_role_comes_again_after_the_cursor_and_updated_after_shows_only_what_changed()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var untouched = await Create("/api/v1/roles", Role(tag, 0));
        var revisedId = await Create("/api/v1/roles", Role(tag, 1));
        var (_, cursor) = await Eventually.Until(() => api.Client.DrainAsync("/api/v1/roles", null, 50),
            page => page.Ids.Contains(revisedId), "both roles in the list");
        var since = DateTimeOffset.UtcNow.ToString("O");

        var revision = await api.Client.PutAsJsonAsync($"/api/v1/roles/{revisedId}",
            new { name = $"Paged role {tag} 1", requiredCompetencies = new[] { "algorithms" }, reason = "Needs algorithms" });
        Assert.Equal(HttpStatusCode.OK, revision.StatusCode);

        var after = await Eventually.Until(async () => (await api.Client.DrainAsync("/api/v1/roles", cursor, 50)).Ids,
            ids => ids.Contains(revisedId), "the revised role after the cursor");
        Assert.DoesNotContain(untouched, after);
        var changed = await api.Client.GetItemsAsync($"/api/v1/roles?updated_after={Uri.EscapeDataString(since)}");
        Assert.Equal([revisedId], changed.Select(r => r.GetProperty("id").GetGuid()));
    }

    [Theory]
    [InlineData("/api/v1/roles?cursor=nope", "cursor")]
    [InlineData("/api/v1/questions?limit=0", "limit")]
    [InlineData("/api/v1/questions?updated_after=soon", "updated_after")]
    [InlineData("/api/v1/questions?status=archived", "status")]
    public async Task A_bad_paging_parameter_is_a_422_naming_it(string url, string field)
    {
        var response = await api.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task The_next_link_keeps_the_filters()
    {
        for (var i = 0; i < 3; i++)
        {
            await Create("/api/v1/questions", Question(Guid.NewGuid().ToString("N")[..8], i));
        }
        var response = await Eventually.Until(() => api.Client.GetAsync("/api/v1/questions?type=system-design&status=active&limit=1"),
            r => r.Headers.Contains("Link"), "a second page of active system-design questions");

        var link = response.Headers.GetValues("Link").Single();
        Assert.Contains("type=system-design", link, StringComparison.Ordinal);
        Assert.Contains("status=active", link, StringComparison.Ordinal);
        Assert.Contains("limit=1", link, StringComparison.Ordinal);
    }
}
