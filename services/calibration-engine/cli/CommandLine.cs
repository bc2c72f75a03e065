using System.Globalization;
using HiringPlatform.Calibration.Engine.Analysis;
using HiringPlatform.Calibration.Engine.Flagging;
using HiringPlatform.Calibration.Engine.Import;
using HiringPlatform.Calibration.Engine.Reports;
using HiringPlatform.Calibration.Engine.Simulation;

namespace HiringPlatform.Calibration.Cli;

/// <summary>The analyst command: calibrate, simulate, convert-wide, bench-detection, bench-performance.</summary>
public static class CommandLine
{
    public const string Usage = """
        usage:
          calibrate --ratings FILE [--candidates FILE] [--blueprints FILE] [--scale MIN-MAX] [--format table|json] [--out FILE]
                    [--bootstrap B] [--quiet]
          simulate --out DIR [--candidates N] [--interviewers N] [--seed S] [--null] [--planted KIND=COUNT,...] [--balanced]
                   [--severe-logit L] [--lenient-logit L] [--erratic-share S] [--drf-logit L]
          convert-wide --input FILE --out FILE [--candidates-out FILE] [--id-column student] [--rater-prefix rater_]
                       [--group-column language] [--competency NAME] [--interview-type NAME]
          bench-detection [--seasons N] [--null-seasons N] [--candidates N] [--interviewers N] [--seed S] [--balanced]
                          [--severe-logit L] [--lenient-logit L] [--erratic-share S] [--drf-logit L]
          bench-power [--sizes 10,20,40,60,80] [--seasons N] [--interviewers N] [--seed S]
                      [--severe-logit L] [--lenient-logit L] [--erratic-share S] [--drf-logit L]
          bench-mde [--size 30[,60,...]] [--interviewers N] [--calibration-seasons N] [--seasons N] [--seed S]
          bench-severity [--negligible 0,0.1,0.2,0.3,0.4,0.5] [--null-seasons N] [--candidates N] [--seasons N] [--size N]
                         [--interviewers N] [--seed S] [--power-seed S]
          bench-performance [--sizes 10000,100000,1000000] [--bootstrap B]
          bench-additive --out DIR [--size 100000]
        """;

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            stdout.Write(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        try
        {
            var options = Parse(args.Skip(1).ToArray());
            return args[0] switch
            {
                "calibrate" => Calibrate(options, stdout, stderr),
                "simulate" => Simulate(options, stdout),
                "convert-wide" => WideConverter.Run(options, stdout),
                "bench-detection" => Benchmarks.Detection(options, stdout, stderr),
                "bench-power" => Benchmarks.Power(options, stdout, stderr),
                "bench-severity" => Benchmarks.Severity(options, stdout, stderr),
                "bench-mde" => Benchmarks.Mde(options, stdout, stderr),
                "bench-performance" => Benchmarks.Performance(options, stdout, stderr),
                "bench-additive" => Benchmarks.Additive(options, stdout, stderr),
                _ => throw new UsageException($"unknown command '{args[0]}'"),
            };
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            stderr.Write(Usage);
            return 2;
        }
        catch (CalibrationImportException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 3;
        }
    }

    public static Options Parse(string[] args)
    {
        var o = new Options();
        string[] flags = ["quiet", "null", "balanced"];
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || args[i].Length < 3)
            {
                throw new UsageException($"expected an option starting with --, found '{args[i]}'");
            }

            var name = args[i][2..];
            if (flags.Contains(name))
            {
                o.Set(name, null);
                continue;
            }

            if (i + 1 >= args.Length)
            {
                throw new UsageException($"--{name} needs a value");
            }

            o.Set(name, args[++i]);
        }

        return o;
    }

    private static int Calibrate(Options o, TextWriter stdout, TextWriter stderr)
    {
        o.Allow("ratings", "candidates", "blueprints", "scale", "format", "out", "bootstrap", "quiet");
        var ratings = o.Required("ratings");
        var scale = o.Get("scale") is { } s ? RatingScale.Parse(s) : RatingScale.Default;
        var format = o.Get("format") ?? "table";
        if (format is not ("table" or "json"))
        {
            throw new UsageException($"--format: expected table or json, found '{format}'");
        }

        var config = CalibrationConfig.Default;
        if (o.Get("bootstrap") is { } b)
        {
            config = config with { BootstrapReplicates = o.Int("bootstrap", 0) };
        }

        var data = CalibrationImporter.Import(
            CsvSource.FromFile(ratings),
            o.Get("candidates") is { } cf ? CsvSource.FromFile(cf) : null,
            o.Get("blueprints") is { } bf ? CsvSource.FromFile(bf) : null,
            scale);
        var quiet = o.Flag("quiet");
        if (o.Get("bootstrap") is null && data.Observations.Length > 200_000)
        {
            config = config with { BootstrapReplicates = 200 };
            if (!quiet)
            {
                stderr.WriteLine($"[calibrate] {data.Observations.Length} ratings: using 200 bootstrap replicates instead of {CalibrationConfig.Default.BootstrapReplicates} (pass --bootstrap B to choose)");
            }
        }

        var result = CalibrationAnalysis.Run(data, config, null, quiet ? null : m => stderr.WriteLine($"[calibrate] {m}"));
        var text = format == "json" ? ReportJson.Serialize(result.Report) : ReportTable.Render(result.Report);
        if (o.Get("out") is { } outFile)
        {
            File.WriteAllText(outFile, text);
            if (!quiet)
            {
                stderr.WriteLine($"[calibrate] wrote {outFile}");
            }
        }
        else
        {
            stdout.Write(text);
        }

        return 0;
    }

    private static int Simulate(Options o, TextWriter stdout)
    {
        o.Allow(["out", "candidates", "interviewers", "seed", "null", "planted", "balanced", .. Benchmarks.EffectOptions]);
        var dir = o.Required("out");
        var options = o.Flag("null") ? SimulationOptions.Null((ulong)o.Long("seed", 1)) : new SimulationOptions { Seed = (ulong)o.Long("seed", 1) };
        options = Benchmarks.WithEffects(o, options with { Candidates = o.Int("candidates", options.Candidates), Interviewers = o.Int("interviewers", options.Interviewers), BalancedLoad = o.Flag("balanced") });
        if (o.Get("planted") is { } planted)
        {
            var counts = PlantedKinds.All.ToDictionary(k => k, _ => 0);
            foreach (var part in planted.Split(',', StringSplitOptions.RemoveEmptyEntries))
            {
                var kv = part.Split('=');
                if (kv.Length != 2 || !counts.ContainsKey(kv[0]) || !int.TryParse(kv[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    throw new UsageException($"--planted: expected KIND=COUNT with KIND one of {string.Join(", ", PlantedKinds.All)}, found '{part}'");
                }

                counts[kv[0]] = n;
            }

            options = options with { Planted = counts };
        }

        var season = SeasonSimulator.Simulate(options);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "ratings.csv"), season.RatingsCsv);
        File.WriteAllText(Path.Combine(dir, "candidates.csv"), season.CandidatesCsv);
        File.WriteAllText(Path.Combine(dir, "blueprints.csv"), season.BlueprintsCsv);
        File.WriteAllText(Path.Combine(dir, "truth.csv"), season.TruthCsv);
        stdout.WriteLine($"wrote ratings.csv, candidates.csv, blueprints.csv and truth.csv to {dir} ({season.Planted.Count} planted interviewers: {string.Join(", ", season.Planted.Select(p => $"{p.InterviewerId}={p.Kind}"))})");
        return 0;
    }
}

public sealed class UsageException(string message) : Exception(message);

/// <summary>--name value pairs and bare --flags.</summary>
public sealed class Options
{
    private readonly Dictionary<string, string?> _values = new(StringComparer.Ordinal);

    public void Set(string name, string? value)
    {
        if (!_values.TryAdd(name, value))
        {
            throw new UsageException($"--{name} given twice");
        }
    }

    public string? Get(string name) => _values.TryGetValue(name, out var v) ? v : null;

    public bool Flag(string name) => _values.ContainsKey(name);

    public string Required(string name) => Get(name) ?? throw new UsageException($"--{name} is required");

    public int Int(string name, int fallback) => Get(name) is { } v
        ? (int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : throw new UsageException($"--{name}: expected a non-negative integer, found '{v}'"))
        : fallback;

    public long Long(string name, long fallback) => Get(name) is { } v
        ? (long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : throw new UsageException($"--{name}: expected a non-negative integer, found '{v}'"))
        : fallback;

    public double Double(string name, double fallback) => Get(name) is { } v
        ? (double.TryParse(v, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) ? d : throw new UsageException($"--{name}: expected a non-negative number, found '{v}'"))
        : fallback;

    public void Allow(params string[] names)
    {
        foreach (var key in _values.Keys)
        {
            if (!names.Contains(key))
            {
                throw new UsageException($"unknown option --{key}");
            }
        }
    }

    public IEnumerable<string> Names => _values.Keys;
}

