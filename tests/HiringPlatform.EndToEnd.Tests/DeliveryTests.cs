namespace HiringPlatform.EndToEnd.Tests;

using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

[Collection(PlatformCollection.Name)]
public sealed class DeliveryTests(PlatformFixture platform)
{
    [Fact]
    public async Task The_same_integration_event_delivered_twice_changes_nothing()
    {
        var observer = new ConsumedMessages();
        using var calibration = platform.Calibration.Services.GetRequiredService<IBus>().ConnectConsumeObserver(observer);
        using var scheduling = platform.Scheduling.Services.GetRequiredService<IBus>().ConnectConsumeObserver(observer);

        var team = Guid.NewGuid().ToString("N")[..6];
        await platform.RegisterInterviewerAsync($"Twice {team}", $"t-{team}", "senior", ["coding"]);
        var candidateId = Guid.CreateVersion7();
        var applied = new CandidateApplied(Guid.CreateVersion7(), candidateId, null, "Dup Licate", "dup@example.com",
            "ml-engineer", "junior", DateTimeOffset.UtcNow, "test");
        var planned = new LoopPlanned(Guid.CreateVersion7(), candidateId, Guid.CreateVersion7(), "ml-engineer", "junior",
            [new PlannedSlot(Guid.CreateVersion7(), 1, "coding", 60, [new CompetencyWeight("algorithms", 1m)], "qualified for coding")],
            [], DateTimeOffset.UtcNow, "test");

        foreach (var _ in Enumerable.Range(0, 2))
        {
            await platform.Bus.Publish(applied, context => context.MessageId = applied.EventId);
            await platform.Bus.Publish(planned, context => context.MessageId = planned.EventId);
        }

        // Both copies were consumed by calibration, and both copies of LoopPlanned by scheduling...
        await Eventually.Until(() => Task.FromResult(observer.Count(applied.EventId)), n => n >= 2, "both CandidateApplied deliveries");
        await Eventually.Until(() => Task.FromResult(observer.Count(planned.EventId)), n => n >= 4, "both LoopPlanned deliveries to both services");

        // ...yet the journey holds each once, and scheduling booked the slot once.
        var journey = await Eventually.Until(() => platform.JourneyAsync(candidateId),
            j => PlatformFixture.StepTypes(j).Contains("interview-scheduled"), "the interview scheduled");
        var types = PlatformFixture.StepTypes(journey);
        Assert.Equal(1, types.Count(t => t == "candidate-applied"));
        Assert.Equal(1, types.Count(t => t == "loop-planned"));
        Assert.Equal(1, types.Count(t => t == "interview-scheduled"));
        var schedule = await platform.Client.GetFromJsonAsync<JsonElement>($"/api/v1/loops/{planned.LoopId}/schedule");
        Assert.Single(schedule.GetProperty("interviews").EnumerateArray());
    }

    [Fact]
    public async Task A_message_that_always_fails_ends_in_the_error_queue_with_its_reason()
    {
        var poison = new LoopPlanned(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), "ml-engineer", "senior",
            [], [], DateTimeOffset.UtcNow, "test");
        await platform.Bus.Publish(poison, context => context.MessageId = poison.EventId);

        var (connection, channel) = await platform.Infrastructure.OpenChannelAsync();
        await using var _ = connection;
        await channel.DisposeAsync();
        var faulted = await Eventually.Until(async () =>
            {
                // The error queue exists only after the first fault; asking for a missing queue closes the channel.
                await using var probe = await connection.CreateChannelAsync();
                try
                {
                    var message = await probe.BasicGetAsync("scheduling-loop-planned_error", autoAck: true);
                    return message?.BasicProperties.MessageId == poison.EventId.ToString() ? message : null;
                }
                catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
                {
                    return null;
                }
            },
            message => message is not null, "the poison LoopPlanned in scheduling's error queue");

        var headers = faulted!.BasicProperties.Headers!;
        string Header(string name) => headers.TryGetValue(name, out var value) && value is byte[] bytes
            ? Encoding.UTF8.GetString(bytes) : value?.ToString() ?? "";
        Assert.Contains("UnprocessableMessageException", Header("MT-Fault-ExceptionType"), StringComparison.Ordinal);
        Assert.Contains("has no slots", Header("MT-Fault-Message"), StringComparison.Ordinal);
        Assert.Contains(poison.EventId.ToString(), Encoding.UTF8.GetString(faulted.Body.Span), StringComparison.Ordinal);
    }

    /// <summary>Counts, per message id, how many times a consumer finished with it (successfully).</summary>
    private sealed class ConsumedMessages : IConsumeObserver
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, int> counts = new();

        public int Count(Guid messageId) => counts.GetValueOrDefault(messageId);

        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.MessageId is { } id)
            {
                counts.AddOrUpdate(id, 1, (_, n) => n + 1);
            }
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
