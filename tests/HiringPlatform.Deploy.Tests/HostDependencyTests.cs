namespace HiringPlatform.Deploy.Tests;

using System.Reflection;
using System.Text.Json;

/// <summary>
/// The gateway and the demo hold no data: their build output carries no event store, bus or PostgreSQL driver.
/// Read from each host's own *.deps.json (the test project references both, so they are built first), which lists
/// every package and project the host loads, transitive ones included.
/// </summary>
public sealed class HostDependencyTests
{
    /// <summary>Marten and what it brings (Weasel, JasperFx, Npgsql), MassTransit and its broker client, and the project that holds them.</summary>
    public static readonly string[] Forbidden =
        ["Marten", "MassTransit", "Npgsql", "Weasel", "JasperFx", "RabbitMQ.Client", "HiringPlatform.ServiceDefaults.Eventing"];

    public static TheoryData<string, string> HostsWithoutData() => new()
    {
        { "gateway", "HiringPlatform.Gateway" },
        { "deploy/local/demo", "HiringPlatform.Demo" },
    };

    [Theory]
    [MemberData(nameof(HostsWithoutData))]
    public void A_host_that_holds_no_data_loads_no_Marten_MassTransit_or_Npgsql_assembly(string projectDir, string assembly)
    {
        var libraries = Libraries(projectDir, assembly);

        // Not vacuous: the file lists the host's dependencies, the hosting defaults among them.
        Assert.Contains(libraries, library => library == "HiringPlatform.ServiceDefaults");
        var found = libraries.Where(library => Forbidden.Any(name => library == name || library.StartsWith(name + ".", StringComparison.Ordinal))).ToList();
        Assert.True(found.Count == 0,
            $"{assembly} depends on {string.Join(", ", found)}: reference services/service-defaults (hosting), not service-defaults-eventing.");
    }

    [Fact]
    public void An_event_sourced_service_does_load_them()
    {
        // The check above reads the names the deps file really uses.
        var libraries = Libraries("services/scorecard", "HiringPlatform.Scorecard");

        Assert.Contains("Marten", libraries);
        Assert.Contains("MassTransit", libraries);
        Assert.Contains("Npgsql", libraries);
        Assert.Contains("HiringPlatform.ServiceDefaults.Eventing", libraries);
    }

    /// <summary>The names (without versions) of every library in a host's deps file.</summary>
    private static List<string> Libraries(string projectDir, string assembly)
    {
        var configuration = typeof(HostDependencyTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var relative = $"{projectDir}/bin/{configuration}/net10.0/{assembly}.deps.json";
        using var deps = JsonDocument.Parse(Repository.Read(relative));
        var libraries = deps.RootElement.GetProperty("libraries").EnumerateObject()
            .Select(library => library.Name[..library.Name.IndexOf('/', StringComparison.Ordinal)])
            .ToList();
        Assert.NotEmpty(libraries);
        return libraries;
    }
}
