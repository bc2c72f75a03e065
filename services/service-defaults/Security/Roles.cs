namespace HiringPlatform.ServiceDefaults.Security;

/// <summary>The roles (and API-key scopes) of the platform.</summary>
public static class Roles
{
    public const string HrSystem = "hr-system";
    public const string Recruiter = "recruiter";
    public const string Interviewer = "interviewer";
    public const string HiringManager = "hiring-manager";
    public const string Analyst = "analyst";
    public const string Compliance = "compliance";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All =
        [HrSystem, Recruiter, Interviewer, HiringManager, Analyst, Compliance, Admin];

    /// <summary>The claim type that carries roles in every platform token.</summary>
    public const string ClaimType = "role";

    /// <summary>The claim that names the client (API key id or OIDC client) behind a request.</summary>
    public const string ClientClaimType = "client_id";
}
