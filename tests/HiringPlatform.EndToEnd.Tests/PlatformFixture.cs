namespace HiringPlatform.EndToEnd.Tests;

using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.ServiceDefaults.Security;
using HiringPlatform.Testing;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

/// <summary>
/// The whole platform in one process: the four services and the gateway on real ports, against
/// the real PostgreSQL (a schema each) and RabbitMQ (one virtual host), exporting spans.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public SpanCollector Spans { get; } = new();

    public IsolatedInfrastructure Infrastructure { get; private set; } = null!;

    public ServiceHost<LoopPlanner.Marker> LoopPlanner { get; private set; } = null!;

    public ServiceHost<Scheduling.Marker> Scheduling { get; private set; } = null!;

    public ServiceHost<Scorecard.Marker> Scorecard { get; private set; } = null!;

    public ServiceHost<Calibration.Marker> Calibration { get; private set; } = null!;

    public ServiceHost<Webhooks.Marker> Webhooks { get; private set; } = null!;

    public ServiceHost<Gateway.Marker> Gateway { get; private set; } = null!;

    /// <summary>The development HR system's API key (gateway/appsettings.Development.json), and a second HR system's.</summary>
    public const string ApiKey = "local-ats-development-api-key";
    public const string SecondApiKeyId = "second-ats";
    public const string SecondApiKey = "second-ats-test-api-key";

    /// <summary>A gateway client that authenticates as an HR system does, with an API key.</summary>
    public HttpClient WithApiKey(string apiKey)
    {
        var client = new HttpClient(new ContractChecker(Gateway.Address)) { BaseAddress = Gateway.Address };
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    /// <summary>A client that talks to the gateway only, as an HR system does (role hr-system).</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>A gateway client for a user with these roles, with a development token.</summary>
    public HttpClient As(string role, string? subject = null)
    {
        var key = Gateway.Services.GetRequiredService<IConfiguration>()["Auth:DevelopmentSigningKey"]!;
        var client = new HttpClient(new ContractChecker(Gateway.Address)) { BaseAddress = Gateway.Address };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            PlatformTokens.Mint(key, PlatformTokens.DevelopmentIssuer, PlatformTokens.DevelopmentAudience,
                subject ?? $"test-{role}", [role], TimeSpan.FromHours(1), DateTimeOffset.UtcNow));
        return client;
    }

    public HttpClient Recruiter { get; private set; } = null!;

    public HttpClient HiringManager { get; private set; } = null!;

    public HttpClient Analyst { get; private set; } = null!;

    /// <summary>The interviewer's own client: their token's subject is their interviewer id.</summary>
    public HttpClient Interviewer(Guid interviewerId) => As(Roles.Interviewer, interviewerId.ToString());

    /// <summary>A bus to publish integration events as another service would.</summary>
    public IBus Bus => LoopPlanner.Services.GetRequiredService<IBus>();

    public static readonly JsonSerializerOptions Json = JsonSerializerOptions.Web;

    public async Task InitializeAsync()
    {
        Infrastructure = await IsolatedInfrastructure.CreateAsync();
        LoopPlanner = new("loop-planner", Infrastructure, spans: Spans);
        Scheduling = new("scheduling", Infrastructure, spans: Spans);
        // The flows book loops in a past working day (PastSeason) and submit at once: an SLA of 30 days keeps
        // those late scorecards from being marked overdue mid-test; overdue cards are looked for every 2 s (a minute
        // by default) so a journey with an interview that ended longer ago than that sees one marked.
        Scorecard = new("scorecard", Infrastructure, new Dictionary<string, string>
        {
            ["Scorecards:Sla"] = "30.00:00:00",
            ["Scorecards:OverdueCheckInterval"] = "00:00:02",
        }, Spans);
        Calibration = new("calibration", Infrastructure, spans: Spans);
        Webhooks = new("webhooks", Infrastructure, spans: Spans);
        var addresses = new Dictionary<string, Uri>
        {
            ["loop-planner"] = LoopPlanner.Start(),
            ["scheduling"] = Scheduling.Start(),
            ["scorecard"] = Scorecard.Start(),
            ["calibration"] = Calibration.Start(),
            ["webhooks"] = Webhooks.Start(),
        };
        var gatewaySettings = addresses.ToDictionary(pair => $"ReverseProxy:Clusters:{pair.Key}:Destinations:primary:Address", pair => pair.Value.ToString());
        // A second HR system beside the development one (Auth:ApiKeys:0, key local-ats-development-api-key).
        gatewaySettings["Auth:ApiKeys:1:Id"] = SecondApiKeyId;
        gatewaySettings["Auth:ApiKeys:1:Sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(SecondApiKey)));
        gatewaySettings["Auth:ApiKeys:1:Roles:0"] = Roles.HrSystem;
        Gateway = new("gateway", Infrastructure, gatewaySettings, Spans);
        Gateway.Start();
        Client = As(Roles.HrSystem);
        Recruiter = As(Roles.Recruiter);
        HiringManager = As(Roles.HiringManager);
        Analyst = As(Roles.Analyst);
    }

    public async Task DisposeAsync()
    {
        foreach (var client in new[] { Client, Recruiter, HiringManager, Analyst })
        {
            client?.Dispose();
        }
        foreach (var host in new IAsyncDisposable?[] { Gateway, Webhooks, Calibration, Scorecard, Scheduling, LoopPlanner })
        {
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }
        if (Infrastructure is not null)
        {
            await Infrastructure.DisposeAsync();
        }
    }

    public async Task<Guid> RegisterInterviewerAsync(string name, string team, string seniority, string[] qualifiedFor,
        string[]? hiringManagerFor = null)
    {
        var response = await Recruiter.PostAsJsonAsync("/api/v1/interviewers", new
        {
            name,
            email = $"{name.ToLowerInvariant().Replace(' ', '.')}@example.com",
            team,
            seniority,
            qualifiedFor,
            hiringManagerFor = hiringManagerFor ?? [],
            weeklyCap = 20,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public async Task<JsonElement> JourneyAsync(Guid candidateId, string? asOf = null)
    {
        var response = await Analyst.GetAsync($"/api/v1/calibration/journeys/{candidateId}"
            + (asOf is null ? "" : $"?asOf={Uri.EscapeDataString(asOf)}"));
        return response.IsSuccessStatusCode
            ? await response.Content.ReadFromJsonAsync<JsonElement>()
            : default;
    }

    public static IReadOnlyList<string> StepTypes(JsonElement journey) =>
        journey.ValueKind == JsonValueKind.Undefined
            ? []
            : journey.GetProperty("steps").EnumerateArray().Select(step => step.GetProperty("type").GetString()!).ToList();
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
