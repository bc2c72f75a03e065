namespace HiringPlatform.Faults.Tests;

using Xunit;
using Xunit.Abstractions;

/// <summary>Start-up: a host is not ready before its database answers and its schema is in place.</summary>
[Collection(FaultsCollection.Name)]
public sealed class StartupTests(FaultsFixture platform, ITestOutputHelper output)
{
    [Fact]
    public async Task A_second_scheduling_replica_started_while_PostgreSQL_is_down_is_not_ready_until_it_is_back_then_shares_the_work()
    {
        await using var replica = new ServiceProcess("scheduling", "HiringPlatform.Scheduling.dll", "services/scheduling",
            platform.Infrastructure);
        await platform.Own.StopPostgresAsync();
        Exception? early;
        try
        {
            // Never ready while the database is down: it either waits or exits (Kubernetes restarts it).
            early = await Record.ExceptionAsync(() => replica.StartAsync(TimeSpan.FromSeconds(8)));
        }
        finally
        {
            await platform.Own.StartPostgresAsync();
        }
        Assert.NotNull(early);
        output.WriteLine($"while PostgreSQL was down: {early!.GetType().Name}");

        var restarted = false;
        try
        {
            // Still waiting: it comes up by itself once the database answers.
            await replica.WaitReadyAsync(TimeSpan.FromSeconds(60));
        }
        catch (InvalidOperationException)
        {
            // It gave up and exited (as a pod would, for Kubernetes to restart it): started again it comes up.
            restarted = true;
            await replica.StartAsync();
        }
        output.WriteLine(restarted ? "the replica exited and was started again" : "the replica waited and became ready by itself");

        // Two scheduling replicas now compete for LoopPlanned and one of them holds the daemon's lock.
        var flow = new CandidateFlow(platform.Clients, "two");
        await flow.RunAsync(Task.Delay(TimeSpan.FromSeconds(3)), TimeSpan.FromMilliseconds(500));
        Ledger.Report(await Ledger.ReckonAsync(platform, flow, "two scheduling replicas (second started while PostgreSQL was down)"),
            output);
    }
}
