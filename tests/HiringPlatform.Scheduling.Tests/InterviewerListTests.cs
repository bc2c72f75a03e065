namespace HiringPlatform.Scheduling.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.Testing;
using Xunit;

/// <summary>Cursor pagination on the interviewers' list, with the conventions of every list.</summary>
public sealed class InterviewerListTests
{
    [Fact]
    public async Task Paging_interviewers_while_others_register_neither_skips_nor_repeats_any()
    {
        await using var api = await SchedulingApi.StartAsync();
        var first = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            first.Add(await api.RegisterAsync($"Paged {i}", ["coding"]));
        }
        var racing = Task.WhenAll(Enumerable.Range(7, 8).Select(i => api.RegisterAsync($"Paged {i}", ["coding"])));
        var (seen, cursor) = await api.Client.DrainAsync("/api/v1/interviewers", null, 3);
        var second = await racing;

        var all = first.Concat(second).ToHashSet();
        await Eventually.Until(async () =>
            {
                var (more, last) = await api.Client.DrainAsync("/api/v1/interviewers", cursor, 3);
                seen.AddRange(more);
                cursor = last;
                return seen;
            },
            s => all.IsSubsetOf(s), "every interviewer in the list");

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(all, seen.ToHashSet());
    }

    [Fact]
    public async Task Updated_after_lists_only_interviewers_changed_since_and_a_bad_one_is_a_422()
    {
        await using var api = await SchedulingApi.StartAsync();
        var before = await api.RegisterAsync("Before", ["coding"]);
        await Eventually.Until(() => api.Client.GetItemsAsync("/api/v1/interviewers"), items => items.Length == 1, "the first interviewer listed");
        var since = DateTimeOffset.UtcNow.ToString("O");
        var after = await api.RegisterAsync("After", ["coding"]);

        var changed = await Eventually.Until(
            () => api.Client.GetItemsAsync($"/api/v1/interviewers?updated_after={Uri.EscapeDataString(since)}"),
            items => items.Length > 0, "the later interviewer listed");

        Assert.Equal([after], changed.Select(i => i.GetProperty("id").GetGuid()));
        Assert.NotEqual(before, after);
        var bad = await api.Client.GetAsync("/api/v1/interviewers?updated_after=tomorrow");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("updated_after", out _));
    }
}
