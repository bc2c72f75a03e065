namespace HiringPlatform.Webhooks.Deliveries;

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.Telemetry;
using HiringPlatform.Webhooks.Subscriptions;
using Marten;
using Microsoft.Extensions.Options;

/// <summary>
/// Sends due deliveries. Every replica polls; a delivery is sent only by the replica that claimed it
/// (a lease written as the delivery's next Marten revision, so a second claim of the same revision
/// fails). The schedule lives in the database, so a restart loses nothing: a claim left by a crashed
/// replica expires and the delivery is sent again. What is due is decided on the service's clock
/// (a TimeProvider tests move); polling runs on wall time.
/// </summary>
public sealed partial class DeliverySender(IDocumentStore store, IHttpClientFactory clients, TimeProvider clock,
    IOptions<WebhookOptions> options, SigningSecretProtector secrets, ILogger<DeliverySender> logger) : BackgroundService
{
    public const string HttpClientName = "webhooks";
    public const string ServiceName = "webhooks";

    private readonly SemaphoreSlim wake = new(0, 1);

    /// <summary>Looks for due deliveries now rather than at the next poll (new deliveries were just created).</summary>
    public void Wake()
    {
        try
        {
            wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already woken.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogPollFailed(logger, exception);
            }
            try
            {
                await wake.WaitAsync(options.Value.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Claims up to a batch of due deliveries and sends them concurrently; returns how many it claimed.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        List<Guid> due;
        await using (var query = store.QuerySession())
        {
            due = [.. await query.Query<WebhookDelivery>()
                .Where(d => d.Status == WebhookDelivery.Pending && d.NextAttemptAt <= now && (d.LeasedUntil == null || d.LeasedUntil <= now))
                .OrderBy(d => d.NextAttemptAt)
                .Select(d => d.Id)
                .Take(options.Value.BatchSize)
                .ToListAsync(cancellationToken)];
        }
        var claimed = new List<WebhookDelivery>();
        foreach (var id in due)
        {
            if (await ClaimAsync(id, now, cancellationToken) is { } delivery)
            {
                claimed.Add(delivery);
            }
        }
        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = options.Value.BatchSize, CancellationToken = cancellationToken },
            async (delivery, token) => await SendAsync(delivery, token));
        return claimed.Count;
    }

    /// <summary>
    /// Takes a due delivery for this replica until the lease ends, or null when it is not due or
    /// another replica claimed it first (its write of the same next revision won).
    /// </summary>
    public async Task<WebhookDelivery?> ClaimAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        if (await session.LoadAsync<WebhookDelivery>(id, cancellationToken) is not { } delivery || !delivery.IsDue(now))
        {
            return null;
        }
        var claimed = delivery.Claim(now, options.Value.Lease) with { Revision = delivery.Revision + 1 };
        session.UpdateRevision(claimed, claimed.Revision);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
            return claimed;
        }
        catch (Exception exception) when (IsConflict(exception))
        {
            return null;
        }
    }

    private async Task SendAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            SubscriptionDetails? subscription;
            SigningSecret? secret;
            await using (var query = store.QuerySession())
            {
                subscription = await query.LoadAsync<SubscriptionDetails>(delivery.SubscriptionId, cancellationToken);
                secret = await query.LoadAsync<SigningSecret>(delivery.SubscriptionId, cancellationToken) is { } stored
                    ? secrets.Unprotect(stored)
                    : null;
            }
            var now = clock.GetUtcNow();
            if (subscription is null || secret is null || subscription.Status == SubscriptionDetails.Deactivated)
            {
                await SaveAsync(delivery, d => d.Cancel(now), deactivate: null, cancellationToken);
                return;
            }
            if (subscription.Status == SubscriptionDetails.Paused)
            {
                await SaveAsync(delivery, d => d.Hold(now + options.Value.PausedRecheck), deactivate: null, cancellationToken);
                return;
            }

            var parent = ActivityContext.TryParse(delivery.TraceParent, null, isRemote: true, out var context) ? context : default;
            using var activity = TelemetryExtensions.ActivitySource.StartActivity("webhook deliver", ActivityKind.Client, parent);
            activity?.SetTag("webhook.id", delivery.WebhookId);
            activity?.SetTag("webhook.event_type", delivery.EventType);
            activity?.SetTag("webhook.subscription_id", delivery.SubscriptionId.ToString());
            activity?.SetTag("webhook.series", delivery.Series);

            var (status, durationMs, error) = await PostAsync(subscription.Url, delivery, secret, now, cancellationToken);
            activity?.SetTag("http.response.status_code", status);
            if (status is not (>= 200 and < 300))
            {
                activity?.SetStatus(ActivityStatusCode.Error, error ?? $"HTTP {status}");
            }
            var recorded = await SaveAsync(delivery, d => d.Record(now, status, durationMs, error, RetrySchedule.From(options.Value)),
                deactivate: status == 410 ? subscription.Id : null, cancellationToken);
            if (recorded is not null)
            {
                DeliveryMetrics.Count(recorded);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the claim expires and a replica sends it again.
        }
        catch (Exception exception)
        {
            LogSendFailed(logger, delivery.Id, exception);
        }
    }

    private async Task<(int? Status, double DurationMs, string? Error)> PostAsync(string url, WebhookDelivery delivery, SigningSecret secret,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var body = Encoding.UTF8.GetBytes(delivery.Payload);
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(WebhookSignature.IdHeader, delivery.WebhookId);
        request.Headers.TryAddWithoutValidation(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(WebhookSignature.SignatureHeader,
            WebhookSignature.Header(secret.SigningAt(now), delivery.WebhookId, timestamp, body));
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("HiringPlatform-Webhooks", "1"));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await clients.CreateClient(HttpClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return ((int)response.StatusCode, Stopwatch.GetElapsedTime(started).TotalMilliseconds, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                $"No answer within {options.Value.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
        }
        catch (HttpRequestException exception)
        {
            var message = $"{exception.HttpRequestError}: {exception.Message}";
            return (null, Stopwatch.GetElapsedTime(started).TotalMilliseconds, message.Length > 500 ? message[..500] : message);
        }
    }

    /// <summary>
    /// Writes what happened to a claimed delivery (and, on 410 Gone, deactivates its subscription in the
    /// same transaction). A conflicting write in between is re-read and the outcome applied to it.
    /// </summary>
    private async Task<WebhookDelivery?> SaveAsync(WebhookDelivery claimed, Func<WebhookDelivery, WebhookDelivery> change, Guid? deactivate,
        CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            await using var session = store.LightweightSession();
            var current = attempt == 0 ? claimed : await session.LoadAsync<WebhookDelivery>(claimed.Id, cancellationToken);
            if (current is null)
            {
                return null;
            }
            var next = change(current) with { Revision = current.Revision + 1 };
            session.UpdateRevision(next, next.Revision);
            if (deactivate is { } subscriptionId)
            {
                var stream = await session.Events.FetchForWriting<SubscriptionDetails>(subscriptionId, cancellationToken);
                if (stream.Aggregate is { } subscription)
                {
                    stream.AppendMany(SubscriptionDecider.Deactivate(subscription, "gone", clock.GetUtcNow(), Actors.System(ServiceName)));
                }
            }
            try
            {
                await session.SaveChangesAsync(cancellationToken);
                return next;
            }
            catch (Exception exception) when (IsConflict(exception))
            {
                // Re-read and apply again.
            }
        }
        return null;
    }

    private static bool IsConflict(Exception exception) =>
        exception is JasperFx.ConcurrencyException or JasperFx.Events.EventStreamUnexpectedMaxEventIdException;

    public override void Dispose()
    {
        wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for due webhook deliveries failed; it runs again at the next poll")]
    private static partial void LogPollFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending webhook delivery {DeliveryId} failed; its claim expires and it is sent again")]
    private static partial void LogSendFailed(ILogger logger, Guid deliveryId, Exception exception);
}
