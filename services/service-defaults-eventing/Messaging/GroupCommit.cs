namespace HiringPlatform.ServiceDefaults.Messaging;

using System.Threading.Channels;
using System.Diagnostics;
using JasperFx.Events;
using MassTransit;

/// <summary>
/// Group commit: callers hand in items one at a time; one turn at a time takes every item waiting (up to the limit) and
/// commits them together, so many consumers' messages share one transaction and its round trips. When a group fails, each
/// of its items is committed on its own, so only the item at fault fails (and its message goes to the retry and error
/// queues as it would alone). A singleton per host; scheduling's planned loops and held interviews and calibration's
/// journeys use it.
/// </summary>
public sealed class GroupCommit<TItem, TOutcome> : IAsyncDisposable
{
    private readonly GroupQueue<TItem, TOutcome> waiting;

    public GroupCommit(Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TOutcome>>> commit, int limit)
    {
        waiting = new(async queue =>
        {
            while (await queue.WaitToReadAsync())
            {
                await GroupRequest<TItem, TOutcome>.CommitAsync(queue.Take(limit), commit);
            }
        });
    }

    /// <summary>Commits the item with whatever other items are waiting; completes when their transaction has committed.</summary>
    public Task<TOutcome> CommitAsync(TItem item, CancellationToken token) => waiting.EnqueueAsync(item, token);

    public ValueTask DisposeAsync() => waiting.DisposeAsync();
}

/// <summary>
/// The items waiting for a group commit and the one loop that takes them in groups, started with the first item; disposing
/// lets the loop finish what is waiting.
/// </summary>
internal sealed class GroupQueue<TItem, TOutcome>(Func<GroupQueue<TItem, TOutcome>, Task> takeTurns) : IAsyncDisposable
{
    private readonly Channel<GroupRequest<TItem, TOutcome>> waiting =
        Channel.CreateUnbounded<GroupRequest<TItem, TOutcome>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock start = new();
    private Task? turns;

    /// <summary>Queues the item; completes with its outcome once its group has committed.</summary>
    public Task<TOutcome> EnqueueAsync(TItem item, CancellationToken token)
    {
        var request = new GroupRequest<TItem, TOutcome>(item);
        if (!waiting.Writer.TryWrite(request))
        {
            throw new OperationCanceledException("the service is shutting down");
        }
        lock (start)
        {
            turns ??= Task.Run(() => takeTurns(this), CancellationToken.None);
        }
        return request.Done.Task.WaitAsync(token);
    }

    /// <summary>Waits until an item waits (false once disposed and drained).</summary>
    public ValueTask<bool> WaitToReadAsync() => waiting.Reader.WaitToReadAsync();

    /// <summary>Every item waiting, up to <paramref name="limit"/> (at least one each time).</summary>
    public List<GroupRequest<TItem, TOutcome>> Take(int limit)
    {
        var group = new List<GroupRequest<TItem, TOutcome>>();
        while (group.Count < Math.Max(1, limit) && waiting.Reader.TryRead(out var request))
        {
            group.Add(request);
        }
        return group;
    }

    public async ValueTask DisposeAsync()
    {
        waiting.Writer.TryComplete();
        if (turns is not null)
        {
            await turns;
        }
    }
}

/// <summary>An item handed to a group commit and its answer, once its group has committed.</summary>
internal sealed record GroupRequest<TItem, TOutcome>(TItem Item)
{
    public TaskCompletionSource<TOutcome> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// Commits the group and answers its items; when the group fails, each item is committed on its own, so only the item
    /// at fault fails (and its message goes to the retry and error queues as it would alone).
    /// </summary>
    public static async Task CommitAsync(IReadOnlyList<GroupRequest<TItem, TOutcome>> group,
        Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TOutcome>>> commit)
    {
        try
        {
            var outcomes = await commit(group.Select(r => r.Item).ToList());
            for (var i = 0; i < group.Count; i++)
            {
                group[i].Done.TrySetResult(outcomes[i]);
            }
        }
        catch (Exception) when (group.Count > 1)
        {
            foreach (var request in group)
            {
                await CommitAsync([request], commit);
            }
        }
        catch (Exception e)
        {
            group[0].Done.TrySetException(e);
        }
    }
}

/// <summary>
/// A group-committing consumer's endpoint takes as many messages at once as two groups hold (and prefetches that many):
/// while one group commits, the next fills, so a burst is committed in full groups rather than a full one and then
/// whatever arrived during its commit. A pipelined group commit holds two groups (one committing, the next being
/// prepared), so its endpoint takes three groups' worth. Each service derives one with its own configured limit.
/// </summary>
public abstract class GroupCommitConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected GroupCommitConsumerDefinition(int limit, int groups = 2)
    {
        ConcurrentMessageLimit = Math.Max(1, groups) * Math.Max(1, limit);
    }

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<TConsumer> consumer,
        IRegistrationContext context)
    {
        if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbit)
        {
            rabbit.PrefetchCount = Math.Max(rabbit.PrefetchCount, ConcurrentMessageLimit ?? 1);
        }
    }
}

/// <summary>
/// The trace each message of a group was handled in, on the events it wrote: Marten would give every event of a session
/// the session's, and the outbox publishes an event in the trace it finds there.
/// </summary>
public static class GroupTrace
{
    public static void Stamp(IEnumerable<IEvent> events, ActivityContext trace)
    {
        if (trace == default)
        {
            return;
        }
        foreach (var e in events)
        {
            e.CorrelationId = trace.TraceId.ToString();
            e.CausationId = $"00-{trace.TraceId}-{trace.SpanId}-{((trace.TraceFlags & ActivityTraceFlags.Recorded) != 0 ? "01" : "00")}";
        }
    }
}
