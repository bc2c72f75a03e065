namespace HiringPlatform.ServiceDefaults.Messaging;

/// <summary>
/// A group prepared for its commit: its outcomes once committed, what the next group may take for granted once it has
/// committed (<typeparamref name="TAhead"/>), the commit itself, and what to let go of afterwards.
/// </summary>
public sealed record PreparedGroup<TAhead, TOutcome>(
    IReadOnlyList<TOutcome> Outcomes, TAhead After, Func<Task> CommitAsync, IAsyncDisposable Owner);

/// <summary>
/// Group commit with the next group prepared while the one before it commits: where preparing a group is CPU work (the
/// scheduler placing loops) and committing it is the database's, the two overlap instead of taking turns.
/// <para>
/// A group is prepared on what the group in flight will leave behind (<typeparamref name="TAhead"/>), and it commits
/// only after that group has: if the group in flight fails, the one prepared on it is thrown away and done again from
/// the database (<c>alone</c>). Whatever the prepared commit itself checks (an optimistic version, a unique key) is
/// checked exactly as without the pipeline, since nothing is committed before the group it rests on has committed.
/// A chain of at most <c>chain</c> groups holds <c>turn</c>, so that other writers taking it get in between chains and
/// every chain starts from a fresh read. A group that fails on its own is done again item by item, so only the item at
/// fault fails (and its message goes to the retry and error queues as it would alone).
/// </para>
/// </summary>
public sealed class PipelinedGroupCommit<TItem, TAhead, TOutcome> : IAsyncDisposable
    where TAhead : class
{
    /// <summary>A group committing: <see cref="Committed"/> is true when it committed as prepared (its items answered then).</summary>
    private sealed record Flight(IReadOnlyList<GroupRequest<TItem, TOutcome>> Group, PreparedGroup<TAhead, TOutcome> Prepared, Task<bool> Committed);

    private readonly GroupQueue<TItem, TOutcome> waiting;
    private readonly Func<IReadOnlyList<TItem>, TAhead?, Task<PreparedGroup<TAhead, TOutcome>>> prepare;
    private readonly Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TOutcome>>> alone;
    private readonly int limit;
    private readonly int chain;
    private readonly SemaphoreSlim turn;

    /// <param name="prepare">Prepares a group on what the group in flight leaves behind (null: on the database as it is).</param>
    /// <param name="alone">Prepares and commits a group on the database as it is, retrying what it retries.</param>
    /// <param name="limit">The most items in a group.</param>
    /// <param name="chain">The most groups prepared one on the other before the turn is let go and the next read is fresh.</param>
    /// <param name="turn">Held for a chain.</param>
    public PipelinedGroupCommit(Func<IReadOnlyList<TItem>, TAhead?, Task<PreparedGroup<TAhead, TOutcome>>> prepare,
        Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TOutcome>>> alone, int limit, int chain, SemaphoreSlim turn)
    {
        this.prepare = prepare;
        this.alone = alone;
        this.limit = Math.Max(1, limit);
        this.chain = Math.Max(1, chain);
        this.turn = turn;
        waiting = new(TakeTurnsAsync);
    }

    /// <summary>Commits the item with whatever other items are waiting; completes when their transaction has committed.</summary>
    public Task<TOutcome> CommitAsync(TItem item, CancellationToken token) => waiting.EnqueueAsync(item, token);

    private async Task TakeTurnsAsync(GroupQueue<TItem, TOutcome> queue)
    {
        while (await queue.WaitToReadAsync())
        {
            await turn.WaitAsync();
            try
            {
                await ChainAsync();
            }
            finally
            {
                turn.Release();
            }
        }
    }

    private async Task ChainAsync()
    {
        Flight? flight = null;
        for (var n = 0; n < chain; n++)
        {
            var group = waiting.Take(limit);
            if (group.Count == 0)
            {
                break;
            }
            PreparedGroup<TAhead, TOutcome>? next = null;
            try
            {
                next = await prepare(Items(group), flight?.Prepared.After);
            }
            catch (Exception)
            {
                // Prepared nothing: done alone below, once the group in flight has landed.
            }
            var landed = flight is null || await LandAsync(flight);
            flight = null;
            if (next is not null && !landed)
            {
                // Prepared on a group that did not commit as prepared: what it took for granted is not so.
                await next.Owner.DisposeAsync();
                next = null;
            }
            if (next is null)
            {
                await AloneAsync(group);
                continue;
            }
            flight = new Flight(group, next, CommitAsync(group, next));
        }
        if (flight is not null)
        {
            await LandAsync(flight);
        }
    }

    private static List<TItem> Items(IReadOnlyList<GroupRequest<TItem, TOutcome>> group) => group.Select(r => r.Item).ToList();

    /// <summary>Commits a prepared group and answers its items as soon as it has; false when it did not commit.</summary>
    private static async Task<bool> CommitAsync(IReadOnlyList<GroupRequest<TItem, TOutcome>> group, PreparedGroup<TAhead, TOutcome> prepared)
    {
        try
        {
            await prepared.CommitAsync();
        }
        catch (Exception)
        {
            return false;
        }
        for (var i = 0; i < group.Count; i++)
        {
            group[i].Done.TrySetResult(prepared.Outcomes[i]);
        }
        return true;
    }

    /// <summary>Waits for the group in flight: true when it committed as prepared; otherwise it is done again alone.</summary>
    private async Task<bool> LandAsync(Flight flight)
    {
        var committed = await flight.Committed;
        await flight.Prepared.Owner.DisposeAsync();
        if (!committed)
        {
            await AloneAsync(flight.Group);
        }
        return committed;
    }

    private Task AloneAsync(IReadOnlyList<GroupRequest<TItem, TOutcome>> group) => GroupRequest<TItem, TOutcome>.CommitAsync(group, alone);

    public ValueTask DisposeAsync() => waiting.DisposeAsync();
}
