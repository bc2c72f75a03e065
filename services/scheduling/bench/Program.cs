// The scheduler benchmark: a synthetic pool of interviewers and one week of loops, scheduled one
// after another by the pure scheduler (no database, no broker), as the service does.
//   dotnet run -c Release --project services/scheduling/bench [-- --interviewers 2000 --loops 1000 --seed 7]
//   dotnet run -c Release --project services/scheduling/bench -- service [--interviewers 20 --loops 200 --warm-up 256]
//     the scheduling service (in this process, real PostgreSQL and RabbitMQ) against the pure scheduler, both measured
//     after warm-up bursts of their own (on days the measured loops do not use) until the JIT has settled.
// With no arguments it runs 250, 500, 1000 and 2000 interviewers with half as many loops each
// (2,000 interviewers and 1,000 loops last) and prints one table row per size.
using System.Diagnostics;
using System.Globalization;
using HiringPlatform.Scheduling.Interviewers;
using HiringPlatform.Scheduling.Bench;
using HiringPlatform.Scheduling.Interviews.Assignment;

var argsMap = args.Select((a, i) => (a, i)).Where(x => x.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(x => x.a[2..], x => x.i + 1 < args.Length ? args[x.i + 1] : "");
int Arg(string name, int fallback) => argsMap.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
var seed = Arg("seed", 7);
if (args is ["service", ..])
{
    // The service around the algorithm: see ServiceBench.
    return await ServiceBench.RunAsync(Arg("interviewers", 20), Arg("loops", 200), seed, Arg("warm-up", 256));
}
var sizes = argsMap.ContainsKey("interviewers")
    ? [(Arg("interviewers", 2000), Arg("loops", 1000))]
    : new[] { (250, 125), (500, 250), (1000, 500), (2000, 1000) };

Console.WriteLine($"Scheduler benchmark (seed {seed}, {Environment.ProcessorCount} cores, .NET {Environment.Version})");
Console.WriteLine("interviewers | loops | scheduled | loops/s | ms/loop p50 | ms/loop p99 | max/min load | load range | none | max/min (loaded) | max/min util (loaded) | optimal | mean nodes");
foreach (var (interviewers, loops) in sizes)
{
    var r = Bench.Run(interviewers, loops, seed, Arg("budget", (int)new SchedulingOptions().NodeBudget));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{interviewers,12} | {loops,5} | {r.Share,8:P1} | {r.PerSecond,7:F0} | {r.P50,11:F2} | {r.P99,11:F2} | {r.Ratio,12} | {r.Range,10} | {r.Zero,4:P0} | {r.LoadedRatio,16:F2} | {r.UtilRatio,21:F2} | {r.Optimal,7:P0} | {r.MeanNodes,10:F0}"));
}
return 0;

internal static class Bench
{
    private static readonly DateTimeOffset Friday = new(2026, 11, 27, 16, 0, 0, TimeSpan.Zero);
    private static readonly string[] Zones = ["UTC", "Europe/London", "Europe/Berlin", "America/New_York", "Asia/Kolkata"];
    private static readonly string[] Types = ["coding", "data-modeling", "system-design", "ml-system-design", "project-deep-dive"];
    private static readonly string[] Seniorities = ["junior", "senior", "senior", "staff", "principal"];

    // Loop templates by level (DOMAIN.md), with a slot length each; math-quiz is left out (use sparingly).
    private static readonly (string Type, int Minutes)[][] Templates =
    [
        [("coding", 60), ("data-modeling", 60), ("project-deep-dive", 45)],
        [("coding", 60), ("coding", 60), ("data-modeling", 60), ("project-deep-dive", 45)],
        [("coding", 60), ("coding", 60), ("data-modeling", 60), ("data-modeling", 60), ("system-design", 60), ("project-deep-dive", 45), ("career-chat", 30)],
        [("coding", 60), ("data-modeling", 60), ("data-modeling", 60), ("system-design", 60), ("ml-system-design", 60), ("project-deep-dive", 45), ("career-chat", 30)],
    ];

    public sealed record Result(double Share, double PerSecond, double P50, double P99, string Ratio, string Range, double Zero,
        double LoadedRatio, double UtilRatio, double Optimal, double MeanNodes);

    private sealed class State(Guid id, string name, string team, string seniority, Dictionary<string, TrainingStage> stages,
        string[] managerFor, int cap, TimeZoneInfo zone, List<TimeRange> busy, PanelCalibration calibration)
    {
        public Dictionary<DateOnly, int> Load { get; } = [];
        public List<TimeRange> Busy { get; } = busy;
        public Dictionary<string, TrainingStage> Stages { get; } = stages;

        public PoolMember Member() => new(id, name, team, seniority, Stages, managerFor, cap, zone, WorkingHours.Default, Busy,
            new Dictionary<DateOnly, int>(Load), calibration);
    }

    public static Result Run(int interviewers, int loops, int seed, int budget)
    {
        var random = new Random(seed);
        var roles = Enumerable.Range(0, Math.Max(5, interviewers / 50)).Select(i => $"role-{i}").ToArray();
        var teams = Enumerable.Range(0, Math.Max(4, interviewers / 25)).Select(i => $"team-{i}").ToArray();
        var states = new List<State>();
        for (var i = 0; i < interviewers; i++)
        {
            var seniority = Seniorities[random.Next(Seniorities.Length)];
            var stages = Types.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToDictionary(t => t, _ => TrainingStage.Qualified);
            if (random.NextDouble() < 0.1)
            {
                stages.TryAdd(Types[random.Next(Types.Length)], random.NextDouble() < 0.5 ? TrainingStage.Shadow : TrainingStage.ReverseShadow);
            }
            var zone = TimeZoneInfo.FindSystemTimeZoneById(Zones[random.Next(Zones.Length)]);
            var busy = new List<TimeRange>();
            for (var b = random.Next(0, 6); b > 0; b--)
            {
                var day = Friday.AddDays(3 + random.Next(5)).Date;
                var start = new DateTimeOffset(day, TimeSpan.Zero).AddHours(6 + random.Next(14));
                busy.Add(new TimeRange(start, start.AddMinutes(30 * random.Next(1, 5))));
            }
            var roll = random.NextDouble();
            var calibration = new PanelCalibration(roll < 0.1, roll is >= 0.1 and < 0.2,
                random.NextDouble() < 0.05 ? new HashSet<string> { stages.Keys.First() } : new HashSet<string>());
            var managerFor = i < roles.Length * 3 ? new[] { roles[i % roles.Length] } : [];
            states.Add(new State(Guid.CreateVersion7(), $"i{i}", teams[random.Next(teams.Length)], seniority, stages, managerFor,
                random.Next(5, 9), zone, busy, calibration));
        }
        var members = states.Select(s => s.Member()).ToList();
        var byId = Enumerable.Range(0, states.Count).ToDictionary(i => members[i].Id, i => i);
        var options = new SchedulingOptions { NodeBudget = budget };

        var times = new List<double>();
        var scheduled = 0;
        var optimal = 0;
        var nodes = 0L;
        var watch = new Stopwatch();
        var failures = new Dictionary<string, int>();
        for (var l = 0; l < loops; l++)
        {
            var template = Templates[random.Next(Templates.Length)];
            var slots = template.Select((t, i) => new SlotToFill(Guid.CreateVersion7(), i + 1, t.Type, t.Minutes)).ToList();
            var zone = TimeZoneInfo.FindSystemTimeZoneById(Zones[random.Next(Zones.Length)]);
            var windows = PanelAssigner.DefaultWindows(Friday, zone, 5);
            if (random.NextDouble() < 0.4)
            {
                // Some candidates give two days, 10:00-16:00 their time.
                windows = windows.OrderBy(_ => random.Next()).Take(2).Select(w => new TimeRange(w.Start.AddHours(1), w.End.AddHours(-1))).ToList();
            }
            var loop = new LoopToSchedule(roles[random.Next(roles.Length)], slots, windows);

            watch.Restart();
            var result = PanelAssigner.Assign(loop, members, options);
            watch.Stop();
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (Environment.GetEnvironmentVariable("BENCH_SLOW") is { } slow && watch.Elapsed.TotalMilliseconds > double.Parse(slow, CultureInfo.InvariantCulture))
            {
                Console.WriteLine($"slow loop {l}: {watch.Elapsed.TotalMilliseconds:F0} ms, {slots.Count} slots, {windows.Count} windows, {result.GetType().Name}, nodes {(result as AssignmentResult.Scheduled)?.Nodes}");
            }
            if (result is AssignmentResult.Failed failed)
            {
                foreach (var f in failed.Slots)
                {
                    var key = $"{f.InterviewType}: {f.Constraint}";
                    failures[key] = failures.GetValueOrDefault(key) + 1;
                }
            }
            if (result is AssignmentResult.Scheduled done)
            {
                scheduled++;
                optimal += done.ProvenOptimal ? 1 : 0;
                nodes += done.Nodes;
                foreach (var a in done.Assignments)
                {
                    foreach (var person in new[] { a.Interviewer, a.Trainee }.OfType<PoolMember>())
                    {
                        var i = byId[person.Id];
                        states[i].Busy.Add(a.Time);
                        var week = person.WeekOf(a.StartsAt);
                        states[i].Load[week] = states[i].Load.GetValueOrDefault(week) + 1;
                        members[i] = states[i].Member();
                    }
                }
            }
        }

        // Load among interviewers qualified for a type the loops use, in the benchmark's week.
        var qualified = members.Where(m => m.Stages.Values.Any(s => s == TrainingStage.Qualified)).ToList();
        var loads = qualified.Select(m => m.LoadByWeek.Values.Sum()).ToList();
        var loaded = qualified.Where(m => m.LoadByWeek.Values.Sum() > 0).ToList();
        var utilisation = loaded.Select(m => (double)m.LoadByWeek.Values.Sum() / m.WeeklyCap).ToList();
        var max = loads.Max();
        var min = loads.Min();
        times.Sort();
        if (Environment.GetEnvironmentVariable("BENCH_DETAIL") == "1")
        {
            Console.WriteLine("  failed slots: " + string.Join(", ", failures.Select(f => $"{f.Key} x{f.Value}")));
            var top = qualified.OrderByDescending(m => (double)m.LoadByWeek.Values.Sum() / m.WeeklyCap).Take(20).ToList();
            Console.WriteLine($"  top 20 by load/cap: {top.Count(m => m.HiringManagerFor.Count > 0)} hiring managers");
            var idle = qualified.Where(m => m.LoadByWeek.Values.Sum() == 0).ToList();
            Console.WriteLine($"  idle: {idle.Count}, by zone " + string.Join(", ", idle.GroupBy(m => m.Zone.Id).Select(g => $"{g.Key} {g.Count()}"))
                + "; only ml-system-design below staff: " + idle.Count(m => m.Stages.Where(x => x.Value == TrainingStage.Qualified).All(x => x.Key == "ml-system-design") && m.Seniority is "junior" or "senior"));
        }
        return new Result((double)scheduled / loops, loops / (times.Sum() / 1000), times[times.Count / 2], times[(int)(times.Count * 0.99)],
            min == 0 ? "inf" : ((double)max / min).ToString("F2", CultureInfo.InvariantCulture), $"{min}-{max}",
            (double)loads.Count(x => x == 0) / loads.Count,
            loaded.Count == 0 ? 0 : (double)max / loaded.Min(m => m.LoadByWeek.Values.Sum()),
            utilisation.Count == 0 ? 0 : utilisation.Max() / utilisation.Min(),
            scheduled == 0 ? 0 : (double)optimal / scheduled, scheduled == 0 ? 0 : (double)nodes / scheduled);
    }
}
