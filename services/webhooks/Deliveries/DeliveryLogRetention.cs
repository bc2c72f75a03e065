namespace HiringPlatform.Webhooks.Deliveries;

using Marten;
using Microsoft.Extensions.Options;

/// <summary>
/// Keeps the delivery log from growing without bound: finished deliveries (delivered, failed or
/// cancelled) older than <see cref="WebhookOptions.DeliveryRetention"/> are deleted every
/// <see cref="WebhookOptions.PurgeInterval"/>. Pending ones are never touched, however old.
/// </summary>
public sealed class DeliveryLogRetention(IDocumentStore store, TimeProvider clock, IOptions<WebhookOptions> options,
    ILogger<DeliveryLogRetention> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Webhook delivery log purge failed; trying again at the next interval");
            }
            await Task.Delay(options.Value.PurgeInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Deletes finished deliveries completed before now minus the retention.</summary>
    public async Task PurgeAsync(CancellationToken cancellationToken)
    {
        var before = clock.GetUtcNow() - options.Value.DeliveryRetention;
        await using var session = store.LightweightSession();
        session.DeleteWhere<WebhookDelivery>(d => d.Status != WebhookDelivery.Pending && d.CompletedAt != null && d.CompletedAt < before);
        await session.SaveChangesAsync(cancellationToken);
    }
}
