using System.Globalization;
using System.Net;
using System.Text;
using HiringPlatform.Calibration.Engine.Analysis;
using HiringPlatform.Calibration.Engine.Reports;
using HiringPlatform.Calibration.Reports;

namespace HiringPlatform.Calibration.Dashboard;

/// <summary>
/// The analyst dashboard of one report as one self-contained HTML page: inline CSS and SVG only, no script, font or
/// external resource, so it works under <see cref="ContentSecurityPolicy"/>. Every text from the model is HTML-encoded.
/// Stable hooks for tests and tools: sections have ids, and rows carry <c>data-interviewer</c>, <c>data-status</c>,
/// <c>data-detector</c>, <c>data-competency</c> and <c>data-candidate</c> attributes.
/// </summary>
public static class DashboardPage
{
    /// <summary>The policy the page is written for (serve it with this header).</summary>
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    public const FlagStatus Actionable = FlagStatus.Actionable;
    public const FlagStatus Watch = FlagStatus.Watch;

    /// <summary>Detectors that use demographic data: shown only to the compliance role.</summary>
    public static bool IsComplianceDetector(string detector) => ReportReader.IsGroupFinding(detector);

    private const string Red = "#c62828";
    private const string Amber = "#d97706";
    private const string Slate = "#334155";
    private const string Muted = "#64748b";
    private const string Grid = "#e2e8f0";

    public static string Render(DashboardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var flags = model.Flags.Where(f => model.Reader.SeesGroupFindings || !IsComplianceDetector(f.Detector)).ToList();
        var html = new StringBuilder(64 * 1024);
        Head(html, model);
        Header(html, model, flags);
        Warnings(html, model.Report);
        SeverityPlot(html, model.Report, flags);
        CoverageHeatmap(html, model, flags);
        Reliability(html, model.Report.Reliability);
        FlagList(html, model.Report, flags);
        WhatIf(html, model);
        Compliance(html, model);
        Answers(html, model);
        Detectors(html, model);
        html.Append(Inv($"<footer><p>Report {E(model.ReportId.ToString())} · {E(model.Report.SchemaVersion)} · configuration {E(model.ConfigVersion)}. Severities are MML estimates in logits, centred on 0 within each connected component; intervals are estimate ± 1.645 SE. Flags need a Benjamini–Hochberg q ≤ {model.Report.Config.FdrQ:0.##} within their detector family and a practical-size effect; a flag is actionable when it held in two consecutive windows, otherwise watch.</p></footer>\n"));
        html.Append("</main>\n</body>\n</html>\n");
        return html.ToString();
    }

    // ------------------------------------------------------------------------------------------------------------
    // Page frame
    // ------------------------------------------------------------------------------------------------------------
    private static void Head(StringBuilder html, DashboardModel model)
    {
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        html.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        html.Append(Inv($"<meta http-equiv=\"Content-Security-Policy\" content=\"{ContentSecurityPolicy}\">\n"));
        html.Append("<link rel=\"icon\" href=\"data:,\">\n");
        html.Append(Inv($"<title>Calibration · {E(model.RatingSet)} · as of {E(Date(model.AsOf))}</title>\n"));
        html.Append("<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");
    }

    private const string Css = """
        :root { color-scheme: light; --red: #c62828; --amber: #d97706; --slate: #334155; --muted: #64748b; --line: #e2e8f0; --bg: #f8fafc; }
        * { box-sizing: border-box; }
        body { margin: 0; background: var(--bg); color: #0f172a; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
        main { max-width: 1240px; margin: 0 auto; padding: 20px 24px 40px; }
        header.top { display: flex; flex-wrap: wrap; gap: 12px 32px; align-items: flex-end; justify-content: space-between; border-bottom: 1px solid var(--line); padding-bottom: 14px; }
        h1 { font-size: 22px; margin: 0 0 4px; letter-spacing: -0.01em; }
        h1 small { font-weight: 400; color: var(--muted); font-size: 15px; }
        h2 { font-size: 17px; margin: 0 0 4px; }
        h3 { font-size: 14px; margin: 16px 0 6px; }
        .meta { display: grid; grid-template-columns: max-content auto max-content auto; gap: 2px 12px; margin: 0; font-size: 13px; }
        .meta dt { color: var(--muted); }
        .meta dd { margin: 0; }
        code { font: 12px/1.3 ui-monospace, "DejaVu Sans Mono", monospace; word-break: break-all; }
        nav { margin: 12px 0 4px; font-size: 13px; }
        nav a { color: var(--slate); margin-right: 14px; text-decoration: none; border-bottom: 1px dotted var(--muted); }
        .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 10px; margin: 14px 0; }
        .tile { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
        .tile b { display: block; font-size: 22px; font-variant-numeric: tabular-nums; }
        .tile span { color: var(--muted); font-size: 12px; }
        .tile.actionable b { color: var(--red); }
        .tile.watch b { color: var(--amber); }
        section { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 16px 18px; margin: 16px 0; }
        section > p.lead { margin: 0 0 10px; color: var(--muted); font-size: 13px; }
        svg { display: block; width: 100%; height: auto; font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
        table { border-collapse: collapse; width: 100%; font-size: 13px; }
        th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
        th { background: #f1f5f9; font-weight: 600; white-space: nowrap; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        tbody tr:nth-child(even) { background: #fbfdff; }
        .badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 600; color: #fff; white-space: nowrap; }
        .badge.actionable { background: var(--red); }
        .badge.watch { background: var(--amber); }
        .evidence a { display: inline-block; margin: 0 6px 2px 0; color: #1d4ed8; }
        .reason { min-width: 320px; }
        td.evidence { width: 190px; }
        tbody th { background: transparent; }
        .unit { display: block; color: var(--muted); font-size: 11px; white-space: normal; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(220px, 1fr)); gap: 10px; margin-bottom: 12px; }
        .card { border: 1px solid var(--line); border-radius: 8px; padding: 10px 14px; }
        .card b { font-size: 24px; font-variant-numeric: tabular-nums; }
        .card span { display: block; color: var(--muted); font-size: 12px; }
        .note { color: var(--muted); font-size: 12px; }
        .scroll { overflow-x: auto; }
        th .id { color: var(--muted); font-weight: 400; font-size: 11px; margin-left: 4px; }
        td.answer { white-space: nowrap; font-size: 12px; }
        td.answer.flagged { color: var(--red); font-weight: 600; }
        td.answer.not-enough-data, td.answer.not-run { color: var(--muted); font-style: italic; }
        .restricted { border-style: dashed; color: var(--slate); }
        ul.warnings { margin: 0; padding-left: 18px; }
        footer { color: var(--muted); font-size: 12px; margin-top: 20px; }
        @media (max-width: 800px) { .meta { grid-template-columns: max-content auto; } }

        """;

    private static void Header(StringBuilder html, DashboardModel model, IReadOnlyList<FlagState> flags)
    {
        var input = model.Report.Input;
        html.Append(Inv($"<main id=\"dashboard\" data-report-id=\"{E(model.ReportId.ToString())}\" data-compliance=\"{(model.Reader.SeesGroupFindings ? "true" : "false")}\">\n"));
        html.Append("<header class=\"top\" id=\"report-header\">\n<div>\n");
        html.Append(Inv($"<h1>Interviewer calibration <small>· {E(model.RatingSet)}</small></h1>\n"));
        html.Append(Inv($"<div class=\"note\">{input.Ratings:N0} ratings on {input.Scorecards:N0} scorecards, {input.Candidates:N0} candidates, {input.Interviewers:N0} interviewers, {input.Competencies:N0} competencies, {input.InterviewTypes:N0} interview types; scale {E(input.Scale)}</div>\n"));
        html.Append("</div>\n<dl class=\"meta\">\n");
        Meta(html, "Rating set", E(model.RatingSet), "rating-set");
        Meta(html, "As of", Time(model.AsOf), "as-of");
        Meta(html, "Window", Inv($"{Time(model.WindowStart)} – {Time(model.WindowEnd)}"), "window");
        Meta(html, "Generated at", Time(model.GeneratedAt), "generated-at");
        Meta(html, "Configuration", Inv($"<code>{E(model.ConfigVersion)}</code>"), "config-version");
        Meta(html, "Input hash", Inv($"<code title=\"{E(model.InputHash)}\">{E(Short(model.InputHash, 16))}</code>"), "input-hash");
        html.Append("</dl>\n</header>\n");
        html.Append("<nav aria-label=\"Sections\"><a href=\"#severity\">Severity</a><a href=\"#coverage\">Coverage</a><a href=\"#reliability\">Reliability</a><a href=\"#flags\">Flags</a><a href=\"#what-if\">What-if</a>");
        html.Append(model.Reader.SeesGroupFindings ? "<a href=\"#group-bias\">Group bias</a><a href=\"#adverse-impact\">Adverse impact</a>" : "");
        html.Append("<a href=\"#detectors\">Detectors</a></nav>\n");

        var actionable = flags.Count(f => f.Status == Actionable);
        var watch = flags.Count(f => f.Status != Actionable);
        var flagged = flags.Select(f => f.InterviewerId).Distinct(StringComparer.Ordinal).Count();
        var flips = model.WhatIf.Count(w => w.Flips);
        html.Append("<div class=\"tiles\" id=\"summary\">\n");
        Tile(html, "", Inv($"{model.Report.Interviewers.Count:N0}"), "interviewers");
        Tile(html, "", Inv($"{flagged:N0}"), "interviewers flagged");
        Tile(html, "actionable", Inv($"{actionable:N0}"), "actionable flags");
        Tile(html, "watch", Inv($"{watch:N0}"), "flags to watch");
        Tile(html, "", Reliability2(model.Report.Reliability.Icc1), "ICC(1), raw ratings");
        Tile(html, "", Reliability2(model.Report.Reliability.Icc1AfterCalibration), "ICC(1), after calibration");
        Tile(html, "", Inv($"{flips:N0}"), "decisions that would flip");
        html.Append("</div>\n");
    }

    private static void Meta(StringBuilder html, string label, string valueHtml, string id) =>
        html.Append(Inv($"<dt>{E(label)}</dt><dd id=\"{id}\">{valueHtml}</dd>\n"));

    private static void Tile(StringBuilder html, string cls, string value, string label) =>
        html.Append(Inv($"<div class=\"tile {cls}\"><b>{E(value)}</b><span>{E(label)}</span></div>\n"));

    private static void Warnings(StringBuilder html, CalibrationReport report)
    {
        if (report.Warnings.Count == 0)
        {
            return;
        }

        html.Append("<section id=\"warnings\" aria-labelledby=\"warnings-title\">\n<h2 id=\"warnings-title\">Warnings</h2>\n<ul class=\"warnings\">\n");
        foreach (var warning in report.Warnings)
        {
            html.Append(Inv($"<li>{E(warning)}</li>\n"));
        }

        html.Append("</ul>\n</section>\n");
    }

    // ------------------------------------------------------------------------------------------------------------
    // Severity plot
    // ------------------------------------------------------------------------------------------------------------
    private static void SeverityPlot(StringBuilder html, CalibrationReport report, IReadOnlyList<FlagState> flags)
    {
        var byInterviewer = flags.ToLookup(f => f.InterviewerId, StringComparer.Ordinal);
        var components = report.Interviewers
            .GroupBy(i => i.ComponentId)
            .OrderBy(g => g.Key)
            .Select(g => (Id: g.Key, Rows: g.OrderByDescending(i => i.Severity ?? double.NegativeInfinity).ThenBy(i => i.Id, StringComparer.Ordinal).ToList()))
            .ToList();
        var grouped = components.Count > 1;

        var values = report.Interviewers.SelectMany(i => new[] { i.SeverityLow90, i.SeverityHigh90, i.Severity }).OfType<double>().Where(double.IsFinite).Append(0).ToList();
        var (min, max, step) = Axis(values.Min(), values.Max());

        // Labels are never cut: the label and flag columns are as wide as their longest text.
        var labelWidth = Math.Max(150, report.Interviewers.Select(i => TextWidth(Label(i), 12)).DefaultIfEmpty(0).Max() + 20);
        var flagColumn = Math.Max(120, report.Interviewers.Select(i => TextWidth(string.Join(" · ", byInterviewer[i.Id].Select(FlagName).Distinct(StringComparer.Ordinal)), 11.5)).DefaultIfEmpty(0).Max() + 60);
        const double plotWidth = 580, rowHeight = 20, groupHeight = 26, top = 34, bottom = 44;
        var width = labelWidth + plotWidth + flagColumn + 10;
        double x0 = labelWidth, x1 = width - flagColumn - 10;
        double X(double v) => x0 + ((v - min) / (max - min) * (x1 - x0));
        var height = top + bottom + (report.Interviewers.Count * rowHeight) + (grouped ? components.Count * groupHeight : 0);

        html.Append("<section id=\"severity\" aria-labelledby=\"severity-title\">\n<h2 id=\"severity-title\">Severity by interviewer</h2>\n");
        html.Append("<p class=\"lead\">Each row is one interviewer, harshest at the top: the point is the MML severity in logits (higher = harsher, 0 = the average interviewer of the same candidates), the bar its 90% interval. ");
        html.Append(Inv($"Flagged interviewers are <span style=\"color:{Red};font-weight:600\">red</span> when a flag is actionable and <span style=\"color:{Amber};font-weight:600\">amber</span> when it is to watch; their flags are listed on the right."));
        html.Append(grouped ? " The design has several connected components: severities are compared only within a component." : "");
        html.Append("</p>\n");
        html.Append(Inv($"<svg id=\"severity-plot\" role=\"img\" aria-labelledby=\"severity-plot-title\" viewBox=\"0 0 {width} {height:0}\" width=\"{width}\" height=\"{height:0}\">\n"));
        html.Append(Inv($"<title id=\"severity-plot-title\">Severity of {report.Interviewers.Count} interviewers in logits with 90% intervals</title>\n"));

        // Row bands first, then the grid over them, then the marks.
        var bands = new StringBuilder();
        var marks = new StringBuilder();
        var plotBottom = height - bottom;
        for (var t = min; t <= max + 1e-9; t += step)
        {
            var x = X(t);
            var zero = Math.Abs(t) < 1e-9;
            marks.Append(Inv($"<line x1=\"{x:0.#}\" y1=\"{top - 6:0}\" x2=\"{x:0.#}\" y2=\"{plotBottom:0}\" stroke=\"{(zero ? "#0f172a" : Grid)}\" stroke-width=\"{(zero ? 1.4 : 1)}\"{(zero ? " class=\"zero-line\"" : "")}/>\n"));
            marks.Append(Inv($"<text x=\"{x:0.#}\" y=\"{top - 12:0}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{Muted}\">{Signed(t, step < 0.5 ? "0.00" : "0.0")}</text>\n"));
            marks.Append(Inv($"<text x=\"{x:0.#}\" y=\"{plotBottom + 14:0}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{Muted}\">{Signed(t, step < 0.5 ? "0.00" : "0.0")}</text>\n"));
        }

        marks.Append(Inv($"<text x=\"{X(0):0.#}\" y=\"{height - 8:0}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{Slate}\">← more lenient · severity (logits, MML, 90% interval) · harsher →</text>\n"));
        marks.Append(Inv($"<text x=\"{x1 + 40:0}\" y=\"{top - 12:0}\" font-size=\"11\" fill=\"{Muted}\">flags</text>\n"));

        var y = (double)top;
        foreach (var (componentId, rows) in components)
        {
            if (grouped)
            {
                var modelled = report.Components.FirstOrDefault(c => c.Id == componentId)?.Modelled ?? false;
                marks.Append(Inv($"<g class=\"component-group\" data-component=\"{componentId}\"><rect x=\"0\" y=\"{y:0}\" width=\"{width}\" height=\"{groupHeight - 4}\" fill=\"#f1f5f9\"/><text x=\"6\" y=\"{y + 15:0}\" font-size=\"12\" font-weight=\"600\" fill=\"{Slate}\">Component {componentId} · {rows.Count} interviewer{(rows.Count == 1 ? "" : "s")}{(modelled ? "" : " · not modelled (too little data)")}</text></g>\n"));
                y += groupHeight;
            }

            var index = 0;
            foreach (var row in rows)
            {
                var own = byInterviewer[row.Id].ToList();
                var status = InterviewerStatus(own);
                var colour = status switch { FlagStatusNames.Actionable => Red, FlagStatusNames.Watch => Amber, _ => Slate };
                var mid = y + (rowHeight / 2);
                marks.Append(Inv($"<g class=\"severity-row\" data-interviewer=\"{E(row.Id)}\" data-status=\"{status}\" data-component=\"{row.ComponentId}\"{(row.Severity is { } sv ? Inv($" data-severity=\"{sv:0.####}\"") : "")}>\n"));
                marks.Append(Inv($"<title>{E(SeverityTitle(row, own))}</title>\n"));
                marks.Append(Inv($"<rect x=\"0\" y=\"{y:0.#}\" width=\"{width}\" height=\"{rowHeight}\" fill=\"transparent\"/>\n"));
                var band = status switch { FlagStatusNames.Actionable => "#fdecea", FlagStatusNames.Watch => "#fef3c7", _ => index % 2 == 1 ? "#f8fafc" : "#ffffff" };
                bands.Append(Inv($"<rect x=\"0\" y=\"{y:0.#}\" width=\"{width}\" height=\"{rowHeight}\" fill=\"{band}\"/>\n"));
                marks.Append(Inv($"<text class=\"interviewer-label\" x=\"{labelWidth - 10:0.#}\" y=\"{mid + 4:0.#}\" text-anchor=\"end\" font-size=\"12\" fill=\"{colour}\"{(status == "none" ? "" : " font-weight=\"600\"")}>{E(Label(row))}</text>\n"));
                if (row.Severity is { } s && double.IsFinite(s))
                {
                    if (row.SeverityLow90 is { } lo && row.SeverityHigh90 is { } hi && double.IsFinite(lo) && double.IsFinite(hi))
                    {
                        marks.Append(Inv($"<line class=\"interval\" x1=\"{X(lo):0.#}\" y1=\"{mid:0.#}\" x2=\"{X(hi):0.#}\" y2=\"{mid:0.#}\" stroke=\"{colour}\" stroke-width=\"2\" stroke-opacity=\"0.75\"/>\n"));
                        marks.Append(Inv($"<line x1=\"{X(lo):0.#}\" y1=\"{mid - 4:0.#}\" x2=\"{X(lo):0.#}\" y2=\"{mid + 4:0.#}\" stroke=\"{colour}\" stroke-width=\"1.5\"/><line x1=\"{X(hi):0.#}\" y1=\"{mid - 4:0.#}\" x2=\"{X(hi):0.#}\" y2=\"{mid + 4:0.#}\" stroke=\"{colour}\" stroke-width=\"1.5\"/>\n"));
                    }

                    marks.Append(Inv($"<circle class=\"estimate\" cx=\"{X(s):0.#}\" cy=\"{mid:0.#}\" r=\"{(status == "none" ? 4 : 5.5)}\" fill=\"{colour}\" stroke=\"#fff\" stroke-width=\"1.5\"/>\n"));
                }
                else
                {
                    marks.Append(Inv($"<text class=\"not-estimable\" x=\"{x0 + 6}\" y=\"{mid + 4:0.#}\" font-size=\"11\" font-style=\"italic\" fill=\"{Muted}\">not estimable ({row.Ratings} ratings, {row.LinkingCandidates} linking candidates)</text>\n"));
                }

                if (own.Count > 0)
                {
                    var names = string.Join(" · ", own.Select(FlagName).Distinct(StringComparer.Ordinal));
                    marks.Append(Inv($"<text class=\"flag-names\" x=\"{x1 + 40:0}\" y=\"{mid + 4:0.#}\" font-size=\"11.5\" fill=\"{colour}\">{E(names)}</text>\n"));
                }

                marks.Append("</g>\n");
                y += rowHeight;
                index++;
            }
        }

        html.Append(bands).Append(marks).Append("</svg>\n</section>\n");
    }

    /// <summary>"Name (id)" when the interviewer's name is known, else the id.</summary>
    private static string Label(InterviewerReport row) => Label(row.Id, row.Name);

    private static string Label(string id, string? name) => name is { Length: > 0 } n ? $"{n} ({id})" : id;

    /// <summary>A generous estimate of a text's width in the page's sans-serif font, so that a column is never too narrow for it.</summary>
    private static double TextWidth(string text, double fontSize) => text.Length * fontSize * 0.62;

    private static string SeverityTitle(InterviewerReport row, IReadOnlyList<FlagState> flags)
    {
        var text = new StringBuilder(Label(row));
        text.Append(row.Severity is { } s
            ? Inv($": severity {s:0.00} logits (90% interval {row.SeverityLow90:0.00} to {row.SeverityHigh90:0.00}, SE {row.SeveritySe:0.00})")
            : ": severity not estimable");
        text.Append(Inv($"; {row.Ratings} ratings, {row.Scorecards} scorecards, {row.LinkingCandidates} linking candidates"));
        if (row.FairAverage is { } fa)
        {
            text.Append(Inv($"; fair average {fa:0.00}"));
        }

        if (!string.IsNullOrWhiteSpace(row.Explanation))
        {
            text.Append(". ").Append(row.Explanation.TrimEnd('.')).Append('.');
        }

        foreach (var flag in flags)
        {
            text.Append(Inv($" Flag {FlagName(flag)} ({flag.Status}, q = {PValue(flag.QValue)})."));
        }

        return text.ToString();
    }

    private static string FlagName(FlagState flag) =>
        flag.Detector + (flag.Scope is { Length: > 0 } scope ? Inv($" ({scope})") : "");

    /// <summary>"actionable" if any flag is actionable, "watch" if flagged otherwise, "none" when not flagged.</summary>
    private static string InterviewerStatus(IReadOnlyList<FlagState> flags) =>
        flags.Count == 0 ? "none" : flags.Any(f => f.Status == Actionable) ? FlagStatusNames.Actionable : FlagStatusNames.Watch;

    /// <summary>A padded axis from min to max with a round step and at most about ten ticks.</summary>
    private static (double Min, double Max, double Step) Axis(double low, double high)
    {
        if (high - low < 1e-9)
        {
            low -= 1;
            high += 1;
        }

        var span = high - low;
        var step = new[] { 0.1, 0.25, 0.5, 1, 2, 5, 10 }.FirstOrDefault(s => span / s <= 10, 20);
        return (Math.Floor((low - (step * 0.15)) / step) * step, Math.Ceiling((high + (step * 0.15)) / step) * step, step);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Coverage heatmap
    // ------------------------------------------------------------------------------------------------------------
    private static void CoverageHeatmap(StringBuilder html, DashboardModel model, IReadOnlyList<FlagState> flags)
    {
        var coverage = model.Coverage;
        var status = flags.GroupBy(f => f.InterviewerId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => InterviewerStatus(g.ToList()), StringComparer.Ordinal);
        var columns = Enumerable.Range(0, coverage.Competencies.Count).Where(c => coverage.Rows.Any(r => !r.Cells[c].NotApplicable)).ToList();
        var rows = coverage.Rows
            .OrderByDescending(r => r.Cells.Select(c => Math.Abs(c.Gap)).DefaultIfEmpty(0).Max())
            .ThenBy(r => r.InterviewerId, StringComparer.Ordinal)
            .ToList();

        html.Append("<section id=\"coverage\" aria-labelledby=\"coverage-title\">\n<h2 id=\"coverage-title\">Probed share against the blueprint</h2>\n");
        html.Append("<p class=\"lead\">Each cell is the mean share of the interview's time the interviewer spent on the competency (the number, in %), coloured by how far it is from the blueprint share of the interview types they ran: ");
        html.Append("<b style=\"color:#b2182b\">red</b> probed more than the blueprint asks, <b style=\"color:#2166ac\">blue</b> less. A cog in a machine shows as one deep red cell in a row of blue. Rows with the largest gap first; hover a cell for the numbers.</p>\n");
        html.Append(Inv($"<p class=\"note\" id=\"coverage-basis\" data-basis=\"{coverage.Basis switch { CoverageBasis.ProbeShares => "probe-shares", CoverageBasis.RatedCompetencies => "rated-competencies", _ => "mixed" }}\">"));
        html.Append(coverage.Basis switch
        {
            CoverageBasis.ProbeShares => E(Inv($"Probed shares as recorded on all {coverage.Scorecards:N0} scorecards.")),
            CoverageBasis.RatedCompetencies => E(Inv($"No scorecard recorded probe shares: each of the {coverage.Scorecards:N0} scorecards counts its rated competencies as equal shares of the interview.")),
            _ => E(Inv($"{coverage.ScorecardsWithoutProbeShares:N0} of {coverage.Scorecards:N0} scorecards recorded no probe shares: for those, each rated competency counts as an equal share of the interview.")),
        });
        html.Append("</p>\n");

        if (columns.Count == 0 || rows.Count == 0)
        {
            html.Append("<p>No scorecards.</p>\n</section>\n");
            return;
        }

        var nameOf = model.Report.Interviewers.ToDictionary(i => i.Id, i => i.Name, StringComparer.Ordinal);
        string RowLabel(string id) => Label(id, nameOf.GetValueOrDefault(id));
        var labelWidth = Math.Max(150, rows.Select(r => TextWidth(RowLabel(r.InterviewerId), 12)).Max() + 20);
        // Competency labels run up at 45°: the header is as tall as the longest needs, and the right pad as wide.
        var longest = columns.Select(c => TextWidth(coverage.Competencies[c], 11.5)).Max();
        var headerHeight = Math.Max(120, (longest * 0.7072) + 24);
        var rightPad = Math.Max(130, (longest * 0.7072) + 10);
        const double rowHeight = 22, legendHeight = 56;
        var cellWidth = Math.Clamp((1100 - labelWidth - rightPad) / columns.Count, 34, 72);
        var width = labelWidth + (columns.Count * cellWidth) + rightPad;
        var height = headerHeight + (rows.Count * rowHeight) + legendHeight;
        html.Append(Inv($"<svg id=\"coverage-heatmap\" role=\"img\" aria-labelledby=\"coverage-heatmap-title\" viewBox=\"0 0 {width:0} {height:0}\" width=\"{width:0}\" height=\"{height:0}\" style=\"max-width:{width:0}px\">\n"));
        html.Append(Inv($"<title id=\"coverage-heatmap-title\">Probed share minus blueprint share, {rows.Count} interviewers by {columns.Count} competencies</title>\n"));
        for (var k = 0; k < columns.Count; k++)
        {
            var cx = labelWidth + (k * cellWidth) + (cellWidth / 2);
            var name = coverage.Competencies[columns[k]];
            html.Append(Inv($"<text class=\"competency-label\" data-competency=\"{E(name)}\" transform=\"translate({cx + 4:0.#},{headerHeight - 8:0}) rotate(-45)\" font-size=\"11.5\" fill=\"{Slate}\">{E(name)}<title>{E(name)}</title></text>\n"));
        }

        var y = headerHeight;
        foreach (var row in rows)
        {
            var st = status.GetValueOrDefault(row.InterviewerId, "none");
            var colour = st switch { FlagStatusNames.Actionable => Red, FlagStatusNames.Watch => Amber, _ => Slate };
            html.Append(Inv($"<g class=\"coverage-row\" data-interviewer=\"{E(row.InterviewerId)}\" data-status=\"{st}\">\n"));
            html.Append(Inv($"<text class=\"interviewer-label\" x=\"{labelWidth - 10:0.#}\" y=\"{y + 15:0.#}\" text-anchor=\"end\" font-size=\"12\" fill=\"{colour}\"{(st == "none" ? "" : " font-weight=\"600\"")}>{E(RowLabel(row.InterviewerId))}<title>{E(Inv($"{RowLabel(row.InterviewerId)}: {row.Scorecards} scorecards{(row.ScorecardsWithoutProbeShares > 0 ? Inv($", {row.ScorecardsWithoutProbeShares} without probe shares (rated competencies counted equally)") : "")}"))}</title></text>\n"));
            for (var k = 0; k < columns.Count; k++)
            {
                var cell = row.Cells[columns[k]];
                var x = labelWidth + (k * cellWidth);
                var fill = cell.NotApplicable ? "#ffffff\" stroke=\"#dfe5ec\" stroke-dasharray=\"2 2" : Diverging(cell.Gap);
                var tip = cell.NotApplicable
                    ? Inv($"{row.InterviewerId} · {cell.Competency}: not in the blueprint of their interview types and never probed")
                    : Inv($"{row.InterviewerId} · {cell.Competency}: probed {cell.ProbedShare:0%} of the interview time, blueprint {cell.BlueprintShare:0%} ({Signed(cell.Gap * 100, "0")} points), over {row.Scorecards} scorecards");
                html.Append(Inv($"<rect class=\"heat-cell\" data-interviewer=\"{E(row.InterviewerId)}\" data-competency=\"{E(cell.Competency)}\" data-probed=\"{cell.ProbedShare:0.####}\" data-blueprint=\"{cell.BlueprintShare:0.####}\" data-gap=\"{cell.Gap:0.####}\" x=\"{x + 1:0.#}\" y=\"{y + 1:0.#}\" width=\"{cellWidth - 2:0.#}\" height=\"{rowHeight - 2}\" rx=\"2\" fill=\"{fill}\"><title>{E(tip)}</title></rect>\n"));
                if (!cell.NotApplicable)
                {
                    var ink = Math.Abs(cell.Gap) >= 0.3 ? "#ffffff" : "#1e293b";
                    html.Append(Inv($"<text x=\"{x + (cellWidth / 2):0.#}\" y=\"{y + 15:0.#}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{ink}\" pointer-events=\"none\">{cell.ProbedShare * 100:0}</text>\n"));
                }
            }

            html.Append("</g>\n");
            y += rowHeight;
        }

        // Legend: the diverging scale from −50 to +50 points, and the not-applicable swatch.
        var ly = y + 18;
        var legendX = labelWidth;
        const double legendWidth = 380;
        html.Append(Inv($"<g id=\"coverage-legend\" aria-label=\"Colour legend\"><title>Colour legend: probed share minus blueprint share, in percentage points</title>\n"));
        const int steps = 40;
        for (var i = 0; i < steps; i++)
        {
            var v = -0.5 + ((i + 0.5) / steps);
            html.Append(Inv($"<rect x=\"{legendX + (i * legendWidth / steps):0.##}\" y=\"{ly:0}\" width=\"{(legendWidth / steps) + 0.3:0.##}\" height=\"12\" fill=\"{Diverging(v)}\"/>"));
        }

        html.Append('\n');
        foreach (var (v, label) in new[] { (-0.5, "−50 points: probed less"), (0.0, "as the blueprint"), (0.5, "+50 points: probed more") })
        {
            var lx = legendX + ((v + 0.5) * legendWidth);
            html.Append(Inv($"<text x=\"{lx:0.#}\" y=\"{ly + 26:0}\" text-anchor=\"{(v < 0 ? "start" : v > 0 ? "end" : "middle")}\" font-size=\"11\" fill=\"{Muted}\">{label}</text>\n"));
        }

        html.Append(Inv($"<rect x=\"{legendX + legendWidth + 30:0}\" y=\"{ly:0}\" width=\"14\" height=\"12\" fill=\"#ffffff\" stroke=\"#c8d1dc\" stroke-dasharray=\"2 2\"/><text x=\"{legendX + legendWidth + 50:0}\" y=\"{ly + 10:0}\" font-size=\"11\" fill=\"{Muted}\">not in their blueprints, never probed</text>\n"));
        html.Append("</g>\n</svg>\n</section>\n");
    }

    /// <summary>RdBu diverging scale on −0.5..0.5 (clamped): blue below the blueprint, red above.</summary>
    private static string Diverging(double gap)
    {
        (double At, int R, int G, int B)[] stops = [(-0.5, 0x21, 0x66, 0xac), (-0.25, 0x92, 0xc5, 0xde), (0, 0xf7, 0xf7, 0xf7), (0.25, 0xf4, 0xa5, 0x82), (0.5, 0xb2, 0x18, 0x2b)];
        var v = Math.Clamp(gap, -0.5, 0.5);
        var i = 0;
        while (i < stops.Length - 2 && v > stops[i + 1].At)
        {
            i++;
        }

        var (a, b) = (stops[i], stops[i + 1]);
        var t = (v - a.At) / (b.At - a.At);
        int Mix(int p, int q) => (int)Math.Round(p + ((q - p) * t));
        return Inv($"#{Mix(a.R, b.R):x2}{Mix(a.G, b.G):x2}{Mix(a.B, b.B):x2}");
    }

    // ------------------------------------------------------------------------------------------------------------
    // Reliability
    // ------------------------------------------------------------------------------------------------------------
    private static void Reliability(StringBuilder html, ReliabilitySection r)
    {
        html.Append("<section id=\"reliability\" aria-labelledby=\"reliability-title\">\n<h2 id=\"reliability-title\">Reliability</h2>\n");
        html.Append(Inv($"<p class=\"lead\">Agreement between interviewers of the same candidates, with 95% candidate-cluster bootstrap intervals ({(r.BootstrapReplicates > 0 ? Inv($"{r.BootstrapReplicates:N0} replicates, seed {r.Seed}") : "bootstrap off: no intervals")}). ICC(1) is computed on scorecard means before and after removing each interviewer's estimated severity (additive model); Krippendorff's ordinal alpha on the raw ratings.</p>\n"));
        html.Append("<div class=\"cards\">\n");
        Card(html, "icc1", "ICC(1), raw ratings", r.Icc1, r.Icc1Ci95);
        Card(html, "icc1-after", "ICC(1), after calibration", r.Icc1AfterCalibration, r.Icc1AfterCalibrationCi95);
        Card(html, "alpha-ordinal", "Krippendorff's alpha (ordinal), raw ratings", r.AlphaOrdinal, r.AlphaOrdinalCi95);
        html.Append("</div>\n");

        // Interval plot of the three figures on a common 0..1 axis (negative values widen it).
        var figures = new (string Label, double? Value, IReadOnlyList<double>? Ci)[]
        {
            ("ICC(1), raw", r.Icc1, r.Icc1Ci95),
            ("ICC(1), after calibration", r.Icc1AfterCalibration, r.Icc1AfterCalibrationCi95),
            ("alpha (ordinal)", r.AlphaOrdinal, r.AlphaOrdinalCi95),
        };
        var low = Math.Min(0, figures.SelectMany(f => (f.Ci ?? []).Append(f.Value ?? 0)).Min());
        low = Math.Floor(low * 5) / 5;
        const double width = 1000, x0 = 200, x1 = 960, rowHeight = 26, top = 10;
        double X(double v) => x0 + ((v - low) / (1 - low) * (x1 - x0));
        var height = top + (figures.Length * rowHeight) + 30;
        html.Append(Inv($"<svg id=\"reliability-plot\" role=\"img\" aria-labelledby=\"reliability-plot-title\" viewBox=\"0 0 {width} {height:0}\" width=\"{width}\" height=\"{height:0}\">\n<title id=\"reliability-plot-title\">Reliability estimates with 95% intervals on a scale to 1</title>\n"));
        for (var t = low; t <= 1 + 1e-9; t += 0.2)
        {
            html.Append(Inv($"<line x1=\"{X(t):0.#}\" y1=\"{top:0}\" x2=\"{X(t):0.#}\" y2=\"{height - 24:0}\" stroke=\"{Grid}\"/><text x=\"{X(t):0.#}\" y=\"{height - 10:0}\" text-anchor=\"middle\" font-size=\"11\" fill=\"{Muted}\">{t:0.0}</text>\n"));
        }

        for (var i = 0; i < figures.Length; i++)
        {
            var (label, value, ci) = figures[i];
            var mid = top + (i * rowHeight) + (rowHeight / 2);
            var colour = i == 1 ? "#0f766e" : Slate;
            html.Append(Inv($"<g class=\"reliability-row\"><title>{E(Inv($"{label}: {Figure(value, ci)}"))}</title><text x=\"{x0 - 12}\" y=\"{mid + 4:0.#}\" text-anchor=\"end\" font-size=\"12\" fill=\"{Slate}\">{E(label)}</text>"));
            if (ci is [var lo, var hi])
            {
                html.Append(Inv($"<line x1=\"{X(lo):0.#}\" y1=\"{mid:0.#}\" x2=\"{X(hi):0.#}\" y2=\"{mid:0.#}\" stroke=\"{colour}\" stroke-width=\"3\" stroke-opacity=\"0.5\"/>"));
            }

            if (value is { } v)
            {
                html.Append(Inv($"<circle cx=\"{X(v):0.#}\" cy=\"{mid:0.#}\" r=\"5.5\" fill=\"{colour}\"/>"));
            }

            html.Append("</g>\n");
        }

        html.Append("</svg>\n");

        if (r.CompleteDesign is { } cd)
        {
            html.Append(Inv($"<h3>Complete design ({cd.Targets} candidates × {cd.Raters} interviewers, one competency)</h3>\n"));
            html.Append("<table id=\"icc-forms\"><thead><tr><th scope=\"col\" class=\"num\">ICC(1)</th><th scope=\"col\" class=\"num\">ICC(2)</th><th scope=\"col\" class=\"num\">ICC(3)</th><th scope=\"col\" class=\"num\">ICC(1,k)</th><th scope=\"col\" class=\"num\">ICC(2,k)</th><th scope=\"col\" class=\"num\">ICC(3,k)</th></tr></thead>\n<tbody><tr>");
            foreach (var v in new[] { cd.Icc1, cd.Icc2, cd.Icc3, cd.Icc1k, cd.Icc2k, cd.Icc3k })
            {
                html.Append(Inv($"<td class=\"num\">{Reliability2(v)}</td>"));
            }

            html.Append("</tr></tbody></table>\n");
        }

        if (r.Competencies.Count > 0)
        {
            html.Append("<h3>Per competency</h3>\n<table id=\"reliability-competencies\"><thead><tr><th scope=\"col\">Competency</th><th scope=\"col\" class=\"num\">Candidates</th><th scope=\"col\" class=\"num\">Ratings</th><th scope=\"col\" class=\"num\">ICC(1) [95%]</th><th scope=\"col\" class=\"num\">alpha ordinal [95%]</th></tr></thead>\n<tbody>\n");
            foreach (var c in r.Competencies)
            {
                html.Append(Inv($"<tr data-competency=\"{E(c.Competency)}\"><th scope=\"row\">{E(c.Competency)}</th><td class=\"num\">{c.Candidates:N0}</td><td class=\"num\">{c.Ratings:N0}</td><td class=\"num\">{E(Figure(c.Icc1, c.Icc1Ci95))}</td><td class=\"num\">{E(Figure(c.AlphaOrdinal, c.AlphaOrdinalCi95))}</td></tr>\n"));
            }

            html.Append("</tbody></table>\n");
        }

        html.Append("</section>\n");
    }

    private static void Card(StringBuilder html, string id, string label, double? value, IReadOnlyList<double>? ci) =>
        html.Append(Inv($"<div class=\"card\" id=\"{id}\"{(value is { } v ? Inv($" data-value=\"{v:0.####}\"") : "")}><b>{Reliability2(value)}</b>{(ci is [var lo, var hi] ? Inv($" <span class=\"ci\">95% interval {lo:0.00} to {hi:0.00}</span>") : "<span class=\"ci\">no interval</span>")}<span>{E(label)}</span></div>\n"));

    private static string Figure(double? value, IReadOnlyList<double>? ci) =>
        value is not { } v ? "not estimable" : ci is [var lo, var hi] ? Inv($"{v:0.00} [{lo:0.00}, {hi:0.00}]") : Inv($"{v:0.00}");

    private static string Reliability2(double? value) => value is { } v ? Inv($"{v:0.00}") : "–";

    // ------------------------------------------------------------------------------------------------------------
    // Flags
    // ------------------------------------------------------------------------------------------------------------
    private static void FlagList(StringBuilder html, CalibrationReport report, IReadOnlyList<FlagState> flags)
    {
        // Group-bias and adverse-impact flags are listed in their own (compliance) section.
        flags = flags.Where(f => !IsComplianceDetector(f.Detector)).ToList();
        html.Append("<section id=\"flags\" aria-labelledby=\"flags-title\">\n<h2 id=\"flags-title\">Flags</h2>\n");
        if (flags.Count == 0)
        {
            html.Append("<p id=\"no-flags\">No interviewer is flagged in this window.</p>\n</section>\n");
            return;
        }

        html.Append("<p class=\"lead\">Actionable first, then by q-value. The evidence links open the interviews to review first.</p>\n");
        FlagTable(html, report, flags, "flag-table");
        html.Append("</section>\n");
    }

    private static void FlagTable(StringBuilder html, CalibrationReport report, IReadOnlyList<FlagState> flags, string id)
    {
        var units = report.Interviewers
            .SelectMany(i => i.Flags.Select(f => (Key: (i.Id, f.Detector, f.Scope ?? ""), f.EffectUnit)))
            .GroupBy(x => x.Key)
            .ToDictionary(g => g.Key, g => g.First().EffectUnit);
        html.Append(Inv($"<table id=\"{id}\"><thead><tr><th scope=\"col\">Interviewer</th><th scope=\"col\">Detector</th><th scope=\"col\">Direction</th><th scope=\"col\">Scope</th><th scope=\"col\">Window</th><th scope=\"col\">Status</th><th scope=\"col\" class=\"num\">Effect</th><th scope=\"col\" class=\"num\">q</th><th scope=\"col\">Reason</th><th scope=\"col\">Evidence</th></tr></thead>\n<tbody>\n"));
        foreach (var f in flags.OrderBy(f => f.Status == Actionable ? 0 : 1).ThenBy(f => f.QValue).ThenBy(f => f.InterviewerId, StringComparer.Ordinal).ThenBy(f => f.Detector, StringComparer.Ordinal))
        {
            var status = f.Status.Name();
            var unit = units.GetValueOrDefault((f.InterviewerId, f.Detector, f.Scope ?? ""));
            html.Append(Inv($"<tr class=\"flag-row\" data-interviewer=\"{E(f.InterviewerId)}\" data-detector=\"{E(f.Detector)}\" data-status=\"{status}\">"));
            html.Append(Inv($"<th scope=\"row\" class=\"interviewer\">{(f.InterviewerName is { Length: > 0 } name ? Inv($"{E(name)} <span class=\"id\">{E(f.InterviewerId)}</span>") : E(f.InterviewerId))}</th><td>{E(f.Detector)}</td><td>{E(f.Direction ?? "–")}</td><td>{E(f.Scope ?? "–")}</td><td>{E(f.Window ?? "this window")}</td>"));
            html.Append(Inv($"<td><span class=\"badge {status}\">{E(f.Status.Name())}</span></td><td class=\"num\">{Number(f.Effect)}{(unit is null ? "" : Inv($"<span class=\"unit\">{E(unit)}</span>"))}</td><td class=\"num\">{PValue(f.QValue)}</td>"));
            html.Append(Inv($"<td class=\"reason\">{E(f.Reason)}</td><td class=\"evidence\">"));
            // The evidence of a group flag is interviews of one group's candidates: listing them would reveal
            // individual candidates' groups, so the page never does (§4.5: aggregated data only).
            var withheld = IsComplianceDetector(f.Detector) && f.Evidence.Count > 0;
            if (withheld)
            {
                html.Append(Inv($"<span class=\"note withheld\">{f.Evidence.Count} interviews, not listed: they would reveal candidates' groups</span>"));
            }

            foreach (var link in withheld ? [] : f.Evidence)
            {
                html.Append(SafeHref(link.Href) is { } href ? Inv($"<a href=\"{E(href)}\">{E(link.Label)}</a>") : Inv($"<span>{E(link.Label)}</span> "));
            }

            html.Append("</td></tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    /// <summary>Only same-site paths, fragments and http(s) URLs become links; anything else (javascript:, data:) stays text.</summary>
    private static string? SafeHref(string href)
    {
        if (string.IsNullOrWhiteSpace(href))
        {
            return null;
        }

        if ((href.StartsWith('/') && !href.StartsWith("//", StringComparison.Ordinal) && !href.StartsWith("/\\", StringComparison.Ordinal)) || href.StartsWith('#'))
        {
            return href;
        }

        return Uri.TryCreate(href, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri.AbsoluteUri : null;
    }

    // ------------------------------------------------------------------------------------------------------------
    // What-if
    // ------------------------------------------------------------------------------------------------------------
    private static void WhatIf(StringBuilder html, DashboardModel model)
    {
        var flips = model.WhatIf.Where(w => w.Flips).OrderByDescending(w => Math.Abs(w.AdjustedScore - w.RawScore)).ThenBy(w => w.CandidateId, StringComparer.Ordinal).ToList();
        html.Append("<section id=\"what-if\" aria-labelledby=\"what-if-title\">\n<h2 id=\"what-if-title\">What-if: decisions that would flip</h2>\n");
        html.Append(Inv($"<p class=\"lead\">Candidates whose decision would change if their scores were adjusted for the severity of the interviewers they happened to get: {flips.Count:N0} of {model.WhatIf.Count:N0} candidates checked. The bar is the adjusted score's 90% interval; the hollow mark is the raw score.</p>\n"));
        if (flips.Count == 0)
        {
            html.Append("<p id=\"no-flips\">No decision would flip.</p>\n</section>\n");
            return;
        }

        var (lo, hi) = ScaleRange(model.Report.Input.Scale, flips);
        html.Append("<table id=\"what-if-table\"><thead><tr><th scope=\"col\">Candidate</th><th scope=\"col\">Decision made</th><th scope=\"col\" class=\"num\">Raw score</th><th scope=\"col\" class=\"num\">Adjusted score</th><th scope=\"col\" class=\"num\">90% interval</th><th scope=\"col\">Raw ○ → adjusted ● <span class=\"note\">(");
        html.Append(Inv($"axis {lo:0.00} to {hi:0.00}, ticks every 0.25)</span></th></tr></thead>\n<tbody>\n"));
        foreach (var w in flips)
        {
            const double pw = 240, ph = 18;
            double X(double v) => 6 + ((Math.Clamp(v, lo, hi) - lo) / (hi - lo) * (pw - 12));
            var tip = Inv($"{w.CandidateId}: raw {w.RawScore:0.00}, adjusted {w.AdjustedScore:0.00} (90% interval {w.AdjustedLow90:0.00} to {w.AdjustedHigh90:0.00}), decision made: {w.Decision}");
            html.Append(Inv($"<tr class=\"what-if-row\" data-candidate=\"{E(w.CandidateId)}\"><th scope=\"row\">{E(w.CandidateId)}</th><td>{E(w.Decision)}</td><td class=\"num\">{w.RawScore:0.00}</td><td class=\"num\">{w.AdjustedScore:0.00}</td><td class=\"num\">{w.AdjustedLow90:0.00} – {w.AdjustedHigh90:0.00}</td>"));
            html.Append(Inv($"<td><svg role=\"img\" viewBox=\"0 0 {pw} {ph}\" width=\"{pw}\" height=\"{ph}\" style=\"width:{pw}px\"><title>{E(tip)}</title><line x1=\"6\" y1=\"9\" x2=\"{pw - 6}\" y2=\"9\" stroke=\"{Grid}\"/>"));
            for (var t = Math.Ceiling(lo * 4) / 4; t <= hi + 1e-9; t += 0.25)
            {
                html.Append(Inv($"<line x1=\"{X(t):0.#}\" y1=\"4\" x2=\"{X(t):0.#}\" y2=\"14\" stroke=\"#cbd5e1\"/>"));
            }

            html.Append(Inv($"<line x1=\"{X(w.AdjustedLow90):0.#}\" y1=\"9\" x2=\"{X(w.AdjustedHigh90):0.#}\" y2=\"9\" stroke=\"#0f766e\" stroke-width=\"5\" stroke-opacity=\"0.3\" stroke-linecap=\"round\"/><line x1=\"{X(w.RawScore):0.#}\" y1=\"9\" x2=\"{X(w.AdjustedScore):0.#}\" y2=\"9\" stroke=\"{Slate}\" stroke-width=\"1\" stroke-dasharray=\"2 2\"/>"));
            html.Append(Inv($"<circle cx=\"{X(w.RawScore):0.#}\" cy=\"9\" r=\"4\" fill=\"#fff\" stroke=\"{Slate}\" stroke-width=\"1.5\"/><circle cx=\"{X(w.AdjustedScore):0.#}\" cy=\"9\" r=\"4.5\" fill=\"#0f766e\"/></svg></td></tr>\n"));
        }

        html.Append("</tbody></table>\n</section>\n");
    }

    /// <summary>A common axis for the what-if rows: their scores and intervals, padded to quarter points, within the rating scale.</summary>
    private static (double Low, double High) ScaleRange(string scale, IReadOnlyList<WhatIfCandidate> rows)
    {
        var all = rows.SelectMany(r => new[] { r.RawScore, r.AdjustedScore, r.AdjustedLow90, r.AdjustedHigh90 }).Where(double.IsFinite).ToList();
        if (all.Count == 0)
        {
            return (0, 1);
        }

        var lo = Math.Floor((all.Min() - 0.05) * 4) / 4;
        var hi = Math.Ceiling((all.Max() + 0.05) * 4) / 4;
        var parts = scale.Split('-');
        if (parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var min)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var max)
            && max > min)
        {
            (lo, hi) = (Math.Max(lo, min), Math.Min(hi, max));
        }

        return hi - lo < 0.25 ? (lo - 0.25, hi + 0.25) : (lo, hi);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Compliance-only sections
    // ------------------------------------------------------------------------------------------------------------
    private static void Compliance(StringBuilder html, DashboardModel model)
    {
        if (!model.Reader.SeesGroupFindings)
        {
            html.Append("<section id=\"compliance-restricted\" class=\"restricted\">\n<h2>Group bias and adverse impact</h2>\n");
            html.Append("<p>Group-bias and adverse-impact results use demographic data and are shown only to the compliance role.</p>\n</section>\n");
            return;
        }

        var minimum = model.Report.Config.Eligibility.AdverseMinPerGroup;
        var groupFlags = model.Flags.Where(f => IsComplianceDetector(f.Detector)).ToList();
        html.Append("<section id=\"group-bias\" aria-labelledby=\"group-bias-title\">\n<h2 id=\"group-bias-title\">Group bias (compliance)</h2>\n");
        html.Append(Inv($"<p class=\"lead\">Interviewers who rate or recommend one group's candidates differently from the other interviewers of the same candidates. Aggregated per interviewer; groups with fewer than {model.Report.Config.Eligibility.GroupMinPerGroup} candidates are not tested.</p>\n"));
        if (groupFlags.Count == 0)
        {
            html.Append("<p id=\"no-group-flags\">No interviewer is flagged for group bias or adverse impact.</p>\n");
        }
        else
        {
            FlagTable(html, model.Report, groupFlags, "group-flag-table");
        }

        html.Append("</section>\n");

        html.Append("<section id=\"adverse-impact\" aria-labelledby=\"adverse-impact-title\">\n<h2 id=\"adverse-impact-title\">Adverse impact of final decisions (compliance)</h2>\n");
        html.Append(Inv($"<p class=\"lead\">Selection rate of each group against the group with the highest rate (four-fifths rule: impact ratio below 0.8). Comparisons with fewer than {minimum} candidates in a group are suppressed.</p>\n"));
        if (model.Report.AdverseImpact.Count == 0)
        {
            html.Append("<p>No group data or no decisions in this window.</p>\n</section>\n");
            return;
        }

        html.Append("<table id=\"adverse-impact-table\"><thead><tr><th scope=\"col\">Scope</th><th scope=\"col\">Group vs reference</th><th scope=\"col\" class=\"num\">Selected</th><th scope=\"col\" class=\"num\">Reference selected</th><th scope=\"col\" class=\"num\">Impact ratio [95%]</th><th scope=\"col\" class=\"num\">Fisher mid-p</th><th scope=\"col\" class=\"num\">Shortfall</th><th scope=\"col\">Four-fifths rule</th></tr></thead>\n<tbody>\n");
        foreach (var a in model.Report.AdverseImpact)
        {
            html.Append(Inv($"<tr class=\"impact-row\" data-scope=\"{E(a.Scope)}\"><th scope=\"row\">{E(a.Scope)}</th><td>{E(a.FocalGroup)} vs {E(a.ReferenceGroup)}</td>"));
            if (a.FocalN < minimum || a.ReferenceN < minimum)
            {
                html.Append(Inv($"<td colspan=\"6\" class=\"note suppressed\">suppressed: fewer than {minimum} candidates in a group</td></tr>\n"));
                continue;
            }

            var ratio = a.ImpactRatio is { } ir ? Inv($"{ir:0.00}") + (a.ImpactRatioLow95 is { } l && a.ImpactRatioHigh95 is { } h ? Inv($" [{l:0.00}, {h:0.00}]") : "") : "–";
            html.Append(Inv($"<td class=\"num\">{a.FocalPass}/{a.FocalN}</td><td class=\"num\">{a.ReferencePass}/{a.ReferenceN}</td><td class=\"num\">{ratio}</td><td class=\"num\">{(a.FisherMidP is { } p ? PValue(p) : "–")}</td><td class=\"num\">{(a.Shortfall is { } s ? Inv($"{s:0.#}") : "–")}</td>"));
            html.Append(Inv($"<td>{(a.FourFifthsRule ? "<span class=\"badge actionable\">below 0.8</span>" : "met")}{(a.FlipFlop ? " <span class=\"note\">(flip-flop)</span>" : "")}</td></tr>\n"));
        }

        html.Append("</tbody></table>\n</section>\n");
    }

    /// <summary>
    /// Every interviewer's answer from every detector, so that no row is blank: flagged; no evidence, with the minimum
    /// detectable effect at the interviewer's sample; not enough data, with what is missing; or not run. The cell shows the
    /// short form, its title the full sentence (per interview type for the per-type detectors).
    /// </summary>
    private static void Answers(StringBuilder html, DashboardModel model)
    {
        var report = model.Report;
        var detectors = report.Interviewers.SelectMany(i => i.Detectors.Select(a => a.Detector)).Distinct(StringComparer.Ordinal)
            .Where(d => model.Reader.SeesGroupFindings || !IsComplianceDetector(d)).ToList();
        if (detectors.Count == 0)
        {
            return;
        }

        html.Append("<section id=\"answers\" aria-labelledby=\"answers-title\">\n<h2 id=\"answers-title\">Every interviewer, every detector</h2>\n");
        html.Append(Inv($"<p class=\"lead\">A blank would read as “fine”, so every cell answers: <b>flagged</b>; <b>no evidence</b> with the smallest effect that would have been flagged with probability {report.Config.MdePower:0.0#} at this interviewer’s sample (≥ in the detector’s unit; ≤ for impact ratios); <b>not enough data</b> with what is missing; or not run. Hover a cell for the full sentence; answers from the longer look-back say so.</p>\n"));
        html.Append("<div class=\"scroll\"><table id=\"answer-table\"><thead><tr><th scope=\"col\">Interviewer</th>");
        foreach (var d in detectors)
        {
            html.Append(Inv($"<th scope=\"col\">{E(d)}</th>"));
        }

        html.Append("</tr></thead>\n<tbody>\n");
        foreach (var i in report.Interviewers.OrderBy(i => Label(i), StringComparer.Ordinal))
        {
            html.Append(Inv($"<tr class=\"answer-row\" data-interviewer=\"{E(i.Id)}\"><th scope=\"row\">{E(Label(i))}</th>"));
            foreach (var d in detectors)
            {
                var answers = i.Detectors.Where(a => a.Detector == d).ToList();
                var title = string.Join(" ", answers.Select(a => (a.Scope is null ? "" : $"[{a.Scope}] ") + a.Statement));
                var status = answers.Any(a => a.Status == DetectorAnswers.Flagged) ? DetectorAnswers.Flagged
                    : answers.Any(a => a.Status == DetectorAnswers.NoEvidence) ? DetectorAnswers.NoEvidence
                    : answers.Any(a => a.Status == DetectorAnswers.NotEnoughData) ? DetectorAnswers.NotEnoughData : DetectorAnswers.NotRun;
                var text = status switch
                {
                    DetectorAnswers.Flagged => "flagged",
                    DetectorAnswers.NoEvidence => answers.Where(a => a.MinimumDetectableEffect is not null).Select(a => (a.Unit == "impact ratio" ? "≤ " : "≥ ") + Number(a.MinimumDetectableEffect!.Value)).FirstOrDefault() is { } mde
                        ? Inv($"no evidence · {mde}")
                        : "no evidence",
                    DetectorAnswers.NotEnoughData => "not enough data",
                    _ => "not run",
                };
                var window = answers.Any(a => a.Window is not null) ? " · look-back" : "";
                html.Append(Inv($"<td class=\"answer {status}\" data-detector=\"{E(d)}\" data-status=\"{status}\" title=\"{E(title)}\">{E(text + window)}</td>"));
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody></table></div>\n</section>\n");
    }

    private static void Detectors(StringBuilder html, DashboardModel model)
    {
        html.Append("<section id=\"detectors\" aria-labelledby=\"detectors-title\">\n<h2 id=\"detectors-title\">Detectors</h2>\n");
        html.Append("<table id=\"detector-table\"><thead><tr><th scope=\"col\">Detector</th><th scope=\"col\" class=\"num\">Tested</th><th scope=\"col\" class=\"num\">Flagged</th><th scope=\"col\">Ran</th></tr></thead>\n<tbody>\n");
        foreach (var d in model.Report.Detectors.Where(d => model.Reader.SeesGroupFindings || !IsComplianceDetector(d.Detector)))
        {
            html.Append(Inv($"<tr data-detector=\"{E(d.Detector)}\"><th scope=\"row\">{E(d.Detector)}</th><td class=\"num\">{d.Tested:N0}</td><td class=\"num\">{d.Flagged:N0}</td><td>{(d.Ran ? "yes" : E("no: " + (d.NotRunBecause ?? "not eligible")))}</td></tr>\n"));
        }

        html.Append("</tbody></table>\n</section>\n");
    }

    // ------------------------------------------------------------------------------------------------------------
    // Formatting
    // ------------------------------------------------------------------------------------------------------------
    private static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Date(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset at) =>
        Inv($"<time datetime=\"{at.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ}\">{E(Date(at))}</time>");

    private static string Short(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    private static string Number(double v) => (v < 0 ? "−" : "") + Math.Abs(v).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>p- and q-values: three decimals, small ones in scientific notation (never a bare 0).</summary>
    private static string PValue(double p) =>
        p >= 0.001 ? p.ToString("0.###", CultureInfo.InvariantCulture)
        : p <= 0 ? "0"
        : p.ToString("0.0e0", CultureInfo.InvariantCulture);

    private static string Signed(double v, string format) =>
        (v > 0 && Math.Round(v, 4) != 0 ? "+" : v < 0 && Math.Round(v, 4) != 0 ? "−" : "") + Math.Abs(v).ToString(format, CultureInfo.InvariantCulture);
}
