namespace HiringPlatform.Webhooks.Subscriptions;

using HiringPlatform.ServiceDefaults.Http;
using Marten.Events.Aggregation;

// A subscription is an event stream: every change records when and who (the token's sub, or the service itself).

/// <summary>
/// Subscribed: <see cref="Scope"/> says whose candidates it hears about: <c>own</c> (only those its
/// owner, the HR system, submitted) or <c>all</c> (an administrator's, for every HR system). Absent
/// in events recorded before tenancy: <c>own</c>.
/// </summary>
public sealed record WebhookSubscribed(Guid SubscriptionId, string Owner, string Url, IReadOnlyList<string> EventTypes,
    string? Description, DateTimeOffset SubscribedAt, string Actor, string? Scope = null);

public sealed record SubscriptionRetargeted(Guid SubscriptionId, string Url, DateTimeOffset RetargetedAt, string Actor);

public sealed record SubscriptionEventTypesSelected(Guid SubscriptionId, IReadOnlyList<string> EventTypes, DateTimeOffset SelectedAt,
    string Actor);

public sealed record SubscriptionDescribed(Guid SubscriptionId, string? Description, DateTimeOffset DescribedAt, string Actor);

public sealed record SubscriptionPaused(Guid SubscriptionId, DateTimeOffset PausedAt, string Actor);

public sealed record SubscriptionResumed(Guid SubscriptionId, DateTimeOffset ResumedAt, string Actor);

/// <summary>A new signing secret; the secret itself is never in the event log (see <see cref="SigningSecret"/>).</summary>
public sealed record SubscriptionSecretRotated(Guid SubscriptionId, DateTimeOffset RotatedAt, string Actor);

/// <summary>No more deliveries: deleted by its owner (<c>deleted</c>) or the receiver answered 410 Gone (<c>gone</c>).</summary>
public sealed record SubscriptionDeactivated(Guid SubscriptionId, string Reason, DateTimeOffset DeactivatedAt, string Actor);

/// <summary>A subscription as the API shows it and the consumers read it. Inline: read right after a write.</summary>
public sealed record SubscriptionDetails(
    Guid Id,
    string Owner,
    string Url,
    [property: ClosedSet(typeof(EventCatalogue))] IReadOnlyList<string> EventTypes,
    string? Description,
    [property: ClosedSet(typeof(SubscriptionDetails), nameof(SubscriptionDetails.Statuses))] string Status,
    string? DeactivationReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SecretRotatedAt,
    int Version,
    [property: ClosedSet(typeof(SubscriptionScopes), nameof(SubscriptionScopes.Values))] string Scope = SubscriptionScopes.Own)
{
    public const string Active = "active";
    public const string Paused = "paused";
    public const string Deactivated = "deactivated";

    public static readonly IReadOnlyList<string> Statuses = [Active, Paused, Deactivated];

    public bool Wants(string eventType) => Status == Active && EventTypes.Contains(eventType, StringComparer.Ordinal);

    /// <summary>
    /// Whether an event about a candidate submitted by <paramref name="candidateOwner"/> is this
    /// subscription's to hear: an HR system hears only of its own candidates, an <c>all</c> subscription of every one.
    /// </summary>
    public bool Covers(string candidateOwner) =>
        Scope == SubscriptionScopes.All || string.Equals(Owner, candidateOwner, StringComparison.Ordinal);
}

/// <summary>Whose candidates a subscription hears about.</summary>
public static class SubscriptionScopes
{
    /// <summary>Only the candidates its owner (the HR system's API key or token subject) submitted: the default.</summary>
    public const string Own = "own";

    /// <summary>Every candidate, whoever submitted it: an administrator's subscription only.</summary>
    public const string All = "all";

    public static readonly IReadOnlyList<string> Values = [Own, All];
}

public sealed class SubscriptionDetailsProjection : SingleStreamProjection<SubscriptionDetails, Guid>
{
    public static SubscriptionDetails Create(WebhookSubscribed e) =>
        new(e.SubscriptionId, e.Owner, e.Url, e.EventTypes, e.Description, SubscriptionDetails.Active, null, e.SubscribedAt,
            e.SubscribedAt, null, 1, e.Scope ?? SubscriptionScopes.Own);

    public static SubscriptionDetails Apply(SubscriptionRetargeted e, SubscriptionDetails s) =>
        s with { Url = e.Url, UpdatedAt = e.RetargetedAt, Version = s.Version + 1 };

    public static SubscriptionDetails Apply(SubscriptionEventTypesSelected e, SubscriptionDetails s) =>
        s with { EventTypes = e.EventTypes, UpdatedAt = e.SelectedAt, Version = s.Version + 1 };

    public static SubscriptionDetails Apply(SubscriptionDescribed e, SubscriptionDetails s) =>
        s with { Description = e.Description, UpdatedAt = e.DescribedAt, Version = s.Version + 1 };

    public static SubscriptionDetails Apply(SubscriptionPaused e, SubscriptionDetails s) =>
        s with { Status = SubscriptionDetails.Paused, UpdatedAt = e.PausedAt, Version = s.Version + 1 };

    public static SubscriptionDetails Apply(SubscriptionResumed e, SubscriptionDetails s) =>
        s with { Status = SubscriptionDetails.Active, UpdatedAt = e.ResumedAt, Version = s.Version + 1 };

    public static SubscriptionDetails Apply(SubscriptionSecretRotated e, SubscriptionDetails s) =>
        s with { SecretRotatedAt = e.RotatedAt, UpdatedAt = e.RotatedAt, Version = s.Version + 1 };

    public static SubscriptionDetails Apply(SubscriptionDeactivated e, SubscriptionDetails s) =>
        s with
        {
            Status = SubscriptionDetails.Deactivated, DeactivationReason = e.Reason, UpdatedAt = e.DeactivatedAt,
            Version = s.Version + 1,
        };
}

/// <summary>What a PUT asks for: the whole subscription as it should be.</summary>
public sealed record SubscriptionChange(string Url, IReadOnlyList<string> EventTypes, string? Description, bool Paused);

/// <summary>The pure rules of a subscription's life.</summary>
public static class SubscriptionDecider
{
    /// <summary>The events that turn <paramref name="current"/> into what the PUT asks for; none when nothing differs.</summary>
    public static IReadOnlyList<object> Change(SubscriptionDetails current, SubscriptionChange change, DateTimeOffset now, string actor)
    {
        if (current.Status == SubscriptionDetails.Deactivated)
        {
            throw new InvalidOperationException("A deactivated subscription does not change; create a new one.");
        }
        var events = new List<object>();
        if (!string.Equals(current.Url, change.Url, StringComparison.Ordinal))
        {
            events.Add(new SubscriptionRetargeted(current.Id, change.Url, now, actor));
        }
        if (!current.EventTypes.Order(StringComparer.Ordinal).SequenceEqual(change.EventTypes.Order(StringComparer.Ordinal)))
        {
            events.Add(new SubscriptionEventTypesSelected(current.Id, change.EventTypes, now, actor));
        }
        if (!string.Equals(current.Description, change.Description, StringComparison.Ordinal))
        {
            events.Add(new SubscriptionDescribed(current.Id, change.Description, now, actor));
        }
        var paused = current.Status == SubscriptionDetails.Paused;
        if (change.Paused && !paused)
        {
            events.Add(new SubscriptionPaused(current.Id, now, actor));
        }
        else if (!change.Paused && paused)
        {
            events.Add(new SubscriptionResumed(current.Id, now, actor));
        }
        return events;
    }

    /// <summary>Deactivating twice changes nothing the second time.</summary>
    public static IReadOnlyList<object> Deactivate(SubscriptionDetails current, string reason, DateTimeOffset now, string actor) =>
        current.Status == SubscriptionDetails.Deactivated ? [] : [new SubscriptionDeactivated(current.Id, reason, now, actor)];
}
