namespace HiringPlatform.ServiceDefaults.Security;

using System.Security.Claims;

/// <summary>Who the authenticated caller is, as the services' rules need it.</summary>
public static class Identity
{
    /// <summary>
    /// The interviewer id of a caller in the interviewer role: their token's subject is the id
    /// the platform gave them at registration. Anyone else is no interviewer.
    /// </summary>
    public static Guid? InterviewerOf(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Interviewer) && Guid.TryParse(user.FindFirstValue("sub"), out var id) ? id : null;
}
