using System.Globalization;
using HiringPlatform.Calibration.Engine.Detectors;
using HiringPlatform.Calibration.Engine.Flagging;
using HiringPlatform.Calibration.Engine.Import;
using HiringPlatform.Calibration.Engine.Reports;

namespace HiringPlatform.Calibration.Engine.Analysis;

/// <summary>
/// Every interviewer's answer from every detector (docs/calibration-method.md, "Every interviewer gets an answer"): flagged;
/// no evidence at this sample with the minimum detectable effect; not enough data with what is missing; or not run. A blank
/// row would read as "this interviewer is fine", so there is none.
/// </summary>
public static class DetectorAnswers
{
    public const string Flagged = "flagged";
    public const string NoEvidence = "no-evidence";
    public const string NotEnoughData = "not-enough-data";
    public const string NotRun = "not-run";

    /// <summary>The detectors answered per interviewer, in report order (severe and lenient answer as one family, "severity").</summary>
    public static readonly string[] Order =
    [
        "severity", DetectorNames.Inconsistent, DetectorNames.CentralTendency, DetectorNames.Halo, DetectorNames.GroupBias,
        DetectorNames.OutcomeDisagreement, DetectorNames.NarrowCoverage, DetectorNames.CogInAMachine, DetectorNames.AdverseImpact,
    ];

    private static readonly HashSet<string> PerType = new(StringComparer.Ordinal) { DetectorNames.NarrowCoverage, DetectorNames.CogInAMachine };

    /// <summary>Every detector, in report order, with why it cannot run on this input (null when it runs).</summary>
    public static Dictionary<string, string?> NotRunBecause(CalibrationData data) => new()
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

    public static IReadOnlyList<DetectorAnswer>[] For(CalibrationData data, CalibrationConfig config, IReadOnlyList<DetectorOutcome> outcomes, IReadOnlyList<Detectors.NotEnoughData> notEnough, IReadOnlyDictionary<string, string?> notRunBecause)
    {
        var tested = outcomes.ToLookup(o => (o.Test.Interviewer, DetectorNames.Family(o.Test.Detector)));
        var missing = notEnough.ToLookup(m => (m.Interviewer, DetectorNames.Family(m.Detector)));
        var typesOf = Enumerable.Range(0, data.InterviewerIds.Count).Select(_ => new SortedSet<string>(StringComparer.Ordinal)).ToArray();
        foreach (var card in data.Scorecards)
        {
            if (data.Blueprints[card.Type].Count(w => w > 0) >= 2)
            {
                typesOf[card.Interviewer].Add(data.TypeIds[card.Type]);
            }
        }

        var result = new IReadOnlyList<DetectorAnswer>[data.InterviewerIds.Count];
        for (var j = 0; j < result.Length; j++)
        {
            var list = new List<DetectorAnswer>();
            foreach (var detector in Order)
            {
                var why = detector == "severity" ? notRunBecause.GetValueOrDefault(DetectorNames.Severe) : notRunBecause.GetValueOrDefault(detector);
                if (why is not null)
                {
                    list.Add(Untested(detector, null, NotRun, why, $"Not run: {why}."));
                    continue;
                }

                var scopes = PerType.Contains(detector) ? typesOf[j].Select(t => (string?)t).ToArray() : [null];
                if (scopes.Length == 0)
                {
                    const string none = "no scorecards of an interview type whose blueprint has two or more competencies";
                    list.Add(Untested(detector, null, NotEnoughData, none, $"Not enough data: {none}."));
                    continue;
                }

                foreach (var scope in scopes)
                {
                    list.Add(Answer(config, detector, scope,
                        tested[(j, detector)].Where(o => o.Test.Scope == scope).ToList(),
                        missing[(j, detector)].Where(m => m.Scope == scope).ToList()));
                }
            }

            result[j] = list;
        }

        return result;
    }

    private static DetectorAnswer Answer(CalibrationConfig config, string detector, string? scope, List<DetectorOutcome> tests, List<Detectors.NotEnoughData> missing)
    {
        var c = CultureInfo.InvariantCulture;
        if (tests.FirstOrDefault(o => o.Flagged) is { } flag)
        {
            return Tested(flag, detector, scope, Flagged, Round(flag.MinimumDetectableEffect), flag.Test.Detectable?.Unit,
                string.Create(c, $"Flagged ({flag.Test.Detector}{(flag.Test.Direction is { } d ? $", {d}" : "")}): effect {flag.Test.Effect:0.00} {flag.Test.EffectUnit}, q = {flag.Q:0.####}."));
        }

        if (tests.Count > 0)
        {
            var t = tests.OrderBy(o => o.Test.P).First();
            var mde = t.MinimumDetectableEffect;
            if (t.Test.Detectable is { } dt && double.IsFinite(mde))
            {
                return Tested(t, detector, scope, NoEvidence, Round(mde), dt.Unit,
                    string.Create(c, $"No evidence at this sample: with {dt.Sample}{(scope is null ? "" : $" of '{scope}'")}, {dt.What} of {mde:0.00} {dt.Unit} or {(dt.AtMost ? "less" : "more")} would have been flagged with probability {config.MdePower:0.0#}."));
            }

            return Tested(t, detector, scope, NoEvidence, mde: null, unit: null,
                string.Create(c, $"No evidence at this sample ({t.Test.N} tested; no minimum detectable effect can be stated for this test)."));
        }

        if (missing.FirstOrDefault() is { } m)
        {
            return m.PrerequisiteNotMet
                ? Untested(detector, scope, NoEvidence, missing: null, $"No evidence: {m.Missing}.")
                : Untested(detector, scope, NotEnoughData, m.Missing, $"Not enough data: {m.Missing}.");
        }

        const string untested = "not tested: no ratings the detector can use (e.g. every candidate at an extreme, or no peers to compare with)";
        return Untested(detector, scope, NotEnoughData, untested, $"Not enough data: {untested}.");
    }

    /// <summary>An answer without a test behind it: not run, not enough data, or a prerequisite not met.</summary>
    private static DetectorAnswer Untested(string detector, string? scope, string status, string? missing, string statement) =>
        new(Detector: detector, Scope: scope, Status: status, MinimumDetectableEffect: null, Unit: null, N: null, Missing: missing, Statement: statement);

    /// <summary>An answer from a test (flagged or no evidence): its estimate, p and q, and the minimum detectable effect when it can be stated.</summary>
    private static DetectorAnswer Tested(DetectorOutcome o, string detector, string? scope, string status, double? mde, string? unit, string statement) =>
        new(Detector: detector, Scope: scope, Status: status, MinimumDetectableEffect: mde, Unit: unit, N: o.Test.N, Missing: null, Statement: statement)
        {
            Estimate = Round(o.Test.Effect),
            EstimateUnit = o.Test.EffectUnit,
            PValue = CalibrationAnalysis.Sig(o.Test.P),
            QValue = CalibrationAnalysis.Sig(o.Q),
        };

    private static double? Round(double v) => CalibrationAnalysis.R(v);
}
