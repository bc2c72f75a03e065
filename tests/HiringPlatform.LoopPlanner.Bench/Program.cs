// Benchmarks the pure planning decision, LoopPlanning.Plan: template expansion, the coverage
// check and question selection against an in-memory bank. No database, broker or HTTP: what
// the endpoint adds around it (loading the bank, appending events) is not measured here.
//
//   dotnet run -c Release --project tests/HiringPlatform.LoopPlanner.Bench [-- --loops 10000 --questions 2000 --seed 42]
using System.Diagnostics;
using System.Globalization;
using HiringPlatform.LoopPlanner.Framework;
using HiringPlatform.LoopPlanner.Questions;

var loops = Arg("--loops", 10_000);
var questionCount = Arg("--questions", 2_000);
var seed = Arg("--seed", 42);
const int Warmup = 1_000;

var framework = CompetencyFramework.Load(CompetencyFramework.DefaultPath);
var random = new Random(seed);
var types = framework.InterviewTypes.Keys.ToArray();
var levels = framework.Levels.ToArray();

// A synthetic bank: types spread evenly, each question measuring one to three of its type's
// competencies, one in twenty held back by a blocking lint finding.
var questions = Enumerable.Range(0, questionCount).Select(i =>
{
    var type = types[i % types.Length];
    var blueprint = framework.InterviewTypes[type].Blueprint.Keys.ToArray();
    var competencies = blueprint.OrderBy(_ => random.Next()).Take(random.Next(1, Math.Min(3, blueprint.Length) + 1)).ToList();
    return new BankQuestion(new Guid(random.Next(), (short)random.Next(), (short)random.Next(), new byte[8]), type, competencies,
        random.Next(20) != 0);
}).ToList();
var bank = new QuestionBank(questions);
var usage = new Dictionary<Guid, int>();

// Candidates: a random level, zero to three required competencies, one in ten has seen five questions before.
var inputs = Enumerable.Range(0, loops + Warmup).Select(_ => (
    Input: new PlanInput(levels[random.Next(levels.Length)],
        framework.Competencies.OrderBy(_ => random.Next()).Take(random.Next(4)).ToList()),
    Seen: (IReadOnlySet<Guid>)(random.Next(10) == 0
        ? Enumerable.Range(0, 5).Select(_ => questions[random.Next(questions.Count)].Id).ToHashSet()
        : new HashSet<Guid>()))).ToList();

var latencies = new double[loops];
var slots = 0;
var unfilled = 0;
var cpuAtStart = TimeSpan.Zero;
var total = Stopwatch.StartNew();
for (var i = 0; i < inputs.Count; i++)
{
    if (i == Warmup)
    {
        cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        total.Restart();
    }
    var (input, seen) = inputs[i];
    var started = Stopwatch.GetTimestamp();
    var plan = LoopPlanning.Plan(framework, input, new QuestionPick(bank, seen, usage), Guid.NewGuid);
    var elapsed = Stopwatch.GetElapsedTime(started);
    foreach (var slot in plan.Slots)
    {
        if (slot.QuestionId is { } id)
        {
            usage[id] = usage.GetValueOrDefault(id) + 1;
        }
    }
    if (i >= Warmup)
    {
        latencies[i - Warmup] = elapsed.TotalMicroseconds;
        slots += plan.Slots.Count;
        unfilled += plan.QuestionGaps!.Count;
    }
}
total.Stop();
var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart;

Array.Sort(latencies);
double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
// Rotation: within each type some template plans (math-quiz is only added by a revision), the
// most and least used eligible questions should differ by little.
var planned = framework.LoopTemplates.Values.SelectMany(t => t).Select(s => s.Type).ToHashSet();
var spread = questions.Where(q => q.Eligible && planned.Contains(q.InterviewType)).GroupBy(q => q.InterviewType)
    .Select(g => (Type: g.Key, Min: g.Min(q => usage.GetValueOrDefault(q.Id)), Max: g.Max(q => usage.GetValueOrDefault(q.Id))))
    .OrderByDescending(t => t.Max - t.Min).First();
var inv = CultureInfo.InvariantCulture;
Console.WriteLine(string.Create(inv, $"loop planner bench: pure LoopPlanning.Plan, {loops} loops, {questionCount} questions, seed {seed}, {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
Console.WriteLine(string.Create(inv, $"loops per second: {loops / total.Elapsed.TotalSeconds:F0} (wall {total.Elapsed.TotalMilliseconds:F0} ms, single thread, includes usage bookkeeping); per CPU second of the process: {loops / cpu.TotalSeconds:F0}"));
Console.WriteLine(string.Create(inv, $"planning latency: p50 {Percentile(0.50):F1} us, p99 {Percentile(0.99):F1} us, max {latencies[^1]:F1} us"));
Console.WriteLine(string.Create(inv, $"slots planned: {slots}, without an eligible question: {unfilled}; rotation, widest spread of uses within a type (incl. warm-up): {spread.Type} {spread.Min}..{spread.Max}"));

static int Arg(string name, int fallback)
{
    var args = Environment.GetCommandLineArgs();
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}
