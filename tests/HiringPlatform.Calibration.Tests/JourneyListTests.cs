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
            var url = "/api/v1/calibration/journeys?limit=250";
            while (true)
            {
                var response = await client.GetAsync(url);
                var page = await response.Content.ReadFromJsonAsync<JsonElement>();
                items.AddRange(page.GetProperty("items").EnumerateArray());
                Assert.Equal($"<{page.GetProperty("next").GetString()}>; rel=\"next\"", response.Headers.GetValues("Link").Single());
                if (!page.GetProperty("hasMore").GetBoolean())
                {
                    return items;
                }
                url = page.GetProperty("next").GetString()!;
            }
        }, items => items.Select(i => i.GetProperty("id").GetGuid()).Intersect(candidates).Count() == candidates.Count, "every journey summarised", TimeSpan.FromMinutes(2));

        var ids = seen.Select(i => i.GetProperty("id").GetGuid()).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var one = seen.First(i => decided.ContainsKey(i.GetProperty("id").GetGuid()) && i.GetProperty("events").GetInt32() >= 11);
        Assert.Equal("decided", one.GetProperty("stage").GetString());
        Assert.Equal(decided[one.GetProperty("id").GetGuid()], one.GetProperty("decision").GetString());
        Assert.Equal(4, one.GetProperty("interviewsScheduled").GetInt32());
    }
}
