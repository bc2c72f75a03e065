namespace HiringPlatform.Testing;

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Npgsql;
using RabbitMQ.Client;

/// <summary>
/// A RabbitMQ virtual host and a PostgreSQL schema suffix of its own, so fixtures and test
/// assemblies running in parallel never see each other's messages or rows. Removed on dispose.
/// </summary>
public sealed class IsolatedInfrastructure : IAsyncDisposable
{
    private readonly HttpClient management;

    private IsolatedInfrastructure(TestServers servers, string name)
    {
        Servers = servers;
        Name = name;
        management = new HttpClient { BaseAddress = servers.RabbitMqManagement };
        var credentials = servers.RabbitMqManagement.UserInfo.Split(':');
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.UnescapeDataString(credentials[0])}:{Uri.UnescapeDataString(credentials[1])}")));
    }

    public TestServers Servers { get; }

    /// <summary>The virtual host name and schema suffix: short, lower-case, unique.</summary>
    public string Name { get; }

    public string Postgres => Servers.Postgres;

    public Uri RabbitMq => new UriBuilder(Servers.RabbitMq) { Path = "/" + Uri.EscapeDataString(Name) }.Uri;

    public string SchemaFor(string service) => $"{service.Replace('-', '_')}_{Name}";

    public static async Task<IsolatedInfrastructure> CreateAsync() => await CreateAsync(await TestServers.GetAsync());

    /// <summary>On given servers rather than the shared ones (the fault suite owns, stops and restarts its own).</summary>
    public static async Task<IsolatedInfrastructure> CreateAsync(TestServers servers)
    {
        var infrastructure = new IsolatedInfrastructure(servers, "t" + Guid.NewGuid().ToString("N")[..12]);
        await infrastructure.CreateVirtualHostAsync();
        return infrastructure;
    }

    private async Task CreateVirtualHostAsync()
    {
        var vhost = Uri.EscapeDataString(Name);
        (await management.PutAsync($"api/vhosts/{vhost}", null)).EnsureSuccessStatusCode();
        var user = Uri.UnescapeDataString(Servers.RabbitMqManagement.UserInfo.Split(':')[0]);
        (await management.PutAsJsonAsync($"api/permissions/{vhost}/{Uri.EscapeDataString(user)}",
            new { configure = ".*", write = ".*", read = ".*" })).EnsureSuccessStatusCode();
    }

    /// <summary>A channel on this fixture's virtual host, for reading queues directly.</summary>
    public async Task<(IConnection Connection, IChannel Channel)> OpenChannelAsync()
    {
        var factory = new ConnectionFactory { Uri = RabbitMq };
        var connection = await factory.CreateConnectionAsync();
        return (connection, await connection.CreateChannelAsync());
    }

    /// <summary>The queues of this virtual host as the management API describes them (name, durable, auto_delete, arguments...).</summary>
    public async Task<IReadOnlyList<System.Text.Json.JsonElement>> QueuesAsync() =>
        (await management.GetFromJsonAsync<System.Text.Json.JsonElement[]>($"api/queues/{Uri.EscapeDataString(Name)}"))!;

    /// <summary>
    /// The bodies of every message waiting in this virtual host's queues (error queues included), read through the
    /// management API and requeued: to show what the broker still holds.
    /// </summary>
    public async Task<IReadOnlyList<string>> QueuedMessagesAsync()
    {
        var bodies = new List<string>();
        foreach (var queue in await QueuesAsync())
        {
            if (queue.TryGetProperty("messages", out var count) && count.GetInt64() > 0)
            {
                var name = Uri.EscapeDataString(queue.GetProperty("name").GetString()!);
                var got = await management.PostAsJsonAsync($"api/queues/{Uri.EscapeDataString(Name)}/{name}/get",
                    new { count = 10_000, ackmode = "ack_requeue_true", encoding = "auto" });
                got.EnsureSuccessStatusCode();
                foreach (var message in (await got.Content.ReadFromJsonAsync<System.Text.Json.JsonElement[]>())!)
                {
                    bodies.Add(message.GetProperty("payload").GetString() ?? "");
                }
            }
        }
        return bodies;
    }

    /// <summary>A plain-text <c>pg_dump</c> of every schema of this infrastructure (the services' events, documents and tables).</summary>
    public async Task<string> DumpAsync()
    {
        var settings = new NpgsqlConnectionStringBuilder(Postgres);
        var pgDump = new[] { "/usr/lib/postgresql/15/bin/pg_dump", "/usr/bin/pg_dump" }.FirstOrDefault(File.Exists) ?? "pg_dump";
        var start = new System.Diagnostics.ProcessStartInfo(pgDump)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-h", settings.Host!, "-p", settings.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "-U", settings.Username ?? "postgres", "-d", settings.Database!, "-n", "*_" + Name })
        {
            start.ArgumentList.Add(argument);
        }
        if (settings.Password is { } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pg_dump failed ({process.ExitCode}): {await error}");
        }
        return await output;
    }

    /// <summary>
    /// How many events a service's schema holds (or one stream of it): to show that a rejected
    /// request stored nothing.
    /// </summary>
    public async Task<long> CountEventsAsync(string service, Guid? streamId = null)
    {
        await using var connection = new NpgsqlConnection(Postgres);
        await connection.OpenAsync();
        await using (var exists = new NpgsqlCommand($"select to_regclass('{SchemaFor(service)}.mt_events') is not null", connection))
        {
            if (!(bool)(await exists.ExecuteScalarAsync())!)
            {
                return 0; // The service has not stored an event yet.
            }
        }
        await using var command = new NpgsqlCommand(
            $"select count(*) from {SchemaFor(service)}.mt_events" + (streamId is null ? "" : " where stream_id = @stream"), connection);
        if (streamId is { } id)
        {
            command.Parameters.AddWithValue("stream", id);
        }
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await management.DeleteAsync($"api/vhosts/{Uri.EscapeDataString(Name)}");
            await using var connection = new NpgsqlConnection(Postgres);
            await connection.OpenAsync();
            await using var find = new NpgsqlCommand(
                "select schema_name from information_schema.schemata where schema_name like @suffix", connection);
            find.Parameters.AddWithValue("suffix", "%_" + Name);
            var schemas = new List<string>();
            await using (var reader = await find.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    schemas.Add(reader.GetString(0));
                }
            }
            foreach (var schema in schemas)
            {
                await using var drop = new NpgsqlCommand($"drop schema if exists {schema} cascade", connection);
                await drop.ExecuteNonQueryAsync();
            }
        }
        finally
        {
            management.Dispose();
        }
    }
}
