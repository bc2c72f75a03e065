namespace HiringPlatform.Calibration.Reports;

using System.Globalization;
using HiringPlatform.Calibration.Engine.Analysis;
using HiringPlatform.Calibration.Engine.Detectors;
using HiringPlatform.Calibration.Engine.Flagging;
using HiringPlatform.Calibration.Engine.Reports;

/// <summary>
/// Evidence that accumulates: an interviewer below a detector's floor in the report's window is answered from the longer
/// look-back instead, when the look-back has enough data. Such answers and flags carry the look-back's name in
/// <c>window</c>; everything else stays the window's own. The look-back's flags come from its own BH family (all the
/// interviewers tested over the look-back), so the FDR rule is the same as the window's.
/// </summary>
public static class Lookback
{
    public static string Name(CalibrationConfig config) => string.Create(CultureInfo.InvariantCulture, $"look-back: {config.LookbackMonths} months");

    /// <returns>The report with the look-back's answers merged in, and the (interviewer, detector, scope) of the flags taken from it.</returns>
    public static (CalibrationReport Report, HashSet<(string Interviewer, string Detector, string? Scope)> Flags) Merge(CalibrationReport window, CalibrationReport? lookback, CalibrationConfig config)
    {
        var taken = new HashSet<(string, string, string?)>();
        if (lookback is null)
        {
            return (window, taken);
        }

        var name = Name(config);
        var longer = lookback.Interviewers.ToDictionary(i => i.Id, StringComparer.Ordinal);
        var interviewers = new List<InterviewerReport>(window.Interviewers.Count);
        foreach (var interviewer in window.Interviewers)
        {
            if (!longer.TryGetValue(interviewer.Id, out var before) || interviewer.Detectors.All(a => a.Status != DetectorAnswers.NotEnoughData))
            {
                interviewers.Add(interviewer);
                continue;
            }

            var answers = new List<DetectorAnswer>();
            var flags = interviewer.Flags.ToList();
            foreach (var answer in interviewer.Detectors)
            {
                var there = before.Detectors.FirstOrDefault(a => a.Detector == answer.Detector && a.Scope == answer.Scope);
                if (answer.Status != DetectorAnswers.NotEnoughData || there is null || there.Status is DetectorAnswers.NotEnoughData or DetectorAnswers.NotRun)
                {
                    answers.Add(answer);
                    continue;
                }

                answers.Add(there with { Window = name, Statement = string.Create(CultureInfo.InvariantCulture, $"In the window: {answer.Statement} Over the {config.LookbackMonths}-month look-back: {there.Statement}") });
                if (there.Status == DetectorAnswers.Flagged)
                {
                    foreach (var flag in before.Flags.Where(f => DetectorNames.Family(f.Detector) == answer.Detector && f.Scope == answer.Scope))
                    {
                        flags.Add(flag with { Window = name });
                        taken.Add((interviewer.Id, flag.Detector, flag.Scope));
                    }
                }
            }

            interviewers.Add(interviewer with
            {
                Detectors = answers,
                Flags = flags.OrderBy(f => f.Detector, StringComparer.Ordinal).ThenBy(f => f.Scope, StringComparer.Ordinal).ToList(),
            });
        }

        return (window with { Interviewers = interviewers }, taken);
    }
}
