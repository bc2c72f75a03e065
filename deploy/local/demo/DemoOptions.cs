namespace HiringPlatform.Demo;

using System.Globalization;
using System.Text.Json;

/// <summary>
/// The demo's settings: command-line arguments, else the environment, else the local defaults of <c>./hiring</c>
/// (the gateway at HIRING_PORT_BASE, 5100 unless set). <see cref="Parse"/> returns null, with the reason printed,
/// when the demo should not run (for <c>--help</c> or a wrong argument).
/// </summary>
internal sealed record DemoOptions(string Gateway, string GatewaySettings, int Candidates, int Parallel, int Seed)
{
    public const string Usage = """
        Usage: demo [--gateway http://127.0.0.1:5100] [--gateway-settings gateway/appsettings.Development.json]
                    [--candidates 150] [--parallel 6] [--seed 7]
        Pushes a simulated hiring season with planted interviewers through a Development gateway and checks that the
        calibration report catches them. Without --gateway the gateway is at http://127.0.0.1:$HIRING_PORT_BASE (5100).
        """;

    public static (DemoOptions? Options, int ExitCode) Parse(IReadOnlyList<string> args)
    {
        if (args.Any(a => a is "--help" or "-h"))
        {
            Console.WriteLine(Usage);
            return (null, 0);
        }

        string[] known = ["--gateway", "--gateway-settings", "--candidates", "--parallel", "--seed"];
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (!known.Contains(args[i]) || i + 1 == args.Count)
            {
                return Refuse(i + 1 == args.Count && known.Contains(args[i]) ? $"{args[i]} needs a value" : $"unknown argument {args[i]}");
            }
            values[args[i]] = args[++i];
        }

        var portBase = Environment.GetEnvironmentVariable("HIRING_PORT_BASE") is { Length: > 0 } port ? port : "5100";
        var gateway = values.GetValueOrDefault("--gateway", $"http://127.0.0.1:{portBase}");
        if (!Uri.TryCreate(gateway, UriKind.Absolute, out _))
        {
            return Refuse($"--gateway {gateway} is not an absolute URL");
        }

        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (name, fallback) in new[] { ("--candidates", 150), ("--parallel", 6), ("--seed", 7) })
        {
            if (!values.TryGetValue(name, out var text))
            {
                numbers[name] = fallback;
            }
            else if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) && (number > 0 || name == "--seed"))
            {
                numbers[name] = number;
            }
            else
            {
                return Refuse($"{name} {text} is not {(name == "--seed" ? "a whole number" : "a positive whole number")}");
            }
        }

        var settings = values.GetValueOrDefault("--gateway-settings", Path.Combine("gateway", "appsettings.Development.json"));
        return (new DemoOptions(gateway, settings, numbers["--candidates"], numbers["--parallel"], numbers["--seed"]), 0);
    }

    /// <summary>The Development gateway's signing key, from its settings file (the key <c>./hiring token</c> signs with).</summary>
    public string DevelopmentSigningKey()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(GatewaySettings));
        return settings.RootElement.GetProperty("Auth").GetProperty("DevelopmentSigningKey").GetString()
            ?? throw new InvalidOperationException($"{GatewaySettings} has no Auth:DevelopmentSigningKey");
    }

    private static (DemoOptions?, int) Refuse(string reason)
    {
        Console.Error.WriteLine($"demo: {reason}");
        Console.Error.WriteLine(Usage);
        return (null, 2);
    }
}
