namespace HiringPlatform.ServiceDefaults.Security;

using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

/// <summary>The key the gateway signs its internal tokens with, shared with every service.</summary>
public sealed class InternalAuthOptions
{
    public const string Section = "Auth:Internal";

    /// <summary>The development value shipped in appsettings.Development.json; refused in any other environment.</summary>
    public const string DevelopmentKey = "hiring-platform-internal-development-signing-key";

    [Required, MinLength(PlatformTokens.MinimumKeyLength,
        ErrorMessage = "Auth:Internal:SigningKey must be at least 32 characters (set Auth__Internal__SigningKey).")]
    public string SigningKey { get; set; } = "";
}

public static class ServiceAuthenticationExtensions
{
    /// <summary>The internal signing key, validated at start: present, long enough, and not the development key outside Development.</summary>
    public static WebApplicationBuilder AddInternalSigningKey(this WebApplicationBuilder builder)
    {
        var development = builder.Environment.IsDevelopment();
        builder.Services.AddOptions<InternalAuthOptions>()
            .BindConfiguration(InternalAuthOptions.Section)
            .ValidateDataAnnotations()
            .Validate(options => development || options.SigningKey != InternalAuthOptions.DevelopmentKey,
                "Auth:Internal:SigningKey is the development key; outside Development give every service the same secret of at least 32 characters (Auth__Internal__SigningKey, e.g. from openssl rand -base64 48).")
            .ValidateOnStart();
        return builder;
    }

    /// <summary>
    /// A service accepts only the gateway's identity: a short-lived token the gateway signs with
    /// the internal key after authenticating the caller, never a bare header anyone could set.
    /// Every endpoint requires it unless it opts out (health endpoints do).
    /// </summary>
    public static WebApplicationBuilder AddServiceAuthentication(this WebApplicationBuilder builder)
    {
        builder.AddInternalSigningKey();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<InternalAuthOptions>>((jwt, internalAuth) =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters = PlatformTokens.Validation(internalAuth.Value.SigningKey,
                    PlatformTokens.InternalIssuer, PlatformTokens.InternalAudience);
            });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }
}
