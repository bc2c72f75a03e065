using System.Text.Json;
using HiringPlatform.Calibration.Cli;
using HiringPlatform.Calibration.Engine.Simulation;
using Xunit;

namespace HiringPlatform.Calibration.Engine.Tests;

public sealed class SimulatedFiles : IDisposable
{
    public SimulatedFiles()
    {
        Directory = Path.Combine(Path.GetTempPath(), "calibration-tests-" + Guid.NewGuid().ToString("N"));
        var season = SeasonSimulator.Simulate(new SimulationOptions { Candidates = 400, Interviewers = 30, Seed = 9 });
        System.IO.Directory.CreateDirectory(Directory);
        File.WriteAllText(Ratings, season.RatingsCsv);
        File.WriteAllText(Candidates, season.CandidatesCsv);
        File.WriteAllText(Blueprints, season.BlueprintsCsv);

        // The same ratings with the rows in reverse order.
        var lines = season.RatingsCsv.TrimEnd('\n').Split('\n');
        File.WriteAllText(Shuffled, lines[0] + "\n" + string.Join("\n", lines.Skip(1).Reverse()) + "\n");
    }

    public string Directory { get; }

    public string Ratings => Path.Combine(Directory, "ratings.csv");

    public string Shuffled => Path.Combine(Directory, "ratings-reversed.csv");

    public string Candidates => Path.Combine(Directory, "candidates.csv");

    public string Blueprints => Path.Combine(Directory, "blueprints.csv");

    public void Dispose() => System.IO.Directory.Delete(Directory, true);
}

public class ReportTests(SimulatedFiles files) : IClassFixture<SimulatedFiles>
{
    private static (int Code, string Out, string Err) Cli(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = CommandLine.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string Json(string ratings) =>
        Cli("calibrate", "--ratings", ratings, "--candidates", files.Candidates, "--blueprints", files.Blueprints, "--format", "json", "--bootstrap", "50", "--quiet").Out;

    [Fact]
    public void The_same_input_gives_byte_identical_json()
    {
        var a = Json(files.Ratings);
        var b = Json(files.Ratings);
        Assert.False(string.IsNullOrEmpty(a));
        Assert.Equal(a, b);
    }

    [Fact]
    public void Row_order_of_the_input_does_not_change_a_single_byte()
    {
        Assert.Equal(Json(files.Ratings), Json(files.Shuffled));
    }

    [Fact]
    public void The_json_has_the_documented_interviewer_and_flag_fields()
    {
        using var doc = JsonDocument.Parse(Json(files.Ratings));
        var root = doc.RootElement;
        Assert.Equal("calibration-report/1", root.GetProperty("schemaVersion").GetString());
        var interviewers = root.GetProperty("interviewers").EnumerateArray().ToList();
        Assert.Equal(30, interviewers.Count);
        var ids = interviewers.Select(i => i.GetProperty("id").GetString()!).ToList();
        Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), ids);
        foreach (var i in interviewers)
        {
            foreach (var name in new[] { "componentId", "ratings", "severity", "severitySe", "fairAverage", "infit", "outfit", "flags", "detectors" })
            {
                Assert.True(i.TryGetProperty(name, out _), $"missing {name}");
            }

            foreach (var answer in i.GetProperty("detectors").EnumerateArray())
            {
                Assert.Contains(answer.GetProperty("status").GetString(), new[] { "flagged", "no-evidence", "not-enough-data", "not-run" });
                Assert.False(string.IsNullOrEmpty(answer.GetProperty("statement").GetString()));
                if (answer.TryGetProperty("minimumDetectableEffect", out _))
                {
                    Assert.False(string.IsNullOrEmpty(answer.GetProperty("unit").GetString()));
                }
            }
        }

        var flags = interviewers.SelectMany(i => i.GetProperty("flags").EnumerateArray()).ToList();
        Assert.NotEmpty(flags);
        string[] detectors = ["severe", "lenient", "halo", "central-tendency", "inconsistent", "group-bias", "outcome-disagreement", "narrow-coverage", "cog-in-a-machine", "adverse-impact"];
        foreach (var f in flags)
        {
            Assert.Contains(f.GetProperty("detector").GetString(), detectors);
            Assert.True(f.GetProperty("pValue").GetDouble() <= 1);
            Assert.True(f.GetProperty("qValue").GetDouble() <= 0.10);
            Assert.True(f.TryGetProperty("effect", out _));
            Assert.False(string.IsNullOrEmpty(f.GetProperty("reason").GetString()));
        }

        Assert.Equal("calibration-config/2026-12-07.1", root.GetProperty("config").GetProperty("version").GetString());

        // Evidence: up to 10 interviews, each one of the flagged interviewer's own.
        var interviewsOf = File.ReadAllLines(files.Ratings).Skip(1).Select(l => l.Split(',')).GroupBy(f => f[1]).ToDictionary(g => g.Key, g => g.Select(f => f[2]).ToHashSet());
        foreach (var i in interviewers)
        {
            foreach (var f in i.GetProperty("flags").EnumerateArray())
            {
                var evidence = f.GetProperty("evidence").EnumerateArray().Select(e => e.GetString()!).ToList();
                Assert.InRange(evidence.Count, 1, 10);
                Assert.All(evidence, e => Assert.Contains(e, interviewsOf[i.GetProperty("id").GetString()!]));
            }
        }
    }

    [Fact]
    public void The_table_shows_severity_with_se_and_interval_flags_reliability_and_components()
    {
        var (code, table, _) = Cli("calibrate", "--ratings", files.Ratings, "--candidates", files.Candidates, "--bootstrap", "20", "--quiet");
        Assert.Equal(0, code);
        Assert.Contains("severity", table, StringComparison.Ordinal);
        Assert.Contains("90% interval", table, StringComparison.Ordinal);
        Assert.Contains("Krippendorff alpha (ordinal)", table, StringComparison.Ordinal);
        Assert.Contains("Components:", table, StringComparison.Ordinal);
        Assert.Contains("Flags (", table, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_writes_the_file_and_progress_goes_to_stderr()
    {
        var path = Path.Combine(files.Directory, "report.json");
        var (code, stdout, stderr) = Cli("calibrate", "--ratings", files.Ratings, "--format", "json", "--out", path, "--bootstrap", "0");
        Assert.Equal(0, code);
        Assert.Equal("", stdout);
        Assert.Contains("MML-EM", stderr, StringComparison.Ordinal);
        Assert.StartsWith("{", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_gives_exit_code_3_and_the_located_message_and_bad_usage_exit_code_2()
    {
        var bad = Path.Combine(files.Directory, "bad.csv");
        File.WriteAllText(bad, "candidate_id,interviewer_id,interview_id,interview_type,competency,rating\nn1,a,i1,coding,algorithms,7\n");
        var (code, _, err) = Cli("calibrate", "--ratings", bad);
        Assert.Equal(3, code);
        Assert.Contains($"{bad}:2:6 (column 'rating'): expected an integer rating from 1 to 4", err, StringComparison.Ordinal);
        Assert.Equal(2, Cli("calibrate").Code);
        Assert.Equal(2, Cli("calibrate", "--ratings", bad, "--format", "xml").Code);
        Assert.Equal(2, Cli("calibrate", "--ratings", bad, "--colour", "red").Code);
        Assert.Equal(3, Cli("calibrate", "--ratings", Path.Combine(files.Directory, "missing.csv")).Code);
    }

    [Fact]
    public void Simulate_writes_the_four_files_with_every_planted_kind_in_the_truth_file()
    {
        var dir = Path.Combine(files.Directory, "season");
        var (code, _, _) = Cli("simulate", "--out", dir, "--candidates", "200", "--interviewers", "20", "--seed", "4");
        Assert.Equal(0, code);
        var truth = File.ReadAllLines(Path.Combine(dir, "truth.csv"));
        Assert.Equal(21, truth.Length);
        foreach (var kind in PlantedKinds.All)
        {
            Assert.Contains(truth, l => l.Split(',')[1] == kind);
        }

        Assert.True(File.Exists(Path.Combine(dir, "blueprints.csv")));
        Assert.Equal(0, Cli("calibrate", "--ratings", Path.Combine(dir, "ratings.csv"), "--candidates", Path.Combine(dir, "candidates.csv"), "--blueprints", Path.Combine(dir, "blueprints.csv"), "--bootstrap", "0", "--quiet").Code);
    }

    [Fact]
    public void The_detectors_and_the_bootstrap_side_by_side_give_the_report_they_give_one_after_the_other()
    {
        var data = Import.CalibrationImporter.Import(Import.CsvSource.FromFile(files.Ratings), Import.CsvSource.FromFile(files.Candidates),
            Import.CsvSource.FromFile(files.Blueprints), new Import.RatingScale(1, 4));
        var config = Flagging.CalibrationConfig.Default with { BootstrapReplicates = 200 };

        var alone = Analysis.CalibrationAnalysis.Run(data, config, new Analysis.AnalysisOptions { MaxDegreeOfParallelism = 1 }).Report;
        var sideBySide = Analysis.CalibrationAnalysis.Run(data, config, new Analysis.AnalysisOptions { MaxDegreeOfParallelism = 8 }).Report;

        Assert.NotNull(alone.Reliability.Icc1Ci95);
        Assert.NotEmpty(alone.Interviewers.SelectMany(i => i.Flags));
        Assert.Equal(Reports.ReportJson.Serialize(alone), Reports.ReportJson.Serialize(sideBySide));
    }
}

public class StyleDataTests
{
    private static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);

    [Fact]
    public void Convert_wide_reproduces_the_checked_in_long_format_file()
    {
        var dir = Path.Combine(Path.GetTempPath(), "style-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            var output = new StringWriter();
            var code = CommandLine.Run(["convert-wide", "--input", DataFile("style_ratings.csv"), "--out", Path.Combine(dir, "long.csv"), "--candidates-out", Path.Combine(dir, "cands.csv")], output, new StringWriter());
            Assert.Equal(0, code);
            Assert.Equal(File.ReadAllText(DataFile("style_ratings_long.csv")), File.ReadAllText(Path.Combine(dir, "long.csv")));
            Assert.Equal(File.ReadAllText(DataFile("style_candidates.csv")), File.ReadAllText(Path.Combine(dir, "cands.csv")));
            Assert.Contains("372 candidates x 21 raters", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, true);
        }
    }

    [Fact]
    public void Calibrate_runs_on_the_style_data_and_finds_its_muted_rater_and_the_complete_design()
    {
        var data = Import.CalibrationImporter.Import(Import.CsvSource.FromFile(DataFile("style_ratings_long.csv")), Import.CsvSource.FromFile(DataFile("style_candidates.csv")), null, new Import.RatingScale(0, 3));
        Assert.Equal(7812, data.Observations.Length);
        var report = Analysis.CalibrationAnalysis.Run(data, Flagging.CalibrationConfig.Default with { BootstrapReplicates = 0 }).Report;
        Assert.Single(report.Components);
        Assert.Equal(21, report.Reliability.CompleteDesign!.Raters);
        Assert.Equal(372, report.Reliability.CompleteDesign.Targets);

        // Equal severities sum to zero; every rater is rated on all 372 examinees; rater_1 is the muted rater (infit about 0.5).
        Assert.Equal(0, report.Interviewers.Sum(i => i.Severity!.Value), 2);
        var muted = report.Interviewers.Single(i => i.Id == "rater_1");
        Assert.True(muted.Infit < 0.7 && muted.Outfit < 0.7);
        Assert.Contains(muted.Flags, f => f.Detector == "central-tendency");

        // Severity order agrees with the raw rater means in a complete design.
        var rawMean = report.Interviewers.ToDictionary(i => i.Id, i => data.Observations.Where(o => data.InterviewerIds[o.Interviewer] == i.Id).Average(o => o.Category));
        var bySeverity = report.Interviewers.OrderBy(i => i.Severity).Select(i => i.Id).ToList();
        var byMean = rawMean.OrderByDescending(kv => kv.Value).Select(kv => kv.Key).ToList();
        Assert.Equal(byMean, bySeverity);
    }
}
