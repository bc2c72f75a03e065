namespace HiringPlatform.Scheduling.Tests;

using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.Contracts;
using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.ServiceDefaults.Security;
using HiringPlatform.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

/// <summary>
/// The scheduling service on a real port against the real PostgreSQL (a fresh schema) and
/// RabbitMQ (a fresh virtual host), recording every integration event it publishes.
/// One per test: each test sees only the interviewers it registers.
/// </summary>
public sealed class SchedulingApi : IAsyncDisposable
{
    private readonly List<IDisposable> observers = [];

    private SchedulingApi(IsolatedInfrastructure infrastructure, IReadOnlyList<ServiceHost<Marker>> hosts)
    {
        Infrastructure = infrastructure;
        Hosts = hosts;
        // The service accepts only the gateway's identity: call it as the gateway would for a recruiter.
        Client = hosts[0].CreateClientAs("scheduling-tests", Roles.Recruiter, Roles.HrSystem, Roles.Admin);
        foreach (var host in hosts)
        {
            observers.Add(host.Services.GetRequiredService<IBus>().ConnectPublishObserver(new Recorder(Published)));
            observers.Add(host.Services.GetRequiredService<IBus>().ConnectConsumeObserver(new Consumed(ConsumedIds)));
        }
    }

    public IsolatedInfrastructure Infrastructure { get; }

    public IReadOnlyList<ServiceHost<Marker>> Hosts { get; }

    public HttpClient Client { get; }

    /// <summary>Every integration event the service published, by type.</summary>
    public ConcurrentQueue<IIntegrationEvent> Published { get; } = new();

    /// <summary>Ids of the messages a consumer finished with, and how often.</summary>
    public ConcurrentDictionary<Guid, int> ConsumedIds { get; } = new();

    public Task WaitConsumedAsync(Guid eventId, string what) =>
        Eventually.Until(() => Task.FromResult(ConsumedIds.GetValueOrDefault(eventId)), n => n > 0, what, TimeSpan.FromSeconds(60));

    public IBus Bus => Hosts[0].Services.GetRequiredService<IBus>();

    public static readonly DateTimeOffset NextMonday = NextMondayFrom(DateTimeOffset.UtcNow);

    public static async Task<SchedulingApi> StartAsync(int instances = 1, IReadOnlyDictionary<string, string>? settings = null)
    {
        var infrastructure = await IsolatedInfrastructure.CreateAsync();
        var hosts = new List<ServiceHost<Marker>>();
        for (var i = 0; i < instances; i++)
        {
            var host = new ServiceHost<Marker>("scheduling", infrastructure, settings);
            host.Start();
            hosts.Add(host);
        }
        return new SchedulingApi(infrastructure, hosts);
    }

    public async Task<Guid> RegisterAsync(string name, string[] qualifiedFor, string team = "t", string seniority = "senior",
        int weeklyCap = 5, string? timeZone = null, string[]? hiringManagerFor = null, object[]? training = null)
    {
        var response = await Client.PostAsJsonAsync("/api/v1/interviewers", new
        {
            name,
            email = $"{name.Replace(' ', '.')}@example.com",
            team,
            seniority,
            qualifiedFor,
            hiringManagerFor = hiringManagerFor ?? [],
            weeklyCap,
            timeZone,
            training,
        });
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Registering {name}: {(int)response.StatusCode} {body}");
        }
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    public static LoopPlanned Loop(string role, (string Type, int Minutes)[] slots, AvailabilityWindow[]? availability = null,
        string? timeZone = null) =>
        new(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), role, "senior",
            slots.Select((s, i) => new PlannedSlot(Guid.CreateVersion7(), i + 1, s.Type, s.Minutes,
                [new CompetencyWeight("algorithms", 1m)], "qualified")).ToList(),
            [], DateTimeOffset.UtcNow, "test", timeZone, availability);

    public async Task PublishAsync<T>(T message) where T : class, IIntegrationEvent =>
        await Bus.Publish(message, context => context.MessageId = message.EventId);

    public Task<List<T>> WaitForAsync<T>(Func<T, bool> match, int count, string what) where T : IIntegrationEvent =>
        Eventually.Until(() => Task.FromResult(Published.OfType<T>().Where(match).DistinctBy(e => e.EventId).ToList()),
            list => list.Count >= count, what, TimeSpan.FromSeconds(60));

    public async Task<JsonElement> ScheduleAsync(Guid loopId) =>
        await Client.GetFromJsonAsync<JsonElement>($"/api/v1/loops/{loopId}/schedule");

    public async ValueTask DisposeAsync()
    {
        observers.ForEach(o => o.Dispose());
        Client.Dispose();
        foreach (var host in Hosts)
        {
            await host.DisposeAsync();
        }
        await Infrastructure.DisposeAsync();
    }

    private static DateTimeOffset NextMondayFrom(DateTimeOffset now)
    {
        var day = now.UtcDateTime.Date.AddDays(7);
        while (day.DayOfWeek != DayOfWeek.Monday)
        {
            day = day.AddDays(1);
        }
        return new DateTimeOffset(day, TimeSpan.Zero);
    }

    private sealed class Consumed(ConcurrentDictionary<Guid, int> ids) : IConsumeObserver
    {
        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.Message is IIntegrationEvent message)
            {
                ids.AddOrUpdate(message.EventId, 1, (_, n) => n + 1);
            }
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }

    private sealed class Recorder(ConcurrentQueue<IIntegrationEvent> published) : IPublishObserver
    {
        public Task PrePublish<T>(PublishContext<T> context) where T : class => Task.CompletedTask;

        public Task PostPublish<T>(PublishContext<T> context) where T : class
        {
            if (context.Message is IIntegrationEvent message)
            {
                published.Enqueue(message);
            }
            return Task.CompletedTask;
        }

        public Task PublishFault<T>(PublishContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
