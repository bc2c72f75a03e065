namespace HiringPlatform.Scheduling.Interviews;

using HiringPlatform.Contracts.Scorecard;
using HiringPlatform.Scheduling.Interviewers;
using HiringPlatform.Scheduling.Interviews.Assignment;
using HiringPlatform.ServiceDefaults.EventStore;
using HiringPlatform.ServiceDefaults.Messaging;
using Marten;
using MassTransit;
using Microsoft.Extensions.Options;

/// <summary>
/// ScorecardSubmitted in: the interview took place, so it is recorded as held and its trainee's
/// session counts toward their next stage (the same as POST .../held).
/// </summary>
public sealed class ScorecardSubmittedConsumer(HeldInterviews held) : IConsumer<ScorecardSubmitted>
{
    public Task Consume(ConsumeContext<ScorecardSubmitted> context) => held.HoldAsync(context.Message, context.CancellationToken);
}

/// <summary>
/// Group commit of held interviews: every scorecard waiting is recorded in one transaction (loops read in one query,
/// each loop's and each trainee's events appended once at the version read). A held record reads no interviewer pool,
/// so it does not take the booking turn: it commits beside the bookings, and the optimistic check on the loop's and the
/// trainee's streams retries it when a booking, a move or another instance wrote there first.
/// </summary>
public sealed class HeldInterviews : IAsyncDisposable
{
    private readonly GroupCommit<ScorecardSubmitted, bool> groups;

    public HeldInterviews(IServiceScopeFactory scopes, IOptions<SchedulingOptions> options, IOptions<TrainingOptions> training)
    {
        groups = new(async submitted =>
        {
            await using var scope = scopes.CreateAsyncScope();
            var booking = scope.ServiceProvider.GetRequiredService<Booking>();
            return await booking.RunAsync(session => HoldAsync(session, submitted, training.Value, booking.Now, CancellationToken.None),
                CancellationToken.None, takeTurn: false);
        }, options.Value.GroupCommitLimit);
    }

    /// <summary>Records the scorecard's interview as held with whatever others are waiting; true when this one recorded it.</summary>
    public Task<bool> HoldAsync(ScorecardSubmitted submitted, CancellationToken token) => groups.CommitAsync(submitted, token);

    /// <summary>
    /// Holds each scorecard's interview once (a repeat, an unknown interview or one already held changes nothing) and
    /// commits them together.
    /// </summary>
    public static async Task<IReadOnlyList<bool>> HoldAsync(IDocumentSession session, IReadOnlyList<ScorecardSubmitted> submitted,
        TrainingOptions training, DateTimeOffset now, CancellationToken token)
    {
        var first = (await session.FirstDeliveriesAsync(submitted.Select(s => s.EventId), nameof(ScorecardSubmittedConsumer),
            TimeProvider.System, token)).ToHashSet();
        var candidates = submitted.Select(s => s.CandidateId).Distinct().ToArray();
        var loops = await session.Query<LoopSchedule>().Where(l => candidates.Contains(l.CandidateId)).ToListAsync(token);
        var outcomes = new bool[submitted.Count];
        var holding = new List<(LoopSchedule Loop, ScheduledInterview Interview)>();
        for (var i = 0; i < submitted.Count; i++)
        {
            var s = submitted[i];
            if (!first.Remove(s.EventId))
            {
                continue;
            }
            var loop = loops.FirstOrDefault(l => l.CandidateId == s.CandidateId && l.Interviews.Any(x => x.Id == s.InterviewId));
            var interview = loop?.Interviews.First(x => x.Id == s.InterviewId);
            if (loop is null || interview is null || interview.Held || holding.Any(h => h.Interview.Id == interview.Id))
            {
                continue;
            }
            holding.Add((loop, interview));
            outcomes[i] = true;
        }
        await TrainingProgress.HoldAsync(session, holding, training, now, LoopPlannedConsumer.Actor, token);
        return outcomes;
    }

    public ValueTask DisposeAsync() => groups.DisposeAsync();
}

/// <summary>Scheduling's held interviews' endpoint takes two groups of <see cref="SchedulingOptions.GroupCommitLimit"/> messages at once.</summary>
public sealed class SchedulingGroupDefinition<TConsumer>(IOptions<SchedulingOptions> options)
    : GroupCommitConsumerDefinition<TConsumer>(options.Value.GroupCommitLimit)
    where TConsumer : class, IConsumer;

/// <summary>
/// The planned loops' endpoint takes three groups at once: the pipelined booking holds two (one committing, the next
/// being scheduled) while the third fills.
/// </summary>
public sealed class LoopPlannedDefinition(IOptions<SchedulingOptions> options)
    : GroupCommitConsumerDefinition<LoopPlannedConsumer>(options.Value.GroupCommitLimit, groups: 3);
