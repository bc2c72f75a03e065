namespace HiringPlatform.Scorecard.Scorecards;

using Marten;

/// <summary>
/// A write that lost an optimistic-concurrency race is decided again on the scorecard as it now stands, when the caller
/// did not pin a version: the service's own overdue monitor marks past cards while their interviewers submit them, and
/// a submission must not fail because of it. A write with <c>If-Match</c> asked for that version, so it keeps its
/// 409/412; a real conflict (the card was submitted meanwhile) comes out of the decision, not the race.
/// </summary>
public static class Redecided
{
    public const int MaxAttempts = 3;

    public static async Task<T> RunAsync<T>(HttpContext http, IDocumentSession first, ISessionFactory sessions,
        Func<IDocumentSession, Task<T>> write)
    {
        var session = first;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    return await write(session);
                }
                catch (Exception exception) when (attempt < MaxAttempts && ServiceDefaults.EventStore.Collisions.IsVersionRace(exception) && http.Request.Headers.IfMatch.Count == 0)
                {
                    if (!ReferenceEquals(session, first))
                    {
                        await session.DisposeAsync();
                    }
                    session = sessions.OpenSession();
                }
            }
        }
        finally
        {
            if (!ReferenceEquals(session, first))
            {
                await session.DisposeAsync();
            }
        }
    }
}
