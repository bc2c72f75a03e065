namespace HiringPlatform.Stack.Bench;

using System.Diagnostics;
using System.Text.Json;
using JasperFx;
using JasperFx.Events;
using Marten;
using Npgsql;

/// <summary>
/// Appending events: Marten 9 as the platform configures it (Guid streams, correlation, causation and
/// user-name metadata) in Quick and Rich append modes, against raw Npgsql writing the same rows (a stream
/// row and its event rows with the same columns, one round trip per transaction through NpgsqlBatch).
/// "single": one new stream with one event per transaction; "batch": one transaction of --batch events
/// over streams of ten events each. Workers run --concurrency transactions at a time.
/// </summary>
public static class EventStoreTax
{
    private const int EventsPerStream = 10;

    public static async Task RunAsync(BenchSettings settings)
    {
        var schemas = new[] { "stack_bench_quick", "stack_bench_rich", "stack_bench_raw" };
        await using var quick = Store(settings.Postgres, schemas[0], EventAppendMode.Quick);
        await using var rich = Store(settings.Postgres, schemas[1], EventAppendMode.Rich);
        await using var raw = NpgsqlDataSource.Create(settings.Postgres);
        try
        {
            await quick.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            await rich.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
            await CreateRawTablesAsync(raw, schemas[2]);
            foreach (var batch in new[] { 1, settings.Batch })
            {
                var transactions = Math.Max(1, settings.Events / batch);
                var label = batch == 1 ? "one event per transaction" : $"{batch} events per transaction";
                Console.WriteLine();
                Console.WriteLine($"event append, {label}: {transactions * batch} events a round");
                var rawRow = new Measurement("raw Npgsql (NpgsqlBatch)");
                var quickRow = new Measurement("Marten Quick");
                var richRow = new Measurement("Marten Rich (the platform's mode)");
                for (var round = 0; round <= settings.Rounds; round++)
                {
                    var r = await Round(settings, transactions, () => RawAppendAsync(raw, schemas[2], batch));
                    var q = await Round(settings, transactions, () => MartenAppendAsync(quick, batch));
                    var m = await Round(settings, transactions, () => MartenAppendAsync(rich, batch));
                    if (round == 0)
                    {
                        continue;
                    }
                    rawRow.Add(transactions * batch, r.Seconds, r.Latencies);
                    quickRow.Add(transactions * batch, q.Seconds, q.Latencies);
                    richRow.Add(transactions * batch, m.Seconds, m.Latencies);
                    Console.Error.WriteLine($"  round {round}/{settings.Rounds}: raw {transactions * batch / r.Seconds:F0}/s, "
                        + $"Quick {transactions * batch / q.Seconds:F0}/s, Rich {transactions * batch / m.Seconds:F0}/s");
                }
                Measurement.Table("events", [rawRow, quickRow, richRow], rawRow);
                Console.WriteLine("(latency: one transaction's commit)");
            }
        }
        finally
        {
            await using var connection = await raw.OpenConnectionAsync();
            foreach (var schema in schemas)
            {
                await using var drop = new NpgsqlCommand($"drop schema if exists {schema} cascade", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
    }

    private static DocumentStore Store(string connection, string schema, EventAppendMode mode) => DocumentStore.For(options =>
    {
        options.Connection(connection);
        options.DatabaseSchemaName = schema;
        options.Events.DatabaseSchemaName = schema;
        options.Events.AppendMode = mode;
        options.Events.StreamIdentity = StreamIdentity.AsGuid;
        options.Events.MetadataConfig.CorrelationIdEnabled = true;
        options.Events.MetadataConfig.CausationIdEnabled = true;
        options.Events.MetadataConfig.UserNameEnabled = true;
        options.Events.AddEventType<BenchInterviewScheduled>();
        options.AutoCreateSchemaObjects = AutoCreate.All;
    });

    private static async Task<(double Seconds, List<double> Latencies)> Round(BenchSettings settings, int transactions, Func<Task> transaction)
    {
        var latencies = new double[transactions];
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < transactions)
            {
                var started = Stopwatch.GetTimestamp();
                await transaction();
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }));
        return (clock.Elapsed.TotalSeconds, [.. latencies]);
    }

    private static IEnumerable<(Guid Stream, BenchInterviewScheduled[] Events)> Streams(int batch)
    {
        for (var left = batch; left > 0; left -= EventsPerStream)
        {
            yield return (Guid.CreateVersion7(), [.. Enumerable.Range(0, Math.Min(EventsPerStream, left)).Select(_ => Event())]);
        }
    }

    private static BenchInterviewScheduled Event()
    {
        var start = DateTimeOffset.UtcNow.AddDays(3);
        return new BenchInterviewScheduled(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(),
            "ml-system-design", start, start.AddHours(1), ["ml-system-design", "communication"], 0);
    }

    private static async Task MartenAppendAsync(DocumentStore store, int batch)
    {
        await using var session = store.LightweightSession();
        session.CorrelationId = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        session.CausationId = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        session.LastModifiedBy = "bench";
        foreach (var (stream, events) in Streams(batch))
        {
            session.Events.StartStream(stream, events.Cast<object>().ToArray());
        }
        await session.SaveChangesAsync();
    }

    private static async Task CreateRawTablesAsync(NpgsqlDataSource source, string schema)
    {
        await using var command = source.CreateCommand($"""
            drop schema if exists {schema} cascade;
            create schema {schema};
            create table {schema}.streams (id uuid primary key, type varchar, version bigint not null,
                timestamp timestamptz not null default now(), created timestamptz not null default now(),
                tenant_id varchar not null default '*DEFAULT*', is_archived boolean not null default false);
            create table {schema}.events (seq_id bigserial primary key, id uuid not null,
                stream_id uuid not null references {schema}.streams(id), version bigint not null, data jsonb not null,
                type varchar not null, timestamp timestamptz not null default now(), tenant_id varchar not null default '*DEFAULT*',
                mt_dotnet_type varchar, correlation_id varchar, causation_id varchar, user_name varchar,
                is_archived boolean not null default false, unique (stream_id, version));
            """);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task RawAppendAsync(NpgsqlDataSource source, string schema, int batch)
    {
        await using var connection = await source.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var commands = new NpgsqlBatch(connection, transaction);
        foreach (var (stream, events) in Streams(batch))
        {
            var insertStream = new NpgsqlBatchCommand($"insert into {schema}.streams (id, version) values ($1, $2)");
            insertStream.Parameters.Add(new NpgsqlParameter { Value = stream });
            insertStream.Parameters.Add(new NpgsqlParameter { Value = (long)events.Length });
            commands.BatchCommands.Add(insertStream);
            for (var version = 1; version <= events.Length; version++)
            {
                var insertEvent = new NpgsqlBatchCommand($"""
                    insert into {schema}.events (id, stream_id, version, data, type, mt_dotnet_type, correlation_id, causation_id, user_name)
                    values ($1, $2, $3, $4::jsonb, $5, $6, $7, $8, $9)
                    """);
                insertEvent.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7() });
                insertEvent.Parameters.Add(new NpgsqlParameter { Value = stream });
                insertEvent.Parameters.Add(new NpgsqlParameter { Value = (long)version });
                insertEvent.Parameters.Add(new NpgsqlParameter { Value = JsonSerializer.Serialize(events[version - 1]) });
                insertEvent.Parameters.Add(new NpgsqlParameter { Value = "bench_interview_scheduled" });
                insertEvent.Parameters.Add(new NpgsqlParameter { Value = typeof(BenchInterviewScheduled).AssemblyQualifiedName });
                insertEvent.Parameters.Add(new NpgsqlParameter { Value = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" });
                insertEvent.Parameters.Add(new NpgsqlParameter { Value = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01" });
                insertEvent.Parameters.Add(new NpgsqlParameter { Value = "bench" });
                commands.BatchCommands.Add(insertEvent);
            }
        }
        await commands.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
    }
}
