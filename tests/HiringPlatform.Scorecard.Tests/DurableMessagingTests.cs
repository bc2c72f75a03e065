namespace HiringPlatform.Scorecard.Tests;

using System.Net;
using System.Net.Http.Json;
using HiringPlatform.Testing;
using RabbitMQ.Client;
using Xunit;

/// <summary>
/// What a broker restart may not lose: the queues MassTransit declares for the service's consumers are
/// durable (not auto-deleted), and the integration events its outbox publishes are persistent messages.
/// </summary>
public sealed class DurableMessagingTests(ScorecardApiFixture api) : IClassFixture<ScorecardApiFixture>
{
    [Fact]
    public async Task The_service_consumes_from_durable_queues_and_publishes_its_integration_events_as_persistent_messages()
    {
        var (connection, channel) = await api.Infrastructure.OpenChannelAsync();
        await using var _ = connection;
        await using var __ = channel;
        // A durable queue of our own on the exchange MassTransit publishes ScorecardSubmitted to: what an HR system's queue would get.
        var probe = $"durable-probe-{Guid.NewGuid():N}";
        await channel.QueueDeclareAsync(probe, durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync(probe, $"{typeof(Contracts.Scorecard.ScorecardSubmitted).Namespace}:{nameof(Contracts.Scorecard.ScorecardSubmitted)}", "");

        var interview = await api.ScheduleAsync();
        using var interviewer = api.As(interview.InterviewerId, ServiceDefaults.Security.Roles.Interviewer);
        Assert.Equal(HttpStatusCode.OK,
            (await interviewer.PostAsJsonAsync($"/api/v1/scorecards/{interview.InterviewId}", ScorecardApiFixture.Content())).StatusCode);

        var message = await Eventually.Until(() => channel.BasicGetAsync(probe, autoAck: true), m => m is not null,
            "ScorecardSubmitted in the durable probe queue");
        Assert.Equal(DeliveryModes.Persistent, message!.BasicProperties.DeliveryMode);

        var consumerQueues = (await api.Infrastructure.QueuesAsync())
            .Where(q => q.GetProperty("name").GetString()!.StartsWith("scorecard-", StringComparison.Ordinal)).ToList();
        Assert.Contains(consumerQueues, q => q.GetProperty("name").GetString() == "scorecard-scorecard-lifecycle");
        Assert.All(consumerQueues, q =>
        {
            Assert.True(q.GetProperty("durable").GetBoolean(), $"{q.GetProperty("name")} is not durable");
            Assert.False(q.GetProperty("auto_delete").GetBoolean(), $"{q.GetProperty("name")} is auto-deleted");
        });
    }
}
