namespace HiringPlatform.Webhooks.Tests;

using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.Contracts;
using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Testing;
using HiringPlatform.Webhooks.Deliveries;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Xunit;

/// <summary>
/// The webhooks service on the real database and broker, on a clock the tests move, with a
/// receiver for it to deliver to and a record of every message its consumer finished with.
/// </summary>
public sealed class WebhooksFixture : IAsyncLifetime
{
    private readonly ConcurrentDictionary<Guid, int> consumed = new();

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    public IsolatedInfrastructure Infrastructure { get; private set; } = null!;

    public ServiceHost<Marker> Host { get; private set; } = null!;

    public Receiver Receiver { get; private set; } = null!;

    public IBus Bus => Host.Services.GetRequiredService<IBus>();

    public DeliverySender Sender => Host.Services.GetServices<IHostedService>().OfType<DeliverySender>().Single();

    public async Task InitializeAsync()
    {
        Infrastructure = await IsolatedInfrastructure.CreateAsync();
        Receiver = await Receiver.StartAsync();
        Host = new ServiceHost<Marker>("webhooks", Infrastructure,
            new Dictionary<string, string> { ["Webhooks:PollInterval"] = "00:00:00.100", ["Webhooks:Timeout"] = "00:00:05" },
            services: services => services.AddSingleton<TimeProvider>(Clock));
        Host.Start();
        Bus.ConnectConsumeObserver(new ConsumedMessages(consumed));
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Receiver.DisposeAsync();
        await Infrastructure.DisposeAsync();
    }

    public HttpClient As(string subject, params string[] roles) => Host.CreateClientAs(subject, roles);

    /// <summary>Publishes an integration event as its service would (message id = event id).</summary>
    public Task PublishAsync<T>(T message) where T : class, IIntegrationEvent =>
        Bus.Publish(message, context => context.MessageId = message.EventId);

    /// <summary>
    /// A candidate as the HR system <paramref name="owner"/> submitted it (its CandidateApplied handled): subscriptions
    /// hear only of their own HR system's candidates, so events about it reach <paramref name="owner"/>'s.
    /// </summary>
    public async Task<Guid> CandidateSubmittedByAsync(string owner)
    {
        var applied = new CandidateApplied(Guid.CreateVersion7(), Guid.CreateVersion7(), null, "Cand", "c@example.com", "ml-engineer", "senior",
            Clock.GetUtcNow(), owner);
        await PublishAsync(applied);
        await ConsumedAsync(applied.EventId);
        return applied.CandidateId;
    }

    /// <summary>Waits until the service's consumer has finished with the message <paramref name="times"/> times.</summary>
    public Task ConsumedAsync(Guid eventId, int times = 1) =>
        Eventually.Until(() => Task.FromResult(consumed.GetValueOrDefault(eventId)), n => n >= times, $"{eventId} consumed {times}x");

    public async Task<JsonElement> SubscribeAsync(HttpClient client, string url, params string[] eventTypes)
    {
        var response = await client.PostAsJsonAsync("/api/v1/webhooks/subscriptions", new { url, eventTypes, description = "test" });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement[]> DeliveriesAsync(HttpClient client, Guid subscriptionId)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/subscriptions/{subscriptionId}/deliveries");
        return [.. page.GetProperty("items").EnumerateArray()];
    }

    public Task<JsonElement> DeliveryAsync(HttpClient client, Guid deliveryId) =>
        client.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/deliveries/{deliveryId}");

    /// <summary>Waits until the delivery matches, e.g. has n attempts or a status.</summary>
    public Task<JsonElement> DeliveryUntilAsync(HttpClient client, Guid deliveryId, Func<JsonElement, bool> done, string what) =>
        Eventually.Until(() => DeliveryAsync(client, deliveryId), done, what);

    private sealed class ConsumedMessages(ConcurrentDictionary<Guid, int> consumed) : IConsumeObserver
    {
        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.Message is IIntegrationEvent message)
            {
                consumed.AddOrUpdate(message.EventId, 1, (_, n) => n + 1);
            }
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}

public static class Json
{
    public static int Attempts(this JsonElement delivery) => delivery.GetProperty("attempts").GetArrayLength();

    public static string Status(this JsonElement element) => element.GetProperty("status").GetString()!;

    public static Guid Id(this JsonElement element) => element.GetProperty("id").GetGuid();
}
