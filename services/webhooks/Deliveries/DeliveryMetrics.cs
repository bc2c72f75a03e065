namespace HiringPlatform.Webhooks.Deliveries;

using System.Diagnostics.Metrics;
using HiringPlatform.ServiceDefaults.Telemetry;

/// <summary>Webhook outcomes on the platform's meter, by event type.</summary>
public static class DeliveryMetrics
{
    public static readonly Counter<long> Succeeded = TelemetryExtensions.Meter.CreateCounter<long>(
        "hiring.webhook_deliveries.succeeded", unit: "{delivery}", description: "Webhook deliveries the receiver accepted (2xx).");

    public static readonly Counter<long> Failed = TelemetryExtensions.Meter.CreateCounter<long>(
        "hiring.webhook_deliveries.failed", unit: "{delivery}",
        description: "Webhook deliveries given up: the retry window ran out or the receiver answered 410 Gone.");

    public static readonly Counter<long> Retried = TelemetryExtensions.Meter.CreateCounter<long>(
        "hiring.webhook_deliveries.retried", unit: "{attempt}", description: "Failed webhook attempts scheduled to be tried again.");

    public static void Count(WebhookDelivery recorded)
    {
        var type = new KeyValuePair<string, object?>("type", recorded.EventType);
        switch (recorded.Status)
        {
            case WebhookDelivery.Delivered:
                Succeeded.Add(1, type);
                break;
            case WebhookDelivery.Failed:
                Failed.Add(1, type);
                break;
            default:
                Retried.Add(1, type);
                break;
        }
    }
}
