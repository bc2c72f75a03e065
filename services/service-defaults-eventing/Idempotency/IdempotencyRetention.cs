namespace HiringPlatform.ServiceDefaults.Idempotency;

using System.ComponentModel.DataAnnotations;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

/// <summary>How long an Idempotency-Key is remembered, and how often expired ones are purged.</summary>
public sealed class IdempotencyOptions
{
    public const string Section = "Idempotency";

    /// <summary>A key older than this is forgotten: the same key then starts a new request (default 24 hours).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromHours(24);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(10);

    public bool IsExpired(IdempotentRequest request, DateTimeOffset now) => request.CreatedAt <= now - Retention;
}

/// <summary>Deletes the Idempotency-Key records older than the retention, on the service's clock.</summary>
public sealed partial class IdempotencyPurge(IDocumentStore store, TimeProvider clock, IOptions<IdempotencyOptions> options,
    ILogger<IdempotencyPurge> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await PurgeAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogPurgeFailed(logger, exception);
            }
        }
    }

    /// <summary>Deletes every record past the retention; returns how many.</summary>
    public async Task<int> PurgeAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - options.Value.Retention;
        await using var session = store.LightweightSession();
        var expired = await session.Query<IdempotentRequest>().Where(r => r.CreatedAt <= cutoff).Select(r => r.Id).ToListAsync(cancellationToken);
        if (expired.Count == 0)
        {
            return 0;
        }
        session.DeleteWhere<IdempotentRequest>(r => r.CreatedAt <= cutoff);
        await session.SaveChangesAsync(cancellationToken);
        return expired.Count;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Purging expired Idempotency-Key records failed; it runs again at the next tick")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
