namespace HiringPlatform.Calibration.Reports;

using System.Security.Claims;
using HiringPlatform.Calibration.Dashboard;
using HiringPlatform.Calibration.Engine.Detectors;
using HiringPlatform.ServiceDefaults.Security;

/// <summary>
/// Who reads a report, and the one rule on what they see (§7 of the issue, docs/calibration-method.md §4.5 and §5): group
/// findings (the group-bias and adverse-impact detectors' flags and answers, the adverse-impact comparisons, whether the
/// input has groups at all, candidates' groups) are for the <see cref="Roles.Compliance"/> role only; every other reader
/// gets the report without them. Nothing about groups is ever per candidate, whoever reads.
/// </summary>
public readonly record struct ReportReader(bool SeesGroupFindings)
{
    public static ReportReader Compliance => new(true);

    /// <summary>Analysts, admins, and interviewers reading their own feedback.</summary>
    public static ReportReader WithoutCompliance => new(false);

    public static ReportReader Of(ClaimsPrincipal user) => new(user.IsInRole(Roles.Compliance));

    /// <summary>The detectors that use candidates' groups; their flags never carry evidence (it would reveal candidates' groups).</summary>
    public static bool IsGroupFinding(string detector) => detector is DetectorNames.GroupBias or DetectorNames.AdverseImpact;

    public bool Sees(string detector) => SeesGroupFindings || !IsGroupFinding(detector);

    public IReadOnlyList<FlagState> Visible(IReadOnlyList<FlagState> flags) =>
        SeesGroupFindings ? flags : flags.Where(f => !IsGroupFinding(f.Detector)).ToList();
}
