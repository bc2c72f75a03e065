namespace HiringPlatform.Webhooks.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Contracts.Scorecard;
using HiringPlatform.ServiceDefaults.Security;
using HiringPlatform.Testing;
using Xunit;

/// <summary>
/// Each HR system hears only of the candidates it submitted (the actor of their CandidateApplied);
/// an administrator's subscription for all hears of every one.
/// </summary>
public sealed class TenancyTests(WebhooksFixture webhooks) : IClassFixture<WebhooksFixture>
{
    [Fact]
    public async Task Each_hr_systems_subscription_gets_only_its_own_candidates_events_and_an_admins_for_all_gets_every_one()
    {
        using var a = webhooks.As("api-key:tenant-a", Roles.HrSystem);
        using var b = webhooks.As("api-key:tenant-b", Roles.HrSystem);
        using var admin = webhooks.As("admin-tenancy", Roles.Admin);
        var subscriptionA = (await webhooks.SubscribeAsync(a, webhooks.Receiver.Endpoint("tenant-a"), "candidate.applied", "decision.recorded")).Id();
        var subscriptionB = (await webhooks.SubscribeAsync(b, webhooks.Receiver.Endpoint("tenant-b"), "candidate.applied", "decision.recorded")).Id();
        var forAll = await admin.PostAsJsonAsync("/api/v1/webhooks/subscriptions", new
        {
            url = webhooks.Receiver.Endpoint("tenant-admin"), eventTypes = new[] { "candidate.applied", "decision.recorded" }, scope = "all",
        });
        Assert.Equal(HttpStatusCode.Created, forAll.StatusCode);
        var all = await forAll.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("all", all.GetProperty("scope").GetString());

        var now = webhooks.Clock.GetUtcNow();
        var ofA = new CandidateApplied(Guid.CreateVersion7(), Guid.CreateVersion7(), "a-1", "Alice", "alice@example.com", "ml-engineer", "senior", now,
            "api-key:tenant-a");
        var ofB = new CandidateApplied(Guid.CreateVersion7(), Guid.CreateVersion7(), "b-1", "Bob", "bob@example.com", "ml-engineer", "senior", now,
            "api-key:tenant-b");
        var decisionOnA = new DecisionRecorded(Guid.CreateVersion7(), ofA.CandidateId, "hire", "Strong", "hm-1", [], false, now, "hm-1");
        var decisionOnB = new DecisionRecorded(Guid.CreateVersion7(), ofB.CandidateId, "no-hire", "Gaps", "hm-1", [], false, now, "hm-1");
        await webhooks.PublishAsync(ofA);
        await webhooks.PublishAsync(ofB);
        await webhooks.ConsumedAsync(ofA.EventId);
        await webhooks.ConsumedAsync(ofB.EventId);
        await webhooks.PublishAsync(decisionOnA);
        await webhooks.PublishAsync(decisionOnB);
        await webhooks.ConsumedAsync(decisionOnA.EventId);
        await webhooks.ConsumedAsync(decisionOnB.EventId);

        // The deliveries are created with the event's handling, so every one exists now.
        async Task<string[]> Heard(HttpClient client, Guid subscriptionId) =>
            [.. (await webhooks.DeliveriesAsync(client, subscriptionId)).Select(d => d.GetProperty("webhookId").GetString()!).Order(StringComparer.Ordinal)];
        string[] Ids(params Guid[] ids) => [.. ids.Select(id => id.ToString()).Order(StringComparer.Ordinal)];
        Assert.Equal(Ids(ofA.EventId, decisionOnA.EventId), await Heard(a, subscriptionA));
        Assert.Equal(Ids(ofB.EventId, decisionOnB.EventId), await Heard(b, subscriptionB));
        Assert.Equal(Ids(ofA.EventId, ofB.EventId, decisionOnA.EventId, decisionOnB.EventId), await Heard(admin, all.Id()));

        // What each receiver was sent: its own candidates' names only.
        await Eventually.Until(() => Task.FromResult(webhooks.Receiver.At("tenant-admin").Count), n => n == 4, "the admin's four deliveries");
        var sentToA = await Eventually.Until(() => Task.FromResult(webhooks.Receiver.At("tenant-a")), r => r.Count == 2, "tenant a's two");
        var sentToB = await Eventually.Until(() => Task.FromResult(webhooks.Receiver.At("tenant-b")), r => r.Count == 2, "tenant b's two");
        Assert.All(sentToA, r => Assert.DoesNotContain("Bob", System.Text.Encoding.UTF8.GetString(r.Body), StringComparison.Ordinal));
        Assert.All(sentToB, r => Assert.DoesNotContain("Alice", System.Text.Encoding.UTF8.GetString(r.Body), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_an_admin_may_subscribe_for_all_and_the_scope_is_fixed_at_creation()
    {
        using var hr = webhooks.As("api-key:tenant-greedy", Roles.HrSystem);
        var greedy = await hr.PostAsJsonAsync("/api/v1/webhooks/subscriptions", new
        {
            url = "https://hr.example.com/hooks", eventTypes = new[] { "candidate.applied" }, scope = "all",
        });
        Assert.Equal(HttpStatusCode.Forbidden, greedy.StatusCode);
        Assert.Equal("application/problem+json", greedy.Content.Headers.ContentType?.MediaType);

        var own = await webhooks.SubscribeAsync(hr, "https://hr.example.com/hooks", "candidate.applied");
        Assert.Equal("own", own.GetProperty("scope").GetString());
        var widen = await hr.PutAsJsonAsync($"/api/v1/webhooks/subscriptions/{own.Id()}", new
        {
            url = "https://hr.example.com/hooks", eventTypes = new[] { "candidate.applied" }, scope = "all",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, widen.StatusCode);
        Assert.True((await widen.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("scope", out _));
    }

    [Fact]
    public async Task An_event_about_a_candidate_whose_application_was_never_seen_is_delivered_to_nobody_and_ends_in_the_error_queue()
    {
        using var admin = webhooks.As("admin-orphan", Roles.Admin);
        var forAll = await admin.PostAsJsonAsync("/api/v1/webhooks/subscriptions", new
        {
            url = webhooks.Receiver.Endpoint("orphan-admin"), eventTypes = new[] { "decision.recorded" }, scope = "all",
        });
        var subscription = (await forAll.Content.ReadFromJsonAsync<JsonElement>()).Id();
        var orphan = new DecisionRecorded(Guid.CreateVersion7(), Guid.CreateVersion7(), "hire", "Strong", "hm-1", [], false,
            webhooks.Clock.GetUtcNow(), "hm-1");
        await webhooks.PublishAsync(orphan);

        var (connection, channel) = await webhooks.Infrastructure.OpenChannelAsync();
        await using var _ = connection;
        await channel.DisposeAsync();
        var faulted = await Eventually.Until(async () =>
            {
                // The error queue exists only after the first fault; asking for a missing queue closes the channel.
                await using var probe = await connection.CreateChannelAsync();
                try
                {
                    var message = await probe.BasicGetAsync("webhooks-create-deliveries_error", autoAck: true);
                    return message?.BasicProperties.MessageId == orphan.EventId.ToString() ? message : null;
                }
                catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
                {
                    return null;
                }
            },
            message => message is not null, "the orphan event in the error queue");
        var reason = faulted!.BasicProperties.Headers!["MT-Fault-Message"] is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) : "";
        Assert.Contains(orphan.CandidateId.ToString(), reason, StringComparison.Ordinal);
        Assert.Empty(await webhooks.DeliveriesAsync(admin, subscription));
    }
}
