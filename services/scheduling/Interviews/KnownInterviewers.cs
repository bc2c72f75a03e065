namespace HiringPlatform.Scheduling.Interviews;

using System.Collections.Concurrent;
using HiringPlatform.Scheduling.Interviewers;
using Marten;

/// <summary>
/// The interviewers' documents as this process last read them. Reading the pool for a booking asks
/// the database only for every interviewer's id and version (one narrow query) and then loads the
/// documents that are new or changed, instead of deserialising the whole pool, with every
/// reservation, for every loop. What it returns is never older than that query: a document that
/// changes afterwards fails the booking's version check, as without the cache (a singleton per host).
/// </summary>
public sealed class KnownInterviewers
{
    private readonly ConcurrentDictionary<Guid, InterviewerDetails> byId = new();

    public async Task<IReadOnlyList<InterviewerDetails>> CurrentAsync(IQuerySession session, CancellationToken token)
    {
        var versions = await session.Query<InterviewerDetails>()
            .Select(d => new StoredVersion { Id = d.Id, Version = d.Version })
            .ToListAsync(token);
        var changed = versions.Where(v => !byId.TryGetValue(v.Id, out var known) || known.Version != v.Version)
            .Select(v => v.Id).ToList();
        if (changed.Count > 0)
        {
            foreach (var details in await session.LoadManyAsync<InterviewerDetails>(token, changed))
            {
                byId[details.Id] = details;
            }
        }
        if (byId.Count > versions.Count)
        {
            var current = versions.Select(v => v.Id).ToHashSet();
            foreach (var gone in byId.Keys.Where(id => !current.Contains(id)).ToList())
            {
                byId.TryRemove(gone, out _);
            }
        }
        return versions.Select(v => byId.TryGetValue(v.Id, out var details) ? details : null).OfType<InterviewerDetails>().ToList();
    }

    private sealed class StoredVersion
    {
        public Guid Id { get; init; }

        public int Version { get; init; }
    }
}
