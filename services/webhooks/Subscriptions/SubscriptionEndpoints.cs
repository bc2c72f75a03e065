namespace HiringPlatform.Webhooks.Subscriptions;

using System.Globalization;
using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.Http;
using HiringPlatform.ServiceDefaults.Problems;
using HiringPlatform.ServiceDefaults.Security;
using Marten;
using Microsoft.Extensions.Options;

/// <summary>The body of POST and PUT /api/v1/webhooks/subscriptions.</summary>
/// <summary>The body of POST and PUT /api/v1/webhooks/subscriptions; <c>scope</c> is chosen at creation (<c>all</c>: admin only).</summary>
public sealed record SubscriptionRequest(string? Url, [property: ClosedSet(typeof(EventCatalogue))] IReadOnlyList<string?>? EventTypes,
    string? Description = null, bool? Paused = null,
    [property: ClosedSet(typeof(SubscriptionScopes), nameof(SubscriptionScopes.Values))] string? Scope = null);

/// <summary>A subscription just created or its secret just rotated: the only answers that carry the secret.</summary>
public sealed record SubscriptionWithSecret(Guid Id, string Url, [property: ClosedSet(typeof(EventCatalogue))] IReadOnlyList<string> EventTypes,
    string? Description, [property: ClosedSet(typeof(SubscriptionDetails), nameof(SubscriptionDetails.Statuses))] string Status,
    DateTimeOffset CreatedAt, string Secret, DateTimeOffset? PreviousSecretValidUntil = null,
    [property: ClosedSet(typeof(SubscriptionScopes), nameof(SubscriptionScopes.Values))] string Scope = SubscriptionScopes.Own);

public sealed record SubscriptionPage(IReadOnlyList<SubscriptionDetails> Items, string? Next, bool HasMore);

/// <summary>Who may manage subscriptions, and which ones they see.</summary>
public static class SubscriptionAccess
{
    public static readonly string[] Managers = [Roles.HrSystem, Roles.Admin];

    /// <summary>An administrator sees every subscription; an HR system only those it created.</summary>
    public static bool CanSee(HttpContext http, string owner) =>
        http.User.IsInRole(Roles.Admin) || string.Equals(owner, Actors.Of(http), StringComparison.Ordinal);
}

public static class SubscriptionRules
{
    public const int MaxUrlLength = 2000;
    public const int MaxDescriptionLength = 500;

    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>Every problem with the request, keyed by field.</summary>
    public static Dictionary<string, string[]> Validate(SubscriptionRequest request, bool allowLocalhostHttp)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Url))
        {
            errors["url"] = ["Required: the https URL deliveries are POSTed to."];
        }
        else if (request.Url.Length > MaxUrlLength)
        {
            errors["url"] = [$"At most {MaxUrlLength} characters."];
        }
        else if (!Uri.TryCreate(request.Url, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            errors["url"] = ["An absolute https URL, e.g. https://hr.example.com/hooks/hiring."];
        }
        else if (uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            errors["url"] = ["No user name, password or #fragment in the URL; authenticate deliveries by their signature."];
        }
        else if (uri.Scheme == "http" && !(allowLocalhostHttp && LoopbackHosts.Contains(uri.Host, StringComparer.OrdinalIgnoreCase)))
        {
            errors["url"] = [allowLocalhostHttp
                ? "Only https URLs, or http://localhost for local development."
                : "Only https URLs."];
        }

        if (request.EventTypes is not { Count: > 0 } types)
        {
            errors["eventTypes"] = [$"At least one of: {string.Join(", ", EventCatalogue.All)}."];
        }
        else
        {
            var unknown = types.Where(t => t is null || !EventCatalogue.IsKnown(t)).Select(t => t ?? "null").ToList();
            if (unknown.Count > 0)
            {
                errors["eventTypes"] = [$"Unknown event type(s) {string.Join(", ", unknown.Take(5).Select(u => $"'{(u.Length > 50 ? u[..50] : u)}'"))}; "
                    + $"the catalogue is {string.Join(", ", EventCatalogue.All)}."];
            }
            else if (types.Distinct(StringComparer.Ordinal).Count() != types.Count)
            {
                errors["eventTypes"] = ["Each event type once."];
            }
        }

        if (request.Description is { Length: > MaxDescriptionLength })
        {
            errors["description"] = [$"At most {MaxDescriptionLength} characters."];
        }
        if (request.Scope is { } scope && !SubscriptionScopes.Values.Contains(scope, StringComparer.Ordinal))
        {
            errors["scope"] = [$"One of: {string.Join(", ", SubscriptionScopes.Values)}."];
        }
        return errors;
    }
}

/// <summary>HR systems manage their webhook subscriptions: each change an event on the subscription's stream.</summary>
public static class SubscriptionEndpoints
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapSubscriptionEndpoints(this IEndpointRouteBuilder app)
    {
        var subscriptions = app.MapGroup("/api/v1/webhooks/subscriptions").WithTags("Webhook subscriptions")
            .RequireAuthorization(policy => policy.RequireRole(SubscriptionAccess.Managers))
            .WithRoles(RoutePolicies.WebhookManage);
        subscriptions.MapPost("/", Create).WithName("CreateWebhookSubscription").Produces<SubscriptionWithSecret>(StatusCodes.Status201Created)
            .WithExample(request: new SubscriptionRequest("https://ats.example.com/hooks/hiring", ["candidate.applied", "decision.recorded"], "ATS sync"))
            .WithSummary("Subscribe a URL to event types; the answer carries the signing secret, shown only this once. "
                + "It hears about the candidates its HR system submitted (`scope` own, the default); an admin's may hear about all (`scope` all). "
                + "Roles: hr-system, admin. Errors: 403 (scope all without admin), 422 (invalid fields).");
        subscriptions.MapGet("/", List).WithName("ListWebhookSubscriptions").WithPaging().Produces<SubscriptionPage>()
            .WithSummary("Your subscriptions (an admin sees all), oldest first: cursor pagination (`next`, `hasMore`, Link rel=next).");
        subscriptions.MapGet("/{subscriptionId:guid}", Get).WithName("GetWebhookSubscription").Produces<SubscriptionDetails>()
            .WithSummary("One subscription, with its ETag; never its secret. Errors: 404.");
        subscriptions.MapPut("/{subscriptionId:guid}", Change).WithName("ChangeWebhookSubscription").WithIfMatch().Produces<SubscriptionDetails>()
            .WithExample(request: new SubscriptionRequest("https://ats.example.com/hooks/hiring", ["interview.scheduled"], "interviews only"))
            .WithSummary("Replace url, eventTypes, description and paused (absent paused: active). If-Match with the ETag; "
                + "errors: 404, 409 (deactivated), 412 (stale If-Match), 422.");
        subscriptions.MapDelete("/{subscriptionId:guid}", Deactivate).WithName("DeactivateWebhookSubscription").WithIfMatch().Produces(StatusCodes.Status204NoContent)
            .WithSummary("Deactivate: no more deliveries; the subscription and its delivery log stay readable. Errors: 404.");
        subscriptions.MapPost("/{subscriptionId:guid}/secret/rotate", RotateSecret).WithName("RotateWebhookSecret").WithIfMatch().Produces<SubscriptionWithSecret>()
            .WithSummary("A new signing secret, shown only this once; the previous one keeps signing too for 24 hours. "
                + "Errors: 404, 409 (deactivated).");
        return app;
    }

    private static bool AllowLocalhostHttp(IHostEnvironment environment, IOptions<WebhookOptions> options) =>
        environment.IsDevelopment() || options.Value.AllowLocalhostHttp;

    private static async Task<IResult> Create(SubscriptionRequest request, IDocumentSession session, TimeProvider clock, HttpContext http,
        IHostEnvironment environment, IOptions<WebhookOptions> options, SigningSecretProtector secrets, CancellationToken cancellationToken)
    {
        var errors = SubscriptionRules.Validate(request, AllowLocalhostHttp(environment, options));
        if (errors.Count > 0)
        {
            return Problem.Invalid(errors);
        }
        var scope = request.Scope ?? SubscriptionScopes.Own;
        if (scope == SubscriptionScopes.All && !http.User.IsInRole(Roles.Admin))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, type: ProblemTypes.Forbidden, title: "Only an administrator may subscribe for all",
                detail: "A subscription with scope 'all' hears about every HR system's candidates; an HR system's own hears about the candidates it submitted.");
        }
        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var actor = Actors.Of(http);
        var secret = SigningSecret.NewSecret();
        var events = new List<object>
        {
            new WebhookSubscribed(id, actor, request.Url!, [.. request.EventTypes!.Select(t => t!)], Normalize(request.Description), now, actor, scope),
        };
        if (request.Paused == true)
        {
            events.Add(new SubscriptionPaused(id, now, actor));
        }
        session.Events.StartStream<SubscriptionDetails>(id, [.. events]);
        session.Insert(secrets.Protect(new SigningSecret(id, secret, null, null)));
        await session.SaveChangesAsync(cancellationToken);
        var created = (await session.LoadAsync<SubscriptionDetails>(id, cancellationToken))!;
        EntityTags.Set(http, created.Version);
        return Results.Created($"/api/v1/webhooks/subscriptions/{id}", WithSecret(created, secret, null));
    }

    private static async Task<IResult> List(HttpContext http, IQuerySession session, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        var errors = new Dictionary<string, string[]>();
        Guid? after = null;
        if (query["cursor"].ToString() is { Length: > 0 } cursor)
        {
            if (Cursor.TryDecode(cursor, out var decoded))
            {
                after = decoded;
            }
            else
            {
                errors["cursor"] = ["Not a cursor this API gave out; start without one or use the `next` of the last page."];
            }
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

        var subscriptions = session.Query<SubscriptionDetails>().AsQueryable();
        if (!http.User.IsInRole(Roles.Admin))
        {
            var owner = Actors.Of(http);
            subscriptions = subscriptions.Where(s => s.Owner == owner);
        }
        if (after is { } position)
        {
            subscriptions = subscriptions.Where(s => s.Id > position);
        }
        var page = await subscriptions.OrderBy(s => s.Id).Take(limit + 1).ToListAsync(cancellationToken);
        var shown = page.Take(limit).ToList();
        var hasMore = page.Count > limit;
        var next = shown.Count > 0 ? Cursor.Encode(shown[^1].Id) : after is { } unchanged ? Cursor.Encode(unchanged) : null;
        if (hasMore)
        {
            http.Response.Headers.Link = $"<{http.Request.PathBase}{http.Request.Path}?cursor={next}&limit={limit}>; rel=\"next\"";
        }
        return Results.Ok(new SubscriptionPage(shown, next, hasMore));
    }

    private static async Task<IResult> Get(Guid subscriptionId, IQuerySession session, HttpContext http, CancellationToken cancellationToken)
    {
        if (await session.LoadAsync<SubscriptionDetails>(subscriptionId, cancellationToken) is not { } subscription
            || !SubscriptionAccess.CanSee(http, subscription.Owner))
        {
            return Problem.NotFound("Subscription", subscriptionId);
        }
        EntityTags.Set(http, subscription.Version);
        return Results.Ok(subscription);
    }

    private static async Task<IResult> Change(Guid subscriptionId, SubscriptionRequest request, IDocumentSession session, TimeProvider clock,
        HttpContext http, IHostEnvironment environment, IOptions<WebhookOptions> options, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<SubscriptionDetails>(subscriptionId, cancellationToken);
        if (stream.Aggregate is not { } current || !SubscriptionAccess.CanSee(http, current.Owner))
        {
            return Problem.NotFound("Subscription", subscriptionId);
        }
        if (EntityTags.PreconditionFailed(http, current.Version) is { } stale)
        {
            return stale;
        }
        var errors = SubscriptionRules.Validate(request, AllowLocalhostHttp(environment, options));
        if (request.Scope is { } scope && scope != current.Scope)
        {
            errors.TryAdd("scope", [$"Chosen when the subscription is created ('{current.Scope}'); create a new subscription for another scope."]);
        }
        if (errors.Count > 0)
        {
            return Problem.Invalid(errors);
        }
        if (current.Status == SubscriptionDetails.Deactivated)
        {
            return Problem.Conflict("The subscription is deactivated; create a new one.");
        }
        var events = SubscriptionDecider.Change(current,
            new SubscriptionChange(request.Url!, [.. request.EventTypes!.Select(t => t!)], Normalize(request.Description), request.Paused == true),
            clock.GetUtcNow(), Actors.Of(http));
        if (events.Count == 0)
        {
            EntityTags.Set(http, current.Version);
            return Results.Ok(current);
        }
        stream.AppendMany(events);
        await session.SaveChangesAsync(cancellationToken);
        var changed = (await session.LoadAsync<SubscriptionDetails>(subscriptionId, cancellationToken))!;
        EntityTags.Set(http, changed.Version);
        return Results.Ok(changed);
    }

    private static async Task<IResult> Deactivate(Guid subscriptionId, IDocumentSession session, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<SubscriptionDetails>(subscriptionId, cancellationToken);
        if (stream.Aggregate is not { } current || !SubscriptionAccess.CanSee(http, current.Owner))
        {
            return Problem.NotFound("Subscription", subscriptionId);
        }
        if (EntityTags.PreconditionFailed(http, current.Version) is { } stale)
        {
            return stale;
        }
        var events = SubscriptionDecider.Deactivate(current, "deleted", clock.GetUtcNow(), Actors.Of(http));
        if (events.Count > 0)
        {
            stream.AppendMany(events);
            await session.SaveChangesAsync(cancellationToken);
        }
        return Results.NoContent();
    }

    private static async Task<IResult> RotateSecret(Guid subscriptionId, IDocumentSession session, TimeProvider clock, HttpContext http,
        SigningSecretProtector secrets, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<SubscriptionDetails>(subscriptionId, cancellationToken);
        if (stream.Aggregate is not { } current || !SubscriptionAccess.CanSee(http, current.Owner))
        {
            return Problem.NotFound("Subscription", subscriptionId);
        }
        if (EntityTags.PreconditionFailed(http, current.Version) is { } stale)
        {
            return stale;
        }
        if (current.Status == SubscriptionDetails.Deactivated)
        {
            return Problem.Conflict("The subscription is deactivated; create a new one.");
        }
        var now = clock.GetUtcNow();
        var existing = await session.LoadAsync<SigningSecret>(subscriptionId, cancellationToken) is { } stored ? secrets.Unprotect(stored) : null;
        var rotated = existing?.Rotate(SigningSecret.NewSecret(), now) ?? new SigningSecret(subscriptionId, SigningSecret.NewSecret(), null, null);
        stream.AppendOne(new SubscriptionSecretRotated(subscriptionId, now, Actors.Of(http)));
        session.Store(secrets.Protect(rotated));
        await session.SaveChangesAsync(cancellationToken);
        var changed = (await session.LoadAsync<SubscriptionDetails>(subscriptionId, cancellationToken))!;
        EntityTags.Set(http, changed.Version);
        return Results.Ok(WithSecret(changed, rotated.Current, rotated.PreviousValidUntil));
    }

    private static string? Normalize(string? description) => string.IsNullOrWhiteSpace(description) ? null : description.Trim();

    private static SubscriptionWithSecret WithSecret(SubscriptionDetails s, string secret, DateTimeOffset? previousValidUntil) =>
        new(s.Id, s.Url, s.EventTypes, s.Description, s.Status, s.CreatedAt, secret, previousValidUntil, s.Scope);
}

/// <summary>Opaque cursors over time-ordered (version 7) ids.</summary>
public static class Cursor
{
    public static string Encode(Guid id) => Convert.ToBase64String(id.ToByteArray(bigEndian: true)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string cursor, out Guid id)
    {
        id = Guid.Empty;
        if (cursor.Length != 22)
        {
            return false;
        }
        try
        {
            id = new Guid(Convert.FromBase64String(cursor.Replace('-', '+').Replace('_', '/') + "=="), bigEndian: true);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
