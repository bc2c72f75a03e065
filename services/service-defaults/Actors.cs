namespace HiringPlatform.ServiceDefaults;

using System.Security.Claims;
using Microsoft.AspNetCore.Http;

/// <summary>Who is acting: recorded in every event a request writes.</summary>
public static class Actors
{
    public const string Anonymous = "anonymous";

    public static string Of(HttpContext http) =>
        http.User.FindFirstValue("sub")
        ?? http.User.FindFirstValue(ClaimTypes.NameIdentifier)
        ?? http.User.Identity?.Name
        ?? Anonymous;

    /// <summary>The actor for what a service does on its own in reaction to a message.</summary>
    public static string System(string serviceName) => $"system:{serviceName}";
}
