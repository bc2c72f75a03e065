namespace HiringPlatform.EndToEnd.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

/// <summary>Idempotency-Key on POST: the same key and body replay the first answer; another body is refused.</summary>
[Collection(PlatformCollection.Name)]
public sealed class IdempotencyTests(PlatformFixture platform)
{
    private static HttpRequestMessage Post(string path, object body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [Fact]
    public async Task The_same_key_and_body_return_the_first_response_and_store_nothing_more()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { name = "Idem Potent", email = "idem@example.com", role = "ml-engineer", level = "junior" };
        var before = await platform.Infrastructure.CountEventsAsync("loop-planner");

        var first = await platform.Client.SendAsync(Post("/api/v1/candidates", body, key));
        var second = await platform.Client.SendAsync(Post("/api/v1/candidates", body, key));

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal("true", second.Headers.GetValues("Idempotent-Replayed").Single());
        var firstId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(firstId, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());
        Assert.Equal(before + 2, await platform.Infrastructure.CountEventsAsync("loop-planner"));
    }

    [Fact]
    public async Task The_same_key_with_a_different_body_is_refused_and_stores_nothing()
    {
        var key = Guid.NewGuid().ToString();
        var first = await platform.Client.SendAsync(Post("/api/v1/candidates",
            new { name = "First Body", email = "first@example.com", role = "ml-engineer", level = "junior" }, key));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var before = await platform.Infrastructure.CountEventsAsync("loop-planner");

        var reused = await platform.Client.SendAsync(Post("/api/v1/candidates",
            new { name = "Second Body", email = "second@example.com", role = "ml-engineer", level = "junior" }, key));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        var problem = await reused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:hiring-platform:problem:idempotency-key-reused", problem.GetProperty("type").GetString());
        Assert.Equal(before, await platform.Infrastructure.CountEventsAsync("loop-planner"));
    }

    [Fact]
    public async Task Keys_belong_to_their_caller()
    {
        var key = Guid.NewGuid().ToString();
        var body = new { name = "Shared Key", email = "shared@example.com", team = "t", seniority = "senior", qualifiedFor = new[] { "coding" } };

        var hr = await platform.Client.SendAsync(Post("/api/v1/interviewers", body, key));
        var recruiter = await platform.Recruiter.SendAsync(Post("/api/v1/interviewers", body, key));

        Assert.Equal(HttpStatusCode.Created, hr.StatusCode);
        Assert.Equal(HttpStatusCode.Created, recruiter.StatusCode);
        Assert.False(recruiter.Headers.Contains("Idempotent-Replayed"));
        Assert.NotEqual(hr.Headers.Location, recruiter.Headers.Location);
    }
}
