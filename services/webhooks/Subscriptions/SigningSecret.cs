namespace HiringPlatform.Webhooks.Subscriptions;

using System.Security.Cryptography;

/// <summary>
/// A subscription's signing secret, kept apart from its event stream so the immutable log never
/// holds a secret. After a rotation the previous secret keeps signing too (a second signature in the
/// header) until <see cref="PreviousValidUntil"/>, so a receiver can switch without losing deliveries.
/// </summary>
public sealed record SigningSecret(Guid Id, string Current, string? Previous, DateTimeOffset? PreviousValidUntil)
{
    public const string Prefix = "whsec_";

    /// <summary>How long the previous secret still signs after a rotation.</summary>
    public static readonly TimeSpan RotationOverlap = TimeSpan.FromHours(24);

    /// <summary><c>whsec_</c> + base64 of 32 random bytes, as Standard Webhooks describes.</summary>
    public static string NewSecret() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public SigningSecret Rotate(string next, DateTimeOffset now) => new(Id, next, Current, now + RotationOverlap);

    /// <summary>The secrets that sign a delivery sent at <paramref name="now"/>: the current one first.</summary>
    public IReadOnlyList<string> SigningAt(DateTimeOffset now) =>
        Previous is { } previous && PreviousValidUntil > now ? [Current, previous] : [Current];
}
