namespace HiringPlatform.Webhooks.Deliveries;

using System.Globalization;
using HiringPlatform.ServiceDefaults.Http;
using HiringPlatform.ServiceDefaults.Problems;
using HiringPlatform.ServiceDefaults.Security;
using HiringPlatform.Webhooks.Subscriptions;
using Marten;

/// <summary>A delivery in the log: where it stands and its last attempt.</summary>
public sealed record DeliverySummary(Guid Id, Guid SubscriptionId, string WebhookId, string EventType, string Status, DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? CompletedAt, int AttemptCount, DeliveryAttempt? LastAttempt)
{
    public static DeliverySummary Of(WebhookDelivery d) =>
        new(d.Id, d.SubscriptionId, d.WebhookId, d.EventType, d.Status, d.CreatedAt, d.NextAttemptAt, d.CompletedAt, d.Attempts.Count,
            d.Attempts.Count > 0 ? d.Attempts[^1] : null);
}

/// <summary>One delivery with every attempt and the exact body sent.</summary>
public sealed record DeliveryDetails(Guid Id, Guid SubscriptionId, string WebhookId, string EventType, string Status, DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt, DateTimeOffset? CompletedAt, int Series, IReadOnlyList<DeliveryAttempt> Attempts, string Payload)
{
    public static DeliveryDetails Of(WebhookDelivery d) =>
        new(d.Id, d.SubscriptionId, d.WebhookId, d.EventType, d.Status, d.CreatedAt, d.NextAttemptAt, d.CompletedAt, d.Series, d.Attempts,
            d.Payload);
}

public sealed record DeliveryPage(IReadOnlyList<DeliverySummary> Items, string? Next, bool HasMore);

public sealed record ReplayResult(int Replayed, int Skipped);

/// <summary>The delivery log of a subscription, and replays.</summary>
public static class DeliveryEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    public const int MaxReplay = 1000;

    public static IEndpointRouteBuilder MapDeliveryEndpoints(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/api/v1/webhooks").WithTags("Webhook deliveries")
            .RequireAuthorization(policy => policy.RequireRole(SubscriptionAccess.Managers))
            .WithRoles(RoutePolicies.WebhookManage);
        webhooks.MapGet("/subscriptions/{subscriptionId:guid}/deliveries", List).WithName("ListWebhookDeliveries").WithPaging().Produces<DeliveryPage>()
            .WithSummary("The subscription's delivery log, newest first, optionally by `status` (pending, delivered, failed, cancelled): "
                + "cursor pagination (`next`, `hasMore`, Link rel=next). Errors: 404, 422.");
        webhooks.MapGet("/deliveries/{deliveryId:guid}", Get).WithName("GetWebhookDelivery").Produces<DeliveryDetails>()
            .WithSummary("One delivery with every attempt (status code, duration, error, at) and the body sent. Errors: 404.");
        webhooks.MapPost("/deliveries/{deliveryId:guid}/replay", Replay).WithName("ReplayWebhookDelivery").Produces<DeliveryDetails>(StatusCodes.Status202Accepted)
            .WithSummary("Send again now: a new series of attempts with the same webhook-id. "
                + "Errors: 404, 409 (subscription deactivated, or an attempt is in flight).");
        webhooks.MapPost("/subscriptions/{subscriptionId:guid}/replay", ReplayRange).WithName("ReplayWebhookDeliveries").Produces<ReplayResult>(StatusCodes.Status202Accepted)
            .WithSummary("Send again every delivery created in [from, to) (no `to`: up to now), at most 1000; "
                + "one being sent right now is skipped. "
                + "Errors: 404, 409 (deactivated), 422.");
        return app;
    }

    private static async Task<SubscriptionDetails?> Visible(Guid subscriptionId, IQuerySession session, HttpContext http,
        CancellationToken cancellationToken) =>
        await session.LoadAsync<SubscriptionDetails>(subscriptionId, cancellationToken) is { } subscription
        && SubscriptionAccess.CanSee(http, subscription.Owner)
            ? subscription
            : null;

    private static async Task<IResult> List(Guid subscriptionId, HttpContext http, IQuerySession session, CancellationToken cancellationToken)
    {
        if (await Visible(subscriptionId, session, http, cancellationToken) is null)
        {
            return Problem.NotFound("Subscription", subscriptionId);
        }
        var query = http.Request.Query;
        var errors = new Dictionary<string, string[]>();
        Guid? before = null;
        if (query["cursor"].ToString() is { Length: > 0 } cursor)
        {
            if (Cursor.TryDecode(cursor, out var decoded))
            {
                before = decoded;
            }
            else
            {
                errors["cursor"] = ["Not a cursor this API gave out; start without one or use the `next` of the last page."];
            }
        }
        var status = query["status"].ToString();
        if (status.Length > 0 && !WebhookDelivery.Statuses.Contains(status, StringComparer.Ordinal))
        {
            errors["status"] = [$"One of {string.Join(", ", WebhookDelivery.Statuses)}."];
        }
        var limit = DefaultLimit;
        if (query["limit"].ToString() is { Length: > 0 } text
            && (!int.TryParse(text, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"Between 1 and {MaxLimit}."];
        }
        if (errors.Count > 0)
        {
            return Problem.Invalid(errors);
        }

        var deliveries = session.Query<WebhookDelivery>().Where(d => d.SubscriptionId == subscriptionId);
        if (status.Length > 0)
        {
            deliveries = deliveries.Where(d => d.Status == status);
        }
        if (before is { } position)
        {
            deliveries = deliveries.Where(d => d.Id < position);
        }
        var page = await deliveries.OrderByDescending(d => d.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var shown = page.Take(limit).ToList();
        var hasMore = page.Count > limit;
        var next = shown.Count > 0 ? Cursor.Encode(shown[^1].Id) : before is { } unchanged ? Cursor.Encode(unchanged) : null;
        if (hasMore)
        {
            http.Response.Headers.Link = $"<{http.Request.PathBase}{http.Request.Path}?cursor={next}&limit={limit}"
                + (status.Length > 0 ? $"&status={status}" : "") + ">; rel=\"next\"";
        }
        return Results.Ok(new DeliveryPage([.. shown.Select(DeliverySummary.Of)], next, hasMore));
    }

    private static async Task<IResult> Get(Guid deliveryId, HttpContext http, IQuerySession session, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<WebhookDelivery>(deliveryId, cancellationToken) is not { } delivery
            || await Visible(delivery.SubscriptionId, session, http, cancellationToken) is null)
        {
            return Problem.NotFound("Delivery", deliveryId);
        }
        return Results.Ok(DeliveryDetails.Of(delivery));
    }

    private static async Task<IResult> Replay(Guid deliveryId, HttpContext http, IDocumentSession session, TimeProvider clock,
        DeliverySender sender, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<WebhookDelivery>(deliveryId, cancellationToken) is not { } delivery
            || await Visible(delivery.SubscriptionId, session, http, cancellationToken) is not { } subscription)
        {
            return Problem.NotFound("Delivery", deliveryId);
        }
        if (subscription.Status == SubscriptionDetails.Deactivated)
        {
            return Problem.Conflict("The subscription is deactivated; its deliveries are not sent again.");
        }
        var now = clock.GetUtcNow();
        if (delivery.IsLeased(now))
        {
            return Problem.Conflict("An attempt of this delivery is being sent right now; retry in a moment.");
        }
        var replayed = delivery.Replay(now) with { Revision = delivery.Revision + 1 };
        session.UpdateRevision(replayed, replayed.Revision);
        await session.SaveChangesAsync(cancellationToken);
        sender.Wake();
        return Results.Accepted($"/api/v1/webhooks/deliveries/{deliveryId}", DeliveryDetails.Of(replayed));
    }

    private static async Task<IResult> ReplayRange(Guid subscriptionId, string? from, string? to, HttpContext http, IDocumentSession session,
        TimeProvider clock, DeliverySender sender, CancellationToken cancellationToken)
    {
        if (await Visible(subscriptionId, session, http, cancellationToken) is not { } subscription)
        {
            return Problem.NotFound("Subscription", subscriptionId);
        }
        var now = clock.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        var start = Moment(from, "from", errors, required: true);
        var end = Moment(to, "to", errors, required: false);
        if (errors.Count == 0 && start >= end)
        {
            errors["to"] = ["Must be later than `from`."];
        }
        if (errors.Count > 0)
        {
            return Problem.Invalid(errors);
        }
        if (subscription.Status == SubscriptionDetails.Deactivated)
        {
            return Problem.Conflict("The subscription is deactivated; its deliveries are not sent again.");
        }
        var inRange = session.Query<WebhookDelivery>().Where(d => d.SubscriptionId == subscriptionId && d.CreatedAt >= start);
        if (end is { } until)
        {
            inRange = inRange.Where(d => d.CreatedAt < until);
        }
        var deliveries = await inRange
            .OrderBy(d => d.Id)
            .Take(MaxReplay + 1)
            .ToListAsync(cancellationToken);
        if (deliveries.Count > MaxReplay)
        {
            return Problem.Invalid(new Dictionary<string, string[]>
            {
                ["from"] = [$"More than {MaxReplay} deliveries in the range; replay a shorter one."],
            });
        }
        var replayed = 0;
        foreach (var delivery in deliveries.Where(d => !d.IsLeased(now)))
        {
            var next = delivery.Replay(now) with { Revision = delivery.Revision + 1 };
            session.UpdateRevision(next, next.Revision);
            replayed++;
        }
        await session.SaveChangesAsync(cancellationToken);
        sender.Wake();
        return Results.Accepted($"/api/v1/webhooks/subscriptions/{subscriptionId}/deliveries", new ReplayResult(replayed, deliveries.Count - replayed));
    }

    private static DateTimeOffset? Moment(string? text, string field, Dictionary<string, string[]> errors, bool required)
    {
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                errors[field] = ["Required: an ISO 8601 moment, e.g. 2026-11-27T10:00:00Z."];
            }
            return null;
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return parsed.ToUniversalTime();
        }
        errors[field] = [$"'{(text.Length > 50 ? text[..50] : text)}' is not an ISO 8601 moment (e.g. 2026-11-27T10:00:00Z)."];
        return null;
    }
}
