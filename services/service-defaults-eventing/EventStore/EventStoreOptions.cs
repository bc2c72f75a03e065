namespace HiringPlatform.ServiceDefaults.EventStore;

using System.ComponentModel.DataAnnotations;
using System.Data.Common;
using Npgsql;

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

    /// <summary>
    /// How many of a connection's most used statements Npgsql keeps prepared on the server (its Max Auto Prepare; 0 turns
    /// it off). Marten sends each event, stream and document of a commit as a statement of its own, which PostgreSQL would
    /// otherwise parse and plan every time: a group of 64 booked loops is about 1,300 statements. 64 by default; a
    /// connection string that sets Max Auto Prepare itself keeps its own value.
    /// </summary>
    [Range(0, 256)]
    public int MaxAutoPrepare { get; set; } = 64;

    /// <summary>The connection string the event store opens: <see cref="ConnectionString"/> with <see cref="MaxAutoPrepare"/>.</summary>
    public string StoreConnectionString()
    {
        var given = new DbConnectionStringBuilder { ConnectionString = ConnectionString };
        if (given.ContainsKey("Max Auto Prepare") || given.ContainsKey("MaxAutoPrepare"))
        {
            return ConnectionString;
        }
        return new NpgsqlConnectionStringBuilder(ConnectionString) { MaxAutoPrepare = MaxAutoPrepare }.ConnectionString;
    }
}
