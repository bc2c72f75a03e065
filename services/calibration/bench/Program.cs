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
// journey-summary projection, and a full report two ways, each in a process of its own so that its peak memory is its
// own: the earlier path (every event held in a list, each window folded from it, the previous window analysed again for
// flag persistence) against today's (the events streamed into one season log, the previous window's flags read from
// the stored analysis of last month's report).
// Usage: bench [--events 1000000] [--postgres CONNECTION] [--schema calibration_bench] [--rounds 2] [--fresh] [--skip-replay]
//        bench --report-path held|streamed ...   (one report in this process; what the comparison runs as a child)
var events = int.Parse(Option("--events") ?? "1000000", CultureInfo.InvariantCulture);
var connection = Option("--postgres") ?? Environment.GetEnvironmentVariable("HIRING_TEST_POSTGRES")
    ?? "Host=127.0.0.1;Port=5433;Database=hiring;Username=postgres";
var schema = Option("--schema") ?? "calibration_bench";
var rounds = int.Parse(Option("--rounds") ?? "2", CultureInfo.InvariantCulture);

var reportPath = Option("--report-path");
using var store = DocumentStore.For(options =>
{
    options.Connection(connection);
    options.DatabaseSchemaName = schema;
    options.Events.DatabaseSchemaName = schema;
    options.Events.StreamIdentity = StreamIdentity.AsGuid;
    options.Events.AppendMode = EventAppendMode.Rich;
    options.Projections.Add<JourneySummaryProjection>(ProjectionLifecycle.Async);
    options.Schema.For<WindowAnalysis>().DocumentAlias("window_analysis");
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
var asOf = Option("--as-of") is { } given ? DateTimeOffset.Parse(given, CultureInfo.InvariantCulture) : DateTimeOffset.UtcNow;
var window = new ReportWindow(asOf.AddMonths(-6), asOf);
if (reportPath is not null)
{
    return await OneReportAsync(reportPath);
}
Console.WriteLine($"event store: {stored:N0} events in schema {schema} (PostgreSQL {connection.Split(';').First(p => p.StartsWith("Port", StringComparison.Ordinal))})");
Console.WriteLine($"machine: {Environment.ProcessorCount} cores; .NET {Environment.Version}; rounds: {rounds} (each measure alternates, best round reported)");

var results = new Dictionary<string, List<(double Seconds, long Events)>>();
void Record(string name, double seconds, long count)
{
    (results.TryGetValue(name, out var list) ? list : results[name] = []).Add((seconds, count));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name}: {count:N0} events in {seconds:0.00} s = {count / seconds:N0} events/s"));
}

var journeyEvents = 0;
for (var round = 1; round <= (args.Contains("--skip-replay") ? 0 : rounds); round++)
{
    Console.WriteLine($"round {round}/{rounds}");
    var watch = Stopwatch.StartNew();
    var (rawCount, bytes) = await RawReadAsync();
    Record("raw Npgsql sequential read", watch.Elapsed.TotalSeconds, rawCount);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    ({bytes / 1048576.0:N0} MiB of event JSON)"));

    GC.Collect();
    watch.Restart();
    (_, journeyEvents, _, _) = await ReportInputs.JourneyLogAsync(store, asOf, CancellationToken.None);
    Record("Marten read + deserialise (report input)", watch.Elapsed.TotalSeconds, journeyEvents);

    watch.Restart();
    using (var daemon = await store.BuildProjectionDaemonAsync())
    {
        await daemon.RebuildProjectionAsync<JourneySummaryProjection>(TimeSpan.FromMinutes(30), CancellationToken.None);
    }
    Record("journey-summary projection rebuild", watch.Elapsed.TotalSeconds, stored);
}

if (results.Count > 0)
{
    await using var query = store.QuerySession();
    Console.WriteLine($"journey summaries after the rebuild: {await query.Query<JourneySummary>().CountAsync():N0}");
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
    Console.WriteLine();
}

// The report of the 6 months before now, with flag persistence against the window a month earlier. Last month's report
// (whose window that is) is computed first and its analyses stored, as the service would have; then each path runs
// in a child process, the earlier path first and today's second, then again in the other order.
Console.WriteLine("last month's report (its analyses stored for persistence)...");
var setup = Stopwatch.StartNew();
{
    var (log, _, _, _) = await ReportInputs.JourneyLogAsync(store, asOf, CancellationToken.None);
    var lastMonth = window.Previous(1);
    var output = ComputeReport.Run(Guid.CreateVersion7(), "platform", asOf, log.Build(lastMonth), log.Build(lastMonth.Previous(1)), RatingScale.Default, ReportConfigs.Current);
    await using var session = store.LightweightSession();
    foreach (var analysis in output.Analyses)
    {
        session.Store(analysis);
    }
    await session.SaveChangesAsync();
}
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  done in {setup.Elapsed.TotalSeconds:0.0} s"));
GC.Collect();

var children = new List<(string Path, string Line)>();
foreach (var path in new[] { "held", "streamed", "streamed", "held" }.Take(rounds >= 2 ? 4 : 2))
{
    Console.WriteLine($"report, {path} path (child process):");
    children.Add((path, await ChildAsync(path)));
}
Console.WriteLine();
Console.WriteLine("| report path | events | s | peak working set MB | stored analyses read |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var (path, line) in children)
{
    Console.WriteLine(line);
}
return 0;

// One report in this process: "held" is the path before issue 16 (every event in a list, each window folded from it,
// every window analysed), "streamed" today's (one pass into a season log, stored analyses reused).
async Task<int> OneReportAsync(string path)
{
    var watch = Stopwatch.StartNew();
    var lastStage = "";
    void Progress(string stage, int percent)
    {
        if (stage != lastStage && !stage.Contains("detector times", StringComparison.Ordinal))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {watch.Elapsed.TotalSeconds,7:0.0} s  {percent,3}%  {stage}"));
            lastStage = stage;
        }
    }

    SeasonInput current, previous;
    int count;
    IReadOnlyDictionary<string, WindowAnalysis> known;
    if (path == "held")
    {
        var events = new List<IIntegrationEvent>();
        await using (var session = store.QuerySession())
        {
            await foreach (var e in session.Events.QueryAllRawEvents().Where(e => e.Timestamp <= asOf).OrderBy(e => e.Sequence).ToAsyncEnumerable())
            {
                if (e.Data is IIntegrationEvent integration)
                {
                    events.Add(integration);
                }
            }
        }
        count = events.Count;
        Progress($"read {count:N0} events into a list", 8);
        current = SeasonFold.Build(events, window);
        previous = SeasonFold.Build(events, window.Previous(1));
        known = new Dictionary<string, WindowAnalysis>();
    }
    else
    {
        var (events, inputs) = await ReportInputs.WindowsAsync(store, asOf, [window, window.Previous(1)], CancellationToken.None);
        count = events;
        Progress($"read {count:N0} events into the season log and folded both windows", 8);
        (current, previous) = (inputs[0], inputs[1]);
        known = await ReportInputs.StoredAnalysesAsync(store, [previous], RatingScale.Default, ReportConfigs.Current.Version, CancellationToken.None);
    }
    Progress($"folded: {current.Notes.Scorecards:N0} and {previous.Notes.Scorecards:N0} scorecards", 9);
    var output = ComputeReport.Run(Guid.CreateVersion7(), "platform", asOf, current, previous, RatingScale.Default, ReportConfigs.Current, Progress, known: known);
    var seconds = watch.Elapsed.TotalSeconds;
    var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1048576;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"    {output.Flags.Count} flags ({output.Flags.Count(f => f.Status == FlagStatus.Actionable)} actionable), report hash {output.ReportHash[..12]}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"RESULT | {path} | {count:N0} | {seconds:0.0} | {peak:N0} | {output.ReusedFrom.Count} |"));
    return 0;
}

async Task<string> ChildAsync(string path)
{
    var self = Environment.ProcessPath!;
    var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(self) == "dotnet")
    {
        start.ArgumentList.Add(typeof(WindowAnalysis).Assembly.Location.Replace("HiringPlatform.Calibration.dll", "HiringPlatform.Calibration.Bench.dll", StringComparison.Ordinal));
    }
    foreach (var a in new[] { "--report-path", path, "--postgres", connection, "--schema", schema, "--events", events.ToString(CultureInfo.InvariantCulture),
                 "--as-of", asOf.ToString("O", CultureInfo.InvariantCulture) })
    {
        start.ArgumentList.Add(a);
    }
    using var child = Process.Start(start)!;
    var result = "";
    while (await child.StandardOutput.ReadLineAsync() is { } line)
    {
        if (line.StartsWith("RESULT ", StringComparison.Ordinal))
        {
            result = line["RESULT ".Length..];
        }
        Console.WriteLine(line);
    }
    await child.WaitForExitAsync();
    return child.ExitCode == 0 ? result : $"| {path} | failed (exit {child.ExitCode}) | | | |";
}

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
