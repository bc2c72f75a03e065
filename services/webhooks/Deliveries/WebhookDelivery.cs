namespace HiringPlatform.Webhooks.Deliveries;

using System.Text.Json;
using HiringPlatform.Contracts;
using HiringPlatform.ServiceDefaults.Http;
using HiringPlatform.Webhooks.Subscriptions;
using Marten.Schema;

/// <summary>One try at sending a delivery, as the delivery log shows it.</summary>
public sealed record DeliveryAttempt(int Number, int Series, DateTimeOffset At,
    [property: ClosedSet(typeof(DeliveryAttempt), nameof(DeliveryAttempt.Outcomes))] string Outcome, int? StatusCode, double DurationMs,
    string? Error)
{
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";
    public const string Gone = "gone";

    public static readonly IReadOnlyList<string> Outcomes = [Succeeded, Failed, Gone];
}

/// <summary>
/// One integration event for one subscription: the exact body sent (so every retry signs the same
/// bytes), where it stands, when it is next due, and every attempt. <see cref="Revision"/> is Marten's
/// numeric revision: a sender claims a delivery by writing the next revision, so two replicas never
/// send the same attempt.
/// </summary>
public sealed record WebhookDelivery(
    Guid Id,
    Guid SubscriptionId,
    string Owner,
    Guid EventId,
    [property: ClosedSet(typeof(EventCatalogue))] string EventType,
    string Payload,
    [property: ClosedSet(typeof(WebhookDelivery), nameof(WebhookDelivery.Statuses))] string Status,
    DateTimeOffset CreatedAt,
    int Series,
    DateTimeOffset? SeriesStartedAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? LeasedUntil,
    IReadOnlyList<DeliveryAttempt> Attempts,
    DateTimeOffset? CompletedAt,
    string? TraceParent,
    [property: Version] long Revision)
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static readonly IReadOnlyList<string> Statuses = [Pending, Delivered, Failed, Cancelled];

    /// <summary>The <c>webhook-id</c>: the integration event's id, the same on every attempt and replay.</summary>
    public string WebhookId => EventId.ToString();

    public static WebhookDelivery Create(Guid subscriptionId, string owner, IIntegrationEvent message, string eventType, string payload,
        DateTimeOffset now, string? traceParent) =>
        new(Guid.CreateVersion7(), subscriptionId, owner, message.EventId, eventType, payload, Pending, now, 1, null, now, null, [], null,
            traceParent, 0);

    /// <summary>Due: pending, its time has come, and no sender holds an unexpired claim on it.</summary>
    public bool IsDue(DateTimeOffset now) =>
        Status == Pending && NextAttemptAt <= now && (LeasedUntil is null || LeasedUntil <= now);

    public bool IsLeased(DateTimeOffset now) => LeasedUntil > now;

    public WebhookDelivery Claim(DateTimeOffset now, TimeSpan lease) => this with { LeasedUntil = now + lease };

    /// <summary>The outcome of one attempt, and what follows: delivered, retried on the schedule, or given up.</summary>
    public WebhookDelivery Record(DateTimeOffset at, int? statusCode, double durationMs, string? error, RetrySchedule schedule)
    {
        var startedAt = SeriesStartedAt ?? at;
        var number = Attempts.Count(a => a.Series == Series) + 1;
        var outcome = statusCode is >= 200 and < 300 ? DeliveryAttempt.Succeeded
            : statusCode == 410 ? DeliveryAttempt.Gone
            : DeliveryAttempt.Failed;
        var attempts = (IReadOnlyList<DeliveryAttempt>)[.. Attempts, new DeliveryAttempt(number, Series, at, outcome, statusCode,
            Math.Round(durationMs, 1), error)];
        var recorded = this with { Attempts = attempts, SeriesStartedAt = startedAt, LeasedUntil = null };
        if (outcome == DeliveryAttempt.Succeeded)
        {
            return recorded with { Status = Delivered, NextAttemptAt = null, CompletedAt = at };
        }
        if (outcome == DeliveryAttempt.Gone || schedule.Next(startedAt, at, number) is not { } next)
        {
            return recorded with { Status = Failed, NextAttemptAt = null, CompletedAt = at };
        }
        return recorded with { NextAttemptAt = next };
    }

    /// <summary>A new series of attempts from now, with the same body and webhook-id.</summary>
    public WebhookDelivery Replay(DateTimeOffset now) =>
        this with
        {
            Status = Pending, Series = Series + 1, SeriesStartedAt = null, NextAttemptAt = now, LeasedUntil = null, CompletedAt = null,
        };

    /// <summary>The subscription is paused: look again later, without spending an attempt.</summary>
    public WebhookDelivery Hold(DateTimeOffset until) => this with { NextAttemptAt = until, LeasedUntil = null };

    /// <summary>The subscription was deactivated: never sent.</summary>
    public WebhookDelivery Cancel(DateTimeOffset now) =>
        this with { Status = Cancelled, NextAttemptAt = null, LeasedUntil = null, CompletedAt = now };
}

/// <summary>
/// When a failed attempt is tried again: after the n-th failure of a series wait the n-th delay of the
/// schedule (the last one repeats), but never later than the give-up moment, which gets one last
/// attempt; a failure at or after that moment gives up.
/// </summary>
public sealed record RetrySchedule(IReadOnlyList<TimeSpan> Delays, TimeSpan GiveUpAfter)
{
    public static RetrySchedule From(WebhookOptions options) => new(options.RetrySchedule, options.GiveUpAfter);

    /// <param name="seriesStartedAt">The first attempt of the series.</param>
    /// <param name="failedAt">The attempt that just failed.</param>
    /// <param name="failures">How many attempts of the series have failed, this one included.</param>
    /// <returns>When to try again, or null to give up.</returns>
    public DateTimeOffset? Next(DateTimeOffset seriesStartedAt, DateTimeOffset failedAt, int failures)
    {
        var giveUpAt = seriesStartedAt + GiveUpAfter;
        if (failedAt >= giveUpAt)
        {
            return null;
        }
        var next = failedAt + Delays[Math.Clamp(failures - 1, 0, Delays.Count - 1)];
        return next < giveUpAt ? next : giveUpAt;
    }
}

/// <summary>The body every subscriber receives: a stable envelope around the integration event (camelCase).</summary>
public static class WebhookPayload
{
    public static string Serialize(IIntegrationEvent message, string eventType) =>
        JsonSerializer.Serialize(new
        {
            id = message.EventId,
            type = eventType,
            occurredAt = message.OccurredAt,
            data = (object)message,
        }, JsonSerializerOptions.Web);
}
