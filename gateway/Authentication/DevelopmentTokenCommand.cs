namespace HiringPlatform.Gateway.Authentication;

using HiringPlatform.ServiceDefaults.Security;

/// <summary>
/// <c>./hiring token --role ROLE [--role ROLE...] [--sub ID] [--minutes N]</c>: prints a token
/// signed with the local development key. A gateway accepts it only in Development.
/// </summary>
public static class DevelopmentTokenCommand
{
    public static int Run(string[] args, IConfiguration configuration, string environment, TextWriter output, TextWriter error)
    {
        if (!string.Equals(environment, "Development", StringComparison.Ordinal))
        {
            error.WriteLine($"token: development tokens exist only in Development (the environment is {environment}).");
            return 2;
        }
        var roles = new List<string>();
        string? subject = null;
        var minutes = 60;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--role" when value is not null:
                    roles.Add(value);
                    i++;
                    break;
                case "--sub" when value is not null:
                    subject = value;
                    i++;
                    break;
                case "--minutes" when int.TryParse(value, out var parsed) && parsed > 0:
                    minutes = parsed;
                    i++;
                    break;
                default:
                    error.WriteLine($"token: unexpected argument '{args[i]}'. Usage: token --role ROLE [--role ROLE] [--sub ID] [--minutes N]");
                    return 2;
            }
        }
        var unknown = roles.Except(Roles.All).ToList();
        if (roles.Count == 0 || unknown.Count > 0)
        {
            error.WriteLine($"token: give --role with one of {string.Join(", ", Roles.All)}"
                + (unknown.Count > 0 ? $" (unknown: {string.Join(", ", unknown)})." : "."));
            return 2;
        }
        var key = configuration.GetSection(GatewayAuthOptions.Section).Get<GatewayAuthOptions>()?.DevelopmentSigningKey;
        if (key is not { Length: >= PlatformTokens.MinimumKeyLength })
        {
            error.WriteLine("token: Auth:DevelopmentSigningKey is not configured (gateway/appsettings.Development.json).");
            return 2;
        }
        output.WriteLine(PlatformTokens.Mint(key, PlatformTokens.DevelopmentIssuer, PlatformTokens.DevelopmentAudience,
            subject ?? $"dev-{roles[0]}", roles, TimeSpan.FromMinutes(minutes), DateTimeOffset.UtcNow));
        return 0;
    }
}
