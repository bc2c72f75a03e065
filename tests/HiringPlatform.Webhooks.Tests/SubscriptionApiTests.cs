namespace HiringPlatform.Webhooks.Tests;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.ServiceDefaults.Security;
using HiringPlatform.Webhooks.Subscriptions;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

/// <summary>Managing subscriptions through the API: who sees what, validation, ETags, pagination, the recorded events.</summary>
public sealed class SubscriptionApiTests(WebhooksFixture webhooks) : IClassFixture<WebhooksFixture>
{
    private const string Url = "https://hr.example.com/hooks/hiring";

    [Fact]
    public async Task An_hr_system_sees_only_its_own_subscriptions_an_admin_sees_all_and_an_interviewer_is_forbidden()
    {
        using var a = webhooks.As("hr-system-a", Roles.HrSystem);
        using var b = webhooks.As("hr-system-b", Roles.HrSystem);
        using var admin = webhooks.As("admin-1", Roles.Admin);
        using var interviewer = webhooks.As(Guid.CreateVersion7().ToString(), Roles.Interviewer);
        var mine = (await webhooks.SubscribeAsync(a, Url, "candidate.applied")).Id();

        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync($"/api/v1/webhooks/subscriptions/{mine}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/v1/webhooks/subscriptions/{mine}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.PutAsJsonAsync($"/api/v1/webhooks/subscriptions/{mine}",
            new { url = Url, eventTypes = new[] { "decision.recorded" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.DeleteAsync($"/api/v1/webhooks/subscriptions/{mine}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.GetAsync($"/api/v1/webhooks/subscriptions/{mine}/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await b.PostAsync($"/api/v1/webhooks/subscriptions/{mine}/secret/rotate", null)).StatusCode);
        var bList = await b.GetFromJsonAsync<JsonElement>("/api/v1/webhooks/subscriptions");
        Assert.DoesNotContain(bList.GetProperty("items").EnumerateArray(), s => s.Id() == mine);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/webhooks/subscriptions/{mine}")).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await interviewer.GetAsync("/api/v1/webhooks/subscriptions")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await interviewer.PostAsJsonAsync("/api/v1/webhooks/subscriptions",
            new { url = Url, eventTypes = new[] { "candidate.applied" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await interviewer.GetAsync($"/api/v1/webhooks/subscriptions/{mine}")).StatusCode);
        using var anonymous = new HttpClient { BaseAddress = webhooks.Host.Address };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/v1/webhooks/subscriptions")).StatusCode);
    }

    [Fact]
    public async Task The_secret_is_shown_once_and_every_change_is_an_event_recording_who_made_it()
    {
        using var hr = webhooks.As("hr-lifecycle", Roles.HrSystem);
        var created = await webhooks.SubscribeAsync(hr, Url, "candidate.applied", "decision.recorded");
        var id = created.Id();
        Assert.Matches("^whsec_[A-Za-z0-9+/]{43}=$", created.GetProperty("secret").GetString());

        var read = await hr.GetAsync($"/api/v1/webhooks/subscriptions/{id}");
        var etag = read.Headers.ETag!;
        var body = await read.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.TryGetProperty("secret", out _));
        Assert.Equal("hr-lifecycle", body.GetProperty("owner").GetString());

        using var change = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/webhooks/subscriptions/{id}")
        {
            Content = JsonContent.Create(new { url = "https://hr.example.com/hooks/v2", eventTypes = new[] { "decision.recorded" }, paused = true }),
        };
        change.Headers.IfMatch.Add(etag);
        var changed = await hr.SendAsync(change);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        var after = await changed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("paused", after.Status());
        Assert.Equal(["decision.recorded"], after.GetProperty("eventTypes").EnumerateArray().Select(e => e.GetString()));

        using var stale = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/webhooks/subscriptions/{id}")
        {
            Content = JsonContent.Create(new { url = Url, eventTypes = new[] { "candidate.applied" } }),
        };
        stale.Headers.IfMatch.Add(etag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, (await hr.SendAsync(stale)).StatusCode);

        var rotated = await hr.PostAsync($"/api/v1/webhooks/subscriptions/{id}/secret/rotate", null);
        var newSecret = (await rotated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("secret").GetString();
        Assert.NotEqual(created.GetProperty("secret").GetString(), newSecret);

        Assert.Equal(HttpStatusCode.NoContent, (await hr.DeleteAsync($"/api/v1/webhooks/subscriptions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await hr.DeleteAsync($"/api/v1/webhooks/subscriptions/{id}")).StatusCode);
        var deleted = await hr.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/subscriptions/{id}");
        Assert.Equal("deactivated", deleted.Status());
        Assert.Equal(HttpStatusCode.Conflict, (await hr.PutAsJsonAsync($"/api/v1/webhooks/subscriptions/{id}",
            new { url = Url, eventTypes = new[] { "candidate.applied" } })).StatusCode);

        await using var session = webhooks.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var events = await session.Events.FetchStreamAsync(id);
        Assert.Equal(
            [typeof(WebhookSubscribed), typeof(SubscriptionRetargeted), typeof(SubscriptionEventTypesSelected), typeof(SubscriptionDescribed),
                typeof(SubscriptionPaused),
                typeof(SubscriptionSecretRotated), typeof(SubscriptionDeactivated)],
            events.Select(e => e.Data.GetType()));
        Assert.All(events, e => Assert.Equal("hr-lifecycle", (string)((dynamic)e.Data).Actor));
        Assert.DoesNotContain(events, e => JsonSerializer.Serialize(e.Data).Contains(newSecret!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Invalid_subscriptions_are_422_problems_and_store_nothing()
    {
        using var hr = webhooks.As("hr-invalid", Roles.HrSystem);
        var before = await webhooks.Infrastructure.CountEventsAsync("webhooks");

        foreach (var body in new object[]
                 {
                     new { url = "http://hr.example.com/hooks", eventTypes = new[] { "candidate.applied" } },
                     new { url = Url, eventTypes = new[] { "candidate.hired" } },
                     new { url = Url, eventTypes = Array.Empty<string>() },
                     new { url = "not a url", eventTypes = new[] { "candidate.applied" } },
                     new { url = Url, eventTypes = new[] { "candidate.applied" }, description = new string('x', 501) },
                 })
        {
            var response = await hr.PostAsJsonAsync("/api/v1/webhooks/subscriptions", body);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("urn:hiring-platform:problem:validation",
                (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        }
        using var malformed = new StringContent("{\"url\": 5, \"eventTypes\": \"x\"}", new MediaTypeHeaderValue("application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, (await hr.PostAsync("/api/v1/webhooks/subscriptions", malformed)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await hr.GetAsync("/api/v1/webhooks/subscriptions?cursor=nope")).StatusCode);

        Assert.Equal(before, await webhooks.Infrastructure.CountEventsAsync("webhooks"));
    }

    [Fact]
    public async Task The_list_pages_with_a_cursor_next_and_a_Link_header_without_skipping_or_repeating()
    {
        using var hr = webhooks.As("hr-pages", Roles.HrSystem);
        var created = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            created.Add((await webhooks.SubscribeAsync(hr, Url, "candidate.applied")).Id());
        }

        var first = await hr.GetAsync("/api/v1/webhooks/subscriptions?limit=2");
        var page1 = await first.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(page1.GetProperty("hasMore").GetBoolean());
        var link = first.Headers.GetValues("Link").Single();
        Assert.Contains("rel=\"next\"", link, StringComparison.Ordinal);
        var nextUrl = link[(link.IndexOf('<') + 1)..link.IndexOf('>')];
        Assert.Contains(page1.GetProperty("next").GetString()!, nextUrl, StringComparison.Ordinal);

        var page2 = await hr.GetFromJsonAsync<JsonElement>(nextUrl);
        Assert.False(page2.GetProperty("hasMore").GetBoolean());
        var seen = page1.GetProperty("items").EnumerateArray().Concat(page2.GetProperty("items").EnumerateArray()).Select(s => s.Id()).ToList();
        Assert.Equal(created, seen);
    }
}
