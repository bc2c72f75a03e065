namespace HiringPlatform.Stack.Bench;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MassTransit;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;

/// <summary>An integration event of about the platform's size.</summary>
public sealed record BenchInterviewScheduled(Guid InterviewId, Guid LoopId, Guid CandidateId, Guid InterviewerId,
    string InterviewType, DateTimeOffset Start, DateTimeOffset End, string[] Competencies, long SentAt);

/// <summary>
/// Publish to consume, N persistent messages from <c>concurrency</c> publishers each awaiting its
/// broker confirm, through MassTransit (as the platform configures it: durable queue bound to the
/// message type's exchange, JSON envelope, prefetch 16) and through RabbitMQ.Client 7 (a fanout
/// exchange bound to a durable queue, persistent messages, publisher confirms with tracking, manual
/// acks, prefetch 16). Latency is from the start of the publish to the consumer's handler.
/// </summary>
public static class MessagingTax
{
    private const ushort Prefetch = 16;

    public static async Task RunAsync(BenchSettings settings)
    {
        var vhost = "stack-bench-" + Guid.NewGuid().ToString("N")[..8];
        using var management = Management(settings.RabbitMqManagement);
        (await management.PutAsync($"api/vhosts/{vhost}", null)).EnsureSuccessStatusCode();
        (await management.PutAsJsonAsync($"api/permissions/{vhost}/guest", new { configure = ".*", write = ".*", read = ".*" }))
            .EnsureSuccessStatusCode();
        var uri = new UriBuilder(settings.RabbitMq) { Path = "/" + vhost }.Uri;
        try
        {
            Console.WriteLine();
            Console.WriteLine($"messaging: {settings.Messages} messages a round, {settings.Concurrency} publishers awaiting confirms, prefetch {Prefetch}");
            var raw = new Measurement("RabbitMQ.Client 7.2 (confirms)");
            var transit = new Measurement("MassTransit 8.5");
            await using var rawSide = await RawSide.StartAsync(uri);
            await using var transitSide = await TransitSide.StartAsync(uri);
            for (var round = 0; round <= settings.Rounds; round++)
            {
                var r = await Round(settings, rawSide.PublishAsync, rawSide.Received);
                var t = await Round(settings, transitSide.PublishAsync, transitSide.Received);
                if (round == 0)
                {
                    continue; // warm-up: JIT, connections, queue creation
                }
                raw.Add(settings.Messages, r.Seconds, r.Latencies);
                transit.Add(settings.Messages, t.Seconds, t.Latencies);
                Console.Error.WriteLine($"  round {round}/{settings.Rounds}: raw {settings.Messages / r.Seconds:F0}/s, MassTransit {settings.Messages / t.Seconds:F0}/s");
            }
            Measurement.Table("messages", [raw, transit], raw);
            Console.WriteLine($"MassTransit / raw throughput: {transit.PerSecond / raw.PerSecond:F2}");
        }
        finally
        {
            await management.DeleteAsync($"api/vhosts/{vhost}");
        }
    }

    private static async Task<(double Seconds, List<double> Latencies)> Round(BenchSettings settings,
        Func<BenchInterviewScheduled, Task> publish, Arrivals received)
    {
        received.Expect(settings.Messages);
        var next = -1;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, settings.Concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < settings.Messages)
            {
                await publish(Message(Stopwatch.GetTimestamp()));
            }
        }));
        var latencies = await received.AllAsync(TimeSpan.FromMinutes(5));
        return (clock.Elapsed.TotalSeconds, latencies);
    }

    private static BenchInterviewScheduled Message(long sentAt)
    {
        var start = DateTimeOffset.UtcNow.AddDays(3);
        return new BenchInterviewScheduled(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(),
            "ml-system-design", start, start.AddHours(1), ["ml-system-design", "communication"], sentAt);
    }

    private static HttpClient Management(Uri address)
    {
        var client = new HttpClient { BaseAddress = new UriBuilder(address) { UserName = "", Password = "" }.Uri };
        var user = address.UserInfo.Split(':');
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.UnescapeDataString(user[0])}:{Uri.UnescapeDataString(user[1])}")));
        return client;
    }

    /// <summary>Consumed messages of the current round, with their latencies.</summary>
    public sealed class Arrivals
    {
        private ConcurrentBag<double> latencies = [];
        private int expected;
        private TaskCompletionSource done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Expect(int count)
        {
            latencies = [];
            expected = count;
            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public void Arrived(long sentAt)
        {
            latencies.Add(Stopwatch.GetElapsedTime(sentAt).TotalMilliseconds);
            if (latencies.Count == expected)
            {
                done.TrySetResult();
            }
        }

        public async Task<List<double>> AllAsync(TimeSpan timeout)
        {
            await done.Task.WaitAsync(timeout);
            return [.. latencies];
        }
    }

    private sealed class RawSide : IAsyncDisposable
    {
        private const string Exchange = "bench-raw";
        private const string Queue = "bench-raw-consumer";
        private readonly ConcurrentBag<IChannel> idle = [];
        private IConnection publishing = null!;
        private IConnection consuming = null!;

        public Arrivals Received { get; } = new();

        public static async Task<RawSide> StartAsync(Uri uri)
        {
            var side = new RawSide();
            var factory = new ConnectionFactory { Uri = uri, ConsumerDispatchConcurrency = Prefetch };
            side.publishing = await factory.CreateConnectionAsync("bench-raw-publisher");
            side.consuming = await factory.CreateConnectionAsync("bench-raw-consumer");
            var channel = await side.consuming.CreateChannelAsync();
            await channel.ExchangeDeclareAsync(Exchange, ExchangeType.Fanout, durable: true);
            await channel.QueueDeclareAsync(Queue, durable: true, exclusive: false, autoDelete: false);
            await channel.QueueBindAsync(Queue, Exchange, "");
            await channel.BasicQosAsync(0, Prefetch, false);
            var consumer = new AsyncEventingBasicConsumer(channel);
            consumer.ReceivedAsync += async (_, delivery) =>
            {
                var message = JsonSerializer.Deserialize<BenchInterviewScheduled>(delivery.Body.Span)!;
                side.Received.Arrived(message.SentAt);
                await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
            };
            await channel.BasicConsumeAsync(Queue, autoAck: false, consumer);
            return side;
        }

        public async Task PublishAsync(BenchInterviewScheduled message)
        {
            // A channel per publisher at a time (channels are not for concurrent publishing); each
            // publish returns once the broker has confirmed it.
            if (!idle.TryTake(out var channel))
            {
                channel = await publishing.CreateChannelAsync(new CreateChannelOptions(
                    publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
            }
            var properties = new BasicProperties { Persistent = true, ContentType = "application/json", MessageId = message.InterviewId.ToString() };
            await channel.BasicPublishAsync(Exchange, "", mandatory: false, properties, JsonSerializer.SerializeToUtf8Bytes(message));
            idle.Add(channel);
        }

        public async ValueTask DisposeAsync()
        {
            await publishing.CloseAsync();
            await consuming.CloseAsync();
        }
    }

    private sealed class TransitSide : IAsyncDisposable
    {
        private IBusControl bus = null!;

        public Arrivals Received { get; } = new();

        public static async Task<TransitSide> StartAsync(Uri uri)
        {
            var side = new TransitSide();
            side.bus = Bus.Factory.CreateUsingRabbitMq(rabbit =>
            {
                rabbit.Host(uri);
                rabbit.ReceiveEndpoint("bench-masstransit-consumer", endpoint =>
                {
                    endpoint.PrefetchCount = Prefetch;
                    endpoint.Handler<BenchInterviewScheduled>(context =>
                    {
                        side.Received.Arrived(context.Message.SentAt);
                        return Task.CompletedTask;
                    });
                });
            });
            await side.bus.StartAsync();
            return side;
        }

        public Task PublishAsync(BenchInterviewScheduled message) => bus.Publish(message);

        public async ValueTask DisposeAsync() => await bus.StopAsync();
    }
}
