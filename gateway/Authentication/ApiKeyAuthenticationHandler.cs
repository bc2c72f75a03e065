namespace HiringPlatform.Gateway.Authentication;

using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using HiringPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

/// <summary>
/// Authenticates HR systems by the <c>X-Api-Key</c> header: the key's SHA-256 is compared in
/// constant time with the configured hashes; a revoked or unknown key fails. Keys are read
/// through IOptionsMonitor, so revoking one in configuration takes effect without a restart.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IOptionsMonitor<GatewayAuthOptions> keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "api-key";
    public const string Header = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || values.Count != 1 || string.IsNullOrEmpty(values[0]))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var key = Find(keys.CurrentValue.ApiKeys, values[0]!);
        if (key is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }
        if (key.Revoked)
        {
            return Task.FromResult(AuthenticateResult.Fail("Revoked API key."));
        }
        var claims = new List<Claim> { new("sub", $"api-key:{key.Id}"), new(Roles.ClientClaimType, key.Id) };
        claims.AddRange(key.Roles.Select(role => new Claim(Roles.ClaimType, role)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, "sub", Roles.ClaimType));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    public static string Hash(string secret) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static ApiKey? Find(IEnumerable<ApiKey> configured, string presented)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        ApiKey? found = null;
        foreach (var key in configured)
        {
            // Compare every key, in constant time, so timing tells nothing about which matched.
            if (key.Sha256.Length == 64 && CryptographicOperations.FixedTimeEquals(hash, Convert.FromHexString(key.Sha256)))
            {
                found = key;
            }
        }
        return found;
    }
}
