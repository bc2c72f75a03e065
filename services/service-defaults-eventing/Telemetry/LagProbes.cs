namespace HiringPlatform.ServiceDefaults.Telemetry;

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Marten;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

/// <summary>
/// Consumer lag: how many messages wait in each of this service's receive queues and in their
/// <c>_error</c> queues, read every <c>Telemetry:LagProbeSeconds</c> (15 s) with a passive queue
/// declare on a connection of its own. The queues are the receive endpoints the bus reported ready.
/// </summary>
public sealed partial class ConsumerLagProbe(IConfiguration configuration, ILogger<ConsumerLagProbe> logger)
    : BackgroundService, IReceiveEndpointObserver
{
    private static readonly ConcurrentDictionary<string, long> Waiting = new();
    private static readonly ConcurrentDictionary<string, long> InError = new();
    private readonly ConcurrentDictionary<string, byte> queues = new();

    public static readonly ObservableGauge<long> Lag = TelemetryExtensions.Meter.CreateObservableGauge(
        "hiring.consumer.lag", () => Measure(Waiting), "{message}", "Messages waiting in a receive queue, by queue.");

    public static readonly ObservableGauge<long> Errors = TelemetryExtensions.Meter.CreateObservableGauge(
        "hiring.consumer.errors", () => Measure(InError), "{message}",
        "Messages in a receive queue's _error queue (faulted after the retries, or unprocessable), by queue.");

    private static IEnumerable<Measurement<long>> Measure(ConcurrentDictionary<string, long> values) =>
        values.Select(pair => new Measurement<long>(pair.Value, BusinessMetrics.Tag("queue", pair.Key)));

    public Task Ready(ReceiveEndpointReady ready)
    {
        // The bus's own temporary endpoint is not a consumer's queue.
        var address = ready.InputAddress;
        if (!address.Query.Contains("temporary=true", StringComparison.OrdinalIgnoreCase)
            && !address.Query.Contains("autodelete=true", StringComparison.OrdinalIgnoreCase))
        {
            queues.TryAdd(address.Segments[^1], 0);
        }
        return Task.CompletedTask;
    }

    public Task Stopping(ReceiveEndpointStopping stopping) => Task.CompletedTask;

    public Task Completed(ReceiveEndpointCompleted completed) => Task.CompletedTask;

    public Task Faulted(ReceiveEndpointFaulted faulted) => Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Telemetry:LagProbeSeconds", 15)));
        var factory = new ConnectionFactory
        {
            Uri = new Uri(configuration.GetConnectionString("rabbitmq") ?? "amqp://127.0.0.1/"),
            ClientProvidedName = "consumer lag probe",
        };
        using var timer = new PeriodicTimer(every);
        IConnection? connection = null;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    connection ??= await factory.CreateConnectionAsync(stoppingToken);
                    foreach (var queue in queues.Keys)
                    {
                        await ReadAsync(connection, queue, Waiting, stoppingToken);
                        await ReadAsync(connection, queue + "_error", InError, stoppingToken);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogProbeFailed(logger, e.Message);
                    connection?.Dispose();
                    connection = null;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            connection?.Dispose();
        }
    }

    private static async Task ReadAsync(IConnection connection, string queue, ConcurrentDictionary<string, long> into, CancellationToken token)
    {
        // A missing queue (no _error queue until the first fault) closes the channel: one channel per read.
        await using var channel = await connection.CreateChannelAsync(cancellationToken: token);
        try
        {
            var declared = await channel.QueueDeclarePassiveAsync(queue, token);
            into[queue.EndsWith("_error", StringComparison.Ordinal) ? queue[..^"_error".Length] : queue] = declared.MessageCount;
        }
        catch (OperationInterruptedException e) when (e.ShutdownReason?.ReplyCode == 404)
        {
            into[queue.EndsWith("_error", StringComparison.Ordinal) ? queue[..^"_error".Length] : queue] = 0;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Consumer lag probe failed: {Reason}")]
    private static partial void LogProbeFailed(ILogger logger, string reason);
}

/// <summary>
/// Projection lag: for each async projection and subscription (the outbox among them), how many
/// events it is behind the newest event, and how far the daemon's high-water mark is behind it,
/// read every <c>Telemetry:LagProbeSeconds</c> (15 s).
/// </summary>
public sealed partial class ProjectionLagProbe(IDocumentStore store, IConfiguration configuration, ILogger<ProjectionLagProbe> logger)
    : BackgroundService
{
    public const string HighWaterMark = "HighWaterMark";

    private static readonly ConcurrentDictionary<string, long> Behind = new();
    private static long markBehind;

    public static readonly ObservableGauge<long> Lag = TelemetryExtensions.Meter.CreateObservableGauge(
        "hiring.projection.lag", () => Behind.Select(pair => new Measurement<long>(pair.Value, BusinessMetrics.Tag("projection", pair.Key))),
        "{event}", "Events an async projection or subscription is behind the newest event, by projection (shard name).");

    public static readonly ObservableGauge<long> MarkLag = TelemetryExtensions.Meter.CreateObservableGauge(
        "hiring.projection.high_water_mark.lag", () => Interlocked.Read(ref markBehind),
        "{event}", "Events the async daemon's high-water mark is behind the newest event (a stalled mark stalls every projection).");

    /// <summary>Each shard's distance from the newest event, and the high-water mark's.</summary>
    public static (IReadOnlyDictionary<string, long> Projections, long HighWaterMark) Distances(long newest, IEnumerable<(string Shard, long Sequence)> shards)
    {
        var projections = new Dictionary<string, long>();
        long mark = 0; // no mark recorded yet: the daemon has processed nothing
        foreach (var (shard, sequence) in shards)
        {
            if (shard == HighWaterMark)
            {
                mark = sequence;
            }
            else
            {
                projections[shard] = Math.Max(0, newest - sequence);
            }
        }
        return (projections, Math.Max(0, newest - mark));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(Math.Max(1, configuration.GetValue("Telemetry:LagProbeSeconds", 15)));
        using var timer = new PeriodicTimer(every);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    using var quiet = SuppressInstrumentationScope.Begin();
                    // The sequence's value, not FetchEventStoreStatistics: that counts every event and stream.
                    var newest = await store.Storage.Database.FetchHighestEventSequenceNumber(stoppingToken);
                    var progress = await store.Storage.Database.AllProjectionProgress(stoppingToken);
                    var (projections, mark) = Distances(newest,
                        progress.Select(shard => (shard.ShardName, shard.Sequence)));
                    foreach (var (shard, behind) in projections)
                    {
                        Behind[shard] = behind;
                    }
                    Interlocked.Exchange(ref markBehind, mark);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogProbeFailed(logger, e.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Projection lag probe failed: {Reason}")]
    private static partial void LogProbeFailed(ILogger logger, string reason);
}
