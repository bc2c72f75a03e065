using System.Diagnostics;
using System.Globalization;
using HiringPlatform.Calibration.Engine.Import;
using HiringPlatform.Calibration.Engine.Simulation;
using HiringPlatform.Calibration.Journeys;
using HiringPlatform.Calibration.Observations;
using HiringPlatform.Calibration.Reports;
using HiringPlatform.Calibration.Simulation;
using HiringPlatform.Contracts;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;

// Replays calibration's journeys from an event store of about a million events, side by side with a raw sequential
// read of the same rows with Npgsql, in one run: Marten's read and deserialisation of every event, the rebuild of the
// journey-summary projection, and a full report (fold + analysis of the window and of the previous one).
// Usage: bench [--events 1000000] [--postgres CONNECTION] [--schema calibration_bench] [--rounds 2] [--fresh]
var events = int.Parse(Option("--events") ?? "1000000", CultureInfo.InvariantCulture);
var connection = Option("--postgres") ?? Environment.GetEnvironmentVariable("HIRING_TEST_POSTGRES")
    ?? "Host=127.0.0.1;Port=5433;Database=hiring;Username=postgres";
var schema = Option("--schema") ?? "calibration_bench";
var rounds = int.Parse(Option("--rounds") ?? "2", CultureInfo.InvariantCulture);

using var store = DocumentStore.For(options =>
{
    options.Connection(connection);
    options.DatabaseSchemaName = schema;
    options.Events.DatabaseSchemaName = schema;
    options.Events.StreamIdentity = StreamIdentity.AsGuid;
    options.Events.AppendMode = EventAppendMode.Rich;
    options.Projections.Add<JourneySummaryProjection>(ProjectionLifecycle.Async);
    options.AutoCreateSchemaObjects = AutoCreate.CreateOrUpdate;
});

if (args.Contains("--fresh"))
{
    await store.Advanced.Clean.CompletelyRemoveAllAsync();
}
await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();

var stored = await CountAsync();
if (stored < events * 0.95)
{
    await SeedAsync(events - stored);
    stored = await CountAsync();
}
var asOf = DateTimeOffset.UtcNow;
Console.WriteLine($"event store: {stored:N0} events in schema {schema} (PostgreSQL {connection.Split(';').First(p => p.StartsWith("Port", StringComparison.Ordinal))})");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores; .NET {Environment.Version}; rounds: {rounds} (each measure alternates, best round reported)");

var results = new Dictionary<string, List<(double Seconds, long Events)>>();
void Record(string name, double seconds, long count)
{
    (results.TryGetValue(name, out var list) ? list : results[name] = []).Add((seconds, count));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {count:N0} events in {seconds:0.00} s = {count / seconds:N0} events/s"));
}

List<IIntegrationEvent> journeyEvents = [];
for (var round = 1; round <= rounds; round++)
{
    Console.WriteLine($"round {round}/{rounds}");
    var watch = Stopwatch.StartNew();
    var (rawCount, bytes) = await RawReadAsync();
    Record("raw Npgsql sequential read", watch.Elapsed.TotalSeconds, rawCount);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    ({bytes / 1048576.0:N0} MiB of event JSON)"));

    GC.Collect();
    watch.Restart();
    (journeyEvents, _, _) = await ReportInputs.JourneyEventsAsync(store, asOf, CancellationToken.None);
    Record("Marten read + deserialise (report input)", watch.Elapsed.TotalSeconds, journeyEvents.Count);

    watch.Restart();
    using (var daemon = await store.BuildProjectionDaemonAsync())
    {
        await daemon.RebuildProjectionAsync<JourneySummaryProjection>(TimeSpan.FromMinutes(30), CancellationToken.None);
    }
    Record("journey-summary projection rebuild", watch.Elapsed.TotalSeconds, stored);
}

await using (var query = store.QuerySession())
{
    Console.WriteLine($"journey summaries after the rebuild: {await query.Query<JourneySummary>().CountAsync():N0}");
}

Console.WriteLine("report over the replayed journeys (window: the 6 months before now; previous window one month earlier)");
var reportWatch = Stopwatch.StartNew();
var window = new ReportWindow(asOf.AddMonths(-6), asOf);
var current = SeasonFold.Build(journeyEvents, window);
var previous = SeasonFold.Build(journeyEvents, window.Previous(1));
var foldSeconds = reportWatch.Elapsed.TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  fold of {journeyEvents.Count:N0} events into two windows: {foldSeconds:0.00} s ({journeyEvents.Count / foldSeconds:N0} events/s); {current.Notes.Scorecards:N0} and {previous.Notes.Scorecards:N0} scorecards"));
var lastStage = "";
var output = ComputeReport.Run(Guid.CreateVersion7(), "platform", asOf, current, previous, RatingScale.Default, ReportConfigs.Current, (stage, percent) =>
{
    if (stage != lastStage && !stage.Contains("detector times", StringComparison.Ordinal))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {reportWatch.Elapsed.TotalSeconds,7:0.0} s  {percent,3}%  {stage}"));
        lastStage = stage;
    }
});
var reportSeconds = reportWatch.Elapsed.TotalSeconds;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"  report: {reportSeconds:0.0} s in all, {output.Flags.Count} flags, input hash {output.InputHash[..12]}, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576:N0} MB"));

var raw = Best("raw Npgsql sequential read");
Console.WriteLine();
Console.WriteLine("| step | events | best s | events/s | vs raw read |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var name in results.Keys)
{
    var best = Best(name);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {best.Events:N0} | {best.Seconds:0.00} | {best.Events / best.Seconds:N0} | {(best.Events / best.Seconds) / (raw.Events / raw.Seconds):0.00} |"));
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"| report (fold + analysis of two windows) | {journeyEvents.Count:N0} | {reportSeconds:0.0} | {journeyEvents.Count / reportSeconds:N0} | {(journeyEvents.Count / reportSeconds) / (raw.Events / raw.Seconds):0.000} |"));
return 0;

(double Seconds, long Events) Best(string name) => results[name].MinBy(r => r.Seconds / Math.Max(1, r.Events));

async Task<long> CountAsync()
{
    await using var db = new NpgsqlConnection(connection);
    await db.OpenAsync();
    await using var command = new NpgsqlCommand($"select count(*) from {schema}.mt_events", db);
    return (long)(await command.ExecuteScalarAsync())!;
}

async Task<(long Count, long Bytes)> RawReadAsync()
{
    await using var db = new NpgsqlConnection(connection);
    await db.OpenAsync();
    await using var command = new NpgsqlCommand(
        $"select seq_id, stream_id, type, timestamp, data from {schema}.mt_events where timestamp <= @asOf order by seq_id", db);
    command.Parameters.AddWithValue("asOf", asOf);
    await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess);
    long count = 0, bytes = 0;
    while (await reader.ReadAsync())
    {
        _ = reader.GetInt64(0);
        _ = reader.GetGuid(1);
        _ = reader.GetString(2);
        _ = reader.GetFieldValue<DateTimeOffset>(3);
        bytes += reader.GetString(4).Length;
        count++;
    }
    return (count, bytes);
}

async Task SeedAsync(long missing)
{
    // About 11 events per candidate (applied, loop planned, 4 x scheduled + submitted, decision).
    var candidates = (int)Math.Ceiling(missing / 11.0);
    var interviewers = Math.Max(40, candidates / 45);
    Console.WriteLine($"seeding ~{missing:N0} events: simulating {candidates:N0} candidates and {interviewers:N0} interviewers over the last 12 months");
    var season = SeasonSimulator.Simulate(new SimulationOptions { Candidates = candidates, Interviewers = interviewers, Seed = 2026 });
    var all = SeasonEvents.From(season.RatingsCsv, season.CandidatesCsv, season.BlueprintsCsv, DateTimeOffset.UtcNow, TimeSpan.FromDays(365));
    var byCandidate = all.GroupBy(e => e.CandidateId).ToList();
    var watch = Stopwatch.StartNew();
    var appended = 0L;
    foreach (var batch in byCandidate.Chunk(1000))
    {
        await using var session = store.LightweightSession();
        foreach (var journey in batch)
        {
            session.Events.Append(journey.Key, journey.Cast<object>().ToArray());
        }
        await session.SaveChangesAsync();
        appended += batch.Sum(j => j.Count());
        Console.Write(string.Create(CultureInfo.InvariantCulture, $"\r  appended {appended:N0}/{all.Count:N0} events ({appended / watch.Elapsed.TotalSeconds:N0}/s)   "));
    }
    Console.WriteLine();
}

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
