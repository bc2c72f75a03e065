namespace HiringPlatform.ServiceDefaults.Security;

using static HiringPlatform.ServiceDefaults.Security.Roles;

/// <summary>
/// The role sets of the gateway's Gateway:RoutePolicies (gateway/appsettings.json, which decides),
/// as the services document them on each endpoint. A test checks that every documented set is the
/// one the gateway applies to that route and method.
/// </summary>
public static class RoutePolicies
{
    public static readonly IReadOnlyList<string> HrWrite = [HrSystem, Recruiter, Admin];
    public static readonly IReadOnlyList<string> HrRead = [HrSystem, Recruiter, HiringManager, Admin];
    public static readonly IReadOnlyList<string> PipelineRead = [HrSystem, Recruiter, HiringManager, Interviewer, Admin];
    public static readonly IReadOnlyList<string> ScorecardWrite = [Interviewer];
    public static readonly IReadOnlyList<string> ScorecardRead = [Recruiter, HiringManager, Interviewer, Admin];
    public static readonly IReadOnlyList<string> DecisionWrite = [HiringManager];
    public static readonly IReadOnlyList<string> AnyRole = All;
    public static readonly IReadOnlyList<string> RoleWrite = [Recruiter, HiringManager, Admin];
    public static readonly IReadOnlyList<string> QuestionWrite = [Interviewer, HiringManager, Admin];
    public static readonly IReadOnlyList<string> CalibrationRead = [Analyst, Compliance, Admin];
    public static readonly IReadOnlyList<string> CalibrationWrite = [Analyst, Compliance, Admin];
    public static readonly IReadOnlyList<string> InterviewerSelf = [Interviewer];
    public static readonly IReadOnlyList<string> ComplianceOnly = [Compliance];
    public static readonly IReadOnlyList<string> WebhookManage = [HrSystem, Admin];
    public static readonly IReadOnlyList<string> CandidateErasure = [HrSystem, Admin];
    public static readonly IReadOnlyList<string> InterviewerErasure = [Admin];
}
