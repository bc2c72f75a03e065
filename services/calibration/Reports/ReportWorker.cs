namespace HiringPlatform.Calibration.Reports;

using System.Diagnostics;
using HiringPlatform.Calibration.Engine.Import;
using HiringPlatform.Calibration.Observations;
using HiringPlatform.Calibration.RatingSets;
using HiringPlatform.Contracts;
using HiringPlatform.ServiceDefaults.Telemetry;
using Marten;

public sealed class ReportWorkerOptions
{
    public const string Section = "Calibration:Reports";

    /// <summary>How often an idle worker looks for requested reports.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A report that fails this many times for reasons other than its input is marked failed.</summary>
    public int MaxAttempts { get; set; } = 3;

    /// <summary>Months between consecutive windows for flag persistence (§4.8: rolling windows stepped monthly).</summary>
    public int PersistenceStepMonths { get; set; } = 1;
}

/// <summary>
/// Computes requested reports in the background, one at a time per replica. A worker claims a
/// report by appending <see cref="ReportStarted"/> at the version it read (optimistic concurrency:
/// two replicas never compute the same report at once); a report whose worker died is taken over
/// when its lease expires. Progress is written as it goes so the poller sees it.
/// </summary>
public sealed class ReportWorker(IDocumentStore store, TimeProvider clock, Microsoft.Extensions.Options.IOptions<ReportWorkerOptions> options,
    ILogger<ReportWorker> logger) : BackgroundService
{
    private readonly string worker = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var worked = false;
            try
            {
                worked = await RunNextAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database or broker is away: try again after the poll interval; the lease keeps the report safe.
                logger.LogWarning(e, "Calibration report worker: {Message}", e.Message);
            }
            if (!worked)
            {
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>Claims and computes one report; false when there was nothing to do.</summary>
    public async Task<bool> RunNextAsync(CancellationToken token)
    {
        var now = clock.GetUtcNow();
        var leaseStart = now - ReportRun.Lease;
        ReportRun? run;
        await using (var query = store.QuerySession())
        {
            run = await query.Query<ReportRun>()
                .Where(r => r.Status == ReportStatus.Requested || (r.Status == ReportStatus.Running && r.StartedAt < leaseStart))
                .OrderBy(r => r.RequestedAt)
                .FirstOrDefaultAsync(token);
        }
        if (run is null)
        {
            return false;
        }

        await using (var claim = store.LightweightSession())
        {
            if (run.Attempts >= options.Value.MaxAttempts)
            {
                claim.Events.Append(run.Id, run.Version + 1, new ReportFailed(run.Id, $"gave up after {run.Attempts} attempts that did not finish (see the service logs)", now));
            }
            else
            {
                claim.Events.Append(run.Id, run.Version + 1, new ReportStarted(run.Id, worker, run.Attempts + 1, now));
            }
            try
            {
                await claim.SaveChangesAsync(token);
            }
            catch (Exception e) when (e is JasperFx.ConcurrencyException or JasperFx.Events.EventStreamUnexpectedMaxEventIdException)
            {
                return true; // another replica claimed it first
            }
            if (run.Attempts >= options.Value.MaxAttempts)
            {
                return true;
            }
        }

        await GenerateAsync(run with { Status = ReportStatus.Running, Attempts = run.Attempts + 1, Version = run.Version + 1 }, token);
        return true;
    }

    private async Task GenerateAsync(ReportRun run, CancellationToken token)
    {
        using var activity = TelemetryExtensions.ActivitySource.StartActivity("calibration report");
        activity?.SetTag("calibration.report.id", run.Id);
        var watch = Stopwatch.StartNew();
        var lastStage = "";
        async Task Progress(string stage, int percent)
        {
            lastStage = stage;
            await using var session = store.LightweightSession();
            session.Store(new ReportProgress(run.Id, stage, percent, clock.GetUtcNow()));
            await session.SaveChangesAsync(token);
        }

        object done;
        ReportOutput? output = null;
        try
        {
            var config = ReportConfigs.Known[run.ConfigVersion];
            SeasonInput current;
            SeasonInput? previous;
            SeasonInput? lookback = null;
            SeasonInput? previousLookback = null;
            var step = options.Value.PersistenceStepMonths;
            var longer = new ReportWindow(run.Window.End.AddMonths(-config.LookbackMonths), run.Window.End);
            var lookbackApplies = config.LookbackMonths > 0 && longer.Start < run.Window.Start;
            if (run.RatingSet == RatingSetIds.Platform)
            {
                await Progress("reading journeys", 2);
                ReportWindow[] windows = lookbackApplies
                    ? [run.Window, run.Window.Previous(step), longer, longer.Previous(step)]
                    : [run.Window, run.Window.Previous(step)];
                var (events, inputs) = await ReportInputs.WindowsAsync(store, run.AsOf, windows, token);
                await Progress($"read {events} journey events", 8);
                (current, previous) = (inputs[0], inputs[1]);
                if (lookbackApplies)
                {
                    (lookback, previousLookback) = (inputs[2], inputs[3]);
                }
            }
            else
            {
                await using var query = store.QuerySession();
                var id = Guid.Parse(run.RatingSet);
                var files = await query.LoadAsync<RatingSetFiles>(id, token) ?? throw new CalibrationImportException($"rating set {id} has no files");
                current = ImportRatingSet.InputOf(files, run.Window, out var windowed);
                previous = windowed ? ImportRatingSet.InputOf(files, run.Window.Previous(step), out _) : null;
                if (windowed && lookbackApplies)
                {
                    lookback = ImportRatingSet.InputOf(files, longer, out _);
                    previousLookback = ImportRatingSet.InputOf(files, longer.Previous(step), out _);
                }
            }

            var scale = run.RatingSet == RatingSetIds.Platform ? RatingScale.Default : await ReportInputs.ScaleOfAsync(store, run.RatingSet, token);
            var known = await ReportInputs.StoredAnalysesAsync(store, [previous, previousLookback], scale, config.Version, token);
            var stages = new System.Collections.Concurrent.ConcurrentQueue<(string, int)>();
            var compute = Task.Run(() => ComputeReport.Run(run.Id, run.RatingSet, run.AsOf, current, previous, scale, config,
                (stage, percent) => stages.Enqueue((stage, percent)), lookback, previousLookback, known), token);
            while (!compute.IsCompleted)
            {
                await Task.WhenAny(compute, Task.Delay(TimeSpan.FromMilliseconds(500), token));
                (string Stage, int Percent)? latest = null;
                while (stages.TryDequeue(out var stage))
                {
                    latest = stage;
                }
                if (latest is { } report && !compute.IsCompleted)
                {
                    await Progress(report.Stage, report.Percent);
                }
            }
            output = await compute;
            done = new ReportCompleted(run.Id, run.RatingSet, run.AsOf, run.WindowStart, run.WindowEnd, run.ConfigVersion, output.InputHash,
                output.ReportHash, output.Flags.Count, output.Flags.Count(f => f.Status == FlagStatus.Actionable), output.Feedback, clock.GetUtcNow())
            {
                PersistenceReadFrom = output.ReusedFrom,
            };
        }
        catch (CalibrationImportException e)
        {
            done = new ReportFailed(run.Id, e.Message, clock.GetUtcNow());
        }

        await using var session = store.LightweightSession();
        if (output is not null)
        {
            session.Store(new ReportContent(run.Id, output.Notes, output.Flags, output.WhatIf, output.Feedback, output.Coverage));
            ReportFiles.Store(session, run.Id, ReportFiles.Report, output.ReportJson);
            ReportFiles.Store(session, run.Id, ReportFiles.Ratings, output.Input.Ratings);
            ReportFiles.Store(session, run.Id, ReportFiles.Candidates, output.Input.Candidates);
            ReportFiles.Store(session, run.Id, ReportFiles.Blueprints, output.Input.Blueprints);
            foreach (var analysis in output.Analyses)
            {
                session.Store(analysis);
            }
        }
        session.Events.Append(run.Id, run.Version + 1, done);
        await session.SaveChangesAsync(token);
        TelemetryExtensions.CalibrationRunDuration.Record(watch.Elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("outcome", done is ReportCompleted ? "completed" : "failed"));
        if (output is not null)
        {
            BusinessMetrics.RatingsAnalysed.Record(output.RatingsAnalysed,
                BusinessMetrics.Tag("rating_set", run.RatingSet == RatingSetIds.Platform ? "platform" : "imported"));
        }
        logger.LogInformation("Calibration report {ReportId} {Outcome} in {Seconds:0.0} s (last stage: {Stage}; {Reused} stored analyses reused)", run.Id,
            done is ReportCompleted ? "completed" : "failed", watch.Elapsed.TotalSeconds, lastStage, output?.ReusedFrom.Count ?? 0);
    }
}

/// <summary>The reads a report needs from the event store.</summary>
public static class ReportInputs
{
    /// <summary>
    /// Every integration event calibration had recorded at <paramref name="asOf"/>, streamed in log order into a
    /// <see cref="SeasonLog"/> (the events themselves are not kept), their number, each candidate's self-identified
    /// group as recorded by then (the latest answer; a withdrawn one removes it), and each interviewer's name as
    /// registered by then (the latest registration).
    /// </summary>
    public static async Task<(SeasonLog Log, int Events, Dictionary<Guid, string> Groups, Dictionary<Guid, string> Names)> JourneyLogAsync(IDocumentStore store, DateTimeOffset asOf, CancellationToken token)
    {
        var log = new SeasonLog();
        var count = 0;
        var groups = new Dictionary<Guid, string>();
        var names = new Dictionary<Guid, string>();
        await using var session = store.QuerySession();
        var query = session.Events.QueryAllRawEvents().Where(e => e.Timestamp <= asOf).OrderBy(e => e.Sequence);
        await foreach (var e in query.ToAsyncEnumerable(token))
        {
            if (e.Data is IIntegrationEvent integration)
            {
                log.Add(integration);
                count++;
            }
            else if (e.Data is Interviewers.InterviewerNamed named)
            {
                names[named.InterviewerId] = named.Name;
            }
            else if (e.Data is Demographics.CandidateGroupRecorded answer)
            {
                if (answer.Group is null)
                {
                    groups.Remove(answer.CandidateId);
                }
                else
                {
                    groups[answer.CandidateId] = answer.Group;
                }
            }
        }
        return (log, count, groups, names);
    }

    /// <summary>
    /// The engine's input for each window, folded from one read of the log (<see cref="JourneyLogAsync"/>), and the number
    /// of events read. The season log is let go when this returns, before anything is analysed: it holds every scorecard
    /// of the log, and the analysis of a large window needs the memory.
    /// </summary>
    public static async Task<(int Events, SeasonInput[] Inputs)> WindowsAsync(IDocumentStore store, DateTimeOffset asOf,
        IReadOnlyList<ReportWindow> windows, CancellationToken token)
    {
        var (log, events, groups, names) = await JourneyLogAsync(store, asOf, token);
        return (events, windows.Select(window => log.Build(window, groups, names)).ToArray());
    }

    /// <summary>The stored analyses (<see cref="WindowAnalysis"/>) of those inputs that an earlier report already analysed.</summary>
    public static async Task<Dictionary<string, WindowAnalysis>> StoredAnalysesAsync(IDocumentStore store, IEnumerable<SeasonInput?> inputs, RatingScale scale,
        string configVersion, CancellationToken token)
    {
        var keys = inputs.OfType<SeasonInput>().Where(i => !i.IsEmpty).Select(i => ComputeReport.AnalysisKey(i, scale, configVersion)).Distinct().ToArray();
        if (keys.Length == 0)
        {
            return [];
        }
        await using var session = store.QuerySession();
        var stored = await session.LoadManyAsync<WindowAnalysis>(token, keys);
        return stored.ToDictionary(a => a.Id, StringComparer.Ordinal);
    }

    public static async Task<RatingScale> ScaleOfAsync(IDocumentStore store, string ratingSet, CancellationToken token)
    {
        await using var session = store.QuerySession();
        var files = await session.LoadAsync<RatingSetFiles>(Guid.Parse(ratingSet), token);
        return files is null ? RatingScale.Default : RatingScale.Parse(files.Scale);
    }
}
