using HiringPlatform.Calibration.Engine.Detectors;
using HiringPlatform.Calibration.Engine.Flagging;
using HiringPlatform.Calibration.Engine.Import;
using HiringPlatform.Calibration.Engine.Rasch;
using HiringPlatform.Calibration.Engine.Reports;
using HiringPlatform.Calibration.Engine.Statistics;
using static HiringPlatform.Calibration.Engine.Analysis.CalibrationAnalysis;

namespace HiringPlatform.Calibration.Engine.Analysis;

/// <summary>
/// The report's interviewer rows, one per interviewer in id order: the design counts, the MML severity with its interval, the
/// JMLE fit, the additive effect, the flags with their evidence, the notable interactions and every detector's answer.
/// </summary>
internal static class InterviewerRows
{
    public static List<InterviewerReport> Build(ReportInputs inputs, IReadOnlyList<DetectorAnswer>[] answers)
    {
        var data = inputs.Data;
        var ratings = new int[data.InterviewerIds.Count];
        foreach (var o in data.Observations)
        {
            ratings[o.Interviewer]++;
        }

        var scorecards = new int[data.InterviewerIds.Count];
        foreach (var s in data.Scorecards)
        {
            scorecards[s.Interviewer]++;
        }

        var flags = Flags(data, inputs.Outcomes);
        var interactions = NotableInteractions(data, inputs.Models, inputs.Config);
        var z = Probability.NormalQuantile(0.5 + (inputs.Config.IntervalLevel / 2));
        return Enumerable.Range(0, data.InterviewerIds.Count).Select(Row).ToList();

        InterviewerReport Row(int j)
        {
            var sev = inputs.Severity[j];
            var (fit, jmleSeverity) = JmleFit(inputs.Models, j);
            var add = inputs.Additive.Interviewers[j];
            return new InterviewerReport(
                Id: data.InterviewerIds[j],
                ComponentId: inputs.Components.ComponentOfInterviewer[j],
                Ratings: ratings[j],
                Scorecards: scorecards[j],
                LinkingCandidates: inputs.Components.LinkingCandidates[j],
                Severity: R(sev?.Severity),
                SeveritySe: R(sev?.Se),
                SeverityLow90: R(sev is null ? null : sev.Severity - (z * sev.Se)),
                SeverityHigh90: R(sev is null ? null : sev.Severity + (z * sev.Se)),
                SeverityShrunk: R(sev?.Shrunk),
                FairAverage: R(sev?.FairAverage),
                FairAverageDifference: R(sev?.FairAverageDifference),
                Infit: R(fit?.Infit),
                InfitZstd: R(fit?.InfitZ),
                Outfit: R(fit?.Outfit),
                OutfitZstd: R(fit?.OutfitZ),
                JmleSeverity: jmleSeverity,
                AdditiveEffect: R(add.Effect),
                AdditiveSe: R(add.Se),
                AdditiveShrunk: R(add.Shrunk),
                Explanation: add.Explanation,
                Flags: flags.GetValueOrDefault(j, []),
                Interactions: interactions.GetValueOrDefault(j, []))
            {
                Name = data.InterviewerName(j),
                Detectors = answers[j],
            };
        }
    }

    /// <summary>The interviewer's JMLE fit statistics and severity, when the interviewer's component is modelled.</summary>
    private static (FitStatistics? Fit, double? Severity) JmleFit(ModelSet models, int j)
    {
        if (models.RaterFit[j] < 0)
        {
            return (null, null);
        }

        var jm = models.Fits[models.RaterFit[j]].Jmle;
        return (jm.RaterFit[models.RaterLocal[j]], R(jm.Severity[models.RaterLocal[j]]));
    }

    /// <summary>Each interviewer's flags, by detector then scope, with their evidence.</summary>
    private static Dictionary<int, List<FlagReport>> Flags(CalibrationData data, IReadOnlyList<DetectorOutcome> outcomes)
    {
        var evidence = new FlagEvidence(data);
        return outcomes.Where(o => o.Flagged).GroupBy(o => o.Test.Interviewer).ToDictionary(
            g => g.Key,
            g => g.OrderBy(o => o.Test.Detector, StringComparer.Ordinal).ThenBy(o => o.Test.Scope, StringComparer.Ordinal).Select(o => new FlagReport(
                Detector: o.Test.Detector,
                Direction: o.Test.Direction,
                Effect: R(o.Test.Effect) ?? 0,
                EffectUnit: o.Test.EffectUnit,
                ShrunkEffect: R(o.Test.Shrunk),
                PValue: Sig(o.Test.P),
                QValue: Sig(o.Q),
                N: o.Test.N,
                Scope: o.Test.Scope,
                Reason: o.Test.Reason,
                Evidence: evidence.For(o.Test))).ToList());
    }

    /// <summary>Interviewer x competency bias terms (JMLE main parameters fixed) that are notable: n, |t| and |Obs−Exp| at least the configured minima.</summary>
    private static Dictionary<int, List<InteractionReport>> NotableInteractions(CalibrationData data, ModelSet models, CalibrationConfig config)
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

                reports.Add(new InteractionReport(
                    Competency: data.CompetencyIds[d.CompetencyGlobal[c]],
                    N: b.Count,
                    Bias: R(b.Bias),
                    Se: R(b.Se),
                    T: R(b.T),
                    ObsExpAverage: R(b.ObsExpAverage)));
            }
        }

        return result;
    }
}
