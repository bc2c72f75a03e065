using System.Diagnostics;
using System.Globalization;
using HiringPlatform.Calibration.Engine.Analysis;
using HiringPlatform.Calibration.Engine.Flagging;
using HiringPlatform.Calibration.Engine.Simulation;

namespace HiringPlatform.Calibration.Cli;

/// <summary>bench-detection and bench-performance: print the numbers recorded in docs/benchmarks.md.</summary>
public static class Benchmarks
{
    public static int Detection(Options o, TextWriter stdout, TextWriter stderr)
    {
        o.Allow("seasons", "null-seasons", "candidates", "interviewers", "seed");
        var c = CultureInfo.InvariantCulture;
        var baseline = new SimulationOptions
        {
            Candidates = o.Int("candidates", 600),
            Interviewers = o.Int("interviewers", 40),
            Seed = (ulong)o.Long("seed", 1000),
        };
        var seasons = o.Int("seasons", 20);
        var nullSeasons = o.Int("null-seasons", 200);
        var r = DetectionBenchmark.Run(seasons, nullSeasons, baseline, CalibrationConfig.Default, m => stderr.WriteLine($"[bench] {m}"));
        var perInterviewer = baseline.Candidates * baseline.InterviewsPerCandidate / (double)baseline.Interviewers;
        stdout.WriteLine(string.Create(c, $"Detection benchmark: {seasons} planted seasons, {nullSeasons} null seasons; {baseline.Candidates} candidates x {baseline.InterviewsPerCandidate} interviews, {baseline.Interviewers} interviewers (~{perInterviewer:0} scorecards each), seed {baseline.Seed}, config {CalibrationConfig.Default.Version}"));
        stdout.WriteLine();
        stdout.WriteLine("| planted kind | detector | planted | detected | power |");
        stdout.WriteLine("|---|---|---|---|---|");
        foreach (var p in r.Power)
        {
            stdout.WriteLine(string.Create(c, $"| {p.Kind} | {p.Detector} | {p.Planted} | {p.Detected} | {p.Power:0.00} |"));
        }

        stdout.WriteLine();
        stdout.WriteLine(string.Create(c, $"Null seasons, all families together: FDR {r.NullFdr:0.000} (share of seasons with any flag), {r.NullFlags} false flags in {r.NullSeasonsWithAnyFlag} of {r.NullSeasons} seasons, per-interviewer false-flag rate {r.NullFalseFlagRatePerInterviewer:0.0000}"));
        stdout.WriteLine($"Null-season flags by detector: {Describe(r.NullFlagsByDetector)}");
        stdout.WriteLine();
        stdout.WriteLine("| detector family (BH q = 0.10) | null-season FDR |");
        stdout.WriteLine("|---|---|");
        foreach (var (family, fdr) in r.NullFdrByFamily)
        {
            stdout.WriteLine(string.Create(c, $"| {family} | {fdr:0.000} |"));
        }

        stdout.WriteLine();
        stdout.WriteLine(string.Create(c, $"Planted seasons: false discovery proportion {r.PlantedSeasonFdr:0.000}; false flags by detector: {Describe(r.PlantedSeasonFalseFlagsByDetector)}"));
        stdout.WriteLine(string.Create(c, $"Time per season (import + full analysis without bootstrap): {r.SecondsPerSeason:0.00} s"));
        return 0;
    }

    private static string Describe(IReadOnlyDictionary<string, int> counts) => counts.Count == 0 ? "none" : string.Join(", ", counts.Select(kv => $"{kv.Key} {kv.Value}"));

    public static int Performance(Options o, TextWriter stdout, TextWriter stderr)
    {
        o.Allow("sizes");
        var c = CultureInfo.InvariantCulture;
        var sizes = (o.Get("sizes") ?? "10000,100000,1000000").Split(',').Select(s => int.Parse(s, NumberStyles.None, c)).ToArray();
        stdout.WriteLine("| ratings | candidates | interviewers | simulate+import s | MML-EM+JMLE s | additive s | reliability s | detectors+report s | total s | MML iterations | JMLE sweeps | peak working set MB |");
        stdout.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var size in sizes)
        {
            // 100,000 candidates and 2,000 interviewers at 1,000,000 ratings; scaled down proportionally.
            var candidates = Math.Max(100, size / 10);
            var interviewers = Math.Max(20, size / 500);
            var clock = Stopwatch.StartNew();
            var season = SeasonSimulator.Simulate(new SimulationOptions
            {
                Candidates = candidates,
                Interviewers = interviewers,
                InterviewsPerCandidate = 4,
                Types = ["coding", "data-modeling", "system-design"],
                Seed = 77,
            });
            var data = season.Import();
            season = null;
            var prep = clock.Elapsed.TotalSeconds;
            stderr.WriteLine(string.Create(c, $"[bench] {data.Observations.Length} ratings prepared in {prep:0.0} s"));
            var result = CalibrationAnalysis.Run(data, CalibrationConfig.Default with { BootstrapReplicates = 200 }, new AnalysisOptions { Fast = false }, m => stderr.WriteLine($"[bench] {m}"));
            var total = clock.Elapsed.TotalSeconds;
            var t = result.Timings.Select(x => double.Parse(x[(x.LastIndexOf(':') + 2)..^2], c)).ToArray();
            var fit = result.Models.Fits.OrderByDescending(f => f.Data.Count).First();
            GC.Collect();
            var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
            stdout.WriteLine(string.Create(c, $"| {data.Observations.Length} | {data.CandidateIds.Count} | {data.InterviewerIds.Count} | {prep:0.0} | {t[0]:0.0} | {t[1]:0.0} | {t[2]:0.0} | {t[3] + t[4]:0.0} | {total:0.0} | {fit.Mml.Iterations} | {fit.Jmle.Sweeps} | {peak:0} |"));
        }

        stdout.WriteLine();
        stdout.WriteLine("Peak working set is the process peak so far (cumulative across sizes in one run); reliability uses B = 200 bootstrap replicates.");
        return 0;
    }
}
