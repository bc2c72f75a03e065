namespace HiringPlatform.Webhooks.Tests;

using HiringPlatform.Webhooks.Deliveries;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

/// <summary>The delivery log keeps finished deliveries for the retention period and pending ones for ever.</summary>
public sealed class DeliveryLogRetentionTests(WebhooksFixture webhooks) : IClassFixture<WebhooksFixture>
{
    [Fact]
    public async Task Finished_deliveries_past_the_retention_are_purged_and_pending_or_recent_ones_stay()
    {
        var store = webhooks.Host.Services.GetRequiredService<IDocumentStore>();
        var now = webhooks.Clock.GetUtcNow();
        var subscription = Guid.CreateVersion7();
        WebhookDelivery Delivery(string status, DateTimeOffset? completedAt, DateTimeOffset createdAt) =>
            new(Guid.CreateVersion7(), subscription, "retention-test", Guid.CreateVersion7(), "interview.scheduled", "{}", status, createdAt,
                1, createdAt, status == WebhookDelivery.Pending ? now.AddYears(1) : null, null, [], completedAt, null, 0);
        var oldDelivered = Delivery(WebhookDelivery.Delivered, now.AddDays(-100), now.AddDays(-100));
        var oldFailed = Delivery(WebhookDelivery.Failed, now.AddDays(-95), now.AddDays(-96));
        var recentDelivered = Delivery(WebhookDelivery.Delivered, now.AddDays(-10), now.AddDays(-10));
        var oldPending = Delivery(WebhookDelivery.Pending, null, now.AddDays(-200));
        await using (var session = store.LightweightSession())
        {
            session.Store(oldDelivered, oldFailed, recentDelivered, oldPending);
            await session.SaveChangesAsync();
        }

        await webhooks.Host.Services.GetServices<IHostedService>().OfType<DeliveryLogRetention>().Single().PurgeAsync(CancellationToken.None);

        await using var query = store.QuerySession();
        var left = (await query.Query<WebhookDelivery>().Where(d => d.SubscriptionId == subscription).ToListAsync()).Select(d => d.Id).ToHashSet();
        Assert.Equal(new HashSet<Guid> { recentDelivered.Id, oldPending.Id }, left);
    }
}
