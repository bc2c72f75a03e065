using System.Globalization;
using HiringPlatform.Calibration.Engine.Additive;
using HiringPlatform.Calibration.Engine.Design;
using HiringPlatform.Calibration.Engine.Detectors;
using HiringPlatform.Calibration.Engine.Flagging;
using HiringPlatform.Calibration.Engine.Import;
using HiringPlatform.Calibration.Engine.Rasch;
using HiringPlatform.Calibration.Engine.Reliability;
using HiringPlatform.Calibration.Engine.Reports;
using HiringPlatform.Calibration.Engine.Statistics;

namespace HiringPlatform.Calibration.Engine.Analysis;

public sealed record AnalysisOptions
{
    public MmlOptions Mml { get; init; } = new();

    public JmleOptions Jmle { get; init; } = new();

    /// <summary>Skip the Fiedler value (dense eigen-decomposition) and reliability bootstrap, e.g. in benchmarks.</summary>
    public bool Fast { get; init; }

    /// <summary>
    /// How many of the detectors and of the reliability bootstrap's replicates run side by side: -1 as many as the machine
    /// has, 1 one after the other. The report is the same either way (the tests compare them).
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;
}

/// <summary>The full analysis and its intermediate results (used by tests and benchmarks).</summary>
public sealed record AnalysisResult(CalibrationReport Report, IReadOnlyList<DetectorOutcome> Outcomes, ModelSet Models, AdditiveResult Additive, IReadOnlyList<string> Timings);

/// <summary>What the report's sections are built from: the input, the settings and the analysis' intermediate results.</summary>
internal sealed record ReportInputs(
    CalibrationData Data,
    CalibrationConfig Config,
    AnalysisOptions Options,
    DesignComponents Components,
    ModelSet Models,
    AdditiveResult Additive,
    SeverityEstimate?[] Severity,
    IReadOnlyList<DetectorOutcome> Outcomes);

/// <summary>The pipeline of docs/calibration-method.md §7.3 for one window: components, models, reliability, detectors, BH, report.</summary>
public static class CalibrationAnalysis
{
    public const string SchemaVersion = "calibration-report/1";

    public static AnalysisResult Run(CalibrationData data, CalibrationConfig? config = null, AnalysisOptions? options = null, Action<string>? progress = null)
    {
        config ??= CalibrationConfig.Default;
        options ??= new AnalysisOptions();
        var timings = new List<string>();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        void Lap(string what)
        {
            timings.Add(string.Create(CultureInfo.InvariantCulture, $"{what}: {clock.Elapsed.TotalSeconds:0.00} s"));
            clock.Restart();
        }

        var warnings = new List<string>();
        var components = DesignComponents.Find(data);
        progress?.Invoke($"{data.Observations.Length} ratings, {data.CandidateIds.Count} candidates, {data.InterviewerIds.Count} interviewers, {components.Count} component(s)");
        var models = ModelSet.Fit(data, components, options.Mml, options.Jmle, progress, config.Eligibility.ComponentMinRatings);
        Lap("models (MML-EM + JMLE)");
        progress?.Invoke("additive model");
        var additive = AdditiveModel.Fit(data, components);
        Lap("additive model");
        if (additive.ExtraIndeterminacies > 0)
        {
            warnings.Add($"The design leaves {additive.ExtraIndeterminacies} further indeterminacies between interviewer, competency and interview-type effects (e.g. interviewers nested in interview types): those contrasts are fixed by the sum-to-zero constraints, not by data.");
        }

        progress?.Invoke("reliability");
        var reliability = ReliabilityAnalysis.Compute(data, additive.Interviewers.Select(i => double.IsFinite(i.Effect) ? i.Effect : 0).ToArray(), options.Fast ? 0 : config.BootstrapReplicates, config.Seed,
            options.MaxDegreeOfParallelism);
        Lap("reliability");

        progress?.Invoke("detectors");
        var ctx = new DetectorContext(models, additive, config);
        var severity = SeverityDetector.Estimates(ctx);
        // The detectors read the fits and write nothing shared: they run side by side, each with its own list of "not enough
        // data" answers, and their tests and answers are taken in this order, as if they had run one after the other.
        (string Name, Func<DetectorContext, IEnumerable<DetectorTest>> Run)[] detectors =
        [
            ("severity", c => SeverityDetector.Run(c, severity)),
            ("inconsistent", FitDetectors.Inconsistent),
            ("central-tendency", FitDetectors.CentralTendency),
            ("halo", HaloDetector.Run),
            ("group-bias", GroupBiasDetector.Run),
            ("outcome-disagreement", OutcomeDisagreementDetector.Run),
            ("adverse-impact", AdverseImpact.PerInterviewer),
        ];
        var ran = new (List<DetectorTest> Tests, DetectorContext Own, TimeSpan Took)[detectors.Length];
        Parallel.For(0, detectors.Length, new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism }, i =>
        {
            var own = ctx.WithOwnAnswers();
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            ran[i] = (detectors[i].Run(own).ToList(), own, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        });
        var tests = new List<DetectorTest>();
        var detectorTimes = new List<string>();
        for (var i = 0; i < detectors.Length; i++)
        {
            tests.AddRange(ran[i].Tests);
            ctx.NotEnough.AddRange(ran[i].Own.NotEnough);
            detectorTimes.Add(string.Create(CultureInfo.InvariantCulture, $"{detectors[i].Name} {ran[i].Took.TotalSeconds:0.00} s"));
        }

        var detectorClock = System.Diagnostics.Stopwatch.StartNew();
        var profiles = CoverageDetectors.Profiles(ctx);
        var narrow = CoverageDetectors.NarrowCoverage(ctx, profiles).ToList();
        var narrowOutcomes = Flag(narrow, config);
        var narrowFlagged = narrowOutcomes.Where(o => o.Flagged).Select(o => (o.Test.Interviewer, o.Test.Scope ?? "")).ToHashSet();
        var cog = CoverageDetectors.Cog(ctx, profiles, narrowFlagged).ToList();
        detectorTimes.Add(string.Create(CultureInfo.InvariantCulture, $"coverage and cog {detectorClock.Elapsed.TotalSeconds:0.00} s"));
        var outcomes = Flag(tests, config).Concat(narrowOutcomes).Concat(Flag(cog, config)).ToList();
        Lap("detectors");
        progress?.Invoke("detector times: " + string.Join(", ", detectorTimes));

        var inputs = new ReportInputs(Data: data, Config: config, Options: options, Components: components, Models: models, Additive: additive, Severity: severity, Outcomes: outcomes);
        var report = BuildReport(inputs, reliability, ctx.NotEnough, warnings);
        Lap("report");
        return new AnalysisResult(report, outcomes, models, additive, timings);
    }

    /// <summary>BH within each detector family; flagged when q ≤ FDR level and the effect is of practical size (and composite prerequisites hold).</summary>
    public static List<DetectorOutcome> Flag(IReadOnlyList<DetectorTest> tests, CalibrationConfig config)
    {
        var result = new List<DetectorOutcome>(tests.Count);
        foreach (var family in tests.GroupBy(t => DetectorNames.Family(t.Detector)).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var list = family.ToList();
            var q = BenjaminiHochberg.Adjust(list.Select(t => t.P).ToArray());
            for (var i = 0; i < list.Count; i++)
            {
                var t = list[i];
                var flagged = t.Prerequisite && ((q[i] <= config.FdrQ && t.Practical) || t.FlagWithoutSignificance);
                // The minimum detectable effect at the BH threshold of a lone discovery in this family (q / m).
                var mde = t.Detectable is { } d ? d.At(config.FdrQ / list.Count) : double.NaN;
                result.Add(new DetectorOutcome(t, q[i], flagged) { MinimumDetectableEffect = mde });
            }
        }

        return result;
    }

    /// <summary>The report: each section built by its own function, in the report's order.</summary>
    private static CalibrationReport BuildReport(ReportInputs inputs, ReliabilityReport reliability, List<NotEnoughData> notEnough, List<string> warnings)
    {
        var (data, config) = (inputs.Data, inputs.Config);
        var notRunBecause = DetectorAnswers.NotRunBecause(data);
        var answers = DetectorAnswers.For(data, config, inputs.Outcomes, notEnough, notRunBecause);
        var interviewers = InterviewerRows.Build(inputs, answers);
        var (components, componentWarnings) = ComponentRows.Build(inputs);
        warnings.AddRange(componentWarnings);
        return new CalibrationReport(
            SchemaVersion: SchemaVersion,
            ConfigVersion: config.Version,
            Input: InputSection.Summary(data),
            Interviewers: interviewers,
            Components: components,
            Competencies: CompetencyMeasures(inputs),
            InterviewTypes: InterviewTypeMeasures(inputs),
            Reliability: Reliability(reliability),
            Detectors: DetectorSummaries(notRunBecause, inputs.Outcomes),
            AdverseImpact: AdverseImpact.Organisation(data, config.Practical).Select(i => Impact("organisation: final decision", i)).ToList(),
            Warnings: warnings,
            Config: config);
    }

    /// <summary>The MML competency measures, per modelled component.</summary>
    private static List<FacetElementReport> CompetencyMeasures(ReportInputs inputs) =>
        inputs.Models.Fits.SelectMany(f => Enumerable.Range(0, f.Data.CompetencyCount).Select(c => new FacetElementReport(
            Id: inputs.Data.CompetencyIds[f.Data.CompetencyGlobal[c]],
            ComponentId: f.ComponentId,
            Ratings: f.Data.Competency.Count(x => x == c),
            Measure: R(f.Mml.Competency[c]),
            Se: R(f.Mml.CompetencySe[c])))).ToList();

    /// <summary>The MML interview-type difficulties, per modelled component.</summary>
    private static List<FacetElementReport> InterviewTypeMeasures(ReportInputs inputs) =>
        inputs.Models.Fits.SelectMany(f => Enumerable.Range(0, f.Data.TypeCount).Select(t => new FacetElementReport(
            Id: inputs.Data.TypeIds[f.Data.TypeGlobal[t]],
            ComponentId: f.ComponentId,
            Ratings: f.Data.Type.Count(x => x == t),
            Measure: R(f.Mml.TypeDifficulty[t]),
            Se: R(f.Mml.TypeSe[t])))).ToList();

    /// <summary>Per detector, in report order: how many tests ran and were flagged, or why it did not run.</summary>
    private static List<DetectorSummary> DetectorSummaries(IReadOnlyDictionary<string, string?> notRunBecause, IReadOnlyList<DetectorOutcome> outcomes) =>
        notRunBecause.Select(kv => new DetectorSummary(
            Detector: kv.Key,
            Tested: outcomes.Count(o => o.Test.Detector == kv.Key),
            Flagged: outcomes.Count(o => o.Flagged && o.Test.Detector == kv.Key),
            Ran: kv.Value is null,
            NotRunBecause: kv.Value)).ToList();

    private static ImpactReport Impact(string scope, ImpactComparison i) => new(
        Scope: scope,
        FocalGroup: i.FocalGroup,
        ReferenceGroup: i.ReferenceGroup,
        FocalN: i.FocalN,
        FocalPass: i.FocalPass,
        ReferenceN: i.ReferenceN,
        ReferencePass: i.ReferencePass,
        ImpactRatio: R(i.ImpactRatio),
        ImpactRatioLow95: R(i.ImpactRatioLow95),
        ImpactRatioHigh95: R(i.ImpactRatioHigh95),
        ZDifference: R(i.ZDifference),
        ZLogRatio: R(i.ZLogRatio),
        FisherMidP: Sig(i.FisherMidP),
        Shortfall: R(i.Shortfall),
        FourFifthsRule: i.FourFifths,
        FlipFlop: i.FlipFlop);

    private static ReliabilitySection Reliability(ReliabilityReport r)
    {
        IReadOnlyList<double>? Ci(Interval? i) => i is null ? null : [R(i.Low) ?? double.NaN, R(i.High) ?? double.NaN];
        var forms = r.CompleteDesign is { } f
            ? new IccFormsReport(Icc1: R(f.Icc1), Icc2: R(f.Icc2), Icc3: R(f.Icc3), Icc1k: R(f.Icc1k), Icc2k: R(f.Icc2k), Icc3k: R(f.Icc3k), Targets: f.Targets, Raters: f.Raters)
            : null;
        return new ReliabilitySection(
            Icc1: R(r.Icc1Overall.Value),
            Icc1Ci95: Ci(r.Icc1Overall.Ci95),
            Icc1AfterCalibration: R(r.Icc1AfterCalibration.Value),
            Icc1AfterCalibrationCi95: Ci(r.Icc1AfterCalibration.Ci95),
            AlphaOrdinal: R(r.AlphaOrdinal.Value),
            AlphaOrdinalCi95: Ci(r.AlphaOrdinal.Ci95),
            CompleteDesign: forms,
            Competencies: r.Competencies.Select(c => new CompetencyReliabilityReport(
                Competency: c.Competency,
                Candidates: c.Candidates,
                Ratings: c.Ratings,
                Icc1: R(c.Icc1.Value),
                Icc1Ci95: Ci(c.Icc1.Ci95),
                AlphaOrdinal: R(c.AlphaOrdinal.Value),
                AlphaOrdinalCi95: Ci(c.AlphaOrdinal.Ci95))).ToList(),
            BootstrapReplicates: r.BootstrapReplicates,
            Seed: r.Seed);
    }

    /// <summary>Rounds to 4 decimals; NaN and infinities become null.</summary>
    public static double? R(double? v) => v is { } x && double.IsFinite(x) ? Math.Round(x, 4, MidpointRounding.AwayFromZero) : null;

    /// <summary>Rounds to 4 significant digits (p-values).</summary>
    public static double Sig(double v)
    {
        if (!double.IsFinite(v) || v == 0)
        {
            return double.IsNaN(v) ? 1 : v;
        }

        return double.Parse(v.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
