namespace HiringPlatform.Scheduling.Tests;

using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.Contracts;
using HiringPlatform.Contracts.Scheduling;
using HiringPlatform.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

/// <summary>Two instances of scheduling on one schema and one virtual host, many loops at once.</summary>
[Trait("Category", "Integration")]
public sealed class DoubleBookingTests
{
    [Fact]
    public async Task Loops_scheduled_at_the_same_moment_on_two_instances_never_double_book_an_interviewer_nor_exceed_a_cap()
    {
        await using var api = await SchedulingApi.StartAsync(instances: 2);
        var perHost = api.Hosts.Select(_ => 0).ToArray();
        var counters = api.Hosts.Select((host, i) => host.Services.GetRequiredService<IBus>()
            .ConnectConsumeObserver(new CountingObserver(() => Interlocked.Increment(ref perHost[i])))).ToList();
        var interviewers = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            interviewers.Add(await api.RegisterAsync($"Coder {i}", ["coding"], team: $"team-{i}", weeklyCap: 2));
        }
        // Three hours of candidate time: every interviewer could take three hour-long interviews but
        // may take two (their cap), so exactly twelve of the thirty loops fit.
        var monday = SchedulingApi.NextMonday;
        var window = new AvailabilityWindow(monday.AddHours(9), monday.AddHours(12));
        var loops = Enumerable.Range(0, 30).Select(_ => SchedulingApi.Loop("r", [("coding", 60)], [window])).ToList();

        await Task.WhenAll(loops.Select((loop, i) =>
            api.Hosts[i % 2].Services.GetRequiredService<IBus>().Publish(loop, context => context.MessageId = loop.EventId)));

        var ids = loops.Select(l => l.LoopId).ToHashSet();
        await Eventually.Until(() => Task.FromResult(api.Published.OfType<InterviewScheduled>().Select(e => e.LoopId)
                .Concat(api.Published.OfType<SchedulingFailed>().Select(e => e.LoopId)).Where(ids.Contains).Distinct().Count()),
            n => n == loops.Count, "every loop scheduled or failed", TimeSpan.FromSeconds(120));
        var scheduled = api.Published.OfType<InterviewScheduled>().Where(e => ids.Contains(e.LoopId)).DistinctBy(e => e.InterviewId).ToList();
        var failed = api.Published.OfType<SchedulingFailed>().Where(e => ids.Contains(e.LoopId)).DistinctBy(e => e.LoopId).ToList();

        Assert.Equal(12, scheduled.Count);
        Assert.Equal(18, failed.Count);
        Assert.All(failed, f => Assert.Equal("every eligible interviewer for coding has reached their weekly cap", Assert.Single(f.Slots).Reason));
        foreach (var interviewer in interviewers)
        {
            var theirs = scheduled.Where(e => e.InterviewerId == interviewer).OrderBy(e => e.StartsAt).ToList();
            Assert.Equal(2, theirs.Count);
            Assert.True(theirs[1].StartsAt >= theirs[0].EndsAt, $"{interviewer} is booked {theirs[0].StartsAt}-{theirs[0].EndsAt} and {theirs[1].StartsAt}");
            // What the service stored agrees with what it published.
            var stored = await api.Client.GetItemsAsync($"/api/v1/interviewers/{interviewer}/interviews");
            Assert.Equal(theirs.Select(e => e.InterviewId).Order(), stored.Select(r => r.GetProperty("interviewId").GetGuid()).Order());
        }
        Assert.All(perHost, n => Assert.True(n > 0, $"both instances consumed loops: {string.Join(", ", perHost)}"));
        counters.ForEach(c => c.Dispose());
    }

    private sealed class CountingObserver(Action consumed) : IConsumeObserver
    {
        public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

        public Task PostConsume<T>(ConsumeContext<T> context) where T : class
        {
            if (context.Message is IIntegrationEvent)
            {
                consumed();
            }
            return Task.CompletedTask;
        }

        public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;
    }
}
