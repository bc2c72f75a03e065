namespace HiringPlatform.ServiceDefaults.Security;

/// <summary>Content-Security-Policy values that more than one host sends, written once.</summary>
public static class ContentSecurityPolicies
{
    /// <summary>
    /// A self-contained HTML page (the calibration dashboard): inline styles and <c>data:</c> images only; no script, font,
    /// frame or request of any kind. The calibration service serves its dashboard with it and the gateway passes it on.
    /// </summary>
    public const string SelfContainedPage = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    /// <summary>The directive that forbids framing, added to every policy the platform answers with.</summary>
    public const string NoFraming = "frame-ancestors 'none'";
}
