namespace HiringPlatform.Faults.Tests;

using System.Net;
using HiringPlatform.Contracts.LoopPlanner;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;
using Xunit.Abstractions;

/// <summary>
/// Each test drives a steady flow of candidates through the gateway (a new one every
/// <see cref="Every"/> until the fault is over) and breaks one thing in the middle of it.
/// Afterwards every candidate's journey must be complete, nothing applied twice, no slot booked
/// twice, every acknowledged write durable, and no request may have got a 500 (a dependency
/// that is down is a 503 with Retry-After).
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class FaultTests(FaultsFixture platform, ITestOutputHelper output)
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(700);
    private static readonly TimeSpan Lead = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(5);

    /// <summary>As long as a CloudNativePG failover takes, and longer than the consumers' immediate retries (about 6 s).</summary>
    private static readonly TimeSpan DatabaseOutage = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task RabbitMQ_stopped_and_restarted_mid_flow_loses_nothing_and_applies_nothing_twice()
    {
        var flow = new CandidateFlow(platform.Clients, "rmq");
        DateTimeOffset down = default, back = default;
        var fault = Task.Run(async () =>
        {
            await Task.Delay(Lead);
            down = DateTimeOffset.UtcNow;
            await platform.Own.StopRabbitMqAsync();
            await Task.Delay(Outage);
            await platform.Own.StartRabbitMqAsync();
            back = DateTimeOffset.UtcNow;
            await Task.Delay(TimeSpan.FromSeconds(1));
        });
        await flow.RunAsync(fault, Every);
        Ledger.Report(await Ledger.ReckonAsync(platform, flow, "RabbitMQ stop_app, 5 s, start_app", down, back), output);
    }

    [Fact]
    public async Task PostgreSQL_restarted_mid_flow_answers_503_with_Retry_After_meanwhile_and_loses_nothing()
    {
        var flow = new CandidateFlow(platform.Clients, "pg");
        using var probe = new HttpClient { BaseAddress = platform.LoopPlanner.Address, Timeout = TimeSpan.FromSeconds(10) };
        DateTimeOffset down = default, back = default;
        HttpStatusCode readinessWhileDown = default, livenessWhileDown = default, readyAgain = default;
        var arrivedWhileDown = new CandidateApplied(Guid.CreateVersion7(), Guid.CreateVersion7(), null, "While Down",
            "down@example.com", "ml-engineer", "junior", DateTimeOffset.UtcNow, "fault-suite");
        var fault = Task.Run(async () =>
        {
            await Task.Delay(Lead);
            down = DateTimeOffset.UtcNow;
            await platform.Own.StopPostgresAsync();
            readinessWhileDown = (await probe.GetAsync("/health/ready")).StatusCode;
            livenessWhileDown = (await probe.GetAsync("/health/live")).StatusCode;
            // A message that reaches a consumer while the database is down waits for it (the
            // transient retries), instead of faulting into the _error queue after the immediate ones.
            await platform.LoopPlanner.Services.GetRequiredService<IBus>()
                .Publish(arrivedWhileDown, context => context.MessageId = arrivedWhileDown.EventId);
            await Task.Delay(DatabaseOutage);
            await platform.Own.StartPostgresAsync();
            back = DateTimeOffset.UtcNow;
            readyAgain = await Testing.Eventually.Until(async () => (await probe.GetAsync("/health/ready")).StatusCode,
                status => status == HttpStatusCode.OK, "loop-planner ready again", TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromSeconds(1));
        });
        await flow.RunAsync(fault, Every);

        var figures = await Ledger.ReckonAsync(platform, flow, "PostgreSQL stop -m fast, 15 s, start", down, back);
        Ledger.Report(figures, output);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readinessWhileDown);
        Assert.Equal(HttpStatusCode.OK, livenessWhileDown);
        Assert.Equal(HttpStatusCode.OK, readyAgain);
        var journey = await Testing.Eventually.Until(() => platform.JourneyAsync(arrivedWhileDown.CandidateId),
            j => j.ValueKind == System.Text.Json.JsonValueKind.Object, "the event that arrived while PostgreSQL was down", TimeSpan.FromSeconds(30));
        Assert.Single(journey.GetProperty("steps").EnumerateArray());
        Assert.True(figures.Status503 > 0, "no request met the outage: the flow should have seen 503s while PostgreSQL was down");
    }

    [Fact]
    public async Task PostgreSQL_killed_with_SIGKILL_mid_flow_under_durable_settings_loses_no_acknowledged_write()
    {
        // The settings ./hiring up runs with by default: what makes an acknowledged commit survive a crash.
        Assert.Equal(("on", "on", "on"), await platform.Own.DurabilityAsync());
        var flow = new CandidateFlow(platform.Clients, "pgkill");
        using var probe = new HttpClient { BaseAddress = platform.LoopPlanner.Address, Timeout = TimeSpan.FromSeconds(10) };
        DateTimeOffset down = default, back = default;
        var fault = Task.Run(async () =>
        {
            await Task.Delay(Lead);
            down = DateTimeOffset.UtcNow;
            await platform.Own.KillPostgresAsync();
            await Task.Delay(Outage);
            await platform.Own.StartPostgresAsync();
            back = DateTimeOffset.UtcNow;
            await Testing.Eventually.Until(async () => (await probe.GetAsync("/health/ready")).StatusCode,
                status => status == HttpStatusCode.OK, "loop-planner ready again", TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromSeconds(1));
        });
        await flow.RunAsync(fault, Every);

        var figures = await Ledger.ReckonAsync(platform, flow, "PostgreSQL SIGKILL (postmaster and backends, durable settings), 5 s, start",
            down, back);
        Ledger.Report(figures, output);
        Assert.Equal(("on", "on", "on"), await platform.Own.DurabilityAsync());
        Assert.True(flow.Candidates.Sum(c => c.Scorecards.Count) > 0, "no scorecard was acknowledged: the flow tested nothing");
    }

    [Fact]
    public async Task The_scheduling_host_killed_9_while_consuming_and_started_again_loses_nothing()
    {
        var flow = new CandidateFlow(platform.Clients, "kill");
        DateTimeOffset down = default, back = default;
        var fault = Task.Run(async () =>
        {
            await Task.Delay(Lead);
            down = DateTimeOffset.UtcNow;
            await platform.Scheduling.KillAsync();
            await Task.Delay(TimeSpan.FromSeconds(2));
            await platform.Scheduling.StartAsync();
            back = DateTimeOffset.UtcNow;
            await Task.Delay(TimeSpan.FromSeconds(1));
        });
        await flow.RunAsync(fault, Every);
        Ledger.Report(await Ledger.ReckonAsync(platform, flow, "scheduling host kill -9, 2 s, start", down, back), output);
    }

    [Fact]
    public async Task The_scheduling_host_stopped_gracefully_mid_flow_finishes_or_returns_its_messages_and_loses_nothing()
    {
        var flow = new CandidateFlow(platform.Clients, "term");
        DateTimeOffset down = default, back = default;
        var stopped = TimeSpan.Zero;
        var fault = Task.Run(async () =>
        {
            await Task.Delay(Lead);
            down = DateTimeOffset.UtcNow;
            await platform.Scheduling.TerminateAsync(TimeSpan.FromSeconds(40));
            stopped = DateTimeOffset.UtcNow - down;
            await Task.Delay(TimeSpan.FromSeconds(1));
            await platform.Scheduling.StartAsync();
            back = DateTimeOffset.UtcNow;
            await Task.Delay(TimeSpan.FromSeconds(1));
        });
        await flow.RunAsync(fault, Every);
        Ledger.Report(await Ledger.ReckonAsync(platform, flow, "scheduling host SIGTERM, 1 s, start", down, back), output);
        output.WriteLine($"graceful stop took {stopped.TotalSeconds:0.0} s");
    }
}
