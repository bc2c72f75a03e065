using HiringPlatform.Calibration.Engine.Analysis;
using HiringPlatform.Calibration.Engine.Flagging;

namespace HiringPlatform.Calibration.Engine.Simulation;

public sealed record KindPower(string Kind, string Detector, int Planted, int Detected, double Power);

public sealed record DetectionBenchmarkResult(
    IReadOnlyList<KindPower> Power,
    int PlantedSeasons,
    int NullSeasons,
    int InterviewersPerSeason,
    double NullFdr,
    int NullFlags,
    int NullSeasonsWithAnyFlag,
    double NullFalseFlagRatePerInterviewer,
    IReadOnlyDictionary<string, int> NullFlagsByDetector,
    IReadOnlyDictionary<string, double> NullFdrByFamily,
    double PlantedSeasonFdr,
    IReadOnlyDictionary<string, int> PlantedSeasonFalseFlagsByDetector,
    double SecondsPerSeason)
{
    /// <summary>Per detector family: interviewers falsely flagged by the family in null seasons / (null seasons × interviewers).</summary>
    public IReadOnlyDictionary<string, double> NullFalseFlagRateByFamily { get; init; } = new Dictionary<string, double>();
}

/// <summary>One δ0 of the severity sweep: the severity family's null-season FDR and per-interviewer false-flag rate, and the power for the planted severe interviewer.</summary>
public sealed record SeveritySweepRow(double NegligibleLogit, double NullFdr, int NullFalseFlags, double NullFalseFlagRate, int Planted, int Detected, double Power);

/// <summary>The minimum-detectable-effect check: the median reported MDE over ordinary interviewers, and the power measured when effects of that size are planted.</summary>
public sealed record MdeCheckResult(string Detector, string Unit, int ScorecardsPerInterviewer, int CalibrationSeasons, double ReportedMde, double MdeLow, double MdeHigh, int Seasons, int Planted, int Detected, double Power);

/// <summary>One point of a power curve: power per planted kind at a number of scorecards per interviewer.</summary>
public sealed record PowerPoint(int ScorecardsPerInterviewer, int Candidates, IReadOnlyList<KindPower> Power, IReadOnlyDictionary<string, double> MedianSample);

/// <summary>
/// The detection benchmark of docs/calibration-method.md §4.9: power per planted kind over seasons with planted interviewers, and the
/// empirical false discovery rate (mean of false flags / max(flags, 1)) over null seasons, overall and per detector family
/// (BH controls it per family; in a null season every flag is false, so a family's FDR is the share of seasons it flags at
/// all), and the per-interviewer false-flag rate.
/// A flag is true when it is the kind's expected detector or one of its accepted secondary detectors, or a severe/lenient
/// flag in the right direction on an interviewer whose true severity is of practical size.
/// </summary>
public static class DetectionBenchmark
{
    public static DetectionBenchmarkResult Run(int plantedSeasons, int nullSeasons, SimulationOptions baseline, CalibrationConfig? config = null, Action<string>? progress = null)
    {
        config ??= CalibrationConfig.Default;
        var options = new AnalysisOptions { Fast = true };
        var detected = PlantedKinds.All.ToDictionary(k => k, _ => 0);
        var planted = PlantedKinds.All.ToDictionary(k => k, _ => 0);
        var plantedFalse = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var fdpPlanted = new List<double>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (var s = 0; s < plantedSeasons; s++)
        {
            var season = SeasonSimulator.Simulate(baseline with { Seed = baseline.Seed + (ulong)s });
            var result = CalibrationAnalysis.Run(season.Import(), config, options);
            var kindOf = season.Planted.ToDictionary(p => p.InterviewerId, p => p.Kind, StringComparer.Ordinal);
            var severeTruth = PracticalSeverities(season, baseline, config);
            var flags = result.Outcomes.Where(o => o.Flagged).Select(o => (Id: result.Models.Data.InterviewerIds[o.Test.Interviewer], o.Test.Detector)).Distinct().ToList();
            foreach (var p in season.Planted)
            {
                planted[p.Kind]++;
                var expected = PlantedKinds.Detectors(p.Kind).Expected;
                if (flags.Any(f => f.Id == p.InterviewerId && f.Detector == expected))
                {
                    detected[p.Kind]++;
                }
            }

            var falseFlags = flags.Where(f => !IsTrue(f.Id, f.Detector, kindOf) && !(severeTruth.TryGetValue(f.Id, out var dir) && dir == f.Detector)).ToList();
            foreach (var f in falseFlags)
            {
                plantedFalse[f.Detector] = plantedFalse.GetValueOrDefault(f.Detector) + 1;
            }

            fdpPlanted.Add(flags.Count == 0 ? 0 : falseFlags.Count / (double)flags.Count);
            progress?.Invoke($"planted season {s + 1}/{plantedSeasons}: {flags.Count} flags, {falseFlags.Count} false");
        }

        var nullFlags = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var nullSeasonsByFamily = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var fdpNull = new List<double>();
        var falseInterviewers = 0;
        var falseInterviewersByFamily = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var seasonsWithFlag = 0;
        for (var s = 0; s < nullSeasons; s++)
        {
            var season = SeasonSimulator.Simulate(baseline with { Seed = baseline.Seed + 100_000 + (ulong)s, Planted = PlantedKinds.All.ToDictionary(k => k, _ => 0) });
            var result = CalibrationAnalysis.Run(season.Import(), config, options);
            var severeTruth = PracticalSeverities(season, baseline, config);
            var flagged = result.Outcomes.Where(o => o.Flagged && !(severeTruth.TryGetValue(result.Models.Data.InterviewerIds[o.Test.Interviewer], out var dir) && dir == o.Test.Detector)).ToList();
            foreach (var f in flagged)
            {
                nullFlags[f.Test.Detector] = nullFlags.GetValueOrDefault(f.Test.Detector) + 1;
            }

            foreach (var family in flagged.Select(f => Detectors.DetectorNames.Family(f.Test.Detector)).Distinct())
            {
                nullSeasonsByFamily[family] = nullSeasonsByFamily.GetValueOrDefault(family) + 1;
            }

            falseInterviewers += flagged.Select(f => f.Test.Interviewer).Distinct().Count();
            foreach (var g in flagged.GroupBy(f => Detectors.DetectorNames.Family(f.Test.Detector)))
            {
                falseInterviewersByFamily[g.Key] = falseInterviewersByFamily.GetValueOrDefault(g.Key) + g.Select(f => f.Test.Interviewer).Distinct().Count();
            }

            seasonsWithFlag += flagged.Count > 0 ? 1 : 0;
            fdpNull.Add(flagged.Count == 0 ? 0 : 1);
            if ((s + 1) % 10 == 0)
            {
                progress?.Invoke($"null season {s + 1}/{nullSeasons}: {nullFlags.Values.Sum()} flags so far");
            }
        }

        var seconds = clock.Elapsed.TotalSeconds / Math.Max(1, plantedSeasons + nullSeasons);
        var power = PlantedKinds.All.Select(k => new KindPower(k, PlantedKinds.Detectors(k).Expected, planted[k], detected[k], planted[k] == 0 ? double.NaN : detected[k] / (double)planted[k])).ToList();
        return new DetectionBenchmarkResult(
            power,
            plantedSeasons,
            nullSeasons,
            baseline.Interviewers,
            fdpNull.Count == 0 ? double.NaN : fdpNull.Average(),
            nullFlags.Values.Sum(),
            seasonsWithFlag,
            nullSeasons == 0 ? double.NaN : falseInterviewers / (double)(nullSeasons * baseline.Interviewers),
            nullFlags,
            Families().ToDictionary(f => f, f => nullSeasons == 0 ? double.NaN : nullSeasonsByFamily.GetValueOrDefault(f) / (double)nullSeasons),
            fdpPlanted.Count == 0 ? double.NaN : fdpPlanted.Average(),
            plantedFalse,
            seconds)
        {
            NullFalseFlagRateByFamily = Families().ToDictionary(f => f, f => nullSeasons == 0 ? double.NaN : falseInterviewersByFamily.GetValueOrDefault(f) / (double)(nullSeasons * baseline.Interviewers)),
        };
    }

    /// <summary>
    /// Power per planted kind at each number of scorecards per interviewer (balanced loads: every interviewer gets nearly the
    /// same number), with the median sample of every interviewer in each detector's own unit, so that a detector's documented
    /// minimum can be read off the curve.
    /// </summary>
    public static IReadOnlyList<PowerPoint> PowerCurve(IReadOnlyList<int> scorecardsPerInterviewer, int seasons, SimulationOptions baseline, CalibrationConfig? config = null, Action<string>? progress = null)
    {
        var points = new List<PowerPoint>();
        foreach (var size in scorecardsPerInterviewer)
        {
            var o = baseline with { Candidates = (int)Math.Round(size * baseline.Interviewers / (double)baseline.InterviewsPerCandidate), BalancedLoad = true };
            var r = Run(seasons, 0, o, config, progress is null ? null : m => progress($"{size} scorecards: {m}"));
            var sample = Samples(SeasonSimulator.Simulate(o with { Seed = o.Seed }).Import());
            points.Add(new PowerPoint(size, o.Candidates, r.Power, sample));
        }

        return points;
    }

    /// <summary>
    /// The severity detector's null FDR and power over candidate values of δ0 (the negligible severity of its minimum-effect
    /// test), from one analysis per season: the eligible severity tests of each season are re-tested with each δ0 (same
    /// estimates, SEs, practical-size check and BH as the detector). Null seasons are seeded as in <see cref="Run"/> from
    /// <paramref name="nullBaseline"/> (so they are the seasons of bench-detection with the same seed and sizes), planted
    /// seasons as in <see cref="PowerCurve"/> at <paramref name="scorecardsPerInterviewer"/> (the seasons of bench-power).
    /// </summary>
    public static IReadOnlyList<SeveritySweepRow> SeveritySweep(IReadOnlyList<double> negligibleLogits, int nullSeasons, SimulationOptions nullBaseline, int plantedSeasons, int scorecardsPerInterviewer, SimulationOptions plantedBaseline, CalibrationConfig? config = null, Action<string>? progress = null)
    {
        config ??= CalibrationConfig.Default;
        var options = new AnalysisOptions { Fast = true };
        var seasonsWithFalse = new int[negligibleLogits.Count];
        var falseFlags = new int[negligibleLogits.Count];
        var falseInterviewers = new int[negligibleLogits.Count];
        for (var s = 0; s < nullSeasons; s++)
        {
            var season = SeasonSimulator.Simulate(nullBaseline with { Seed = nullBaseline.Seed + 100_000 + (ulong)s, Planted = PlantedKinds.All.ToDictionary(k => k, _ => 0) });
            var result = CalibrationAnalysis.Run(season.Import(), config, options);
            var severeTruth = PracticalSeverities(season, nullBaseline, config);
            for (var d = 0; d < negligibleLogits.Count; d++)
            {
                var wrong = SeverityFlags(result, negligibleLogits[d], config).Where(f => !(severeTruth.TryGetValue(result.Models.Data.InterviewerIds[f.Interviewer], out var dir) && dir == f.Detector)).ToList();
                falseFlags[d] += wrong.Count;
                falseInterviewers[d] += wrong.Select(f => f.Interviewer).Distinct().Count();
                seasonsWithFalse[d] += wrong.Count > 0 ? 1 : 0;
            }

            if ((s + 1) % 10 == 0)
            {
                progress?.Invoke($"null season {s + 1}/{nullSeasons}");
            }
        }

        var planted = plantedBaseline with { Candidates = (int)Math.Round(scorecardsPerInterviewer * plantedBaseline.Interviewers / (double)plantedBaseline.InterviewsPerCandidate), BalancedLoad = true };
        var plantedCount = 0;
        var detected = new int[negligibleLogits.Count];
        for (var s = 0; s < plantedSeasons; s++)
        {
            var season = SeasonSimulator.Simulate(planted with { Seed = planted.Seed + (ulong)s });
            var result = CalibrationAnalysis.Run(season.Import(), config, options);
            var ids = result.Models.Data.InterviewerIds;
            var severe = season.Planted.Where(p => p.Kind == PlantedKinds.Severe).Select(p => p.InterviewerId).ToHashSet(StringComparer.Ordinal);
            plantedCount += severe.Count;
            for (var d = 0; d < negligibleLogits.Count; d++)
            {
                detected[d] += SeverityFlags(result, negligibleLogits[d], config).Count(f => f.Detector == Detectors.DetectorNames.Severe && severe.Contains(ids[f.Interviewer]));
            }

            if ((s + 1) % 10 == 0)
            {
                progress?.Invoke($"planted season {s + 1}/{plantedSeasons}");
            }
        }

        var n = nullSeasons * nullBaseline.Interviewers;
        return negligibleLogits.Select((delta, d) => new SeveritySweepRow(
            delta,
            nullSeasons == 0 ? double.NaN : seasonsWithFalse[d] / (double)nullSeasons,
            falseFlags[d],
            n == 0 ? double.NaN : falseInterviewers[d] / (double)n,
            plantedCount,
            detected[d],
            plantedCount == 0 ? double.NaN : detected[d] / (double)plantedCount)).ToList();
    }

    /// <summary>
    /// The severity family's flags had the detector used δ0 = <paramref name="negligibleLogit"/>: the analysis' eligible severity
    /// tests (estimate, practical-size check) re-tested with the interval-null p-value and BH. With the configured δ0 these are
    /// exactly the analysis' own flags (checked).
    /// </summary>
    private static List<(int Interviewer, string Detector)> SeverityFlags(AnalysisResult result, double negligibleLogit, CalibrationConfig config)
    {
        var models = result.Models;
        var outcomes = result.Outcomes.Where(o => Detectors.DetectorNames.Family(o.Test.Detector) == "severity").ToList();
        var p = outcomes.Select(o => Detectors.SeverityDetector.IntervalNullP(o.Test.Effect, models.Fits[models.RaterFit[o.Test.Interviewer]].Mml.SeveritySe[models.RaterLocal[o.Test.Interviewer]], negligibleLogit)).ToArray();
        var q = BenjaminiHochberg.Adjust(p);
        var flags = outcomes.Where((o, i) => q[i] <= config.FdrQ && o.Test.Practical).Select(o => (o.Test.Interviewer, o.Test.Detector)).ToList();
        if (negligibleLogit == config.Practical.SeverityLogit && !flags.SequenceEqual(outcomes.Where(o => o.Flagged).Select(o => (o.Test.Interviewer, o.Test.Detector))))
        {
            throw new InvalidOperationException("The severity sweep does not reproduce the detector's flags at the configured δ0.");
        }

        return flags;
    }

    /// <summary>
    /// The severity detector's minimum detectable effect against simulation: <paramref name="calibrationSeasons"/> null seasons
    /// at <paramref name="scorecardsPerInterviewer"/> scorecards per interviewer (balanced loads) give the reported MDE of every
    /// ordinary interviewer (its median is the MDE to check); then <paramref name="seasons"/> seasons plant one severe and one
    /// lenient interviewer at exactly that many logits and count how often each is flagged in its direction. A truthful MDE
    /// gives power near the configured 0.8.
    /// </summary>
    public static MdeCheckResult SeverityMdeCheck(int scorecardsPerInterviewer, int calibrationSeasons, int seasons, SimulationOptions baseline, CalibrationConfig? config = null, Action<string>? progress = null)
    {
        config ??= CalibrationConfig.Default;
        var options = new AnalysisOptions { Fast = true };
        var sized = baseline with { Candidates = (int)Math.Round(scorecardsPerInterviewer * baseline.Interviewers / (double)baseline.InterviewsPerCandidate), BalancedLoad = true };
        var none = PlantedKinds.All.ToDictionary(k => k, _ => 0);
        var reported = new List<double>();
        for (var s = 0; s < calibrationSeasons; s++)
        {
            var season = SeasonSimulator.Simulate(sized with { Seed = sized.Seed + 200_000 + (ulong)s, Planted = none });
            var result = CalibrationAnalysis.Run(season.Import(), config, options);
            reported.AddRange(result.Report.Interviewers.SelectMany(i => i.Detectors).Where(d => d.Detector == "severity" && d.Status == DetectorAnswers.NoEvidence && d.MinimumDetectableEffect is not null).Select(d => d.MinimumDetectableEffect!.Value));
            progress?.Invoke($"calibration season {s + 1}/{calibrationSeasons}");
        }

        var sorted = reported.Order().ToArray();
        var mde = Statistics.Probability.Median(sorted);
        var planted = none.ToDictionary(kv => kv.Key, kv => kv.Key is PlantedKinds.Severe or PlantedKinds.Lenient ? 1 : 0);
        int count = 0, detected = 0;
        for (var s = 0; s < seasons; s++)
        {
            var season = SeasonSimulator.Simulate(sized with { Seed = sized.Seed + (ulong)s, Planted = planted, SevereLogit = mde, LenientLogit = mde });
            var result = CalibrationAnalysis.Run(season.Import(), config, options);
            var ids = result.Models.Data.InterviewerIds;
            foreach (var p in season.Planted)
            {
                count++;
                var expected = PlantedKinds.Detectors(p.Kind).Expected;
                detected += result.Outcomes.Any(o => o.Flagged && o.Test.Detector == expected && ids[o.Test.Interviewer] == p.InterviewerId) ? 1 : 0;
            }

            if ((s + 1) % 10 == 0)
            {
                progress?.Invoke($"planted season {s + 1}/{seasons}: {detected}/{count} detected");
            }
        }

        return new MdeCheckResult("severity", "logit", scorecardsPerInterviewer, calibrationSeasons, mde,
            sorted.Length == 0 ? double.NaN : Statistics.Probability.Percentile(sorted, 0.1), sorted.Length == 0 ? double.NaN : Statistics.Probability.Percentile(sorted, 0.9),
            seasons, count, detected, count == 0 ? double.NaN : detected / (double)count);
    }

    /// <summary>Median per interviewer of each eligibility unit: ratings, scorecards, candidates in the smaller group, decided candidates.</summary>
    private static Dictionary<string, double> Samples(Import.CalibrationData data)
    {
        var nr = data.InterviewerIds.Count;
        var ratings = new int[nr];
        foreach (var x in data.Observations)
        {
            ratings[x.Interviewer]++;
        }

        var cards = new int[nr];
        var groupCounts = new Dictionary<(int, int), HashSet<int>>();
        foreach (var card in data.Scorecards)
        {
            cards[card.Interviewer]++;
            var g = data.GroupOf[card.Candidate];
            if (g >= 0)
            {
                if (!groupCounts.TryGetValue((card.Interviewer, g), out var set))
                {
                    groupCounts[(card.Interviewer, g)] = set = [];
                }

                set.Add(card.Candidate);
            }
        }

        var smaller = Enumerable.Range(0, nr).Select(j => (double)Enumerable.Range(0, data.GroupIds.Count).Select(g => groupCounts.TryGetValue((j, g), out var set) ? set.Count : 0).DefaultIfEmpty(0).Min()).ToArray();
        return new Dictionary<string, double>
        {
            ["ratings"] = Statistics.Probability.Median(ratings.Select(v => (double)v)),
            ["scorecards"] = Statistics.Probability.Median(cards.Select(v => (double)v)),
            ["smaller group"] = Statistics.Probability.Median(smaller),
        };
    }

    /// <summary>
    /// Interviewers whose true severity (centred over the season) is itself of practical size: |α| ≥ 0.5 logit or a fair-average
    /// difference ≥ 0.25 points for an average candidate. A severe/lenient flag on them is a true discovery even in a season
    /// without planted effects, since severity differences are what that detector measures.
    /// </summary>
    private static Dictionary<string, string> PracticalSeverities(SimulatedSeason season, SimulationOptions o, CalibrationConfig config)
    {
        var rows = season.TruthCsv.Split('\n').Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).Select(f => (Id: f[0], Alpha: double.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture))).ToArray();
        var mean = rows.Average(r => r.Alpha);
        var cum = Rasch.RatingScaleModel.Cumulative([0, .. o.Thresholds]);
        var fairZero = Rasch.RatingScaleModel.Moments(0, cum).E;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, alpha) in rows)
        {
            var a = alpha - mean;
            var fair = Rasch.RatingScaleModel.Moments(-a, cum).E - fairZero;
            if (Math.Abs(a) >= config.Practical.SeverityLogit || Math.Abs(fair) >= config.Practical.FairAveragePoints)
            {
                result[id] = a > 0 ? Detectors.DetectorNames.Severe : Detectors.DetectorNames.Lenient;
            }
        }

        return result;
    }

    private static IEnumerable<string> Families() =>
        new[] { "severity", "halo", "central-tendency", "inconsistent", "group-bias", "outcome-disagreement", "narrow-coverage", "cog-in-a-machine", "adverse-impact" };

    private static bool IsTrue(string id, string detector, Dictionary<string, string> kindOf)
    {
        if (!kindOf.TryGetValue(id, out var kind))
        {
            return false;
        }

        var (expected, also) = PlantedKinds.Detectors(kind);
        return detector == expected || also.Contains(detector);
    }
}
