namespace HiringPlatform.Webhooks.Subscriptions;

using Marten;
using Microsoft.AspNetCore.DataProtection;

/// <summary>
/// Signing secrets at rest: the <see cref="SigningSecret"/> document holds only Data Protection
/// ciphertext (keys in the service's schema, shared by its replicas; see docs/webhooks.md and
/// docs/privacy.md). A secret in plain text (<c>whsec_...</c>, as stored before encryption) is read
/// as it is and encrypted by <see cref="SigningSecretMigration"/> at start.
/// </summary>
public sealed class SigningSecretProtector(IDataProtectionProvider provider)
{
    public const string Purpose = "HiringPlatform.Webhooks.SigningSecret.v1";

    private readonly IDataProtector protector = provider.CreateProtector(Purpose);

    public SigningSecret Protect(SigningSecret secret) =>
        secret with { Current = Protect(secret.Current), Previous = secret.Previous is { } previous ? Protect(previous) : null };

    public SigningSecret Unprotect(SigningSecret stored) =>
        stored with { Current = Unprotect(stored.Current), Previous = stored.Previous is { } previous ? Unprotect(previous) : null };

    public static bool IsPlain(string value) => value.StartsWith(SigningSecret.Prefix, StringComparison.Ordinal);

    private string Protect(string value) => IsPlain(value) ? protector.Protect(value) : value;

    private string Unprotect(string value) => IsPlain(value) ? value : protector.Unprotect(value);
}

/// <summary>
/// At start, encrypts every signing secret still stored in plain text. Several replicas may run it at
/// once, and a rotation may race it: the document's optimistic concurrency lets one writer win, and
/// the loser's secret stays readable (plain is read as it is) until the next start encrypts it.
/// </summary>
public sealed partial class SigningSecretMigration(IDocumentStore store, SigningSecretProtector protector,
    ILogger<SigningSecretMigration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken) => await MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var session = store.LightweightSession();
        var plain = await session.Query<SigningSecret>()
            .Where(s => s.Current.StartsWith(SigningSecret.Prefix) || (s.Previous != null && s.Previous.StartsWith(SigningSecret.Prefix)))
            .ToListAsync(cancellationToken);
        if (plain.Count == 0)
        {
            return 0;
        }
        foreach (var secret in plain)
        {
            session.Store(protector.Protect(secret));
        }
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (JasperFx.ConcurrencyException exception)
        {
            LogRaced(logger, exception);
            return 0;
        }
        LogMigrated(logger, plain.Count);
        return plain.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Encrypted {Count} webhook signing secrets stored in plain text")]
    private static partial void LogMigrated(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Another writer changed a signing secret while it was being encrypted; the next start encrypts what is left")]
    private static partial void LogRaced(ILogger logger, Exception exception);
}
