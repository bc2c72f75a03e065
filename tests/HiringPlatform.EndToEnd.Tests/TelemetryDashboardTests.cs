namespace HiringPlatform.EndToEnd.Tests;

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using HiringPlatform.Testing;
using Microsoft.Playwright;
using Xunit;
using Xunit.Abstractions;

/// <summary>
/// What `./hiring up` gives an ops engineer: the Aspire dashboard (from its NuGet package) and the hosts as real
/// processes exporting OTLP to it, on free ports, against the real PostgreSQL and RabbitMQ (a schema each, one vhost).
/// </summary>
public sealed class TracedPlatform : IAsyncLifetime
{
    private readonly List<Process> processes = [];
    private readonly List<string> output = [];

    public IsolatedInfrastructure Infrastructure { get; private set; } = null!;

    public Uri Dashboard { get; private set; } = null!;

    public Uri Gateway { get; private set; } = null!;

    public string RecentOutput
    {
        get
        {
            lock (output)
            {
                return string.Join(Environment.NewLine, output.TakeLast(80));
            }
        }
    }

    public async Task InitializeAsync()
    {
        Infrastructure = await IsolatedInfrastructure.CreateAsync();
        var root = BrowserPage.RepositoryRoot();
        var pathFile = Path.Combine(root, "deploy", "local", "telemetry-dashboard", "bin", "aspire-dashboard-path.txt");
        var executable = File.Exists(pathFile) ? File.ReadAllText(pathFile).Trim() : "";
        Assert.True(File.Exists(executable), $"The Aspire dashboard is not restored ({pathFile}): build deploy/local/telemetry-dashboard.");

        var (ui, grpc, http) = (FreePort(), FreePort(), FreePort());
        Dashboard = new Uri($"http://127.0.0.1:{ui}");
        Start("dashboard", executable, null, Path.GetTempPath(), new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = Dashboard.ToString(),
            ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://127.0.0.1:{grpc}",
            ["ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL"] = $"http://127.0.0.1:{http}",
            ["ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS"] = "true",
        });
        await WaitForAsync(new Uri(Dashboard, "/health"), "the dashboard");

        var telemetry = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{grpc}",
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "1000",
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Telemetry__ConsoleExporter"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Auth__Internal__SigningKey"] = HiringPlatform.ServiceDefaults.Security.InternalAuthOptions.DevelopmentKey,
        };
        var services = new Dictionary<string, Uri>();
        foreach (var (service, project, assembly) in new[]
        {
            ("loop-planner", "services/loop-planner", "HiringPlatform.LoopPlanner.dll"),
            ("scheduling", "services/scheduling", "HiringPlatform.Scheduling.dll"),
        })
        {
            var address = new Uri($"http://127.0.0.1:{FreePort()}/");
            services[service] = address;
            StartHost(root, service, project, assembly, new Dictionary<string, string>(telemetry)
            {
                ["ASPNETCORE_URLS"] = address.ToString(),
                ["OTEL_SERVICE_NAME"] = service,
                ["ConnectionStrings__postgres"] = Infrastructure.Postgres,
                ["ConnectionStrings__rabbitmq"] = Infrastructure.RabbitMq.ToString(),
                ["EventStore__Schema"] = Infrastructure.SchemaFor(service),
            });
        }
        Gateway = new Uri($"http://127.0.0.1:{FreePort()}/");
        var gateway = new Dictionary<string, string>(telemetry) { ["ASPNETCORE_URLS"] = Gateway.ToString(), ["OTEL_SERVICE_NAME"] = "gateway" };
        foreach (var (service, address) in services)
        {
            gateway[$"ReverseProxy__Clusters__{service}__Destinations__primary__Address"] = address.ToString();
        }
        StartHost(root, "gateway", "gateway", "HiringPlatform.Gateway.dll", gateway);
        foreach (var address in services.Values)
        {
            await WaitForAsync(new Uri(address, "/health/ready"), address.ToString());
        }
        await WaitForAsync(new Uri(Gateway, "/health/ready"), "the gateway");
    }

    public async Task DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(processes))
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
        if (Infrastructure is not null)
        {
            await Infrastructure.DisposeAsync();
        }
    }

    private void StartHost(string root, string name, string project, string assembly, Dictionary<string, string> environment)
    {
        var dll = Path.Combine(root, project, "bin", Configuration(), "net10.0", assembly);
        Assert.True(File.Exists(dll), $"Build {project} first (the test project references it): {dll}");
        Start(name, "dotnet", dll, Path.GetDirectoryName(dll)!, environment);
    }

    private void Start(string name, string file, string? argument, string directory, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory,
        };
        if (argument is not null)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }
        var process = new Process { StartInfo = start };
        void Keep(string? line)
        {
            if (line is not null)
            {
                lock (output)
                {
                    output.Add($"[{name}] {line}");
                }
            }
        }
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        processes.Add(process);
    }

    private async Task WaitForAsync(Uri url, string what)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        await Eventually.Until(async () =>
            {
                if (processes.FirstOrDefault(p => p.HasExited) is { } exited)
                {
                    throw new InvalidOperationException($"a process exited with {exited.ExitCode}:{Environment.NewLine}{RecentOutput}");
                }
                try
                {
                    return (await http.GetAsync(url)).StatusCode;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    return HttpStatusCode.ServiceUnavailable;
                }
            },
            status => status == HttpStatusCode.OK, $"{what} ready at {url}", TimeSpan.FromSeconds(120));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string Configuration() =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
            ? "Release" : "Debug";
}

public sealed class TelemetryDashboardTests(TracedPlatform platform, Browser browser, ITestOutputHelper log)
    : IClassFixture<TracedPlatform>, IClassFixture<Browser>
{
    [Fact]
    public async Task A_candidate_submitted_through_the_gateway_is_one_trace_in_the_Aspire_dashboard_from_the_gateway_to_schedulings_database()
    {
        // The HR system's own trace context (HttpClient sends it as traceparent): the gateway continues it.
        using var hrSystem = new Activity("hr-system submits a candidate").SetIdFormat(ActivityIdFormat.W3C);
        hrSystem.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        hrSystem.Start();
        var trace = hrSystem.TraceId;
        using var http = new HttpClient { BaseAddress = platform.Gateway };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/candidates")
        {
            Content = JsonContent.Create(new { name = "Traced Candidate", email = "traced@example.com", role = "ml-engineer", level = "abbreviated" }),
        };
        request.Headers.Add("X-Api-Key", "local-ats-development-api-key");
        var response = await http.SendAsync(request);
        hrSystem.Stop();
        Assert.True(response.StatusCode == HttpStatusCode.Created,
            $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}{Environment.NewLine}{platform.RecentOutput}");

        // The traces view lists the trace (by its short id); opening it shows every host's spans.
        await using var opened = await browser.OpenAsync(new Uri(platform.Dashboard, "/traces").ToString());
        var page = opened.Page;
        var shortId = trace.ToString()[..7];
        await Eventually.Until(async () =>
            {
                await page.ReloadAsync(new PageReloadOptions { WaitUntil = WaitUntilState.NetworkIdle });
                return await page.GetByText(shortId, new PageGetByTextOptions { Exact = false }).CountAsync();
            },
            count => count > 0, $"trace {shortId} in the traces view", TimeSpan.FromSeconds(90))
            .ContinueWith(async task => task.IsCompletedSuccessfully ? task.Result : throw new TimeoutException(
                $"trace {trace} not in the traces view; it shows:{Environment.NewLine}{await page.Locator("body").InnerTextAsync()}"
                + $"{Environment.NewLine}{platform.RecentOutput}"), TaskScheduler.Default).Unwrap();
        await page.GetByText(shortId, new PageGetByTextOptions { Exact = false }).First.ClickAsync();

        // Resources gateway, loop-planner and scheduling; scheduling's consumer of LoopPlanned; PostgreSQL calls.
        string[] expected = ["gateway", "loop-planner", "scheduling", "scheduling-loop-planned process", "postgresql"];
        var text = await Eventually.Until(async () =>
            {
                if (!page.Url.Contains("/traces/detail/", StringComparison.Ordinal))
                {
                    await page.GotoAsync(new Uri(platform.Dashboard, $"/traces/detail/{trace}").ToString());
                }
                else
                {
                    await page.ReloadAsync(new PageReloadOptions { WaitUntil = WaitUntilState.NetworkIdle });
                }
                return await page.Locator("body").InnerTextAsync();
            },
            body => expected.All(e => body.Contains(e, StringComparison.Ordinal)),
            "the gateway's, loop-planner's, scheduling's consumer and PostgreSQL spans in the trace", TimeSpan.FromSeconds(90));
        Assert.Contains(trace.ToString(), page.Url, StringComparison.Ordinal);
        foreach (var name in expected)
        {
            Assert.Contains(name, text, StringComparison.Ordinal);
        }
        log.WriteLine("screenshot: " + await opened.ScreenshotAsync("artifacts/telemetry/trace-in-aspire-dashboard.png"));
        Assert.Empty(opened.Errors);
    }
}
