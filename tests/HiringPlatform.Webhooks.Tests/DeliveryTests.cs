namespace HiringPlatform.Webhooks.Tests;

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Contracts.Scheduling;
using HiringPlatform.Contracts.Scorecard;
using HiringPlatform.ServiceDefaults.Security;
using HiringPlatform.Testing;
using HiringPlatform.Webhooks.Deliveries;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

/// <summary>Integration events on the real bus become signed deliveries to a real receiver, retried on the service's clock.</summary>
public sealed class DeliveryTests(WebhooksFixture webhooks) : IClassFixture<WebhooksFixture>
{
    internal static InterviewScheduled Interview(DateTimeOffset at, Guid candidateId) =>
        new(Guid.CreateVersion7(), candidateId, Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), "coding",
            Guid.CreateVersion7(), "Ada", at.AddDays(2), at.AddDays(2).AddHours(1), [new CompetencyWeight("algorithms", 1m)], at,
            "system:scheduling");

    private static CandidateApplied Applied(DateTimeOffset at, string submittedBy = "hr-a") =>
        new(Guid.CreateVersion7(), Guid.CreateVersion7(), "ats-1", "Cand", "c@example.com", "ml-engineer", "senior", at, submittedBy);

    private async Task<Guid> OnlyDeliveryAsync(HttpClient client, Guid subscriptionId) =>
        (await Eventually.Until(() => webhooks.DeliveriesAsync(client, subscriptionId), d => d.Length == 1, "one delivery"))[0].Id();

    /// <summary>Moves the clock to the delivery's next attempt and waits until it has been made.</summary>
    private async Task<JsonElement> NextAttemptAsync(HttpClient client, Guid deliveryId)
    {
        var delivery = await webhooks.DeliveryAsync(client, deliveryId);
        var attempts = delivery.Attempts();
        webhooks.Clock.SetUtcNow(delivery.GetProperty("nextAttemptAt").GetDateTimeOffset());
        return await webhooks.DeliveryUntilAsync(client, deliveryId, d => d.Attempts() == attempts + 1, $"attempt {attempts + 1}");
    }

    [Fact]
    public async Task An_interview_scheduled_on_the_bus_reaches_the_subscriber_signed_and_is_retried_until_accepted()
    {
        using var hr = webhooks.As("hr-retry", Roles.HrSystem);
        var subscription = await webhooks.SubscribeAsync(hr, webhooks.Receiver.Endpoint("retry", 500, 500, 200), "interview.scheduled");
        var secret = subscription.GetProperty("secret").GetString()!;
        var message = Interview(webhooks.Clock.GetUtcNow(), await webhooks.CandidateSubmittedByAsync("hr-retry"));

        await webhooks.PublishAsync(message);
        var deliveryId = await OnlyDeliveryAsync(hr, subscription.Id());
        var first = await webhooks.DeliveryUntilAsync(hr, deliveryId, d => d.Attempts() == 1, "the first attempt");
        Assert.Equal(webhooks.Clock.GetUtcNow().AddSeconds(10), first.GetProperty("nextAttemptAt").GetDateTimeOffset());
        await NextAttemptAsync(hr, deliveryId);
        var delivered = await NextAttemptAsync(hr, deliveryId);

        Assert.Equal("delivered", delivered.Status());
        Assert.Equal([500, 500, 200], delivered.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("statusCode").GetInt32()));
        Assert.Equal(["failed", "failed", "succeeded"],
            delivered.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("outcome").GetString()));
        var received = webhooks.Receiver.At("retry");
        Assert.Equal(3, received.Count);
        var attemptTimes = delivered.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("at").GetDateTimeOffset()).ToList();
        for (var i = 0; i < received.Count; i++)
        {
            var request = received[i];
            Assert.Equal(message.EventId.ToString(), request.WebhookId);
            Assert.Equal(attemptTimes[i].ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), request.Timestamp);
            Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
            Assert.Equal(request.SignatureWith(secret), request.Signature);
        }
        Assert.Equal(received[0].Body, received[2].Body);
        var body = JsonDocument.Parse(received[0].Body).RootElement;
        Assert.Equal(message.EventId, body.GetProperty("id").GetGuid());
        Assert.Equal("interview.scheduled", body.GetProperty("type").GetString());
        Assert.Equal(message.OccurredAt, body.GetProperty("occurredAt").GetDateTimeOffset());
        Assert.Equal(message.InterviewId, body.GetProperty("data").GetProperty("interviewId").GetGuid());
        Assert.Equal("Ada", body.GetProperty("data").GetProperty("interviewerName").GetString());
    }

    [Fact]
    public async Task A_redelivered_event_creates_no_second_delivery_and_unsubscribed_types_are_not_delivered()
    {
        using var hr = webhooks.As("hr-dedupe", Roles.HrSystem);
        var subscription = await webhooks.SubscribeAsync(hr, webhooks.Receiver.Endpoint("dedupe", 200), "candidate.applied");
        var applied = Applied(webhooks.Clock.GetUtcNow(), "hr-dedupe");
        var decision = new DecisionRecorded(Guid.CreateVersion7(), applied.CandidateId, "hire", "Strong panel", "hm-1", [], false,
            webhooks.Clock.GetUtcNow(), "hm-1");

        await webhooks.PublishAsync(applied);
        await webhooks.PublishAsync(applied);
        await webhooks.PublishAsync(decision);
        await webhooks.ConsumedAsync(applied.EventId, times: 2);
        await webhooks.ConsumedAsync(decision.EventId);

        var deliveryId = await OnlyDeliveryAsync(hr, subscription.Id());
        var delivered = await webhooks.DeliveryUntilAsync(hr, deliveryId, d => d.Status() == "delivered", "delivered");
        Assert.Equal(applied.EventId.ToString(), delivered.GetProperty("webhookId").GetString());
        Assert.Single(await webhooks.DeliveriesAsync(hr, subscription.Id()));
        Assert.Equal(applied.EventId.ToString(), Assert.Single(webhooks.Receiver.At("dedupe")).WebhookId);
    }

    [Fact]
    public async Task A_replay_sends_the_same_delivery_again_with_the_same_webhook_id_and_a_range_replay_sends_every_one_in_it()
    {
        using var hr = webhooks.As("hr-replay", Roles.HrSystem);
        var subscription = await webhooks.SubscribeAsync(hr, webhooks.Receiver.Endpoint("replay", 200), "scorecard.submitted");
        var from = webhooks.Clock.GetUtcNow();
        var submitted = new ScorecardSubmitted(Guid.CreateVersion7(), await webhooks.CandidateSubmittedByAsync("hr-replay"), Guid.CreateVersion7(),
            Guid.CreateVersion7(), "coding", [new CompetencyRating("algorithms", 3, "Solid")], "yes", "Good", from, "interviewer-1");
        await webhooks.PublishAsync(submitted);
        var deliveryId = await OnlyDeliveryAsync(hr, subscription.Id());
        await webhooks.DeliveryUntilAsync(hr, deliveryId, d => d.Status() == "delivered", "delivered");

        var replay = await hr.PostAsync($"/api/v1/webhooks/deliveries/{deliveryId}/replay", null);
        Assert.Equal(HttpStatusCode.Accepted, replay.StatusCode);
        var replayed = await webhooks.DeliveryUntilAsync(hr, deliveryId, d => d.Attempts() == 2 && d.Status() == "delivered", "the replay");
        Assert.Equal([1, 2], replayed.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("series").GetInt32()));

        var range = await hr.PostAsync(
            $"/api/v1/webhooks/subscriptions/{subscription.Id()}/replay?from={Uri.EscapeDataString(from.AddMinutes(-1).ToString("O"))}", null);
        Assert.Equal(HttpStatusCode.Accepted, range.StatusCode);
        Assert.Equal(1, (await range.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32());
        await webhooks.DeliveryUntilAsync(hr, deliveryId, d => d.Attempts() == 3 && d.Status() == "delivered", "the range replay");

        var received = webhooks.Receiver.At("replay");
        Assert.Equal(3, received.Count);
        Assert.All(received, r => Assert.Equal(submitted.EventId.ToString(), r.WebhookId));
        var empty = await hr.PostAsync(
            $"/api/v1/webhooks/subscriptions/{subscription.Id()}/replay?from={Uri.EscapeDataString(from.AddDays(1).ToString("O"))}"
            + $"&to={Uri.EscapeDataString(from.AddDays(2).ToString("O"))}", null);
        Assert.Equal(0, (await empty.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("replayed").GetInt32());
        Assert.Equal(HttpStatusCode.UnprocessableEntity,
            (await hr.PostAsync($"/api/v1/webhooks/subscriptions/{subscription.Id()}/replay?from=yesterday", null)).StatusCode);
    }

    [Fact]
    public async Task A_410_Gone_deactivates_the_subscription_and_nothing_more_is_delivered_to_it()
    {
        using var hr = webhooks.As("hr-gone", Roles.HrSystem);
        var subscription = await webhooks.SubscribeAsync(hr, webhooks.Receiver.Endpoint("gone", 410), "interview.cancelled");
        var candidateId = await webhooks.CandidateSubmittedByAsync("hr-gone");
        InterviewCancelled Cancelled() => new(Guid.CreateVersion7(), candidateId, Guid.CreateVersion7(), Guid.CreateVersion7(),
            "loop revised", webhooks.Clock.GetUtcNow(), "system:scheduling");

        await webhooks.PublishAsync(Cancelled());
        var deliveryId = await OnlyDeliveryAsync(hr, subscription.Id());
        var failed = await webhooks.DeliveryUntilAsync(hr, deliveryId, d => d.Status() == "failed", "given up");
        Assert.Equal("gone", Assert.Single(failed.GetProperty("attempts").EnumerateArray()).GetProperty("outcome").GetString());
        var after = await hr.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/subscriptions/{subscription.Id()}");
        Assert.Equal("deactivated", after.Status());
        Assert.Equal("gone", after.GetProperty("deactivationReason").GetString());

        var later = Cancelled();
        await webhooks.PublishAsync(later);
        await webhooks.ConsumedAsync(later.EventId);
        Assert.Single(await webhooks.DeliveriesAsync(hr, subscription.Id()));
        Assert.Single(webhooks.Receiver.At("gone"));
        Assert.Equal(HttpStatusCode.Conflict, (await hr.PostAsync($"/api/v1/webhooks/deliveries/{deliveryId}/replay", null)).StatusCode);
    }

    [Fact]
    public async Task A_receiver_that_keeps_failing_is_retried_for_a_day_after_the_first_attempt_and_then_given_up()
    {
        using var hr = webhooks.As("hr-down", Roles.HrSystem);
        var subscription = await webhooks.SubscribeAsync(hr, webhooks.Receiver.Endpoint("down", 503), "decision.recorded");
        var decision = new DecisionRecorded(Guid.CreateVersion7(), await webhooks.CandidateSubmittedByAsync("hr-down"), "no-hire", "Gaps", "hm-2", [], false,
            webhooks.Clock.GetUtcNow(), "hm-2");

        await webhooks.PublishAsync(decision);
        var deliveryId = await OnlyDeliveryAsync(hr, subscription.Id());
        var delivery = await webhooks.DeliveryUntilAsync(hr, deliveryId, d => d.Attempts() == 1, "the first attempt");
        var firstAt = delivery.GetProperty("attempts")[0].GetProperty("at").GetDateTimeOffset();
        while (delivery.Status() == "pending")
        {
            delivery = await NextAttemptAsync(hr, deliveryId);
        }

        Assert.Equal("failed", delivery.Status());
        Assert.Equal(9, delivery.Attempts());
        Assert.Equal(firstAt.AddHours(24), delivery.GetProperty("attempts")[8].GetProperty("at").GetDateTimeOffset());
        Assert.Equal(9, webhooks.Receiver.At("down").Count);
        var failedOnly = await hr.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/subscriptions/{subscription.Id()}/deliveries?status=failed");
        Assert.Equal(deliveryId, Assert.Single(failedOnly.GetProperty("items").EnumerateArray()).Id());
        webhooks.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await webhooks.Sender.SendDueAsync(CancellationToken.None));
        Assert.Equal(9, webhooks.Receiver.At("down").Count);
    }

    [Fact]
    public async Task Two_senders_claiming_the_same_due_delivery_at_once_send_it_only_once()
    {
        var now = webhooks.Clock.GetUtcNow();
        // Due only in an hour on the service's clock, so the running sender leaves it alone.
        var delivery = WebhookDelivery.Create(Guid.CreateVersion7(), "nobody", Applied(now), "candidate.applied", "{}", now, null)
            .Hold(now.AddHours(1));
        var store = webhooks.Host.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            session.Insert(delivery);
            await session.SaveChangesAsync();
        }

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => webhooks.Sender.ClaimAsync(delivery.Id, now.AddHours(2), CancellationToken.None)));

        var winner = Assert.Single(claims, c => c is not null)!;
        Assert.Equal(now.AddHours(2) + TimeSpan.FromMinutes(2), winner.LeasedUntil);
        Assert.Null(await webhooks.Sender.ClaimAsync(delivery.Id, now.AddHours(2).AddMinutes(1), CancellationToken.None));
        Assert.NotNull(await webhooks.Sender.ClaimAsync(delivery.Id, now.AddHours(2).AddMinutes(2), CancellationToken.None));
    }
}
