namespace HiringPlatform.Scheduling.Tests;

using System.Collections.Concurrent;
using HiringPlatform.ServiceDefaults.Messaging;
using Xunit;

/// <summary>
/// The pipelined group commit on its own (no database): the order it prepares and commits in, and what it does when a
/// group it rested on does not commit. The bookings' part, on the real database, is in SchedulingFlowTests.
/// </summary>
public sealed class PipelinedGroupCommitTests
{
    /// <summary>What the group a prepared group rests on leaves behind: here, its items.</summary>
    private sealed record Left(int[] Items);

    /// <summary>A fake of the two sides: prepare and alone record what they are asked; commits wait on a gate per group.</summary>
    private sealed class Store
    {
        public ConcurrentQueue<string> Log { get; } = new();

        public ConcurrentDictionary<int, TaskCompletionSource> CommitGates { get; } = new();

        public ConcurrentDictionary<int, TaskCompletionSource<int[]?>> Prepared { get; } = new();

        public HashSet<int> FailingCommits { get; } = [];

        public HashSet<int> PoisonItems { get; } = [];

        public TaskCompletionSource Gate(int first) => CommitGates.GetOrAdd(first, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

        public TaskCompletionSource<int[]?> PreparedOn(int first) =>
            Prepared.GetOrAdd(first, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));

        /// <summary>Preparing the group that starts with this item waits until the gate opens (so that more items queue up meanwhile).</summary>
        public ConcurrentDictionary<int, TaskCompletionSource> PrepareGates { get; } = new();

        public async Task<PreparedGroup<Left, string>> Prepare(IReadOnlyList<int> items, Left? ahead)
        {
            var name = string.Join(',', items);
            Log.Enqueue($"prepare {name} on {(ahead is null ? "read" : string.Join(',', ahead.Items))}");
            PreparedOn(items[0]).TrySetResult(ahead?.Items);
            if (PrepareGates.TryGetValue(items[0], out var gate))
            {
                await gate.Task;
            }
            return new PreparedGroup<Left, string>(items.Select(i => $"piped {i}").ToList(), new Left(items.ToArray()),
                async () =>
                {
                    Log.Enqueue($"commit {name} starts");
                    await Gate(items[0]).Task;
                    if (FailingCommits.Contains(items[0]))
                    {
                        Log.Enqueue($"commit {name} fails");
                        throw new InvalidOperationException($"group {name} collided");
                    }
                    Log.Enqueue($"commit {name} ends");
                },
                new Released(() => Log.Enqueue($"released {name}")));
        }

        public Task<IReadOnlyList<string>> Alone(IReadOnlyList<int> items)
        {
            Log.Enqueue($"alone {string.Join(',', items)}");
            if (items.Any(PoisonItems.Contains))
            {
                throw new InvalidOperationException($"item {items.First(PoisonItems.Contains)} cannot be committed");
            }
            return Task.FromResult<IReadOnlyList<string>>(items.Select(i => $"alone {i}").ToList());
        }
    }

    private sealed class Released(Action released) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            released();
            return ValueTask.CompletedTask;
        }
    }

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task The_next_group_is_prepared_on_what_the_committing_one_leaves_and_commits_only_after_it_with_the_turn_held()
    {
        var store = new Store();
        var turn = new SemaphoreSlim(1, 1);
        await using var groups = new PipelinedGroupCommit<int, Left, string>(store.Prepare, store.Alone, limit: 2, chain: 8, turn);

        var (one, two, three) = await TwoGroupsAsync(store, groups);
        // While the first group commits (its gate shut), the second is prepared on it, and does not commit yet.
        await Task.Delay(200);
        Assert.DoesNotContain("commit 2,3 starts", store.Log);
        Assert.False(one.IsCompleted);
        Assert.Equal(0, turn.CurrentCount);

        store.Gate(1).SetResult();
        Assert.Equal("piped 1", await one.WaitAsync(Patience));
        store.Gate(2).SetResult();
        Assert.Equal(["piped 2", "piped 3"], await Task.WhenAll(two, three).WaitAsync(Patience));

        var log = store.Log.ToList();
        Assert.True(log.IndexOf("commit 1 ends") < log.IndexOf("commit 2,3 starts"), string.Join(" | ", log));
        Assert.True(log.IndexOf("prepare 2,3 on 1") < log.IndexOf("commit 1 ends"), string.Join(" | ", log));
        Assert.DoesNotContain(log, l => l.StartsWith("alone", StringComparison.Ordinal));
        await Eventually(() => turn.CurrentCount == 1, "the turn let go once nothing waits");
    }

    [Fact]
    public async Task When_the_committing_group_fails_the_group_prepared_on_it_is_let_go_uncommitted_and_both_are_done_again_alone()
    {
        var store = new Store();
        store.FailingCommits.Add(1);
        await using var groups = new PipelinedGroupCommit<int, Left, string>(store.Prepare, store.Alone, limit: 2, chain: 8,
            new SemaphoreSlim(1, 1));

        var (one, two, three) = await TwoGroupsAsync(store, groups);
        store.Gate(1).SetResult();

        Assert.Equal("alone 1", await one.WaitAsync(Patience));
        Assert.Equal(["alone 2", "alone 3"], await Task.WhenAll(two, three).WaitAsync(Patience));
        var log = store.Log.ToList();
        Assert.DoesNotContain("commit 2,3 starts", log);
        Assert.Contains("released 2,3", log);
        Assert.True(log.IndexOf("alone 1") < log.IndexOf("alone 2,3"), string.Join(" | ", log));
        // What is prepared next rests on the database again, not on a group that did not commit.
        var four = groups.CommitAsync(4, CancellationToken.None);
        Assert.Null(await store.PreparedOn(4).Task.WaitAsync(Patience));
        store.Gate(4).SetResult();
        Assert.Equal("piped 4", await four.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_group_that_cannot_be_prepared_is_done_alone_and_item_by_item_so_that_only_the_item_at_fault_fails()
    {
        var store = new Store();
        store.PoisonItems.Add(2);
        await using var groups = new PipelinedGroupCommit<int, Left, string>(
            (_, _) => throw new InvalidOperationException("the pool cannot be read"), store.Alone, limit: 8, chain: 8, new SemaphoreSlim(1, 1));

        var items = new[] { 1, 2, 3 }.Select(i => groups.CommitAsync(i, CancellationToken.None)).ToList();

        Assert.Equal("alone 1", await items[0].WaitAsync(Patience));
        var fault = await Assert.ThrowsAsync<InvalidOperationException>(() => items[1].WaitAsync(Patience));
        Assert.Equal("item 2 cannot be committed", fault.Message);
        Assert.Equal("alone 3", await items[2].WaitAsync(Patience));
    }

    [Fact]
    public async Task A_chain_lets_the_turn_go_after_its_limit_so_that_the_next_read_is_fresh()
    {
        var store = new Store();
        await using var groups = new PipelinedGroupCommit<int, Left, string>(store.Prepare, store.Alone, limit: 1, chain: 2,
            new SemaphoreSlim(1, 1));

        store.PrepareGates[1] = new();
        var one = groups.CommitAsync(1, CancellationToken.None);
        await store.PreparedOn(1).Task.WaitAsync(Patience);
        var rest = new[] { 2, 3 }.Select(i => groups.CommitAsync(i, CancellationToken.None)).ToList();
        store.PrepareGates[1].SetResult();
        Assert.Equal(new[] { 1 }, await store.PreparedOn(2).Task.WaitAsync(Patience));
        foreach (var first in new[] { 1, 2, 3 })
        {
            store.Gate(first).SetResult();
        }
        await Task.WhenAll(rest.Prepend(one)).WaitAsync(Patience);

        // Two groups to a chain: the third is prepared on a fresh read, not on the second.
        Assert.Null(await store.PreparedOn(3).Task.WaitAsync(Patience));
    }

    /// <summary>
    /// Item 1 alone in a first group (its preparing held until items 2 and 3 wait), then 2 and 3 in a second one, prepared
    /// on the first while the first's commit waits at its gate.
    /// </summary>
    private static async Task<(Task<string> One, Task<string> Two, Task<string> Three)> TwoGroupsAsync(Store store,
        PipelinedGroupCommit<int, Left, string> groups)
    {
        store.PrepareGates[1] = new();
        var one = groups.CommitAsync(1, CancellationToken.None);
        await store.PreparedOn(1).Task.WaitAsync(Patience);
        var two = groups.CommitAsync(2, CancellationToken.None);
        var three = groups.CommitAsync(3, CancellationToken.None);
        store.PrepareGates[1].SetResult();
        Assert.Equal(new[] { 1 }, await store.PreparedOn(2).Task.WaitAsync(Patience));
        return (one, two, three);
    }

    private static async Task Eventually(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"not so within {Patience}: {what}");
            await Task.Delay(20);
        }
    }
}
