using System.Diagnostics;
using System.Globalization;
using HiringPlatform.Calibration.Engine.Analysis;
using HiringPlatform.Calibration.Engine.Flagging;
using HiringPlatform.Calibration.Engine.Simulation;

namespace HiringPlatform.Calibration.Cli;

/// <summary>bench-detection and bench-performance: print the numbers recorded in docs/benchmarks.md.</summary>
public static class Benchmarks
{
    public static readonly string[] EffectOptions = ["severe-logit", "lenient-logit", "erratic-share", "drf-logit"];

    /// <summary>The planted effects' sizes from --severe-logit, --lenient-logit, --erratic-share and --drf-logit (defaults: the simulator's).</summary>
    public static SimulationOptions WithEffects(Options o, SimulationOptions b) => b with
    {
        SevereLogit = o.Double("severe-logit", b.SevereLogit),
        LenientLogit = o.Double("lenient-logit", b.LenientLogit),
        ErraticShare = o.Double("erratic-share", b.ErraticShare),
        DrfLogit = o.Double("drf-logit", b.DrfLogit),
    };

    private static string Effects(SimulationOptions b) => string.Create(CultureInfo.InvariantCulture, $"planted effects: severe +{b.SevereLogit:0.0##}, lenient -{b.LenientLogit:0.0##} logit, erratic {b.ErraticShare:P0} random, group bias {b.DrfLogit:0.0##} logit");

    public static int Detection(Options o, TextWriter stdout, TextWriter stderr)
    {
        o.Allow(["seasons", "null-seasons", "candidates", "interviewers", "seed", "balanced", .. EffectOptions]);
        var c = CultureInfo.InvariantCulture;
        var baseline = WithEffects(o, new SimulationOptions
        {
            Candidates = o.Int("candidates", 600),
            Interviewers = o.Int("interviewers", 40),
            Seed = (ulong)o.Long("seed", 1000),
            BalancedLoad = o.Flag("balanced"),
        });
        var seasons = o.Int("seasons", 20);
        var nullSeasons = o.Int("null-seasons", 200);
        var r = DetectionBenchmark.Run(seasons, nullSeasons, baseline, CalibrationConfig.Default, m => stderr.WriteLine($"[bench] {m}"));
        var perInterviewer = baseline.Candidates * baseline.InterviewsPerCandidate / (double)baseline.Interviewers;
        stdout.WriteLine(string.Create(c, $"Detection benchmark: {seasons} planted seasons, {nullSeasons} null seasons; {baseline.Candidates} candidates x {baseline.InterviewsPerCandidate} interviews, {baseline.Interviewers} interviewers (~{perInterviewer:0} scorecards each{(baseline.BalancedLoad ? ", balanced loads" : "")}), seed {baseline.Seed}, config {CalibrationConfig.Default.Version}; {Effects(baseline)}"));
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
        stdout.WriteLine("| detector family (BH q = 0.10) | null-season FDR | per-interviewer false-flag rate |");
        stdout.WriteLine("|---|---|---|");
        foreach (var (family, fdr) in r.NullFdrByFamily)
        {
            stdout.WriteLine(string.Create(c, $"| {family} | {fdr:0.000} | {r.NullFalseFlagRateByFamily.GetValueOrDefault(family):0.0000} |"));
        }

        stdout.WriteLine(string.Create(c, $"| all families | {r.NullFdr:0.000} | {r.NullFalseFlagRatePerInterviewer:0.0000} |"));

        stdout.WriteLine();
        stdout.WriteLine(string.Create(c, $"Planted seasons: false discovery proportion {r.PlantedSeasonFdr:0.000}; false flags by detector: {Describe(r.PlantedSeasonFalseFlagsByDetector)}"));
        stdout.WriteLine(string.Create(c, $"Null seasons: {r.NullFlags / (double)Math.Max(1, r.NullSeasons):0.00} flags per season on average"));
        stdout.WriteLine(string.Create(c, $"Time per season (import + full analysis without bootstrap): {r.SecondsPerSeason:0.00} s"));
        return 0;
    }

    /// <summary>bench-mde: the severity detector's reported minimum detectable effect against the power measured when effects of that size are planted.</summary>
    public static int Mde(Options o, TextWriter stdout, TextWriter stderr)
    {
        o.Allow("size", "interviewers", "calibration-seasons", "seasons", "seed");
        var c = CultureInfo.InvariantCulture;
        var baseline = new SimulationOptions { Interviewers = o.Int("interviewers", 80), Seed = (ulong)o.Long("seed", 3000) };
        var sizes = (o.Get("size") ?? "30").Split(',').Select(s => int.Parse(s, NumberStyles.None, c)).ToArray();
        var calibration = o.Int("calibration-seasons", 3);
        var seasons = o.Int("seasons", 50);
        stdout.WriteLine(string.Create(c, $"Minimum detectable effect against simulation: {baseline.Interviewers} interviewers, balanced loads, {calibration} null seasons for the reported MDE, {seasons} seasons with one severe and one lenient interviewer planted at it; seed {baseline.Seed}, config {CalibrationConfig.Default.Version} (power {CalibrationConfig.Default.MdePower})"));
        stdout.WriteLine();
        stdout.WriteLine("| detector | scorecards per interviewer | reported MDE (median) | 10th-90th percentile | planted | detected | measured power |");
        stdout.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var size in sizes)
        {
            var r = DetectionBenchmark.SeverityMdeCheck(size, calibration, seasons, baseline, CalibrationConfig.Default, m => stderr.WriteLine($"[bench] {size}: {m}"));
            stdout.WriteLine(string.Create(c, $"| {r.Detector} | {r.ScorecardsPerInterviewer} | {r.ReportedMde:0.00} {r.Unit} | {r.MdeLow:0.00}-{r.MdeHigh:0.00} | {r.Planted} | {r.Detected} | {r.Power:0.00} |"));
        }

        return 0;
    }

    /// <summary>bench-power: power per planted kind over the number of scorecards per interviewer (balanced loads).</summary>
    public static int Power(Options o, TextWriter stdout, TextWriter stderr)
    {
        o.Allow(["sizes", "seasons", "interviewers", "seed", .. EffectOptions]);
        var c = CultureInfo.InvariantCulture;
        var sizes = (o.Get("sizes") ?? "10,20,40,60,80").Split(',').Select(s => int.Parse(s, NumberStyles.None, c)).ToArray();
        var seasons = o.Int("seasons", 50);
        var baseline = WithEffects(o, new SimulationOptions { Interviewers = o.Int("interviewers", 40), Seed = (ulong)o.Long("seed", 2000) });
        var points = DetectionBenchmark.PowerCurve(sizes, seasons, baseline, CalibrationConfig.Default, m => stderr.WriteLine($"[bench] {m}"));
        stdout.WriteLine(string.Create(c, $"Power curve: {seasons} planted seasons per size, {baseline.Interviewers} interviewers, balanced loads, seed {baseline.Seed}, config {CalibrationConfig.Default.Version}; {Effects(baseline)}"));
        stdout.WriteLine();
        stdout.WriteLine("| scorecards per interviewer | candidates | median ratings | median smaller group | " + string.Join(" | ", points[0].Power.Select(p => $"{p.Kind} ({p.Detector})")) + " |");
        stdout.WriteLine("|---|---|---|---|" + string.Concat(points[0].Power.Select(_ => "---|")));
        foreach (var p in points)
        {
            stdout.WriteLine(string.Create(c, $"| {p.ScorecardsPerInterviewer} | {p.Candidates} | {p.MedianSample["ratings"]:0} | {p.MedianSample["smaller group"]:0} | ") + string.Join(" | ", p.Power.Select(k => k.Power.ToString("0.00", c))) + " |");
        }

        return 0;
    }

    /// <summary>bench-severity: the severity detector's null FDR and power over candidate values of δ0 (its minimum-effect test's negligible severity).</summary>
    public static int Severity(Options o, TextWriter stdout, TextWriter stderr)
    {
        o.Allow("negligible", "null-seasons", "candidates", "seasons", "size", "interviewers", "seed", "power-seed");
        var c = CultureInfo.InvariantCulture;
        var deltas = (o.Get("negligible") ?? "0,0.1,0.2,0.3,0.4,0.5").Split(',').Select(s => double.Parse(s, NumberStyles.AllowDecimalPoint, c)).ToArray();
        var interviewers = o.Int("interviewers", 40);
        var nullBaseline = new SimulationOptions { Candidates = o.Int("candidates", 800), Interviewers = interviewers, Seed = (ulong)o.Long("seed", 1000), BalancedLoad = true };
        var plantedBaseline = new SimulationOptions { Interviewers = interviewers, Seed = (ulong)o.Long("power-seed", 2000) };
        var nullSeasons = o.Int("null-seasons", 200);
        var seasons = o.Int("seasons", 40);
        var size = o.Int("size", 50);
        var rows = DetectionBenchmark.SeveritySweep(deltas, nullSeasons, nullBaseline, seasons, size, plantedBaseline, CalibrationConfig.Default, m => stderr.WriteLine($"[bench] {m}"));
        var perInterviewer = nullBaseline.Candidates * nullBaseline.InterviewsPerCandidate / (double)interviewers;
        stdout.WriteLine(string.Create(c, $"Severity sweep: {nullSeasons} null seasons ({nullBaseline.Candidates} candidates, ~{perInterviewer:0} scorecards each, balanced loads, seed {nullBaseline.Seed}); {seasons} planted seasons at {size} scorecards per interviewer (balanced loads, seed {plantedBaseline.Seed}); {interviewers} interviewers; config {CalibrationConfig.Default.Version} (δ0 {CalibrationConfig.Default.Practical.SeverityLogit})"));
        stdout.WriteLine();
        stdout.WriteLine("| δ0 (logit) | null-season FDR (severity) | false flags | per-interviewer false-flag rate | severe planted | detected | power |");
        stdout.WriteLine("|---|---|---|---|---|---|---|");
        foreach (var r in rows)
        {
            stdout.WriteLine(string.Create(c, $"| {r.NegligibleLogit:0.00} | {r.NullFdr:0.000} | {r.NullFalseFlags} | {r.NullFalseFlagRate:0.0000} | {r.Planted} | {r.Detected} | {r.Power:0.00} |"));
        }

        return 0;
    }

    private static string Describe(IReadOnlyDictionary<string, int> counts) => counts.Count == 0 ? "none" : string.Join(", ", counts.Select(kv => $"{kv.Key} {kv.Value}"));

    /// <summary>The season used by the performance benchmarks: about 10 ratings per candidate (3 interviews of the 4 default types), 100,000 candidates and 2,000 interviewers at size 1,000,000, scaled proportionally.</summary>
    public static SimulatedSeason PerformanceSeason(int size) => SeasonSimulator.Simulate(new SimulationOptions
    {
        Candidates = Math.Max(100, size / 10),
        Interviewers = Math.Max(20, size / 500),
        InterviewsPerCandidate = 3,
        Seed = 77,
    });

    /// <summary>bench-additive: the additive model alone on a simulated season, with its interviewer effects written for the lme4 comparison.</summary>
    public static int Additive(Options o, TextWriter stdout, TextWriter stderr)
    {
        o.Allow("size", "out");
        var c = CultureInfo.InvariantCulture;
        var size = o.Int("size", 100_000);
        var dir = o.Required("out");
        Directory.CreateDirectory(dir);
        var season = PerformanceSeason(size);
        File.WriteAllText(Path.Combine(dir, "ratings.csv"), season.RatingsCsv);
        var data = season.Import();
        var components = HiringPlatform.Calibration.Engine.Design.DesignComponents.Find(data);

        // Best of five runs each (the machine is shared; the first run includes JIT compilation).
        double Best(Func<object> run)
        {
            var best = double.PositiveInfinity;
            for (var i = 0; i < 5; i++)
            {
                var sw = Stopwatch.StartNew();
                run();
                best = Math.Min(best, sw.Elapsed.TotalSeconds);
            }

            return best;
        }

        var fit = HiringPlatform.Calibration.Engine.Additive.AdditiveModel.Fit(data, components);
        var plain = HiringPlatform.Calibration.Engine.Additive.AdditiveModel.Fit(data, components, withCompetencyAndType: false);
        var seconds = Best(() => HiringPlatform.Calibration.Engine.Additive.AdditiveModel.Fit(data, components));
        var plainSeconds = Best(() => HiringPlatform.Calibration.Engine.Additive.AdditiveModel.Fit(data, components, withCompetencyAndType: false));
        var sb = new System.Text.StringBuilder("interviewer_id,effect,se,shrunk,effect_interviewer_only,shrunk_interviewer_only\n");
        foreach (var i in fit.Interviewers)
        {
            var p = plain.Interviewers[i.Interviewer];
            sb.Append(c, $"{data.InterviewerIds[i.Interviewer]},{i.Effect:R},{i.Se:R},{i.Shrunk:R},{p.Effect:R},{p.Shrunk:R}\n");
        }

        File.WriteAllText(Path.Combine(dir, "additive.csv"), sb.ToString());
        File.WriteAllText(Path.Combine(dir, "additive-seconds.txt"), plainSeconds.ToString("0.000", c) + "\n");
        stdout.WriteLine(string.Create(c, $"additive model (interviewer + competency + type effects, exact Laplacian solve): {data.Observations.Length} ratings, {data.CandidateIds.Count} candidates, {data.InterviewerIds.Count} interviewers: {seconds:0.000} s; interviewer effects only (lme4's fixed part): {plainSeconds:0.000} s; wrote {dir}/ratings.csv and {dir}/additive.csv"));
        return 0;
    }

    public static int Performance(Options o, TextWriter stdout, TextWriter stderr)
    {
        o.Allow("sizes", "bootstrap");
        var bootstrap = o.Int("bootstrap", 200);
        var c = CultureInfo.InvariantCulture;
        var sizes = (o.Get("sizes") ?? "10000,100000,1000000").Split(',').Select(s => int.Parse(s, NumberStyles.None, c)).ToArray();
        stdout.WriteLine("| ratings | candidates | interviewers | simulate+import s | MML-EM+JMLE s | additive s | reliability s | detectors+report s | total s | MML iterations | JMLE sweeps | peak working set MB |");
        stdout.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var size in sizes)
        {
            var clock = Stopwatch.StartNew();
            var season = PerformanceSeason(size);
            var data = season.Import();
            season = null;
            var prep = clock.Elapsed.TotalSeconds;
            stderr.WriteLine(string.Create(c, $"[bench] {data.Observations.Length} ratings prepared in {prep:0.0} s"));
            var result = CalibrationAnalysis.Run(data, CalibrationConfig.Default with { BootstrapReplicates = bootstrap }, new AnalysisOptions { Fast = false }, m => stderr.WriteLine($"[bench] {m}"));
            var total = clock.Elapsed.TotalSeconds;
            var t = result.Timings.Select(x => double.Parse(x[(x.LastIndexOf(':') + 2)..^2], c)).ToArray();
            var fit = result.Models.Fits.OrderByDescending(f => f.Data.Count).First();
            GC.Collect();
            var peak = Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
            stdout.WriteLine(string.Create(c, $"| {data.Observations.Length} | {data.CandidateIds.Count} | {data.InterviewerIds.Count} | {prep:0.0} | {t[0]:0.0} | {t[1]:0.0} | {t[2]:0.0} | {t[3] + t[4]:0.0} | {total:0.0} | {fit.Mml.Iterations} | {fit.Jmle.Sweeps} | {peak:0} |"));
        }

        stdout.WriteLine();
        stdout.WriteLine($"Peak working set is the process peak so far (cumulative across sizes in one run); reliability uses B = {bootstrap} bootstrap replicates.");
        return 0;
    }
}
