namespace HiringPlatform.Faults.Tests;

using System.Diagnostics;
using System.Net.Sockets;
using HiringPlatform.Testing;

/// <summary>
/// A PostgreSQL and a RabbitMQ node of the suite's own, started with the project's
/// <c>./hiring infra-up</c> on other ports, another node name and a temporary state folder,
/// because the suite stops and restarts them. The shared servers (5433/5673/15673,
/// hiring@localhost) are never touched: every command names this instance's node or data folder.
/// </summary>
public sealed class OwnServers : IAsyncDisposable
{
    private const string PgBin = "/usr/lib/postgresql/15/bin";

    private OwnServers(string root, string runDir, int pgPort, int rabbitPort, int managementPort, string node)
    {
        Root = root;
        RunDir = runDir;
        PgPort = pgPort;
        RabbitPort = rabbitPort;
        ManagementPort = managementPort;
        Node = node;
    }

    public string Root { get; }

    public string RunDir { get; }

    public int PgPort { get; }

    public int RabbitPort { get; }

    public int ManagementPort { get; }

    public string Node { get; }

    public TestServers Servers => new(
        $"Host=127.0.0.1;Port={PgPort};Database=hiring;Username=postgres;Timeout=5;Command Timeout=15",
        new Uri($"amqp://guest:guest@127.0.0.1:{RabbitPort}/"),
        new Uri($"http://guest:guest@127.0.0.1:{ManagementPort}/"));

    private string PgDir => Path.GetFullPath(ResolveLink(Path.Combine(RunDir, "pg")));

    public static async Task<OwnServers> StartAsync()
    {
        var root = RepositoryRoot();
        // Defaults chosen away from the shared servers; overridable for a CI that needs other ports.
        var pgPort = Port("HIRING_FAULTS_PG_PORT", 6433);
        var rabbitPort = Port("HIRING_FAULTS_RABBITMQ_PORT", 6673);
        var managementPort = Port("HIRING_FAULTS_RABBITMQ_MANAGEMENT_PORT", 16673);
        var node = Environment.GetEnvironmentVariable("HIRING_FAULTS_RABBITMQ_NODE") is { Length: > 0 } n ? n : "faults@localhost";
        if (node == "hiring@localhost" || pgPort == 5433 || rabbitPort == 5673 || managementPort == 15673)
        {
            throw new InvalidOperationException("The fault suite must never run against the shared servers.");
        }
        foreach (var port in new[] { pgPort, rabbitPort, managementPort, rabbitPort + 20000 })
        {
            if (InUse(port))
            {
                throw new InvalidOperationException(
                    $"Port {port} is taken: another fault run may be going on, or set HIRING_FAULTS_* ports.");
            }
        }

        // World-readable, so the postgres and rabbitmq users can use it directly.
        var runDir = Directory.CreateTempSubdirectory("hiring-faults-").FullName;
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(runDir, (UnixFileMode)Convert.ToInt32("755", 8));
        }
        var servers = new OwnServers(root, runDir, pgPort, rabbitPort, managementPort, node);
        await servers.HiringAsync("infra-up", TimeSpan.FromMinutes(3));
        return servers;
    }

    public async Task StopRabbitMqAsync() => await RunAsync("rabbitmqctl", ["-n", Node, "stop_app"], TimeSpan.FromSeconds(60));

    public async Task StartRabbitMqAsync()
    {
        await RunAsync("rabbitmqctl", ["-n", Node, "start_app"], TimeSpan.FromSeconds(60));
        await RunAsync("rabbitmqctl", ["-n", Node, "await_startup"], TimeSpan.FromSeconds(60));
    }

    public async Task StopPostgresAsync() =>
        await AsPostgresAsync($"{PgBin}/pg_ctl -D '{PgDir}/data' -m fast -w stop");

    /// <summary>
    /// A crash, not a stop: SIGKILL to this instance's postmaster and every backend it forked, at
    /// once, so nothing is flushed or checkpointed on the way out. The restart then runs crash recovery from the WAL.
    /// </summary>
    public Task KillPostgresAsync()
    {
        var postmaster = int.Parse(File.ReadLines(Path.Combine(PgDir, "data", "postmaster.pid")).First().Trim(),
            System.Globalization.CultureInfo.InvariantCulture);
        var children = Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _))
            .Select(name => (Pid: int.Parse(name!, System.Globalization.CultureInfo.InvariantCulture), Parent: ParentOf(name!)))
            .Where(p => p.Parent == postmaster)
            .Select(p => p.Pid)
            .ToList();
        foreach (var pid in children.Prepend(postmaster))
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(); // SIGKILL on Linux
            }
            catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
            {
                // Already gone.
            }
        }
        return Task.CompletedTask;
    }

    /// <summary>Starts it again the way ./hiring does (durable settings unless HIRING_PG_FAST=1, which the suite never sets).</summary>
    public async Task StartPostgresAsync() => await HiringAsync("infra-up", TimeSpan.FromMinutes(2));

    /// <summary>The server's fsync, synchronous_commit and full_page_writes, as it runs now.</summary>
    public async Task<(string Fsync, string SynchronousCommit, string FullPageWrites)> DurabilityAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(Servers.Postgres);
        await connection.OpenAsync();
        async Task<string> Show(string setting)
        {
            await using var command = new Npgsql.NpgsqlCommand($"show {setting}", connection);
            return (string)(await command.ExecuteScalarAsync())!;
        }
        return (await Show("fsync"), await Show("synchronous_commit"), await Show("full_page_writes"));
    }

    private static int ParentOf(string pid)
    {
        try
        {
            // /proc/<pid>/stat: "pid (comm) state ppid ...", where comm may hold spaces: read after the last ')'.
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    /// <summary>Only what this instance started: ./hiring infra-down with the same overrides, then its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            // A test that failed mid-fault may have left a server stopped; infra-down copes with either.
            await HiringAsync("infra-down", TimeSpan.FromMinutes(2));
        }
        finally
        {
            foreach (var link in new[] { "pg", "rabbitmq" })
            {
                var path = Path.Combine(RunDir, link);
                var target = ResolveLink(path);
                if (target != path && target.StartsWith("/var/tmp/hiring-", StringComparison.Ordinal))
                {
                    TryDelete(Path.GetDirectoryName(target)!);
                }
            }
            TryDelete(RunDir);
        }
    }

    private async Task HiringAsync(string command, TimeSpan timeout)
    {
        var environment = new Dictionary<string, string>
        {
            ["HIRING_RUN_DIR"] = RunDir,
            ["HIRING_PG_PORT"] = PgPort.ToString(),
            ["HIRING_RABBITMQ_PORT"] = RabbitPort.ToString(),
            ["HIRING_RABBITMQ_MANAGEMENT_PORT"] = ManagementPort.ToString(),
            ["HIRING_RABBITMQ_NODE"] = Node,
            // Durable, as ./hiring up runs it, even under ./hiring test (whose shared servers are fast): the crash test needs it.
            ["HIRING_PG_FAST"] = "0",
        };
        await RunAsync(Path.Combine(Root, "hiring"), [command], timeout, environment);
    }

    private static Task AsPostgresAsync(string command) =>
        RunAsync("su", ["postgres", "-s", "/bin/sh", "-c", command], TimeSpan.FromSeconds(90));

    public static async Task<string> RunAsync(string file, IEnumerable<string> arguments, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = "/",
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', start.ArgumentList)} took longer than {timeout}.");
        }
        var text = await output + await error;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}:{Environment.NewLine}{text}");
        }
        return text;
    }

    /// <summary>The clone this test runs from: the first folder above the test's output with the solution and ./hiring.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "HiringPlatform.sln")) && File.Exists(Path.Combine(dir.FullName, "hiring")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"No HiringPlatform.sln with ./hiring above {AppContext.BaseDirectory}.");
    }

    private static int Port(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), out var port) ? port : fallback;

    public static bool InUse(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public static int FreePort()
    {
        var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string ResolveLink(string path)
    {
        var info = new DirectoryInfo(path);
        return info.LinkTarget is { } target ? Path.GetFullPath(target, Path.GetDirectoryName(path)!) : path;
    }

    private static void TryDelete(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
