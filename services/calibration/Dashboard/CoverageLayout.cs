using HiringPlatform.Calibration.Engine.Reports;
using HiringPlatform.Calibration.Reports;
using static HiringPlatform.Calibration.Dashboard.Format;

namespace HiringPlatform.Calibration.Dashboard;

/// <summary>
/// Where the coverage heatmap's cells go: a column per competency that anyone's blueprint or probes touch, rows with the
/// largest gap first. Competency labels run up at 45°: the header is as tall as the longest needs, and the right pad as wide.
/// </summary>
public sealed class CoverageLayout
{
    public const double RowHeight = 22, LegendHeight = 56, LegendWidth = 380;
    public const int LegendSteps = 40;

    public CoverageLayout(CoverageMatrix coverage, CalibrationReport report, IReadOnlyList<FlagState> flags)
    {
        var status = flags.GroupBy(f => f.InterviewerId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => WorstStatus(g), StringComparer.Ordinal);
        var nameOf = report.Interviewers.ToDictionary(i => i.Id, i => i.Name, StringComparer.Ordinal);
        var columns = Enumerable.Range(0, coverage.Competencies.Count).Where(c => coverage.Rows.Any(r => !r.Cells[c].NotApplicable)).ToList();
        Columns = columns.Select(c => coverage.Competencies[c]).ToList();
        var ordered = coverage.Rows
            .OrderByDescending(r => r.Cells.Select(c => Math.Abs(c.Gap)).DefaultIfEmpty(0).Max())
            .ThenBy(r => r.InterviewerId, StringComparer.Ordinal)
            .ToList();
        Rows = ordered.Select(r => new CoverageLayoutRow(r, Label(r.InterviewerId, nameOf.GetValueOrDefault(r.InterviewerId)), status.GetValueOrDefault(r.InterviewerId), columns.Select(c => r.Cells[c]).ToList())).ToList();
        if (Columns.Count == 0 || Rows.Count == 0)
        {
            return;
        }

        LabelWidth = Math.Max(150, Rows.Select(r => TextWidth(r.Label, 12)).Max() + 20);
        var longest = Columns.Select(c => TextWidth(c, 11.5)).Max();
        HeaderHeight = Math.Max(120, (longest * 0.7072) + 24);
        var rightPad = Math.Max(130, (longest * 0.7072) + 10);
        CellWidth = Math.Clamp((1100 - LabelWidth - rightPad) / Columns.Count, 34, 72);
        Width = LabelWidth + (Columns.Count * CellWidth) + rightPad;
        Height = HeaderHeight + (Rows.Count * RowHeight) + LegendHeight;
    }

    public IReadOnlyList<string> Columns { get; }

    public IReadOnlyList<CoverageLayoutRow> Rows { get; }

    public bool Empty => Columns.Count == 0 || Rows.Count == 0;

    public double LabelWidth { get; }

    public double HeaderHeight { get; }

    public double CellWidth { get; }

    public double Width { get; }

    public double Height { get; }

    /// <summary>The top edge of the row at <paramref name="index"/>.</summary>
    public double RowY(int index) => HeaderHeight + (index * RowHeight);

    /// <summary>The left edge of the column at <paramref name="index"/>.</summary>
    public double ColumnX(int index) => LabelWidth + (index * CellWidth);

    /// <summary>The top of the legend, below the last row.</summary>
    public double LegendY => RowY(Rows.Count) + 18;

    /// <summary>RdBu diverging scale on −0.5..0.5 (clamped): blue below the blueprint, red above.</summary>
    public static string Diverging(double gap)
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
}

/// <summary>One interviewer's row of the heatmap: its label, worst flag status and the cells of the shown columns.</summary>
public sealed record CoverageLayoutRow(CoverageRow Row, string Label, FlagStatus? Status, IReadOnlyList<CoverageCell> Cells)
{
    public string Title => Inv($"{Label}: {Row.Scorecards} scorecards{(Row.ScorecardsWithoutProbeShares > 0 ? Inv($", {Row.ScorecardsWithoutProbeShares} without probe shares (rated competencies counted equally)") : "")}");

    public string CellTitle(CoverageCell cell) => cell.NotApplicable
        ? $"{Row.InterviewerId} · {cell.Competency}: not in the blueprint of their interview types and never probed"
        : Inv($"{Row.InterviewerId} · {cell.Competency}: probed {cell.ProbedShare:0%} of the interview time, blueprint {cell.BlueprintShare:0%} ({Signed(cell.Gap * 100, "0")} points), over {Row.Scorecards} scorecards");
}
