using System.Globalization;
using HiringPlatform.Calibration.Engine.Reports;
using HiringPlatform.Calibration.Reports;

namespace HiringPlatform.Calibration.Dashboard;

/// <summary>
/// How the dashboard's components spell numbers, dates, labels and statuses: always in the invariant culture, so the page
/// reads the same whatever the server's culture. Texts only: the components write the markup and Razor encodes these.
/// </summary>
internal static class Format
{
    public const string Red = "#c62828";
    public const string Amber = "#d97706";
    public const string Slate = "#334155";
    public const string Muted = "#64748b";
    public const string Grid = "#e2e8f0";

    /// <summary>A number in the invariant culture, in the given format (shortest round-trip form without one).</summary>
    public static string F(double value, string? format = null) => value.ToString(format, CultureInfo.InvariantCulture);

    public static string F(int value, string? format = null) => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    public static string Date(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string IsoTime(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    public static string Short(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    /// <summary>Two decimals with a true minus sign.</summary>
    public static string Number(double v) => (v < 0 ? "−" : "") + Math.Abs(v).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>p- and q-values: three decimals, small ones in scientific notation (never a bare 0).</summary>
    public static string PValue(double p) =>
        p >= 0.001 ? p.ToString("0.###", CultureInfo.InvariantCulture)
        : p <= 0 ? "0"
        : p.ToString("0.0e0", CultureInfo.InvariantCulture);

    /// <summary>A sign always, a true minus, nothing before a (rounded) zero.</summary>
    public static string Signed(double v, string format) =>
        (v > 0 && Math.Round(v, 4) != 0 ? "+" : v < 0 && Math.Round(v, 4) != 0 ? "−" : "") + Math.Abs(v).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A reliability figure to two decimals, or a dash when it could not be estimated.</summary>
    public static string TwoDecimals(double? value) => value is { } v ? F(v, "0.00") : "–";

    /// <summary>"0.45 [0.40, 0.50]", "0.45" without an interval, or "not estimable".</summary>
    public static string Figure(double? value, IReadOnlyList<double>? ci) =>
        value is not { } v ? "not estimable" : ci is [var lo, var hi] ? Inv($"{v:0.00} [{lo:0.00}, {hi:0.00}]") : Inv($"{v:0.00}");

    /// <summary>"Name (id)" when the interviewer's name is known, else the id.</summary>
    public static string Label(InterviewerReport row) => Label(row.Id, row.Name);

    public static string Label(string id, string? name) => name is { Length: > 0 } n ? $"{n} ({id})" : id;

    /// <summary>A generous estimate of a text's width in the page's sans-serif font, so that a column is never too narrow for it.</summary>
    public static double TextWidth(string text, double fontSize) => text.Length * fontSize * 0.62;

    /// <summary>The detector, with its scope in brackets when it has one.</summary>
    public static string FlagName(FlagState flag) =>
        flag.Detector + (flag.Scope is { Length: > 0 } scope ? $" ({scope})" : "");

    /// <summary>An interviewer's worst flag status: actionable if any flag is, watch if flagged otherwise, none (null) when not flagged.</summary>
    public static FlagStatus? WorstStatus(IEnumerable<FlagState> flags)
    {
        FlagStatus? worst = null;
        foreach (var flag in flags)
        {
            worst = flag.Status == FlagStatus.Actionable || worst == FlagStatus.Actionable ? FlagStatus.Actionable : flag.Status;
        }

        return worst;
    }

    /// <summary>The status as <c>data-status</c> spells it: the flag status's name, or "none" for an interviewer without flags.</summary>
    public static string StatusName(FlagStatus? status) => status?.Name() ?? "none";

    /// <summary>Red for actionable, amber for watch, slate when not flagged.</summary>
    public static string StatusColour(FlagStatus? status) => status switch
    {
        FlagStatus.Actionable => Red,
        FlagStatus.Watch => Amber,
        _ => Slate,
    };
}
