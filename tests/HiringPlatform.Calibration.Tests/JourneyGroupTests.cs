namespace HiringPlatform.Calibration.Tests;

using System.Diagnostics;
using HiringPlatform.Calibration.Journeys;
using HiringPlatform.Contracts;
using HiringPlatform.Contracts.Scheduling;
using HiringPlatform.Testing;
using Marten;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

/// <summary>Journeys recorded a group at a time: one transaction for every event waiting, each candidate's in the order received.</summary>
[Collection(CalibrationCollection.Name)]
public sealed class JourneyGroupTests(CalibrationFixture calibration)
{
    private ISessionFactory Sessions => calibration.Host.Services.GetRequiredService<ISessionFactory>();

    private static InterviewHeld Held(Guid candidate) =>
        new(Guid.NewGuid(), candidate, Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow, "scheduling");

    private static ActivityContext Trace() =>
        new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);

    [Fact]
    public async Task A_group_records_each_event_once_in_its_candidates_journey_in_the_order_received_with_its_own_trace()
    {
        var (ada, bo) = (Guid.NewGuid(), Guid.NewGuid());
        var (first, second, third) = (Held(ada), Held(bo), Held(ada));
        IReadOnlyList<(IIntegrationEvent Event, ActivityContext Trace)> group =
            [(first, Trace()), (second, Trace()), (third, Trace()), (first, Trace())];

        IReadOnlyList<bool> recorded;
        await using (var session = Sessions.OpenSession())
        {
            recorded = await JourneyRecorder.RecordAsync(session, group, TimeProvider.System, CancellationToken.None);
        }
        Assert.Equal([true, true, true, false], recorded);

        // Delivered again later (a redelivery after a crash): recognised by its id, nothing appended.
        await using (var session = Sessions.OpenSession())
        {
            Assert.Equal([false], await JourneyRecorder.RecordAsync(session, [(third, Trace())], TimeProvider.System, CancellationToken.None));
        }

        await using var query = Sessions.QuerySession();
        var adas = await query.Events.FetchStreamAsync(ada);
        Assert.Equal([first.EventId, third.EventId], adas.Select(e => ((InterviewHeld)e.Data).EventId));
        Assert.Equal([1L, 2L], adas.Select(e => e.Version));
        Assert.Equal([TraceParent(group[0].Trace), TraceParent(group[2].Trace)], adas.Select(e => e.CausationId));
        Assert.Equal([group[0].Trace.TraceId.ToString(), group[2].Trace.TraceId.ToString()], adas.Select(e => e.CorrelationId));
        var bos = await query.Events.FetchStreamAsync(bo);
        Assert.Equal(second.EventId, ((InterviewHeld)Assert.Single(bos).Data).EventId);
        Assert.Equal(TraceParent(group[1].Trace), bos[0].CausationId);
    }

    [Fact]
    public async Task Events_of_one_candidate_arriving_together_over_the_broker_all_reach_the_journey()
    {
        // Twenty events of one candidate published at once: consumed side by side, they would collide on the stream's version.
        var candidate = Guid.NewGuid();
        var events = Enumerable.Range(0, 20).Select(_ => (IIntegrationEvent)Held(candidate)).ToList();
        await Task.WhenAll(events.Select(e => calibration.Bus.Publish(e, e.GetType(), context => context.MessageId = e.EventId)));

        var journey = await Eventually.Until(async () =>
            {
                await using var query = Sessions.QuerySession();
                return await query.Events.FetchStreamAsync(candidate);
            }, stream => stream.Count >= events.Count, "twenty events in the journey", TimeSpan.FromMinutes(1));
        Assert.Equal(events.Select(e => e.EventId).Order(), journey.Select(e => ((InterviewHeld)e.Data).EventId).Order());
        Assert.Equal(Enumerable.Range(1, events.Count).Select(v => (long)v), journey.Select(e => e.Version));
    }

    private static string TraceParent(ActivityContext trace) => $"00-{trace.TraceId}-{trace.SpanId}-01";
}
