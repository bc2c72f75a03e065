namespace HiringPlatform.Faults.Tests;

using System.Net;
using Xunit;
using Xunit.Abstractions;

/// <summary>
/// Each test drives a steady flow of candidates through the gateway and breaks one thing in
/// the middle of it. Afterwards every candidate's journey must be complete, nothing applied
/// twice, no interviewer double-booked, every acknowledged write durable, and no request may
/// have got a 500 (a dependency that is down is a 503 with Retry-After).
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class FaultTests(FaultsFixture platform, ITestOutputHelper output)
{
    private const int Candidates = 8;
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(350);
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task RabbitMQ_stopped_and_restarted_mid_flow_loses_nothing_and_applies_nothing_twice()
    {
        var flow = new CandidateFlow(platform.Client, "rmq");
        var run = flow.RunAsync(Candidates, Every);
        await Task.Delay(TimeSpan.FromSeconds(2));

        var down = DateTimeOffset.UtcNow;
        await platform.Own.StopRabbitMqAsync();
        await Task.Delay(Outage);
        await platform.Own.StartRabbitMqAsync();
        var back = DateTimeOffset.UtcNow;

        await run;
        Ledger.Report(await Ledger.ReckonAsync(platform, flow, "RabbitMQ stop_app, 5 s, start_app", down, back), output);
    }

    [Fact]
    public async Task PostgreSQL_restarted_mid_flow_answers_503_with_Retry_After_meanwhile_and_loses_nothing()
    {
        var flow = new CandidateFlow(platform.Client, "pg");
        var run = flow.RunAsync(Candidates, Every);
        await Task.Delay(TimeSpan.FromSeconds(2));

        using var probe = new HttpClient { BaseAddress = platform.LoopPlanner.Address, Timeout = TimeSpan.FromSeconds(10) };
        var down = DateTimeOffset.UtcNow;
        await platform.Own.StopPostgresAsync();
        var readinessWhileDown = await probe.GetAsync("/health/ready");
        var livenessWhileDown = await probe.GetAsync("/health/live");
        await Task.Delay(Outage);
        await platform.Own.StartPostgresAsync();
        var back = DateTimeOffset.UtcNow;
        var readyAgain = await Testing.Eventually.Until(async () => (await probe.GetAsync("/health/ready")).StatusCode,
            status => status == HttpStatusCode.OK, "loop-planner ready again", TimeSpan.FromSeconds(60));

        await run;
        var figures = await Ledger.ReckonAsync(platform, flow, "PostgreSQL stop -m fast, 5 s, start", down, back);
        Ledger.Report(figures, output);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, readinessWhileDown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, livenessWhileDown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readyAgain);
        Assert.True(figures.Status503 > 0, "no request met the outage: the flow should have seen 503s while PostgreSQL was down");
    }

    [Fact]
    public async Task The_scheduling_host_killed_9_while_consuming_and_started_again_loses_nothing()
    {
        var flow = new CandidateFlow(platform.Client, "kill");
        var run = flow.RunAsync(Candidates, Every);
        await Task.Delay(TimeSpan.FromSeconds(2));

        var down = DateTimeOffset.UtcNow;
        await platform.Scheduling.KillAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await platform.Scheduling.StartAsync();
        var back = DateTimeOffset.UtcNow;

        await run;
        Ledger.Report(await Ledger.ReckonAsync(platform, flow, "scheduling host kill -9, restart", down, back), output);
    }

    [Fact]
    public async Task The_scheduling_host_stopped_gracefully_mid_flow_finishes_or_returns_its_messages_and_loses_nothing()
    {
        var flow = new CandidateFlow(platform.Client, "term");
        var run = flow.RunAsync(Candidates, Every);
        await Task.Delay(TimeSpan.FromSeconds(2));

        var down = DateTimeOffset.UtcNow;
        await platform.Scheduling.TerminateAsync(TimeSpan.FromSeconds(40));
        var stopped = DateTimeOffset.UtcNow - down;
        await Task.Delay(TimeSpan.FromSeconds(1));
        await platform.Scheduling.StartAsync();
        var back = DateTimeOffset.UtcNow;

        await run;
        Ledger.Report(await Ledger.ReckonAsync(platform, flow, "scheduling host SIGTERM, restart", down, back), output);
        output.WriteLine($"graceful stop took {stopped.TotalSeconds:0.0} s");
    }
}
