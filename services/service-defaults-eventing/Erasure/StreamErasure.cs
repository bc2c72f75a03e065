namespace HiringPlatform.ServiceDefaults.Erasure;

using HiringPlatform.ServiceDefaults.Idempotency;
using Marten;

/// <summary>
/// How a service erases a person from what it holds: Marten rewrites the events of the streams named (through the masking
/// rules the service registered, for the subject of the scope), the single-stream read models are aggregated again from the
/// masked events, and the stored Idempotency-Key answers that named one of the ids are forgotten. Events are never deleted,
/// so every stream replays as before with the personal text replaced. Running it twice masks nothing more: it is idempotent.
/// </summary>
public static class StreamErasure
{
    public static async Task MaskAsync(IDocumentStore store, ErasureSubject subject, IReadOnlyCollection<Guid> streams,
        CancellationToken cancellationToken)
    {
        if (streams.Count == 0)
        {
            return;
        }
        using (ErasureScope.Enter(subject))
        {
            await store.Advanced.ApplyEventDataMasking(masking =>
            {
                foreach (var stream in streams)
                {
                    masking.IncludeStream(stream);
                }
            }, cancellationToken);
        }
    }

    /// <summary>Aggregates each stream again into its single-stream read model, from the masked events, and stores it.</summary>
    public static async Task ReprojectAsync<TDocument>(IDocumentSession session, IEnumerable<Guid> streams, CancellationToken cancellationToken)
        where TDocument : class
    {
        foreach (var stream in streams)
        {
            if (await session.Events.AggregateStreamAsync<TDocument>(stream, token: cancellationToken) is { } document)
            {
                session.Store(document);
            }
        }
    }

    /// <summary>Forgets every stored Idempotency-Key answer whose path or location names one of the ids (its body may hold the person's data).</summary>
    public static void ForgetAnswers(IDocumentSession session, IEnumerable<Guid> ids)
    {
        foreach (var id in ids.Select(id => id.ToString()))
        {
            session.DeleteWhere<IdempotentRequest>(r => (r.Location != null && r.Location.Contains(id)) || (r.Path != null && r.Path.Contains(id)));
        }
    }
}
