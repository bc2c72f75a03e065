using System.Text;
using HiringPlatform.Calibration.Engine.Reports;
using HiringPlatform.Calibration.Reports;
using static HiringPlatform.Calibration.Dashboard.Format;

namespace HiringPlatform.Calibration.Dashboard;

/// <summary>
/// Where everything of the severity plot goes: one row per interviewer, harshest first, grouped by connected component
/// when there are several; an axis in logits with round ticks. The label and flag columns are as wide as their longest
/// text, so labels are never cut.
/// </summary>
public sealed class SeverityLayout
{
    public const double PlotWidth = 580, RowHeight = 20, GroupHeight = 26, Top = 34, Bottom = 44;

    public SeverityLayout(CalibrationReport report, IReadOnlyList<FlagState> flags)
    {
        var byInterviewer = flags.ToLookup(f => f.InterviewerId, StringComparer.Ordinal);
        var components = report.Interviewers
            .GroupBy(i => i.ComponentId)
            .OrderBy(g => g.Key)
            .Select(g => (Id: g.Key, Rows: g.OrderByDescending(i => i.Severity ?? double.NegativeInfinity).ThenBy(i => i.Id, StringComparer.Ordinal).ToList()))
            .ToList();
        Grouped = components.Count > 1;
        Count = report.Interviewers.Count;

        var values = report.Interviewers.SelectMany(i => new[] { i.SeverityLow90, i.SeverityHigh90, i.Severity }).OfType<double>().Where(double.IsFinite).Append(0).ToList();
        (Min, Max, Step) = Axis(values.Min(), values.Max());
        LabelWidth = Math.Max(150, report.Interviewers.Select(i => TextWidth(Label(i), 12)).DefaultIfEmpty(0).Max() + 20);
        var flagColumn = Math.Max(120, report.Interviewers.Select(i => TextWidth(FlagNames(byInterviewer[i.Id]), 11.5)).DefaultIfEmpty(0).Max() + 60);
        Width = LabelWidth + PlotWidth + flagColumn + 10;
        X1 = Width - flagColumn - 10;
        Height = Top + Bottom + (report.Interviewers.Count * RowHeight) + (Grouped ? components.Count * GroupHeight : 0);

        var y = Top;
        var groups = new List<SeverityGroup>();
        foreach (var (componentId, members) in components)
        {
            string? header = null;
            var groupY = y;
            if (Grouped)
            {
                var modelled = report.Components.FirstOrDefault(c => c.Id == componentId)?.Modelled ?? false;
                header = Inv($"Component {componentId} · {members.Count} interviewer{(members.Count == 1 ? "" : "s")}{(modelled ? "" : " · not modelled (too little data)")}");
                y += GroupHeight;
            }

            var rows = new List<SeverityRow>();
            foreach (var member in members)
            {
                var own = byInterviewer[member.Id].ToList();
                rows.Add(new SeverityRow(member, own, WorstStatus(own), y, rows.Count, FlagNames(own)));
                y += RowHeight;
            }

            groups.Add(new SeverityGroup(componentId, groupY, header, rows));
        }

        Groups = groups;
    }

    public bool Grouped { get; }

    public int Count { get; }

    public double Min { get; }

    public double Max { get; }

    public double Step { get; }

    public double LabelWidth { get; }

    public double Width { get; }

    public double Height { get; }

    public double X0 => LabelWidth;

    public double X1 { get; }

    public double PlotBottom => Height - Bottom;

    public IReadOnlyList<SeverityGroup> Groups { get; }

    public IEnumerable<SeverityRow> Rows => Groups.SelectMany(g => g.Rows);

    /// <summary>The axis ticks from <see cref="Min"/> to <see cref="Max"/>.</summary>
    public IEnumerable<double> Ticks
    {
        get
        {
            for (var t = Min; t <= Max + 1e-9; t += Step)
            {
                yield return t;
            }
        }
    }

    public string TickLabel(double t) => Signed(t, Step < 0.5 ? "0.00" : "0.0");

    public double X(double v) => X0 + ((v - Min) / (Max - Min) * (X1 - X0));

    private static string FlagNames(IEnumerable<FlagState> flags) => string.Join(" · ", flags.Select(FlagName).Distinct(StringComparer.Ordinal));

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
}

/// <summary>One connected component's rows, under a header when the plot has several.</summary>
public sealed record SeverityGroup(int ComponentId, double Y, string? Header, IReadOnlyList<SeverityRow> Rows);

/// <summary>One interviewer's row: its top edge, its position within the component, its flags and their worst status.</summary>
public sealed record SeverityRow(InterviewerReport Interviewer, IReadOnlyList<FlagState> Flags, FlagStatus? Status, double Y, int Index, string FlagNames)
{
    public double Mid => Y + (SeverityLayout.RowHeight / 2);

    public string Colour => StatusColour(Status);

    /// <summary>Red or amber band behind a flagged row; plain rows alternate white and light grey.</summary>
    public string Band => Status switch
    {
        FlagStatus.Actionable => "#fdecea",
        FlagStatus.Watch => "#fef3c7",
        _ => Index % 2 == 1 ? "#f8fafc" : "#ffffff",
    };

    /// <summary>The row's hover text: label, estimate, data behind it, the engine's explanation and the flags.</summary>
    public string Title
    {
        get
        {
            var row = Interviewer;
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

            foreach (var flag in Flags)
            {
                text.Append(Inv($" Flag {FlagName(flag)} ({flag.Status}, q = {PValue(flag.QValue)})."));
            }

            return text.ToString();
        }
    }

    /// <summary>Both ends of the 90% interval, when the interval is finite.</summary>
    public (double Low, double High)? Interval =>
        Interviewer.SeverityLow90 is { } lo && Interviewer.SeverityHigh90 is { } hi && double.IsFinite(lo) && double.IsFinite(hi) ? (lo, hi) : null;
}
