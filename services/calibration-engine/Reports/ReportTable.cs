using System.Globalization;
using System.Text;

namespace HiringPlatform.Calibration.Engine.Reports;

/// <summary>The readable table: per interviewer severity with SE and 90% interval, fair-average difference, fit, flags with reasons; reliability; components.</summary>
public static class ReportTable
{
    public static string Render(CalibrationReport r)
    {
        var c = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        var i = r.Input;
        sb.Append(c, $"Calibration report ({r.SchemaVersion}, config {r.ConfigVersion})\n");
        sb.Append(c, $"{i.Ratings} ratings on a {i.Scale} scale, {i.Scorecards} scorecards, {i.Candidates} candidates, {i.Interviewers} interviewers, {i.Competencies} competencies, {i.InterviewTypes} interview types; input sha256 {i.Sha256[..12]}\n\n");

        string F(double? v, string fmt) => v is { } x ? x.ToString(fmt, c) : "-";
        string Who(InterviewerReport x) => x.Name is { } n ? $"{n} ({x.Id})" : x.Id;
        var width = Math.Max(16, r.Interviewers.Select(x => Who(x).Length).DefaultIfEmpty(0).Max());
        var header = $"{"interviewer".PadRight(width)} {"comp",4} {"n",6} {"severity",9} {"SE",5} {"90% interval",15} {"fairΔ",6} {"infit",5} {"outfit",6}  flags";
        sb.Append(header).Append('\n').Append(new string('-', header.Length + 20)).Append('\n');
        foreach (var x in r.Interviewers)
        {
            var interval = x.SeverityLow90 is null ? "-" : $"{F(x.SeverityLow90, "+0.00;-0.00;0.00")}..{F(x.SeverityHigh90, "+0.00;-0.00;0.00")}";
            var flags = x.Flags.Count == 0 ? "" : string.Join(", ", x.Flags.Select(f => f.Scope is null ? f.Detector : $"{f.Detector}[{f.Scope}]"));
            sb.Append(c, $"{Who(x).PadRight(width)} {x.ComponentId,4} {x.Ratings,6} {F(x.Severity, "+0.00;-0.00;0.00"),9} {F(x.SeveritySe, "0.00"),5} {interval,15} {F(x.FairAverageDifference, "+0.00;-0.00;0.00"),6} {F(x.Infit, "0.00"),5} {F(x.Outfit, "0.00"),6}  {flags}\n");
        }

        var flagged = r.Interviewers.Where(x => x.Flags.Count > 0).ToList();
        sb.Append(c, $"\nFlags ({flagged.Sum(x => x.Flags.Count)} on {flagged.Count} interviewers; BH q <= {r.Config.FdrQ} per detector and a practical-size effect):\n");
        if (flagged.Count == 0)
        {
            sb.Append("  none\n");
        }

        foreach (var x in flagged)
        {
            foreach (var f in x.Flags)
            {
                sb.Append(c, $"  {Who(x)} {f.Detector}{(f.Window is { } w ? $" [{w}]" : "")}{(f.Direction is null ? "" : $" ({f.Direction})")}: effect {f.Effect.ToString("0.00", c)} {f.EffectUnit}, p {f.PValue.ToString("G3", c)}, q {f.QValue.ToString("G3", c)}, n {f.N}\n    {f.Reason}\n");
            }
        }

        sb.Append("\nDetectors:\n");
        foreach (var d in r.Detectors)
        {
            sb.Append(c, $"  {d.Detector,-22} {(d.Ran ? $"{d.Tested} tested, {d.Flagged} flagged" : $"not run: {d.NotRunBecause}")}\n");
        }

        AppendAnswers(sb, r, Who, width);

        var rel = r.Reliability;
        string Ci(IReadOnlyList<double>? ci) => ci is null ? "" : $" [{ci[0].ToString("0.000", c)}, {ci[1].ToString("0.000", c)}]";
        sb.Append(c, $"\nReliability (95% candidate-bootstrap intervals, B = {rel.BootstrapReplicates}, seed {rel.Seed}):\n");
        sb.Append(c, $"  ICC(1) of scorecard means       {F(rel.Icc1, "0.000")}{Ci(rel.Icc1Ci95)}\n");
        sb.Append(c, $"  ICC(1) after calibration         {F(rel.Icc1AfterCalibration, "0.000")}{Ci(rel.Icc1AfterCalibrationCi95)}\n");
        sb.Append(c, $"  Krippendorff alpha (ordinal)     {F(rel.AlphaOrdinal, "0.000")}{Ci(rel.AlphaOrdinalCi95)}\n");
        if (rel.CompleteDesign is { } cd)
        {
            sb.Append(c, $"  Complete design ({cd.Targets} x {cd.Raters}): ICC1 {F(cd.Icc1, "0.000")}, ICC2 {F(cd.Icc2, "0.000")}, ICC3 {F(cd.Icc3, "0.000")}, ICC1k {F(cd.Icc1k, "0.000")}, ICC2k {F(cd.Icc2k, "0.000")}, ICC3k {F(cd.Icc3k, "0.000")}\n");
        }

        foreach (var comp in rel.Competencies)
        {
            sb.Append(c, $"  {Trim(comp.Competency, 30),-30}   ICC(1) {F(comp.Icc1, "0.000")}{Ci(comp.Icc1Ci95)}, alpha {F(comp.AlphaOrdinal, "0.000")}{Ci(comp.AlphaOrdinalCi95)}\n");
        }

        sb.Append("\nComponents:\n");
        foreach (var comp in r.Components)
        {
            sb.Append(c, $"  {comp.Id}: {comp.Interviewers} interviewers, {comp.Candidates} candidates, {comp.Ratings} ratings");
            if (comp.Modelled)
            {
                sb.Append(c, $"; MML {comp.MmlIterations} iterations{(comp.MmlConverged == true ? "" : " (not converged)")}, ability mean {F(comp.AbilityMean, "0.00")} SD {F(comp.AbilitySd, "0.00")}, thresholds {string.Join(" ", comp.Thresholds!.Select(t => t.ToString("+0.00;-0.00;0.00", c)))}");
                if (comp.InterviewerSeparation is { } s)
                {
                    sb.Append(c, $"; interviewer separation {F(s.Separation, "0.00")}, strata {F(s.Strata, "0.00")}, reliability {F(s.Reliability, "0.00")}, fixed chi2 {F(s.FixedChiSquare, "0.0")} (df {s.FixedDf})");
                }

                if (comp.FiedlerValue is { } fv)
                {
                    sb.Append(c, $"; Fiedler value {fv:0.00}");
                }
            }
            else
            {
                sb.Append(c, $" (not modelled: needs two interviewers, two candidates and {r.Config.Eligibility.ComponentMinRatings} ratings)");
            }

            if (comp.WeakLinks.Count > 0)
            {
                sb.Append(c, $"; weakly linked (< 5 shared candidates): {string.Join(", ", comp.WeakLinks.Take(10))}{(comp.WeakLinks.Count > 10 ? ", ..." : "")}");
            }

            sb.Append('\n');
        }

        if (r.AdverseImpact.Count > 0)
        {
            sb.Append("\nAdverse impact (final decision):\n");
            foreach (var a in r.AdverseImpact)
            {
                sb.Append(c, $"  {a.FocalGroup} vs {a.ReferenceGroup}: {a.FocalPass}/{a.FocalN} vs {a.ReferencePass}/{a.ReferenceN}, impact ratio {F(a.ImpactRatio, "0.00")} [{F(a.ImpactRatioLow95, "0.00")}, {F(a.ImpactRatioHigh95, "0.00")}], Fisher mid-p {F(a.FisherMidP, "G3")}, shortfall {F(a.Shortfall, "0.0")}{(a.FourFifthsRule ? ", below four-fifths" : "")}\n");
            }
        }

        if (r.Warnings.Count > 0)
        {
            sb.Append("\nWarnings:\n");
            foreach (var w in r.Warnings)
            {
                sb.Append("  ").Append(w).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>
    /// Every interviewer's answer from every detector: FLAG, the minimum detectable effect when nothing was found (">= 1.02"
    /// in the detector's unit, "<= 0.61" for impact ratios), "no data" below the floor, "-" when not run; then the sentences.
    /// </summary>
    private static void AppendAnswers(StringBuilder sb, CalibrationReport r, Func<InterviewerReport, string> who, int width)
    {
        var c = CultureInfo.InvariantCulture;
        var detectors = r.Interviewers.SelectMany(x => x.Detectors.Select(d => d.Detector)).Distinct().ToList();
        if (detectors.Count == 0)
        {
            return;
        }

        var units = r.Interviewers.SelectMany(x => x.Detectors).Where(d => d.Unit is not null).GroupBy(d => d.Detector).ToDictionary(g => g.Key, g => g.First().Unit!);
        sb.Append("\nAnswers per interviewer (FLAG; otherwise the minimum detectable effect at this sample, power ")
            .Append(r.Config.MdePower.ToString("0.0#", c)).Append("; no data = below the floor; - = not run; per-type detectors: the weakest type):\n");
        sb.Append("  units: ").Append(string.Join("; ", detectors.Where(units.ContainsKey).Select(d => $"{d} {units[d]}"))).Append('\n');
        var cell = detectors.ToDictionary(d => d, d => Math.Max(12, d.Length));
        sb.Append("  ").Append("interviewer".PadRight(width)).Append(string.Concat(detectors.Select(d => " " + d.PadLeft(cell[d])))).Append('\n');
        foreach (var x in r.Interviewers)
        {
            sb.Append("  ").Append(who(x).PadRight(width));
            foreach (var d in detectors)
            {
                var answers = x.Detectors.Where(a => a.Detector == d).ToList();
                var text = answers.Any(a => a.Status == "flagged") ? "FLAG"
                    : answers.Any(a => a.Status == "no-evidence") ? Mde(answers.Where(a => a.Status == "no-evidence").ToList())
                    : answers.Any(a => a.Status == "not-enough-data") ? "no data"
                    : "-";
                sb.Append(' ').Append(text.PadLeft(cell[d]));
            }

            sb.Append('\n');
        }

        foreach (var x in r.Interviewers)
        {
            sb.Append("  ").Append(who(x)).Append(":\n");
            foreach (var a in x.Detectors)
            {
                sb.Append("    ").Append(a.Detector).Append(a.Scope is null ? "" : $"[{a.Scope}]").Append(a.Window is null ? "" : $" ({a.Window})").Append(": ").Append(a.Statement).Append('\n');
            }
        }

        string Mde(List<DetectorAnswer> answers)
        {
            var known = answers.Where(a => a.MinimumDetectableEffect is not null).ToList();
            if (known.Count == 0)
            {
                return "no evid.";
            }

            // The weakest answer: the largest detectable effect (the smallest for impact ratios, "at most").
            var atMost = known[0].Unit == "impact ratio";
            var v = atMost ? known.Min(a => a.MinimumDetectableEffect!.Value) : known.Max(a => a.MinimumDetectableEffect!.Value);
            return (atMost ? "<= " : ">= ") + v.ToString("0.00", c);
        }
    }

    private static string Trim(string s, int n) => s.Length <= n ? s : s[..(n - 1)] + "~";
}
