namespace HiringPlatform.Gateway.Authentication;

/// <summary>Who may call the gateway: an OIDC issuer's JWTs, HR systems' API keys, and (Development only) local tokens.</summary>
public sealed class GatewayAuthOptions
{
    public const string Section = "Auth";

    /// <summary>The OIDC issuer (authority) whose JWT bearer tokens are accepted; empty: none.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience those tokens must carry.</summary>
    public string? Audience { get; set; }

    /// <summary>Allow an http:// authority (tests, local identity providers); never in production.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>The claim that carries roles in the issuer's tokens (e.g. "roles" or "groups").</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>API keys for HR systems, stored as SHA-256 hashes with their scopes.</summary>
    public List<ApiKey> ApiKeys { get; set; } = [];

    /// <summary>The key of <c>./hiring token</c>; honoured only when the environment is Development.</summary>
    public string? DevelopmentSigningKey { get; set; }
}

/// <summary>An HR system's key: its id, the SHA-256 (hex) of the secret, its roles; revoked keys are refused.</summary>
public sealed class ApiKey
{
    public string Id { get; set; } = "";

    public string Sha256 { get; set; } = "";

    public List<string> Roles { get; set; } = [];

    public bool Revoked { get; set; }
}
