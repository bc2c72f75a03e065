using System.Globalization;
using System.Security.Cryptography;
using System.Text;
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
}

/// <summary>The full analysis and its intermediate results (used by tests and benchmarks).</summary>
public sealed record AnalysisResult(CalibrationReport Report, IReadOnlyList<DetectorOutcome> Outcomes, ModelSet Models, AdditiveResult Additive, IReadOnlyList<string> Timings);

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
        var reliability = ReliabilityAnalysis.Compute(data, additive.Interviewers.Select(i => double.IsFinite(i.Effect) ? i.Effect : 0).ToArray(), options.Fast ? 0 : config.BootstrapReplicates, config.Seed);
        Lap("reliability");

        progress?.Invoke("detectors");
        var ctx = new DetectorContext(models, additive, config);
        var severity = SeverityDetector.Estimates(ctx);
        var tests = new List<DetectorTest>();
        var detectorClock = System.Diagnostics.Stopwatch.StartNew();
        var detectorTimes = new List<string>();
        void Time(string name, IEnumerable<DetectorTest> run)
        {
            detectorClock.Restart();
            tests.AddRange(run);
            detectorTimes.Add(string.Create(CultureInfo.InvariantCulture, $"{name} {detectorClock.Elapsed.TotalSeconds:0.00} s"));
        }

        Time("severity", SeverityDetector.Run(ctx, severity));
        Time("inconsistent", FitDetectors.Inconsistent(ctx));
        Time("central-tendency", FitDetectors.CentralTendency(ctx));
        Time("halo", HaloDetector.Run(ctx));
        Time("group-bias", GroupBiasDetector.Run(ctx));
        Time("outcome-disagreement", OutcomeDisagreementDetector.Run(ctx));
        Time("adverse-impact", AdverseImpact.PerInterviewer(ctx));
        detectorClock.Restart();
        var profiles = CoverageDetectors.Profiles(ctx);
        var narrow = CoverageDetectors.NarrowCoverage(ctx, profiles).ToList();
        var narrowOutcomes = Flag(narrow, config);
        var narrowFlagged = narrowOutcomes.Where(o => o.Flagged).Select(o => (o.Test.Interviewer, o.Test.Scope ?? "")).ToHashSet();
        var cog = CoverageDetectors.Cog(ctx, profiles, narrowFlagged).ToList();
        detectorTimes.Add(string.Create(CultureInfo.InvariantCulture, $"coverage and cog {detectorClock.Elapsed.TotalSeconds:0.00} s"));
        var outcomes = Flag(tests, config).Concat(narrowOutcomes).Concat(Flag(cog, config)).ToList();
        Lap("detectors");
        progress?.Invoke("detector times: " + string.Join(", ", detectorTimes));

        var report = BuildReport(data, config, options, components, models, additive, reliability, severity, outcomes, ctx.NotEnough, warnings);
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

    private static CalibrationReport BuildReport(
        CalibrationData data,
        CalibrationConfig config,
        AnalysisOptions options,
        DesignComponents components,
        ModelSet models,
        AdditiveResult additive,
        ReliabilityReport reliability,
        SeverityEstimate?[] severity,
        List<DetectorOutcome> outcomes,
        List<NotEnoughData> notEnough,
        List<string> warnings)
    {
        var scorecardsOf = new int[data.InterviewerIds.Count];
        foreach (var s in data.Scorecards)
        {
            scorecardsOf[s.Interviewer]++;
        }

        var flagsOf = outcomes.Where(o => o.Flagged).GroupBy(o => o.Test.Interviewer).ToDictionary(g => g.Key, g => g.OrderBy(o => o.Test.Detector, StringComparer.Ordinal).ThenBy(o => o.Test.Scope, StringComparer.Ordinal).ToList());
        var interviewers = new List<InterviewerReport>();
        var ratings = new int[data.InterviewerIds.Count];
        foreach (var o in data.Observations)
        {
            ratings[o.Interviewer]++;
        }

        var interactions = Interactions(data, models, config);
        var evidence = ScorecardDeviations(data);
        var ran = new Dictionary<string, string?>
        {
            [DetectorNames.Severe] = null,
            [DetectorNames.Lenient] = null,
            [DetectorNames.Halo] = null,
            [DetectorNames.CentralTendency] = data.Scale.K < 2 ? "the scale has no middle categories" : null,
            [DetectorNames.Inconsistent] = null,
            [DetectorNames.GroupBias] = data.HasGroups ? null : "no group data (candidates.csv with a group column)",
            [DetectorNames.OutcomeDisagreement] = data.HasRecommendations && data.HasDecisions ? null : "needs recommendations in ratings.csv and decisions in candidates.csv",
            [DetectorNames.NarrowCoverage] = null,
            [DetectorNames.CogInAMachine] = null,
            [DetectorNames.AdverseImpact] = data.HasGroups && data.HasRecommendations ? null : "needs group data and recommendations",
        };
        var answers = DetectorAnswers.For(data, config, outcomes, notEnough, ran);
        var z = Probability.NormalQuantile(0.5 + (config.IntervalLevel / 2));
        for (var j = 0; j < data.InterviewerIds.Count; j++)
        {
            var sev = severity[j];
            FitStatistics? fit = null;
            double? jmleSeverity = null;
            if (models.RaterFit[j] >= 0)
            {
                var jm = models.Fits[models.RaterFit[j]].Jmle;
                fit = jm.RaterFit[models.RaterLocal[j]];
                jmleSeverity = R(jm.Severity[models.RaterLocal[j]]);
            }

            var add = additive.Interviewers[j];
            var flags = flagsOf.TryGetValue(j, out var list)
                ? list.Select(o => new FlagReport(o.Test.Detector, o.Test.Direction, R(o.Test.Effect) ?? 0, o.Test.EffectUnit, R(o.Test.Shrunk), Sig(o.Test.P), Sig(o.Q), o.Test.N, o.Test.Scope, o.Test.Reason, Evidence(data, evidence, o.Test))).ToList()
                : [];
            interviewers.Add(new InterviewerReport(
                data.InterviewerIds[j],
                components.ComponentOfInterviewer[j],
                ratings[j],
                scorecardsOf[j],
                components.LinkingCandidates[j],
                R(sev?.Severity),
                R(sev?.Se),
                R(sev is null ? null : sev.Severity - (z * sev.Se)),
                R(sev is null ? null : sev.Severity + (z * sev.Se)),
                R(sev?.Shrunk),
                R(sev?.FairAverage),
                R(sev?.FairAverageDifference),
                R(fit?.Infit),
                R(fit?.InfitZ),
                R(fit?.Outfit),
                R(fit?.OutfitZ),
                jmleSeverity,
                R(add.Effect),
                R(add.Se),
                R(add.Shrunk),
                add.Explanation,
                flags,
                interactions.TryGetValue(j, out var notable) ? notable : [])
            {
                Name = data.InterviewerName(j),
                Detectors = answers[j],
            });
        }

        var componentReports = new List<ComponentReport>();
        var componentWarnings = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        void ComponentWarning(string what, string where)
        {
            if (!componentWarnings.TryGetValue(what, out var list))
            {
                componentWarnings[what] = list = [];
            }

            list.Add(where);
        }

        var membersOf = Enumerable.Range(0, data.InterviewerIds.Count).GroupBy(j => components.ComponentOfInterviewer[j]).ToDictionary(g => g.Key, g => g.ToArray());
        var observationsOf = Enumerable.Range(0, data.Observations.Length).GroupBy(o => components.ComponentOfInterviewer[data.Observations[o].Interviewer]).ToDictionary(g => g.Key, g => g.ToArray());
        var fitOf = models.Fits.Select((f, i) => (f.ComponentId, i)).ToDictionary(p => p.ComponentId, p => p.i);
        for (var c = 1; c <= components.Count; c++)
        {
            var id = c;
            var fitIndex = fitOf.TryGetValue(id, out var fi) ? fi : -1;
            var members = membersOf[id];
            var weak = members.Where(j => components.LinkingCandidates[j] < config.Eligibility.WeakLinkSharedCandidates && members.Length > 1).Select(j => data.InterviewerIds[j]).ToArray();
            var fiedler = options.Fast || members.Length > Linkage.MaxDenseInterviewers || members.Length < 2 ? null : Linkage.FiedlerValue(data, members, observationsOf.GetValueOrDefault(id, []));
            if (fitIndex < 0)
            {
                componentReports.Add(new ComponentReport(id, components.InterviewersPerComponent[c - 1], components.CandidatesPerComponent[c - 1], components.RatingsPerComponent[c - 1], false, null, null, null, null, null, null, null, null, null, null, null, null, R(fiedler), weak));
                continue;
            }

            var f = models.Fits[fitIndex];
            var raterSummary = FacetSummary.From(f.Mml.Severity, f.Mml.SeveritySe);
            var nonExtreme = Enumerable.Range(0, f.Data.CandidateCount).Where(n => !f.Jmle.CandidateExtreme[n]).ToArray();
            var candSummary = FacetSummary.From(nonExtreme.Select(n => f.Jmle.Theta[n]).ToArray(), nonExtreme.Select(n => f.Jmle.ThetaSe[n]).ToArray());
            var counts = Enumerable.Range(0, data.Scale.K + 1).Select(k => f.Data.X.Count(x => x == k)).ToArray();
            var sparse = Enumerable.Range(0, counts.Length).Where(k => counts[k] < config.Eligibility.CategoryMinCount).Select(k => (k + data.Scale.Min).ToString(CultureInfo.InvariantCulture)).ToArray();
            if (sparse.Length > 0)
            {
                ComponentWarning($"some rating categories occur fewer than {config.Eligibility.CategoryMinCount} times, below the minimum for stable thresholds (Linacre); unused categories are estimated with a 0.5 pseudo-count", $"{id} (rating {string.Join(", ", sparse)})");
            }

            if (!f.Mml.Converged)
            {
                ComponentWarning($"MML-EM did not converge in {options.Mml.MaxIterations} iterations", id.ToString(CultureInfo.InvariantCulture));
            }

            if (!f.Jmle.Converged)
            {
                ComponentWarning($"JMLE did not converge in {options.Jmle.MaxSweeps} sweeps", id.ToString(CultureInfo.InvariantCulture));
            }

            componentReports.Add(new ComponentReport(
                id,
                components.InterviewersPerComponent[c - 1],
                components.CandidatesPerComponent[c - 1],
                components.RatingsPerComponent[c - 1],
                true,
                f.Mml.Iterations,
                f.Mml.Converged,
                R(f.Mml.Deviance),
                R(f.Mml.Mean),
                R(f.Mml.Sd),
                f.Mml.Thresholds.Skip(1).Select(v => R(v) ?? 0).ToArray(),
                f.Jmle.Sweeps,
                f.Jmle.Converged,
                counts,
                Summary(raterSummary),
                f.Data.CompetencyCount > 1 ? Summary(FacetSummary.From(f.Mml.Competency, f.Mml.CompetencySe)) : null,
                Summary(candSummary),
                R(fiedler),
                weak));
        }

        foreach (var (what, where) in componentWarnings)
        {
            warnings.Add($"{char.ToUpperInvariant(what[0])}{what[1..]}: component{(where.Count > 1 ? "s" : "")} {string.Join(", ", where.Take(10))}{(where.Count > 10 ? $" and {where.Count - 10} more" : "")}.");
        }

        var unmodelled = componentReports.Count(r => !r.Modelled);
        if (unmodelled > 0)
        {
            warnings.Add($"{unmodelled} component(s) are not modelled: they need two interviewers, two candidates and {config.Eligibility.ComponentMinRatings} ratings.");
        }

        if (components.Count > 1)
        {
            warnings.Add($"The design has {components.Count} disconnected components: severities are centred within each component and are never compared or flagged across components.");
        }

        var competencies = new List<FacetElementReport>();
        var types = new List<FacetElementReport>();
        foreach (var f in models.Fits)
        {
            for (var c = 0; c < f.Data.CompetencyCount; c++)
            {
                var cc = c;
                competencies.Add(new FacetElementReport(data.CompetencyIds[f.Data.CompetencyGlobal[c]], f.ComponentId, f.Data.Competency.Count(x => x == cc), R(f.Mml.Competency[c]), R(f.Mml.CompetencySe[c])));
            }

            for (var t = 0; t < f.Data.TypeCount; t++)
            {
                var tt = t;
                types.Add(new FacetElementReport(data.TypeIds[f.Data.TypeGlobal[t]], f.ComponentId, f.Data.Type.Count(x => x == tt), R(f.Mml.TypeDifficulty[t]), R(f.Mml.TypeSe[t])));
            }
        }

        var detectors = ran.Select(kv => new DetectorSummary(kv.Key, outcomes.Count(o => o.Test.Detector == kv.Key), outcomes.Count(o => o.Flagged && o.Test.Detector == kv.Key), kv.Value is null, kv.Value)).ToList();

        var impact = AdverseImpact.Organisation(data, config.Practical).Select(i => Impact("organisation: final decision", i)).ToList();

        return new CalibrationReport(
            SchemaVersion,
            config.Version,
            new InputSummary(
                data.Scale.ToString(),
                data.Observations.Length,
                data.Scorecards.Count,
                data.CandidateIds.Count,
                data.InterviewerIds.Count,
                data.Observations.Select(o => o.Competency).Distinct().Count(),
                data.TypeIds.Count,
                data.HasRecommendations,
                data.HasProbeShares,
                data.HasDecisions,
                data.HasGroups,
                data.TypeIds.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => data.BlueprintSources[p.i], StringComparer.Ordinal),
                Hash(data)),
            interviewers,
            componentReports,
            competencies,
            types,
            Reliability(reliability),
            detectors,
            impact,
            warnings,
            config);
    }

    /// <summary>Interviewer x competency bias terms (JMLE main parameters fixed) that are notable: n, |t| and |Obs−Exp| at least the configured minima.</summary>
    private static Dictionary<int, List<InteractionReport>> Interactions(CalibrationData data, ModelSet models, CalibrationConfig config)
    {
        var result = new Dictionary<int, List<InteractionReport>>();
        foreach (var f in models.Fits)
        {
            var d = f.Data;
            if (d.CompetencyCount < 2)
            {
                continue;
            }

            var cells = new Dictionary<(int Rater, int Competency), List<int>>();
            for (var o = 0; o < d.Count; o++)
            {
                if (!f.Jmle.Active[o])
                {
                    continue;
                }

                var key = (d.Rater[o], d.Competency[o]);
                if (!cells.TryGetValue(key, out var list))
                {
                    cells[key] = list = [];
                }

                list.Add(o);
            }

            foreach (var ((r, c), list) in cells.OrderBy(kv => kv.Key.Rater).ThenBy(kv => kv.Key.Competency))
            {
                if (list.Count < config.Eligibility.InteractionMinRatings)
                {
                    continue;
                }

                var b = BiasAnalysis.Cell(d, f.Jmle, list);
                if (Math.Abs(b.T) < config.Practical.InteractionMinAbsT || Math.Abs(b.ObsExpAverage) < config.Practical.BiasObsExpPoints)
                {
                    continue;
                }

                var j = d.RaterGlobal[r];
                if (!result.TryGetValue(j, out var reports))
                {
                    result[j] = reports = [];
                }

                reports.Add(new InteractionReport(data.CompetencyIds[d.CompetencyGlobal[c]], b.Count, R(b.Bias), R(b.Se), R(b.T), R(b.ObsExpAverage)));
            }
        }

        return result;
    }

    /// <summary>
    /// Per scorecard: its mean rating minus the mean rating the other interviewers gave the same candidate (NaN when nobody
    /// else rated the candidate), and its number of rated competencies.
    /// </summary>
    private static (double Deviation, int Rated, int Distinct, double RecommendationDeviation)[] ScorecardDeviations(CalibrationData data)
    {
        var sum = new double[data.Scorecards.Count];
        var count = new int[data.Scorecards.Count];
        var distinct = new HashSet<int>[data.Scorecards.Count];
        foreach (var o in data.Observations)
        {
            sum[o.Scorecard] += o.Category;
            count[o.Scorecard]++;
            (distinct[o.Scorecard] ??= []).Add(o.Category);
        }

        // Share of "yes" recommendations among the other interviewers of the same candidate.
        var yes = new double[data.CandidateIds.Count];
        var recs = new int[data.CandidateIds.Count];
        foreach (var card in data.Scorecards)
        {
            if (card.Recommendation is { } r)
            {
                yes[card.Candidate] += r >= Recommendation.Yes ? 1 : 0;
                recs[card.Candidate]++;
            }
        }

        var candSum = new double[data.CandidateIds.Count];
        var candCount = new int[data.CandidateIds.Count];
        for (var s = 0; s < sum.Length; s++)
        {
            if (count[s] > 0)
            {
                candSum[data.Scorecards[s].Candidate] += sum[s] / count[s];
                candCount[data.Scorecards[s].Candidate]++;
            }
        }

        return Enumerable.Range(0, sum.Length).Select(s =>
        {
            var card = data.Scorecards[s];
            var n = card.Candidate;
            var recDeviation = double.NaN;
            if (card.Recommendation is { } r && recs[n] > 1)
            {
                var mineYes = r >= Recommendation.Yes ? 1.0 : 0.0;
                recDeviation = mineYes - ((yes[n] - mineYes) / (recs[n] - 1));
            }

            if (count[s] == 0)
            {
                return (double.NaN, 0, 0, recDeviation);
            }

            var own = sum[s] / count[s];
            var others = candCount[n] - 1;
            return (others > 0 ? own - ((candSum[n] - own) / others) : double.NaN, count[s], distinct[s].Count, recDeviation);
        }).ToArray();
    }

    /// <summary>
    /// The evidence drill-down of a flag (§4.8 step 7): up to 10 of the interviewer's interview ids, in the flag's scope
    /// (interview type, or the focal group's candidates), ordered by how far the scorecard's mean rating is from the other
    /// interviewers of the same candidate in the flag's direction (harsh first for severe, group bias and adverse impact,
    /// lenient first for lenient, largest distance otherwise); for coverage flags the scorecards rating the fewest
    /// competencies first; for halo the flattest scorecards (fewest distinct ratings over at least three competencies);
    /// for outcome disagreement the recommendations furthest from the other interviewers' recommendations. Ties by id.
    /// </summary>
    private static IReadOnlyList<string> Evidence(CalibrationData data, (double Deviation, int Rated, int Distinct, double RecommendationDeviation)[] cards, DetectorTest test)
    {
        var type = test.Scope is null ? -1 : data.TypeIds.ToList().IndexOf(test.Scope);
        var group = test.Direction is { } d && (d.StartsWith("against:", StringComparison.Ordinal) || d.StartsWith("favours:", StringComparison.Ordinal))
            ? data.GroupIds.ToList().IndexOf(d[(d.IndexOf(':', StringComparison.Ordinal) + 1)..])
            : -1;
        var mine = Enumerable.Range(0, data.Scorecards.Count)
            .Where(s => data.Scorecards[s].Interviewer == test.Interviewer && (type < 0 || data.Scorecards[s].Type == type) && (group < 0 || data.GroupOf[data.Scorecards[s].Candidate] == group))
            .ToArray();
        Func<int, double> key = test.Detector switch
        {
            DetectorNames.NarrowCoverage or DetectorNames.CogInAMachine => s => cards[s].Rated,
            DetectorNames.Halo => s => cards[s].Rated < 3 ? double.MaxValue : cards[s].Distinct - (0.01 * cards[s].Rated),
            DetectorNames.OutcomeDisagreement => s => double.IsNaN(cards[s].RecommendationDeviation) ? double.MaxValue : -Math.Abs(cards[s].RecommendationDeviation),
            DetectorNames.Lenient => s => double.IsNaN(cards[s].Deviation) ? double.MaxValue : -cards[s].Deviation,
            DetectorNames.Severe or DetectorNames.AdverseImpact => s => double.IsNaN(cards[s].Deviation) ? double.MaxValue : cards[s].Deviation,
            DetectorNames.GroupBias when test.Direction!.StartsWith("favours:", StringComparison.Ordinal) => s => double.IsNaN(cards[s].Deviation) ? double.MaxValue : -cards[s].Deviation,
            DetectorNames.GroupBias => s => double.IsNaN(cards[s].Deviation) ? double.MaxValue : cards[s].Deviation,
            _ => s => double.IsNaN(cards[s].Deviation) ? double.MaxValue : -Math.Abs(cards[s].Deviation),
        };
        return mine.OrderBy(key).ThenBy(s => data.Scorecards[s].InterviewId, StringComparer.Ordinal).Take(10).Select(s => data.Scorecards[s].InterviewId).ToList();
    }

    private static ImpactReport Impact(string scope, ImpactComparison i) =>
        new(scope, i.FocalGroup, i.ReferenceGroup, i.FocalN, i.FocalPass, i.ReferenceN, i.ReferencePass, R(i.ImpactRatio), R(i.ImpactRatioLow95), R(i.ImpactRatioHigh95), R(i.ZDifference), R(i.ZLogRatio), Sig(i.FisherMidP), R(i.Shortfall), i.FourFifths, i.FlipFlop);

    private static ReliabilitySection Reliability(ReliabilityReport r)
    {
        IReadOnlyList<double>? Ci(Interval? i) => i is null ? null : [R(i.Low) ?? double.NaN, R(i.High) ?? double.NaN];
        var forms = r.CompleteDesign is { } f ? new IccFormsReport(R(f.Icc1), R(f.Icc2), R(f.Icc3), R(f.Icc1k), R(f.Icc2k), R(f.Icc3k), f.Targets, f.Raters) : null;
        return new ReliabilitySection(
            R(r.Icc1Overall.Value),
            Ci(r.Icc1Overall.Ci95),
            R(r.Icc1AfterCalibration.Value),
            Ci(r.Icc1AfterCalibration.Ci95),
            R(r.AlphaOrdinal.Value),
            Ci(r.AlphaOrdinal.Ci95),
            forms,
            r.Competencies.Select(c => new CompetencyReliabilityReport(c.Competency, c.Candidates, c.Ratings, R(c.Icc1.Value), Ci(c.Icc1.Ci95), R(c.AlphaOrdinal.Value), Ci(c.AlphaOrdinal.Ci95))).ToList(),
            r.BootstrapReplicates,
            r.Seed);
    }

    private static FacetSummaryReport Summary(FacetSummary s) =>
        new(s.Count, R(s.ObservedSd), R(s.Rmse), R(s.TrueSd), R(s.Separation), R(s.Strata), R(s.Reliability), R(s.FixedChiSquare), s.FixedDf, Sig(s.FixedP));

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

    private static string Hash(CalibrationData data)
    {
        var sb = new StringBuilder();
        sb.Append(data.Scale).Append('\n');
        foreach (var s in data.Scorecards)
        {
            sb.Append(s.InterviewId).Append(',').Append(data.CandidateIds[s.Candidate]).Append(',').Append(data.InterviewerIds[s.Interviewer]).Append(',').Append(data.TypeIds[s.Type]).Append(',').Append(s.Recommendation?.ToString() ?? "").Append('\n');
        }

        foreach (var o in data.Observations)
        {
            sb.Append(o.Scorecard.ToString(CultureInfo.InvariantCulture)).Append(',').Append(data.CompetencyIds[o.Competency]).Append(',').Append(o.Category.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        // Names count only when given, so that inputs without them keep their hash.
        for (var j = 0; j < data.InterviewerIds.Count; j++)
        {
            if (data.InterviewerName(j) is { } name)
            {
                sb.Append("name,").Append(data.InterviewerIds[j]).Append(',').Append(name).Append('\n');
            }
        }

        for (var c = 0; c < data.CandidateIds.Count; c++)
        {
            sb.Append(data.CandidateIds[c]).Append(',').Append(data.Hired[c]?.ToString() ?? "").Append(',').Append(data.GroupOf[c] >= 0 ? data.GroupIds[data.GroupOf[c]] : "").Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
