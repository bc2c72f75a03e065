namespace HiringPlatform.Deploy.Tests;

using YamlDotNet.Serialization;

/// <summary>docker-compose.yml as parsed YAML, with values interpolated from .env.example.</summary>
public sealed class Compose
{
    private Compose(Dictionary<object, object> document, EnvExample env)
    {
        Document = document;
        Env = env;
        var services = Assert.IsType<Dictionary<object, object>>(document["services"], exactMatch: false);
        Services = services.ToDictionary(
            pair => (string)pair.Key,
            pair => new ComposeService((string)pair.Key, (Dictionary<object, object>)pair.Value, env),
            StringComparer.Ordinal);
    }

    public Dictionary<object, object> Document { get; }

    public EnvExample Env { get; }

    public IReadOnlyDictionary<string, ComposeService> Services { get; }

    public static Compose Load()
    {
        var document = new DeserializerBuilder().Build()
            .Deserialize<Dictionary<object, object>>(Repository.Read("docker-compose.yml"));
        return new Compose(document, EnvExample.Load());
    }

    public ComposeService Service(string name)
    {
        Assert.True(Services.ContainsKey(name),
            $"docker-compose.yml has no service '{name}' (it has: {string.Join(", ", Services.Keys)})");
        return Services[name];
    }

    /// <summary>Every string in the document, keys and values, comments excluded.</summary>
    public IEnumerable<string> AllStrings() => Strings(Document);

    private static IEnumerable<string> Strings(object? node) => node switch
    {
        string text => [text],
        Dictionary<object, object> map => map.SelectMany(pair => Strings(pair.Key).Concat(Strings(pair.Value))),
        List<object> list => list.SelectMany(Strings),
        _ => [],
    };
}

/// <summary>One compose service, its values interpolated.</summary>
public sealed class ComposeService(string name, Dictionary<object, object> node, EnvExample env)
{
    public string Name { get; } = name;

    public IReadOnlyDictionary<string, string> Environment { get; } = KeyValues(node.GetValueOrDefault("environment"), env);

    public IReadOnlyDictionary<string, string> BuildArgs { get; } =
        KeyValues((node.GetValueOrDefault("build") as Dictionary<object, object>)?.GetValueOrDefault("args"), env);

    public string? Dockerfile { get; } =
        (node.GetValueOrDefault("build") as Dictionary<object, object>)?.GetValueOrDefault("dockerfile") as string;

    /// <summary>Published ports as (host ip or null, host port, container port).</summary>
    public IReadOnlyList<(string? Ip, int HostPort, int ContainerPort)> Published { get; } =
        [.. List(node.GetValueOrDefault("ports")).Select(port => ParsePublished(env.Interpolate(port)))];

    /// <summary>The ports the container listens on: those it exposes or publishes.</summary>
    public IReadOnlySet<int> ContainerPorts =>
        List(node.GetValueOrDefault("expose")).Select(port => int.Parse(env.Interpolate(port).Split('/')[0], System.Globalization.CultureInfo.InvariantCulture))
            .Concat(Published.Select(port => port.ContainerPort)).ToHashSet();

    /// <summary>depends_on as service -> condition.</summary>
    public IReadOnlyDictionary<string, string> DependsOn { get; } = node.GetValueOrDefault("depends_on") switch
    {
        Dictionary<object, object> map => map.ToDictionary(
            pair => (string)pair.Key,
            pair => (pair.Value as Dictionary<object, object>)?.GetValueOrDefault("condition") as string ?? "service_started"),
        List<object> list => list.Cast<string>().ToDictionary(service => service, _ => "service_started"),
        _ => new Dictionary<string, string>(),
    };

    public string HealthcheckTest { get; } =
        string.Join(' ', List((node.GetValueOrDefault("healthcheck") as Dictionary<object, object>)?.GetValueOrDefault("test")));

    private static List<string> List(object? value) => value switch
    {
        List<object> list => [.. list.Select(item => Convert.ToString(item, System.Globalization.CultureInfo.InvariantCulture)!)],
        string text => [text],
        _ => [],
    };

    private static Dictionary<string, string> KeyValues(object? value, EnvExample env) => value switch
    {
        Dictionary<object, object> map => map.ToDictionary(
            pair => (string)pair.Key,
            pair => env.Interpolate(Convert.ToString(pair.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "")),
        List<object> list => list.Cast<string>().Select(item => item.Split('=', 2)).ToDictionary(
            parts => parts[0],
            parts => env.Interpolate(parts.Length > 1 ? parts[1] : "")),
        _ => [],
    };

    private static (string? Ip, int HostPort, int ContainerPort) ParsePublished(string spec)
    {
        var parts = spec.Split('/')[0].Split(':');
        static int Port(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
        return parts.Length switch
        {
            1 => (null, Port(parts[0]), Port(parts[0])),
            2 => (null, Port(parts[0]), Port(parts[1])),
            3 => (parts[0], Port(parts[1]), Port(parts[2])),
            _ => throw new FormatException($"Unexpected port mapping '{spec}'"),
        };
    }
}
