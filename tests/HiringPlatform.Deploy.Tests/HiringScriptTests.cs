namespace HiringPlatform.Deploy.Tests;

using System.Globalization;
using System.Text.RegularExpressions;

/// <summary>./hiring, README.md and .ci/run agree with each other and with the fixed facts.</summary>
public sealed partial class HiringScriptTests
{
    private readonly string _script = Repository.Read("hiring");

    [Fact]
    public void The_hiring_script_starts_every_host_from_the_same_project_and_assembly_as_compose()
    {
        var compose = Compose.Load();
        var table = ScriptServiceTable();

        Assert.Equal(Platform.Hosts.Select(host => host.Name).Order(), table.Keys.Order());
        foreach (var host in Platform.Hosts)
        {
            var (project, dll, port) = table[host.Name];
            Assert.Equal(host.Project, project);
            Assert.Equal(host.Dll, dll);
            Assert.Equal(host.LocalPort, port);
            Assert.Equal(project, compose.Service(host.Name).BuildArgs.GetValueOrDefault("PROJECT"));
            Assert.Equal(dll, compose.Service(host.Name).BuildArgs.GetValueOrDefault("DLL"));
        }
    }

    [Fact]
    public void The_hiring_script_starts_the_gateway_after_every_service()
    {
        Assert.Equal("gateway", ScriptServiceTable().Keys.Last());
    }

    [Fact]
    public void The_hiring_script_defaults_to_the_agreed_infrastructure_ports()
    {
        Assert.Equal(Platform.PostgresPort, ScriptDefault("HIRING_PG_PORT"));
        Assert.Equal(Platform.RabbitMqPort, ScriptDefault("HIRING_RABBITMQ_PORT"));
        Assert.Equal(Platform.RabbitMqManagementPort, ScriptDefault("HIRING_RABBITMQ_MANAGEMENT_PORT"));
    }

    [Fact]
    public void The_readme_port_table_agrees_with_the_hiring_script_and_compose()
    {
        var rows = ReadmePortRows();
        var table = ScriptServiceTable();
        var env = EnvExample.Load();

        foreach (var host in Platform.Hosts)
        {
            Assert.True(rows.ContainsKey(host.Name), $"README.md's ports table has no row for {host.Name}");
            Assert.Equal(table[host.Name].Port.ToString(CultureInfo.InvariantCulture), rows[host.Name][0]);
        }

        Assert.Equal(ScriptDefault("HIRING_PG_PORT").ToString(CultureInfo.InvariantCulture), rows["postgres"][0]);
        Assert.Equal(ScriptDefault("HIRING_RABBITMQ_PORT").ToString(CultureInfo.InvariantCulture), rows["rabbitmq"][0]);
        Assert.Equal(ScriptDefault("HIRING_RABBITMQ_MANAGEMENT_PORT").ToString(CultureInfo.InvariantCulture), rows["rabbitmq management"][0]);
        Assert.StartsWith(env.Values["GATEWAY_PORT"], rows["gateway"][1], StringComparison.Ordinal);
        Assert.StartsWith(env.Values["JAEGER_UI_PORT"], rows["jaeger ui"][1], StringComparison.Ordinal);
        Assert.StartsWith(env.Values["RABBITMQ_UI_PORT"], rows["rabbitmq management"][1], StringComparison.Ordinal);
    }

    [Fact]
    public void The_readme_opens_with_the_demo_command_and_then_the_test_command()
    {
        var lines = Repository.Read("README.md").Split('\n');

        Assert.Equal("./hiring demo", lines[0].TrimEnd());
        Assert.Equal("./hiring test", lines[1].TrimEnd());
    }

    [Fact]
    public void Ci_runs_the_readme_test_command_and_stops_what_it_started()
    {
        var ci = Repository.Read(".ci/run");

        Assert.Contains("./hiring test", ci, StringComparison.Ordinal);
        Assert.Contains("./hiring down", ci, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hiring_script_is_executable_and_strict()
    {
        Assert.StartsWith("#!/usr/bin/env bash", _script, StringComparison.Ordinal);
        Assert.Contains("set -euo pipefail", _script, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.True((File.GetUnixFileMode(Repository.PathOf("hiring")) & UnixFileMode.UserExecute) != 0, "./hiring is not executable");
        }
    }

    /// <summary>The SERVICE_TABLE block: name -> (project, dll, default port).</summary>
    private Dictionary<string, (string Project, string Dll, int Port)> ScriptServiceTable()
    {
        var block = ServiceTable().Match(_script);
        Assert.True(block.Success, "./hiring has no SERVICE_TABLE='...' block");
        var portBase = ScriptDefault("HIRING_PORT_BASE");
        var table = new Dictionary<string, (string, string, int)>(StringComparer.Ordinal);
        foreach (var line in block.Groups[1].Value.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.True(fields.Length == 4, $"SERVICE_TABLE line is not 'name project dll offset': {line}");
            table.Add(fields[0], (fields[1], fields[2], portBase + int.Parse(fields[3], CultureInfo.InvariantCulture)));
        }

        return table;
    }

    private int ScriptDefault(string variable)
    {
        var match = Regex.Match(_script, $@"\$\{{{variable}:-(\d+)\}}");
        Assert.True(match.Success, $"./hiring has no default for {variable}");
        return int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>README.md's "## Ports" table: lower-case first cell -> the other cells.</summary>
    private static Dictionary<string, string[]> ReadmePortRows()
    {
        var readme = Repository.Read("README.md");
        var section = readme[readme.IndexOf("## Ports", StringComparison.Ordinal)..];
        var rows = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var line in section.Split('\n').Skip(1).SkipWhile(line => !line.StartsWith('|')).TakeWhile(line => line.StartsWith('|')))
        {
            var cells = line.Trim().Trim('|').Split('|').Select(cell => cell.Trim().Trim('`').Trim()).ToArray();
            if (cells[0].StartsWith("---", StringComparison.Ordinal))
            {
                continue;
            }

            rows[cells[0].ToLowerInvariant()] = cells[1..];
        }

        return rows;
    }

    [GeneratedRegex(@"SERVICE_TABLE='([^']*)'")]
    private static partial Regex ServiceTable();
}
