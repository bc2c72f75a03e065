namespace HiringPlatform.Faults.Tests;

using System.Text.Json;
using System.Text.Json.Nodes;
using HiringPlatform.Contracts;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

/// <summary>
/// The broker's at-least-once delivery and the outbox's replay from the last acknowledged event
/// mean the same message can arrive again, and services publish concurrently, so messages about
/// one candidate arrive out of order. Neither may change what the platform recorded.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class RedeliveryTests(FaultsFixture platform, ITestOutputHelper output)
{
    [Fact]
    public async Task Every_event_redelivered_twice_in_reverse_order_and_a_journey_arriving_backwards_change_nothing()
    {
        var flow = new CandidateFlow(platform.Clients, "dup");
        await flow.RunAsync(Task.Delay(TimeSpan.FromSeconds(3)), TimeSpan.FromMilliseconds(600));
        var ids = flow.Candidates.Select(c => c.Id).ToHashSet();
        var before = await Ledger.ReckonAsync(platform, flow, "baseline before redelivery");
        Assert.Empty(before.Problems);

        // Every event the flow produced, published again twice, newest first: to scheduling
        // (LoopPlanned after its interviews were booked), scorecard (InterviewScheduled after the
        // card was submitted) and calibration (everything).
        var originals = platform.Deliveries.Consumed.Select(d => d.Message).Where(m => ids.Contains(m.CandidateId))
            .DistinctBy(m => m.EventId).ToList();
        var replay = Enumerable.Reverse(originals).Concat(Enumerable.Reverse(originals)).ToList();

        // A candidate calibration has never seen, whose events arrive backwards (decision first) and twice.
        var template = flow.Candidates.First(c => c.Decided).Id;
        var stranger = Guid.CreateVersion7();
        var backwards = originals.Where(m => m.CandidateId == template && m.GetType().Name is
                "CandidateApplied" or "ScorecardSubmitted" or "DecisionRecorded")
            .Select(m => Rewrite(m, stranger))
            .OrderByDescending(m => m.OccurredAt)
            .ToList();
        replay.AddRange(backwards.Concat(backwards));

        var bus = platform.LoopPlanner.Services.GetRequiredService<IBus>();
        var consumedBefore = platform.Deliveries.Consumed.Count;
        foreach (var message in replay)
        {
            await bus.Publish(message, message.GetType(), context => context.MessageId = message.EventId);
        }
        await Testing.Eventually.Until(() => Task.FromResult(platform.Deliveries.Consumed.Count - consumedBefore),
            n => n >= replay.Count, "calibration consuming every redelivery", TimeSpan.FromSeconds(60));
        // Scheduling and scorecard consume their copies concurrently; give their outboxes time to
        // publish anything a wrong second booking or card would produce.
        await Task.Delay(TimeSpan.FromSeconds(4));

        var after = await Ledger.ReckonAsync(platform, flow, "every event redelivered twice, reverse order");
        var journey = await platform.JourneyAsync(stranger);
        var steps = journey.GetProperty("steps").EnumerateArray().ToList();
        var types = steps.Select(s => s.GetProperty("type").GetString()).ToList();
        var figures = after with
        {
            Scenario = "every event redelivered twice in reverse order + one journey backwards",
            Candidates = after.Candidates + 1,
            EventsIn = after.EventsIn + backwards.Count,
            EventsOut = after.EventsOut + steps.Count,
            Deliveries = after.Deliveries + platform.Deliveries.CountFor(new HashSet<Guid> { stranger }),
            Lost = after.Lost + Math.Max(0, backwards.Count - steps.Count),
            Duplicated = after.Duplicated + Math.Max(0, steps.Count - backwards.Count),
        };
        Ledger.Report(figures, output);

        Assert.Equal(before.EventsOut, after.EventsOut);
        Assert.Equal(backwards.Count, steps.Count);
        Assert.Equal(backwards.Select(m => m.EventId).Order(), steps.Select(s => s.GetProperty("event").GetProperty("eventId").GetGuid()).Order());
        // Shown in business order however it arrived.
        Assert.Equal("candidate-applied", types[0]);
        Assert.Equal("decision-recorded", types[^1]);
    }

    /// <summary>The same event about another candidate, with its own id.</summary>
    private static IIntegrationEvent Rewrite(IIntegrationEvent message, Guid candidateId)
    {
        var json = JsonSerializer.SerializeToNode(message, message.GetType(), JsonSerializerOptions.Web)!.AsObject();
        json["eventId"] = Guid.CreateVersion7();
        json["candidateId"] = candidateId;
        return (IIntegrationEvent)json.Deserialize(message.GetType(), JsonSerializerOptions.Web)!;
    }
}
