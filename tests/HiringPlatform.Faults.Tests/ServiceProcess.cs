namespace HiringPlatform.Faults.Tests;

using System.Diagnostics;
using HiringPlatform.Testing;

/// <summary>
/// A service as a real child process (its own build output, `dotnet X.dll`) on a fixed port, so
/// a test can kill -9 it in the middle of consuming and start it again on the same address.
/// </summary>
public sealed class ServiceProcess(string service, string assembly, string projectDir, IsolatedInfrastructure infrastructure)
    : IAsyncDisposable
{
    private readonly int port = OwnServers.FreePort();
    private readonly List<string> output = [];
    private Process? process;

    public Uri Address => new($"http://127.0.0.1:{port}/");

    public int? Pid => process is { HasExited: false } p ? p.Id : null;

    public string RecentOutput
    {
        get
        {
            lock (output)
            {
                return string.Join(Environment.NewLine, output.TakeLast(60));
            }
        }
    }

    /// <summary>Starts the process and returns once /health/ready answers 200.</summary>
    public async Task<TimeSpan> StartAsync(TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        var dll = Path.Combine(OwnServers.RepositoryRoot(), projectDir, "bin", Configuration(), "net10.0", assembly);
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build {projectDir} first (the test project references it).", dll);
        }
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = Address.ToString();
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ConnectionStrings__postgres"] = infrastructure.Postgres;
        start.Environment["ConnectionStrings__rabbitmq"] = infrastructure.RabbitMq.ToString();
        start.Environment["EventStore__Schema"] = infrastructure.SchemaFor(service);
        start.Environment["Telemetry__ConsoleExporter"] = "false";
        start.Environment["Auth__Internal__SigningKey"] = HiringPlatform.ServiceDefaults.Security.InternalAuthOptions.DevelopmentKey;
        start.Environment["Logging__LogLevel__Default"] = "Error";
        start.Environment["Messaging__QuorumQueues"] = "true";
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        process?.Dispose();
        lock (output)
        {
            output.Clear();
        }
        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitReadyAsync(timeout);
        return clock.Elapsed;
    }

    /// <summary>Waits until /health/ready answers 200; throws when the process exits or the time is up.</summary>
    public async Task WaitReadyAsync(TimeSpan? timeout = null)
    {
        var process = this.process ?? throw new InvalidOperationException($"{service} was never started.");
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(3) };
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{service} exited with {process.ExitCode}:{Environment.NewLine}{RecentOutput}");
            }
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"{service} was not ready within the timeout:{Environment.NewLine}{RecentOutput}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no acknowledgements, in-flight work simply stops.</summary>
    public async Task KillAsync()
    {
        if (process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }
    }

    /// <summary>SIGTERM: the host's graceful shutdown (MassTransit stops consuming, finishes in-flight messages).</summary>
    public async Task TerminateAsync(TimeSpan timeout)
    {
        if (process is { HasExited: false } p)
        {
            await OwnServers.RunAsync("kill", ["-TERM", p.Id.ToString()], TimeSpan.FromSeconds(5));
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                await p.WaitForExitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                p.Kill(entireProcessTree: true);
                throw new TimeoutException($"{service} did not stop within {timeout} of SIGTERM.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process?.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.Add(line);
            if (output.Count > 500)
            {
                output.RemoveRange(0, 100);
            }
        }
    }

    /// <summary>Debug or Release: whatever this test assembly was built as (…/bin/Debug/net10.0/).</summary>
    private static string Configuration() =>
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
}
