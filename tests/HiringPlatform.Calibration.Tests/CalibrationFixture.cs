namespace HiringPlatform.Calibration.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.Calibration.Engine.Simulation;
using HiringPlatform.Calibration.Simulation;
using HiringPlatform.Contracts;
using HiringPlatform.Contracts.Calibration;
using HiringPlatform.ServiceDefaults.Security;
using HiringPlatform.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

/// <summary>
/// The calibration service on the real database and broker, loaded through RabbitMQ with a
/// simulated season (planted interviewers of every kind) placed 1-2 months in the past, and
/// listening to what it publishes.
/// </summary>
public sealed class CalibrationFixture : IAsyncLifetime
{
    /// <summary>
    /// The season: planted severities of ±1.2 logits, the smallest of the sizes real harsh and soft interviewers show (issue 13).
    /// The severity detector flags a severity only when it is beyond the practical size (0.5 logit) at level q, so at this
    /// season's ~60 scorecards per interviewer a 0.8-logit severity is found with power of about 0.75 (docs/benchmarks.md).
    /// </summary>
    public static readonly SimulationOptions Options = new() { Seed = 7, SevereLogit = 1.2, LenientLogit = 1.2 };

    public IsolatedInfrastructure Infrastructure { get; private set; } = null!;

    public ServiceHost<Marker> Host { get; private set; } = null!;

    public PublishedMessages Published { get; private set; } = null!;

    public SimulatedSeason Season { get; } = SeasonSimulator.Simulate(Options);

    public IReadOnlyList<IIntegrationEvent> SeasonEventList { get; private set; } = [];

    /// <summary>The season ends one month before the fixture started, and lasts 20 days.</summary>
    public DateTimeOffset SeasonEnd { get; } = DateTimeOffset.UtcNow.AddMonths(-1);

    public IBus Bus => Host.Services.GetRequiredService<IBus>();

    public async Task InitializeAsync()
    {
        Infrastructure = await IsolatedInfrastructure.CreateAsync();
        Host = new ServiceHost<Marker>("calibration", Infrastructure,
            new Dictionary<string, string> { ["Calibration:Reports:PollInterval"] = "00:00:00.200" });
        Host.Start();
        Published = await PublishedMessages.ListenAsync(Infrastructure, typeof(CalibrationReportGenerated), typeof(InterviewerCalibrationUpdated));

        SeasonEventList = SeasonEvents.From(Season.RatingsCsv, Season.CandidatesCsv, Season.BlueprintsCsv, SeasonEnd, TimeSpan.FromDays(20));
        await PublishAsync(SeasonEventList);
    }

    public async Task PublishAsync(IReadOnlyList<IIntegrationEvent> events)
    {
        var before = await Infrastructure.CountEventsAsync("calibration");
        foreach (var chunk in events.Chunk(200))
        {
            await Task.WhenAll(chunk.Select(e => Bus.Publish(e, e.GetType(), context => context.MessageId = e.EventId)));
        }
        await Eventually.Until(() => Infrastructure.CountEventsAsync("calibration"), count => count >= before + events.Count,
            $"{events.Count} events recorded in journeys", TimeSpan.FromMinutes(3));
    }

    public async Task DisposeAsync()
    {
        await Published.DisposeAsync();
        await Host.DisposeAsync();
        await Infrastructure.DisposeAsync();
    }

    public HttpClient As(string subject, params string[] roles) => Host.CreateClientAs(subject, roles);

    public HttpClient Analyst() => As("analyst-1", Roles.Analyst);

    public HttpClient Compliance() => As("compliance-1", Roles.Compliance);

    /// <summary>Requests a report and polls it until it completes or fails; returns the final body.</summary>
    public async Task<JsonElement> ReportAsync(object request, HttpClient? client = null)
    {
        client ??= Analyst();
        var response = await client.PostAsJsonAsync("/api/v1/calibration/reports", request);
        Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var location = response.Headers.Location!.ToString();
        return await Eventually.Until(async () => await client.GetFromJsonAsync<JsonElement>(location),
            body => Status(body) is "completed" or "failed", $"report {location} finished", TimeSpan.FromMinutes(4));
    }

    public static string Status(JsonElement body) =>
        (body.TryGetProperty("summary", out var summary) ? summary : body).GetProperty("status").GetString()!;

    public static string InterviewerId(string simulated) => SeasonEvents.IdOf("interviewer", simulated).ToString();
}

[CollectionDefinition(Name)]
public sealed class CalibrationCollection : ICollectionFixture<CalibrationFixture>
{
    public const string Name = "calibration";
}
