namespace HiringPlatform.EndToEnd.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HiringPlatform.Testing;
using Xunit;

/// <summary>
/// Two HR systems on one platform, each with its own API key and webhook receiver: each receives
/// only the events about the candidates it submitted itself; an administrator's subscription for
/// all receives both.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class WebhookTenancyTests(PlatformFixture platform)
{
    [Fact]
    public async Task Two_hr_systems_webhook_receivers_each_get_only_their_own_candidates_events()
    {
        await using var receiver = await Receiver.StartAsync();
        using var first = platform.WithApiKey(PlatformFixture.ApiKey);
        using var second = platform.WithApiKey(PlatformFixture.SecondApiKey);
        using var admin = platform.As(ServiceDefaults.Security.Roles.Admin, "admin-tenancy");
        var tag = Guid.NewGuid().ToString("N")[..8];
        async Task<Guid> Subscribe(HttpClient client, string name)
        {
            var subscribed = await client.PostAsJsonAsync("/api/v1/webhooks/subscriptions",
                new { url = receiver.Endpoint(name), eventTypes = new[] { "candidate.applied" } });
            Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
            return (await subscribed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
        var firstSubscription = await Subscribe(first, $"first-{tag}");
        var secondSubscription = await Subscribe(second, $"second-{tag}");
        var forAll = await admin.PostAsJsonAsync("/api/v1/webhooks/subscriptions",
            new { url = receiver.Endpoint($"admin-{tag}"), eventTypes = new[] { "candidate.applied" }, scope = "all" });
        Assert.Equal(HttpStatusCode.Created, forAll.StatusCode);

        async Task<(Guid Id, string Name)> Submit(HttpClient client, string name)
        {
            var response = await client.PostAsJsonAsync("/api/v1/candidates", new
            {
                name, email = $"{name.Replace(' ', '.').ToLowerInvariant()}@example.com", role = "ml-engineer", level = "abbreviated",
            });
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            var candidate = await response.Content.ReadFromJsonAsync<JsonElement>();
            return (candidate.GetProperty("id").GetGuid(), candidate.GetProperty("submittedBy").GetString()!);
        }
        var ofFirst = await Submit(first, $"First Tenant {tag}");
        var ofSecond = await Submit(second, $"Second Tenant {tag}");
        Assert.Equal("api-key:local-ats", ofFirst.Name);
        Assert.Equal($"api-key:{PlatformFixture.SecondApiKeyId}", ofSecond.Name);

        static Guid[] Candidates(IReadOnlyList<ReceivedRequest> received) =>
            [.. received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("data").GetProperty("candidateId").GetGuid())];
        // Once the administrator's receiver has both, both events were handled: every delivery there is to be was created with them.
        await Eventually.Until(() => Task.FromResult(Candidates(receiver.At($"admin-{tag}"))),
            ids => ids.Contains(ofFirst.Id) && ids.Contains(ofSecond.Id), "both candidates at the administrator's receiver");
        var atFirst = await Eventually.Until(() => Task.FromResult(Candidates(receiver.At($"first-{tag}"))), ids => ids.Length > 0, "the first HR system's");
        var atSecond = await Eventually.Until(() => Task.FromResult(Candidates(receiver.At($"second-{tag}"))), ids => ids.Length > 0, "the second HR system's");

        Assert.Equal([ofFirst.Id], atFirst);
        Assert.Equal([ofSecond.Id], atSecond);
        // The delivery logs are complete once the events were handled: one delivery each, nothing pending for the other's candidate.
        foreach (var (client, subscription) in new[] { (first, firstSubscription), (second, secondSubscription) })
        {
            var log = await client.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/subscriptions/{subscription}/deliveries");
            Assert.Single(log.GetProperty("items").EnumerateArray());
        }
        Assert.DoesNotContain($"Second Tenant {tag}", Encoding.UTF8.GetString(receiver.At($"first-{tag}")[0].Body), StringComparison.Ordinal);
    }
}
