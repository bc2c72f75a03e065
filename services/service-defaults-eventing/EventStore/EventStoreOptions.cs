namespace HiringPlatform.ServiceDefaults.EventStore;

using System.ComponentModel.DataAnnotations;

/// <summary>Where a service keeps its events: the server from ConnectionStrings:postgres, its own schema.</summary>
public sealed class EventStoreOptions
{
    public const string Section = "EventStore";

    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>The service's own schema; tests give each fixture a fresh one.</summary>
    [Required, RegularExpression("^[a-z_][a-z0-9_]{0,62}$",
        ErrorMessage = "EventStore:Schema must be a lower-case PostgreSQL identifier.")]
    public string Schema { get; set; } = "";

    /// <summary>
    /// How many chains of integration events the outbox publishes at once (each publish waits for the broker's confirm);
    /// a stream's events, and a candidate's, stay one chain in order. 1 publishes one event at a time.
    /// </summary>
    [Range(1, 256)]
    public int OutboxPublishConcurrency { get; set; } = 32;

    /// <summary>
    /// How often the async daemon looks for new events while events are flowing (ms); the outbox publishes no sooner.
    /// Marten's 250 by default: on the 2-core bench machine 50 (with 250 idle) halved the pipeline's p99 at half load but cost
    /// a third of its throughput at full load (docs/benchmarks.md), so lower it only where CPU is to spare.
    /// </summary>
    [Range(10, 10_000)]
    public int DaemonFastPollingMilliseconds { get; set; } = 250;

    /// <summary>How often the async daemon looks for new events after a quiet spell (ms); Marten's 1,000 by default.</summary>
    [Range(10, 60_000)]
    public int DaemonSlowPollingMilliseconds { get; set; } = 1000;
}
