namespace HiringPlatform.Deploy.Tests;

using System.Text.RegularExpressions;

/// <summary>.env.example, and compose-style interpolation of ${VAR}, ${VAR:-default}, ${VAR:?error}, $VAR and $$.</summary>
public sealed partial class EnvExample
{
    private EnvExample(IReadOnlyDictionary<string, string> values) => Values = values;

    public IReadOnlyDictionary<string, string> Values { get; }

    public static EnvExample Load()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in Repository.Read(".env.example").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var equals = line.IndexOf('=', StringComparison.Ordinal);
            Assert.True(equals > 0, $".env.example line is not KEY=VALUE: {line}");
            values[line[..equals].Trim()] = line[(equals + 1)..].Trim();
        }

        return new EnvExample(values);
    }

    /// <summary>The names of the variables a compose value refers to ($$ is an escaped dollar, not a variable).</summary>
    public static IEnumerable<string> VariablesIn(string text) =>
        Reference().Matches(text).Where(match => match.Value != "$$")
            .Select(match => match.Groups["braced"].Success ? match.Groups["braced"].Value : match.Groups["bare"].Value);

    /// <summary>The value compose would use with .env.example as its .env.</summary>
    public string Interpolate(string text) => Reference().Replace(text, match =>
    {
        if (match.Value == "$$")
        {
            return "$";
        }

        var name = match.Groups["braced"].Success ? match.Groups["braced"].Value : match.Groups["bare"].Value;
        if (Values.TryGetValue(name, out var value) && (value.Length > 0 || !match.Groups["colon"].Success))
        {
            return value;
        }

        return match.Groups["op"].Value == "-"
            ? match.Groups["arg"].Value
            : throw new InvalidOperationException($"${{{name}}} is not defined in .env.example");
    });

    [GeneratedRegex(@"\$\$|\$\{(?<braced>[A-Za-z_][A-Za-z0-9_]*)(?:(?<colon>:)?(?<op>[-?])(?<arg>[^}]*))?\}|\$(?<bare>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Reference();
}
