namespace HiringPlatform.LoopPlanner.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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
