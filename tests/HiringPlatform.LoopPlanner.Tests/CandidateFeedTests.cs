namespace HiringPlatform.LoopPlanner.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.Testing;
using Xunit;

/// <summary>Cursor pagination over the candidates' change feed, for HR systems that sync incrementally.</summary>
public sealed class CandidateFeedTests(LoopPlannerApi api) : IClassFixture<LoopPlannerApi>
{
    private async Task<Guid> Submit(string tag, int i)
    {
        var response = await api.Client.PostAsJsonAsync("/api/v1/candidates", new
        {
            externalId = $"{tag}-{i}", name = $"Feed {i}", email = $"feed{i}.{tag}@example.com", role = "ml-engineer", level = "junior",
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Follows `next` (and the Link header) from <paramref name="cursor"/> to the end; returns the ids and the cursor to resume from.</summary>
    private async Task<(List<Guid> Ids, string? Cursor)> Drain(string? cursor, int limit, string? updatedAfter = null)
    {
        var ids = new List<Guid>();
        while (true)
        {
            var url = $"/api/v1/candidates?limit={limit}" + (cursor is null ? "" : $"&cursor={cursor}")
                + (updatedAfter is null ? "" : $"&updated_after={Uri.EscapeDataString(updatedAfter)}");
            var response = await api.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
            Assert.True(page.GetProperty("items").GetArrayLength() <= limit);
            var next = page.GetProperty("next");
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                Assert.False(response.Headers.Contains("Link"));
                return (ids, next.GetString());
            }
            Assert.Contains($"cursor={next.GetString()}", response.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
            Assert.Contains("rel=\"next\"", response.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
            cursor = next.GetString();
        }
    }

    [Fact]
    public async Task Paging_while_candidates_are_inserted_neither_skips_nor_repeats_any()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var first = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            first.Add(await Submit(tag, i));
        }
        // Inserts racing the paging.
        var racing = Task.WhenAll(Enumerable.Range(7, 6).Select(i => Submit(tag, i)));
        var (seen, cursor) = await Drain(null, 3);
        var second = await racing;

        // Keep following the last cursor until the feed has caught up with every insert.
        var all = first.Concat(second).ToHashSet();
        await Eventually.Until(async () =>
            {
                var (more, last) = await Drain(cursor, 3);
                seen.AddRange(more);
                cursor = last;
                return seen;
            },
            s => all.IsSubsetOf(s), "every candidate in the feed");

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Superset(all, seen.ToHashSet());
    }

    [Fact]
    public async Task Updated_after_returns_only_what_changed_since()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var before = await Submit(tag, 0);
        await Eventually.Until(async () => (await Drain(null, 200)).Ids, ids => ids.Contains(before), "the first candidate in the feed");
        var since = DateTimeOffset.UtcNow.ToString("O");
        var after = await Submit(tag, 1);

        var changed = await Eventually.Until(async () => (await Drain(null, 200, since)).Ids, ids => ids.Contains(after),
            "the later candidate in the feed");

        Assert.DoesNotContain(before, changed);
    }

    [Theory]
    [InlineData("cursor=not-a-cursor", "cursor")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=500", "limit")]
    [InlineData("updated_after=yesterday", "updated_after")]
    public async Task A_bad_cursor_limit_or_moment_is_a_422_naming_it(string query, string field)
    {
        var response = await api.Client.GetAsync($"/api/v1/candidates?{query}");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty(field, out _));
    }
}
