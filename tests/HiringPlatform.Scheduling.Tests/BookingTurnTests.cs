namespace HiringPlatform.Scheduling.Tests;

using System.Diagnostics.Metrics;
using HiringPlatform.Contracts;
using HiringPlatform.Contracts.Scheduling;
using HiringPlatform.Scheduling.Interviews;
using HiringPlatform.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

/// <summary>
/// Alone in its collection (not beside other test classes), because the booking meter is one per
/// process and the two-instance test collides on purpose.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BookingMeterCollection
{
    public const string Name = "booking meter";
}

[Collection(BookingMeterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class BookingTurnTests
{
    [Fact]
    public async Task Loops_consumed_side_by_side_in_one_instance_are_booked_together_in_few_transactions_with_no_collision_and_no_overlap()
    {
        await using var api = await SchedulingApi.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            await api.RegisterAsync($"Turn Taker {i}", ["coding"], team: $"team-{i}", weeklyCap: 20);
        }
        var monday = SchedulingApi.NextMonday;
        var window = new AvailabilityWindow(monday.AddHours(9), monday.AddHours(17));
        // Every loop wants the same three people: consumers running side by side would read the same pool.
        var loops = Enumerable.Range(0, 16).Select(_ => SchedulingApi.Loop("r", [("coding", 60)], [window])).ToList();
        using var attempts = new Attempts();

        await Task.WhenAll(loops.Select(loop => api.PublishAsync(loop)));

        var ids = loops.Select(l => l.LoopId).ToHashSet();
        var scheduled = await api.WaitForAsync<InterviewScheduled>(e => ids.Contains(e.LoopId), loops.Count, "every loop scheduled");
        Assert.Equal(loops.Count, scheduled.Select(e => e.LoopId).Distinct().Count());
        Assert.Equal(0, attempts.Of("collision"));
        // Group commit: the loops waiting are scheduled on one read of the pool and committed together.
        Assert.InRange(attempts.Of("completed"), 1, loops.Count - 1);
        Assert.DoesNotContain(api.Published.OfType<SchedulingFailed>(), e => ids.Contains(e.LoopId));
        // Within a group each booking is in the pool before the next loop: nobody is booked twice at once.
        foreach (var person in scheduled.GroupBy(e => e.InterviewerId))
        {
            var times = person.OrderBy(e => e.StartsAt).ToList();
            for (var i = 1; i < times.Count; i++)
            {
                Assert.True(times[i].StartsAt >= times[i - 1].EndsAt, $"{times[i - 1].InterviewerName} booked at {times[i - 1].StartsAt:t}-{times[i - 1].EndsAt:t} and {times[i].StartsAt:t}");
            }
        }
        // Committed together, each loop's events still carry the trace of its own LoopPlanned.
        await using var session = api.Hosts[0].Services.GetRequiredService<Marten.IDocumentStore>().QuerySession();
        var booked = (await Marten.QueryableExtensions.ToListAsync(session.Events.QueryAllRawEvents().Where(e => e.EventTypeName == "interview_booked")))
            .Where(e => ids.Contains(e.StreamId)).ToList();
        Assert.Equal(loops.Count, booked.Count);
        Assert.All(booked, e => Assert.False(string.IsNullOrEmpty(e.CorrelationId)));
        Assert.Equal(loops.Count, booked.Select(e => e.CorrelationId).Distinct().Count());
    }

    private sealed class Attempts : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly Dictionary<string, long> byOutcome = [];

        public Attempts()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == Booking.MeterName && instrument.Name == Booking.AttemptsInstrument)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == "outcome" && tag.Value is string outcome)
                    {
                        lock (byOutcome)
                        {
                            byOutcome[outcome] = byOutcome.GetValueOrDefault(outcome) + value;
                        }
                    }
                }
            });
            listener.Start();
        }

        public long Of(string outcome)
        {
            lock (byOutcome)
            {
                return byOutcome.GetValueOrDefault(outcome);
            }
        }

        public void Dispose() => listener.Dispose();
    }
}
