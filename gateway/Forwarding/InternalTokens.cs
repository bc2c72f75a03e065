namespace HiringPlatform.Gateway.Forwarding;

using System.Collections.Concurrent;
using HiringPlatform.ServiceDefaults.Security;
using Microsoft.Extensions.Options;

/// <summary>
/// The internal token forwarded for a caller's identity. Minting one is a JSON serialisation and an
/// HMAC signature, so a token is reused for the same identity (subject, roles, client, name) while it
/// still has more than half of its <see cref="IdentityForwarding.Lifetime"/> to run: a service never
/// receives one with less than that left. Authentication still runs on every request, so a revoked
/// key or an expired caller token stops at the gateway whatever is cached here.
/// </summary>
public sealed class InternalTokens(IOptions<InternalAuthOptions> options, TimeProvider clock)
{
    /// <summary>Identities kept at most; past it the cache starts again empty (a burst of new callers only costs mints).</summary>
    public const int Capacity = 10_000;

    public static readonly TimeSpan ReuseFor = IdentityForwarding.Lifetime / 2;

    private readonly ConcurrentDictionary<Identity, Minted> minted = new();

    public string For(string subject, IEnumerable<string> roles, string? client, string? name)
    {
        var identity = new Identity(subject, string.Join('\n', roles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)),
            client, name);
        var now = clock.GetUtcNow();
        if (minted.TryGetValue(identity, out var entry) && now >= entry.At && now - entry.At < ReuseFor)
        {
            return entry.Token;
        }
        if (minted.Count >= Capacity)
        {
            minted.Clear();
        }
        var token = PlatformTokens.Mint(options.Value.SigningKey, PlatformTokens.InternalIssuer, PlatformTokens.InternalAudience,
            subject, identity.Roles.Split('\n', StringSplitOptions.RemoveEmptyEntries), IdentityForwarding.Lifetime, now, client, name);
        minted[identity] = new Minted(token, now);
        return token;
    }

    private readonly record struct Identity(string Subject, string Roles, string? Client, string? Name);

    private readonly record struct Minted(string Token, DateTimeOffset At);
}
