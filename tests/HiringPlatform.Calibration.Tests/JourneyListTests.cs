namespace HiringPlatform.Calibration.Tests;

using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.Contracts.Scorecard;
using HiringPlatform.Testing;
using Xunit;

[Collection(CalibrationCollection.Name)]
public sealed class JourneyListTests(CalibrationFixture calibration)
{
    [Fact]
    public async Task Paging_through_journeys_returns_each_candidate_once_with_where_their_journey_stands()
    {
        var candidates = calibration.SeasonEventList.Select(e => e.CandidateId).Distinct().ToHashSet();
        var decided = calibration.SeasonEventList.OfType<DecisionRecorded>().ToDictionary(d => d.CandidateId, d => d.Decision);
        using var client = calibration.Analyst();

        var seen = await Eventually.Until(async () =>
        {
            var items = new List<JsonElement>();
            var url = "/api/v1/calibration/journeys?limit=200";
            while (true)
            {
                var response = await client.GetAsync(url);
                var page = await response.Content.ReadFromJsonAsync<JsonElement>();
                items.AddRange(page.GetProperty("items").EnumerateArray());
                if (!page.GetProperty("hasMore").GetBoolean())
                {
                    Assert.False(response.Headers.Contains("Link"));
                    return items;
                }
                var next = page.GetProperty("next").GetString()!;
                Assert.Equal($"</api/v1/calibration/journeys?cursor={next}&limit=200>; rel=\"next\"", response.Headers.GetValues("Link").Single());
                url = $"/api/v1/calibration/journeys?cursor={next}&limit=200";
            }
        }, items => items.Select(i => i.GetProperty("id").GetGuid()).Intersect(candidates).Count() == candidates.Count, "every journey summarised", TimeSpan.FromMinutes(2));

        var ids = seen.Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var one = seen.First(i => decided.ContainsKey(i.GetProperty("id").GetGuid()) && i.GetProperty("events").GetInt32() >= 11);
        Assert.Equal("decided", one.GetProperty("stage").GetString());
        Assert.Equal(decided[one.GetProperty("id").GetGuid()], one.GetProperty("decision").GetString());
        Assert.Equal(4, one.GetProperty("interviewsScheduled").GetInt32());
    }

    [Fact]
    public async Task Reports_page_newest_first_with_a_cursor_that_neither_skips_nor_repeats()
    {
        var first = await calibration.ReportAsync(new { windowEnd = calibration.SeasonEnd.AddDays(-3), regenerate = true });
        var second = await calibration.ReportAsync(new { windowEnd = calibration.SeasonEnd.AddDays(-2), regenerate = true });
        using var client = calibration.Analyst();
        var ids = new List<Guid>();
        var url = "/api/v1/calibration/reports?limit=1";
        for (var pages = 0; pages < 500; pages++)
        {
            var response = await client.GetAsync(url);
            var page = await response.Content.ReadFromJsonAsync<JsonElement>();
            ids.AddRange(page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
            if (!page.GetProperty("hasMore").GetBoolean())
            {
                break;
            }
            // A report requested while paging appears at the top of a fresh listing, never inside this one.
            if (pages == 0)
            {
                await calibration.ReportAsync(new { windowEnd = calibration.SeasonEnd.AddDays(-1), regenerate = true });
            }
            Assert.Contains("rel=\"next\"", response.Headers.GetValues("Link").Single(), StringComparison.Ordinal);
            url = $"/api/v1/calibration/reports?limit=1&cursor={page.GetProperty("next").GetString()}";
        }

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Equal(second.GetProperty("summary").GetProperty("id").GetGuid(), ids[0]);
        Assert.Contains(first.GetProperty("summary").GetProperty("id").GetGuid(), ids);
        Assert.Equal(ids.OrderByDescending(id => id.ToString()).ToList(), ids);
    }
}
