namespace HiringPlatform.Scorecard.Tests;

using System.Diagnostics;
using System.Net;
using System.Reflection;
using HiringPlatform.Testing;
using Npgsql;
using Xunit;

/// <summary>
/// Who changes the schema: a host in Development creates its schema when it starts; in Production it changes nothing at
/// start, and the same binary run with --apply-schema creates it and exits 0 (what ./hiring migrate and the Kubernetes
/// init container run). On the real PostgreSQL, each host in a fresh schema.
/// </summary>
public sealed class SchemaCommandTests : IAsyncLifetime
{
    // Outside Development the development signing key is refused: any 32+ characters do for a test.
    private static readonly Dictionary<string, string> Production = new()
    {
        ["environment"] = "Production",
        ["Auth:Internal:SigningKey"] = "schema-command-tests-" + Guid.NewGuid().ToString("N"),
    };

    private IsolatedInfrastructure infrastructure = null!;

    public async Task InitializeAsync() => infrastructure = await IsolatedInfrastructure.CreateAsync();

    public async Task DisposeAsync() => await infrastructure.DisposeAsync();

    [Fact]
    public async Task A_host_in_Development_creates_its_schema_when_it_starts()
    {
        await using var host = new ServiceHost<Marker>("scorecard", infrastructure);
        host.Start();

        Assert.Contains("mt_events", await TablesAsync(infrastructure.SchemaFor("scorecard")));
    }

    [Fact]
    public async Task A_host_in_Production_creates_nothing_at_start_and_apply_schema_creates_the_schema_it_then_runs_on()
    {
        var schema = infrastructure.SchemaFor("scorecard");
        await using (var host = new ServiceHost<Marker>("scorecard", infrastructure, Production))
        {
            host.Start();
            using var client = new HttpClient { BaseAddress = host.Address };
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);

            Assert.Empty(await TablesAsync(schema));
        }

        var (exitCode, output) = await ApplySchemaAsync(schema);

        Assert.True(exitCode == 0, $"--apply-schema exited {exitCode}:{Environment.NewLine}{output}");
        var tables = await TablesAsync(schema);
        foreach (var table in new[] { "mt_events", "mt_streams", "mt_event_progression", "mt_doc_scorecarddetails",
                     "mt_doc_scorecardfeedentry", "mt_doc_handled_message", "mt_doc_idempotent_request", "mt_doc_erased_candidate" })
        {
            Assert.Contains(table, tables);
        }

        // The Production host runs on what the command applied: ready means PostgreSQL answers and the async daemon keeps up.
        await using (var host = new ServiceHost<Marker>("scorecard", infrastructure, Production))
        {
            host.Start();
            using var client = new HttpClient { BaseAddress = host.Address };
            await Eventually.Until(() => client.GetAsync("/health/ready"), response => response.StatusCode == HttpStatusCode.OK,
                "the Production host ready on the applied schema");
            Assert.Equal(tables, await TablesAsync(schema));
        }
    }

    /// <summary>
    /// `dotnet HiringPlatform.Scorecard.dll --apply-schema` from the service's own build output, in Production. The broker's
    /// address must be well-formed (the outbox is built with the store) but nothing listens there: the command never connects.
    /// </summary>
    private async Task<(int ExitCode, string Output)> ApplySchemaAsync(string schema)
    {
        var configuration = typeof(SchemaCommandTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var dll = Path.Combine(BrowserPage.RepositoryRoot(), "services", "scorecard", "bin", configuration, "net10.0", "HiringPlatform.Scorecard.dll");
        Assert.True(File.Exists(dll), $"{dll} is not built (the test project references the service)");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--apply-schema");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__postgres"] = infrastructure.Postgres;
        start.Environment["EventStore__Schema"] = schema;
        start.Environment["ConnectionStrings__rabbitmq"] = "amqp://guest:guest@127.0.0.1:1/";
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private async Task<List<string>> TablesAsync(string schema)
    {
        await using var connection = new NpgsqlConnection(infrastructure.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select table_name from information_schema.tables where table_schema = @schema order by table_name", connection);
        command.Parameters.AddWithValue("schema", schema);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }
        return tables;
    }
}
