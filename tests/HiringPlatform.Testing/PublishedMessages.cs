namespace HiringPlatform.Testing;

using System.Collections.Concurrent;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

/// <summary>
/// Listens, like any other subscriber, to what services publish on the fixture's virtual host:
/// a queue of its own bound to the exchange MassTransit publishes each contract type to.
/// </summary>
public sealed class PublishedMessages : IAsyncDisposable
{
    private readonly IConnection connection;
    private readonly IChannel channel;
    private readonly ConcurrentQueue<(string Type, JsonElement Message)> received = new();

    private PublishedMessages(IConnection connection, IChannel channel)
    {
        this.connection = connection;
        this.channel = channel;
    }

    /// <summary>Starts listening to these contract types (e.g. typeof(ScorecardOverdue)).</summary>
    public static async Task<PublishedMessages> ListenAsync(IsolatedInfrastructure infrastructure, params Type[] contracts)
    {
        var (connection, channel) = await infrastructure.OpenChannelAsync();
        var probe = new PublishedMessages(connection, channel);
        var queue = (await channel.QueueDeclareAsync($"test-probe-{Guid.NewGuid():N}", durable: false, exclusive: true,
            autoDelete: true)).QueueName;
        foreach (var contract in contracts)
        {
            var exchange = $"{contract.Namespace}:{contract.Name}";
            await channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, autoDelete: false);
            await channel.QueueBindAsync(queue, exchange, "");
        }
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += (_, delivery) =>
        {
            var envelope = JsonDocument.Parse(delivery.Body.ToArray()).RootElement.Clone();
            var type = envelope.GetProperty("messageType")[0].GetString()!.Split(':').Last();
            probe.received.Enqueue((type, envelope.GetProperty("message")));
            return Task.CompletedTask;
        };
        await channel.BasicConsumeAsync(queue, autoAck: true, consumer);
        return probe;
    }

    public IReadOnlyList<JsonElement> Of(string type) =>
        received.Where(r => r.Type == type).Select(r => r.Message).ToList();

    /// <summary>Waits until a message of <paramref name="type"/> matching <paramref name="match"/> has been published.</summary>
    public Task<JsonElement> WaitFor(string type, Func<JsonElement, bool> match, TimeSpan? timeout = null) =>
        Eventually.Until(() => Task.FromResult(Of(type).FirstOrDefault(match)), m => m.ValueKind != JsonValueKind.Undefined,
            $"a published {type}", timeout);

    public async ValueTask DisposeAsync()
    {
        await channel.DisposeAsync();
        await connection.DisposeAsync();
    }
}
