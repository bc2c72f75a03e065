namespace HiringPlatform.Scheduling.Bench;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.Contracts;
using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Contracts.Scheduling;
using HiringPlatform.Scheduling.Interviewers;
using HiringPlatform.Scheduling.Interviews;
using HiringPlatform.Scheduling.Interviews.Assignment;
using HiringPlatform.ServiceDefaults.Security;
using HiringPlatform.Testing;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

/// <summary>
/// The scheduling service against its own algorithm, on the same pool and the same loops: the
/// service hosted in this process on the real PostgreSQL and RabbitMQ (a schema and a virtual host
/// of its own), interviewers registered through its API, then a burst of LoopPlanned messages; the
/// clock stops at each loop's last InterviewScheduled (or its SchedulingFailed) leaving the outbox.
/// Afterwards the pure scheduler runs the same loops in the same order over the same interviewers
/// (read back from the service's own documents). Where the service's time goes is read from its
/// own meter (attempts and collisions of bookings) and the consume/commit/publish timestamps.
/// </summary>
public static class ServiceBench
{
    private static readonly (string Type, int Minutes)[] Junior = [("coding", 60), ("coding", 60), ("data-modeling", 60), ("project-deep-dive", 45)];
    private static readonly string[] Types = ["coding", "data-modeling", "project-deep-dive"];

    /// <summary>Warm-up bursts stop once one leaves the JIT fewer methods than this to compile (or after <see cref="WarmUpRounds"/>).</summary>
    private const int QuietMethods = 200;

    private const int WarmUpRounds = 10;

    public static async Task<int> RunAsync(int interviewers, int loops, int seed, int warmUp)
    {
        Console.WriteLine($"Scheduling service against the pure scheduler: {interviewers} interviewers, {loops} loops of "
            + $"{Junior.Length} interviews (burst), warm-up {warmUp} loops, seed {seed}, {Environment.ProcessorCount} cores, load average {Load()}");
        // The service's content root (its appsettings.json), four folders above this bench's bin/<config>/<tfm>/.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_HIRINGPLATFORM_SCHEDULING",
            Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..")));
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        await using var host = new ServiceHost<Marker>("scheduling", infrastructure,
            new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Warning" });
        host.Start();
        using var client = host.CreateClientAs("bench", Roles.Recruiter);
        var bus = host.Services.GetRequiredService<IBus>();
        var outcomes = new Outcomes();
        using var published = bus.ConnectPublishObserver(outcomes);
        using var consumed = bus.ConnectConsumeObserver(outcomes);
        using var meter = new AttemptCounter();

        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, interviewers), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, token) =>
        {
            int pick;
            lock (random)
            {
                pick = random.Next();
            }
            var qualified = Types.Where((_, t) => ((pick >> t) & 1) == 1 || t == pick % Types.Length).ToArray();
            var response = await client.PostAsJsonAsync("/api/v1/interviewers", new
            {
                name = $"Interviewer {i}", email = $"interviewer.{i}@example.com", team = $"team-{i % 7}",
                seniority = i % 5 == 0 ? "staff" : "senior", qualifiedFor = qualified, hiringManagerFor = Array.Empty<string>(),
                weeklyCap = 20,
            }, token);
            response.EnsureSuccessStatusCode();
        });
        Console.WriteLine($"registered {interviewers} interviewers in {clock.Elapsed.TotalSeconds:F1} s");

        var firstDay = DateTime.UtcNow.Date.AddDays(7);
        var days = Enumerable.Range(0, 2000).Select(d => firstDay.AddDays(d)).Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).ToList();
        var perDay = Math.Max(1, interviewers * 3 / 8); // well under what the pool can hold in a day
        var plan = Enumerable.Range(0, loops).Select(n => Loop(days[n / perDay])).ToList();

        // Warm-up, not measured: one loop through the whole path (connections, the daemon), then bursts of their own on the
        // last days (so they take nothing from the measured ones) until a burst leaves the JIT nearly nothing to compile.
        // The runtime compiles hot code again, optimised, only after it has been called often enough while nothing new is
        // being compiled, and in a service under a burst something always is: measured after one loop, the service ran
        // the scheduler's first, unoptimised code (five times slower per loop) while the pure run afterwards got the
        // optimised one, and the ratio said more about the JIT than about the service.
        var warm = new List<LoopPlanned> { Loop(days[^1]) };
        await bus.Publish(warm[0], context => context.MessageId = warm[0].EventId);
        await outcomes.WaitAsync([warm[0].LoopId], Junior.Length, TimeSpan.FromMinutes(2));
        for (var round = 1; round <= WarmUpRounds && warmUp > 0; round++)
        {
            var burst = Enumerable.Range(warm.Count, warmUp).Select(n => Loop(days[^(1 + n / perDay)])).ToList();
            warm.AddRange(burst);
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            clock.Restart();
            foreach (var loop in burst)
            {
                await bus.Publish(loop, context => context.MessageId = loop.EventId);
            }
            await outcomes.WaitAsync(burst.Select(l => l.LoopId).ToList(), Junior.Length, TimeSpan.FromMinutes(10));
            compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - compiled;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"warm-up burst {round}: {burst.Count / clock.Elapsed.TotalSeconds:F1} loops/s, {compiled} methods compiled meanwhile"));
            if (compiled < QuietMethods)
            {
                break;
            }
        }
        meter.Reset();

        var sent = new ConcurrentDictionary<Guid, long>();
        clock.Restart();
        await Parallel.ForEachAsync(plan, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (loop, token) =>
        {
            sent[loop.LoopId] = Stopwatch.GetTimestamp();
            await bus.Publish(loop, context => context.MessageId = loop.EventId, token);
        });
        var publishSeconds = clock.Elapsed.TotalSeconds;
        await outcomes.WaitAsync(plan.Select(l => l.LoopId).ToList(), Junior.Length, TimeSpan.FromMinutes(30), loops,
            done => Console.Error.Write($"\r  {done}/{loops} loops scheduled ({clock.Elapsed.TotalSeconds:F0} s)"));
        Console.Error.WriteLine();
        var serviceSeconds = clock.Elapsed.TotalSeconds;
        var latencies = plan.Select(l => (outcomes.Done[l.LoopId] - sent[l.LoopId]) * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        var waits = plan.Where(l => outcomes.Started.ContainsKey(l.LoopId))
            .Select(l => (outcomes.Started[l.LoopId] - sent[l.LoopId]) * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        var failed = plan.Count(l => outcomes.Failed.ContainsKey(l.LoopId));

        // The pure scheduler on the same interviewers (as the service stores them) and the same loops, in the same order.
        var store = host.Services.GetRequiredService<IDocumentStore>();
        var options = host.Services.GetRequiredService<IOptions<SchedulingOptions>>().Value;
        await using var session = store.QuerySession();
        var warmLoops = warm.Select(l => l.LoopId).ToHashSet();
        var details = (await session.Query<InterviewerDetails>().ToListAsync())
            .Select(d => d with { Reservations = d.Reservations.Where(r => warmLoops.Contains(r.LoopId)).ToList() })
            .ToDictionary(d => d.Id);
        var pure = Pure(plan, details, options);

        var serviceRate = loops / serviceSeconds;
        Console.WriteLine();
        Console.WriteLine("| path | loops/s | p50 ms | p99 ms | scheduled | notes |");
        Console.WriteLine("|---|---|---|---|---|---|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| scheduling service (burst, publish to last InterviewScheduled) | {serviceRate:F1} | {P(latencies, 0.5):F0} | {P(latencies, 0.99):F0} | {loops - failed}/{loops} | "
            + $"queue wait p50 {P(waits, 0.5):F0} ms; {meter.Attempts} booking attempts, {meter.Collisions} collisions for {loops} loops |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| pure scheduler (PanelAssigner.Assign, one thread) | {pure.PerSecond:F1} | {pure.P50:F2} | {pure.P99:F2} | {pure.Scheduled}/{loops} | per-loop assignment time |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"service / pure throughput: {serviceRate / pure.PerSecond:F2} (publishing the burst took {publishSeconds:F1} s); load average {Load()}"));
        return 0;

        LoopPlanned Loop(DateTime day) => new(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), "bench-role", "junior",
            Junior.Select((s, i) => new PlannedSlot(Guid.CreateVersion7(), i + 1, s.Type, s.Minutes,
                [new CompetencyWeight("algorithms", 1m)], "qualified")).ToList(),
            [], DateTimeOffset.UtcNow, "bench", "UTC",
            [new AvailabilityWindow(new DateTimeOffset(day.AddHours(8), TimeSpan.Zero), new DateTimeOffset(day.AddHours(18), TimeSpan.Zero))]);
    }

    private static (double PerSecond, double P50, double P99, int Scheduled) Pure(IReadOnlyList<LoopPlanned> plan,
        Dictionary<Guid, InterviewerDetails> details, SchedulingOptions options)
    {
        var members = details.Values.ToDictionary(d => d.Id, d => Booking.Member(d, null, options.Weights.SeverityThreshold));
        var times = new List<double>();
        var scheduled = 0;
        var now = DateTimeOffset.UtcNow;
        foreach (var loop in plan)
        {
            var requested = LoopPlannedConsumer.Requested(loop, options, now);
            var toSchedule = new LoopToSchedule(loop.Role, requested.Slots.Select(LoopPlannedConsumer.ToFill).ToList(),
                LoopPlannedConsumer.Open(requested.Availability, now));
            var pool = members.Values.ToList();
            var started = Stopwatch.GetTimestamp();
            var result = PanelAssigner.Assign(toSchedule, pool, options);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var (_, interviewerEvents) = LoopPlannedConsumer.Decide(requested, requested.Slots, result, now, "bench");
            scheduled += result is AssignmentResult.Scheduled ? 1 : 0;
            foreach (var (id, e) in interviewerEvents)
            {
                details[id] = InterviewerDetailsProjection.Apply((InterviewerReserved)e, details[id]);
                members[id] = Booking.Member(details[id], null, options.Weights.SeverityThreshold);
            }
        }
        var sorted = times.Order().ToArray();
        return (plan.Count / (times.Sum() / 1000), P(sorted, 0.5), P(sorted, 0.99), scheduled);
    }

    private static double P(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>When each loop's consumer started and when its last outcome left the outbox.</summary>
    private sealed class Outcomes : IPublishObserver, IConsumeObserver
    {
        private readonly ConcurrentDictionary<Guid, int> interviews = new();

        public ConcurrentDictionary<Guid, long> Done { get; } = new();

        public ConcurrentDictionary<Guid, long> Started { get; } = new();

        public ConcurrentDictionary<Guid, bool> Failed { get; } = new();

        private int expected = int.MaxValue;

        public async Task WaitAsync(IReadOnlyList<Guid> loops, int slots, TimeSpan timeout, int? total = null, Action<int>? progress = null)
        {
            expected = slots;
            var deadline = Stopwatch.StartNew();
            while (loops.Count(Done.ContainsKey) < loops.Count)
            {
                if (deadline.Elapsed > timeout)
                {
                    throw new TimeoutException($"{loops.Count(Done.ContainsKey)} of {loops.Count} loops scheduled after {timeout}");
                }
                progress?.Invoke(loops.Count(Done.ContainsKey));
                await Task.Delay(100);
            }
        }

        public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

        public Task PostPublish<T>(PublishContext<T> context) where T : class
        {
            var now = Stopwatch.GetTimestamp();
            switch (context.Message)
            {
                case InterviewScheduled scheduled when interviews.AddOrUpdate(scheduled.LoopId, 1, (_, n) => n + 1) >= expected:
                    Done.TryAdd(scheduled.LoopId, now);
                    break;
                case SchedulingFailed failed:
                    Failed[failed.LoopId] = true;
                    Done.TryAdd(failed.LoopId, now);
                    break;
            }
            return Task.CompletedTask;
        }

        public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.Message is LoopPlanned loop)
            {
                Started.TryAdd(loop.LoopId, Stopwatch.GetTimestamp());
            }
            return Task.CompletedTask;
        }

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }

    /// <summary>The service's booking attempts and collisions, from its meter.</summary>
    private sealed class AttemptCounter : IDisposable
    {
        private readonly MeterListener listener = new();
        private long attempts;
        private long collisions;

        public AttemptCounter()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == Booking.MeterName && instrument.Name == Booking.AttemptsInstrument)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                Interlocked.Add(ref attempts, value);
                foreach (var tag in tags)
                {
                    if (tag is { Key: "outcome", Value: "collision" })
                    {
                        Interlocked.Add(ref collisions, value);
                    }
                }
            });
            listener.Start();
        }

        public long Attempts => Interlocked.Read(ref attempts);

        public long Collisions => Interlocked.Read(ref collisions);

        public void Reset()
        {
            Interlocked.Exchange(ref attempts, 0);
            Interlocked.Exchange(ref collisions, 0);
        }

        public void Dispose() => listener.Dispose();
    }
}
