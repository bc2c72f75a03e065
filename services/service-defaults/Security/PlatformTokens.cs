namespace HiringPlatform.ServiceDefaults.Security;

using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

/// <summary>
/// Signs and describes the platform's own tokens: the short-lived internal token the gateway
/// forwards to the services (the gateway's identity), and development tokens minted by
/// <c>./hiring token</c>, which only a Development gateway accepts.
/// </summary>
public static class PlatformTokens
{
    public const string InternalIssuer = "hiring-platform-gateway";
    public const string InternalAudience = "hiring-platform-services";
    public const string DevelopmentIssuer = "hiring-platform-development";
    public const string DevelopmentAudience = "hiring-platform";

    /// <summary>The minimum length of a signing key (HMAC-SHA256 needs at least 256 bits).</summary>
    public const int MinimumKeyLength = 32;

    public static SymmetricSecurityKey Key(string secret) => new(Encoding.UTF8.GetBytes(secret));

    public static string Mint(string secret, string issuer, string audience, string subject, IEnumerable<string> roles,
        TimeSpan lifetime, DateTimeOffset now, string? clientId = null, string? name = null)
    {
        var claims = new List<Claim> { new("sub", subject) };
        claims.AddRange(roles.Distinct(StringComparer.Ordinal).Select(role => new Claim(Roles.ClaimType, role)));
        if (clientId is not null)
        {
            claims.Add(new Claim(Roles.ClientClaimType, clientId));
        }
        if (name is not null)
        {
            claims.Add(new Claim("name", name));
        }
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime.AddSeconds(-5),
            Expires = (now + lifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(Key(secret), SecurityAlgorithms.HmacSha256),
        });
    }

    public static TokenValidationParameters Validation(string secret, string issuer, string audience) => new()
    {
        ValidIssuer = issuer,
        ValidAudience = audience,
        IssuerSigningKey = Key(secret),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidateLifetime = true,
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = "sub",
        RoleClaimType = Roles.ClaimType,
    };
}
