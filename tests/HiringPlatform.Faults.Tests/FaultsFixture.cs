namespace HiringPlatform.Faults.Tests;

using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

/// <summary>
/// The whole platform against the suite's own servers: loop-planner, scorecard, calibration and
/// the gateway in-process, scheduling as a real child process (so it can be killed -9).
/// </summary>
public sealed class FaultsFixture : IAsyncLifetime
{
    public OwnServers Own { get; private set; } = null!;

    public IsolatedInfrastructure Infrastructure { get; private set; } = null!;

    public ServiceHost<LoopPlanner.Marker> LoopPlanner { get; private set; } = null!;

    public ServiceProcess Scheduling { get; private set; } = null!;

    public ServiceHost<Scorecard.Marker> Scorecard { get; private set; } = null!;

    public ServiceHost<Calibration.Marker> Calibration { get; private set; } = null!;

    public ServiceHost<Gateway.Marker> Gateway { get; private set; } = null!;

    /// <summary>Everyone who calls the gateway, each with their own token.</summary>
    public GatewayClients Clients { get; private set; } = null!;

    /// <summary>Where each scenario appends its row of figures (HIRING_FAULTS_FIGURES, or next to the test assembly).</summary>
    public static readonly string Figures = Environment.GetEnvironmentVariable("HIRING_FAULTS_FIGURES") is { Length: > 0 } path
        ? Path.GetFullPath(path)
        : Path.Combine(AppContext.BaseDirectory, "fault-figures.md");

    /// <summary>Every integration event calibration consumed, redeliveries included.</summary>
    public Deliveries Deliveries { get; } = new();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Figures)!);
        File.WriteAllText(Figures, Ledger.Header);
        Own = await OwnServers.StartAsync();
        Infrastructure = await IsolatedInfrastructure.CreateAsync(Own.Servers);
        // Quorum queues, as deploy/kubernetes runs them.
        var settings = new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Error", ["Messaging:QuorumQueues"] = "true" };
        LoopPlanner = new("loop-planner", Infrastructure, settings);
        // The flow books past days (PastSeason): a 30-day SLA keeps its late scorecards from being marked overdue mid-run.
        Scorecard = new("scorecard", Infrastructure, new Dictionary<string, string>(settings) { ["Scorecards:Sla"] = "30.00:00:00" });
        Calibration = new("calibration", Infrastructure, settings);
        Scheduling = new("scheduling", "HiringPlatform.Scheduling.dll", "services/scheduling", Infrastructure);
        var addresses = new Dictionary<string, Uri>
        {
            ["loop-planner"] = LoopPlanner.Start(),
            ["scorecard"] = Scorecard.Start(),
            ["calibration"] = Calibration.Start(),
            ["scheduling"] = Scheduling.Address,
        };
        await Scheduling.StartAsync();
        Calibration.Services.GetRequiredService<IBus>().ConnectConsumeObserver(Deliveries);
        // The flow polls hard on purpose; the per-client rate limit is not what this suite tests.
        Gateway = new("gateway", Infrastructure, new Dictionary<string, string>(settings.Append(
            KeyValuePair.Create("Gateway:RateLimits:PermitLimit", "10000000")).Concat(
            addresses.Select(pair => KeyValuePair.Create($"ReverseProxy:Clusters:{pair.Key}:Destinations:primary:Address", pair.Value.ToString())))));
        Clients = new GatewayClients(Gateway.Start(),
            Gateway.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Auth:DevelopmentSigningKey"]!);

        // A bench deep enough that no candidate waits for an interviewer.
        foreach (var type in new[] { "coding", "data-modeling", "project-deep-dive" })
        {
            for (var i = 0; i < 4; i++)
            {
                var response = await Clients.Recruiter.PostAsJsonAsync("/api/v1/interviewers", new
                {
                    name = $"Fault {type} {i}",
                    email = $"fault.{type}.{i}@example.com",
                    team = $"team-{type}-{i}",
                    seniority = "senior",
                    qualifiedFor = new[] { type },
                    hiringManagerFor = Array.Empty<string>(),
                    weeklyCap = 40,
                });
                response.EnsureSuccessStatusCode();
            }
        }
    }

    public async Task DisposeAsync()
    {
        Clients?.Dispose();
        foreach (var host in new IAsyncDisposable?[] { Gateway, Calibration, Scorecard, LoopPlanner, Scheduling })
        {
            try
            {
                if (host is not null)
                {
                    await host.DisposeAsync();
                }
            }
            catch (Exception)
            {
                // A host may already be broken by a failed fault; the servers below must still stop.
            }
        }
        try
        {
            if (Infrastructure is not null)
            {
                await Infrastructure.DisposeAsync();
            }
        }
        catch (Exception)
        {
        }
        if (Own is not null)
        {
            await Own.DisposeAsync();
        }
    }

    public async Task<JsonElement> JourneyAsync(Guid candidateId)
    {
        try
        {
            var response = await Clients.Analyst.GetAsync($"/api/v1/calibration/journeys/{candidateId}");
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : default;
        }
        catch (HttpRequestException)
        {
            return default;
        }
        catch (TaskCanceledException)
        {
            return default;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class FaultsCollection : ICollectionFixture<FaultsFixture>
{
    public const string Name = "faults";
}
