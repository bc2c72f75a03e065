namespace HiringPlatform.Gateway.Authentication;

using HiringPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.IdentityModel.JsonWebTokens;

/// <summary>
/// The gateway authenticates every caller once: an API key, an OIDC bearer token, or (in
/// Development only) a token minted by <c>./hiring token</c>; then the route's policy decides
/// whether that caller's roles may use the route.
/// </summary>
public static class GatewayAuthentication
{
    public const string Scheme = "platform";
    public const string OidcScheme = "oidc";
    public const string DevelopmentScheme = "development";
    public const string RoutePoliciesSection = "Gateway:RoutePolicies";

    public static WebApplicationBuilder AddGatewayAuthentication(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(GatewayAuthOptions.Section);
        builder.Services.Configure<GatewayAuthOptions>(section);
        var auth = section.Get<GatewayAuthOptions>() ?? new GatewayAuthOptions();
        var development = builder.Environment.IsDevelopment();
        var developmentKey = development ? auth.DevelopmentSigningKey : null;
        if (developmentKey is { Length: < PlatformTokens.MinimumKeyLength })
        {
            throw new InvalidOperationException("Auth:DevelopmentSigningKey must be at least 32 characters.");
        }

        var authentication = builder.Services.AddAuthentication(Scheme)
            .AddPolicyScheme(Scheme, "API key or bearer token", options => options.ForwardDefaultSelector = context =>
            {
                if (context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header))
                {
                    return ApiKeyAuthenticationHandler.SchemeName;
                }
                return developmentKey is not null && IssuedBy(context.Request.Headers.Authorization.ToString(), PlatformTokens.DevelopmentIssuer)
                    ? DevelopmentScheme
                    : OidcScheme;
            })
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddJwtBearer(OidcScheme, options =>
            {
                options.MapInboundClaims = false;
                options.Authority = auth.Authority;
                options.Audience = auth.Audience;
                options.RequireHttpsMetadata = auth.RequireHttpsMetadata;
                options.TokenValidationParameters.NameClaimType = "sub";
                options.TokenValidationParameters.RoleClaimType = auth.RoleClaim;
                options.TokenValidationParameters.ValidateIssuer = true;
                options.TokenValidationParameters.ValidateAudience = true;
                if (string.IsNullOrEmpty(auth.Authority))
                {
                    // No issuer configured: no token can validate (there is no key to check it with).
                    options.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, _, _) => [];
                    options.TokenValidationParameters.ValidIssuer = "none";
                    options.TokenValidationParameters.ValidAudience = "none";
                }
            });
        if (developmentKey is not null)
        {
            authentication.AddJwtBearer(DevelopmentScheme, options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = PlatformTokens.Validation(developmentKey,
                    PlatformTokens.DevelopmentIssuer, PlatformTokens.DevelopmentAudience);
            });
        }

        var authorization = builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().Build());
        foreach (var policy in builder.Configuration.GetSection(RoutePoliciesSection).GetChildren())
        {
            var roles = policy.Get<string[]>() ?? [];
            var unknown = roles.Except(Roles.All).ToList();
            if (roles.Length == 0 || unknown.Count > 0)
            {
                throw new InvalidOperationException(
                    $"{RoutePoliciesSection}:{policy.Key} must list known roles; unknown: {string.Join(", ", unknown)}.");
            }
            authorization.AddPolicy(policy.Key, p => p.AddAuthenticationSchemes(Scheme).RequireRole(roles));
        }
        return builder;
    }

    private static bool IssuedBy(string authorization, string issuer)
    {
        const string Bearer = "Bearer ";
        if (!authorization.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        var handler = new JsonWebTokenHandler();
        var token = authorization[Bearer.Length..].Trim();
        return handler.CanReadToken(token) && handler.ReadJsonWebToken(token).Issuer == issuer;
    }
}
