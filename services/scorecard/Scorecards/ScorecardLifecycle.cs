namespace HiringPlatform.Scorecard.Scorecards;

using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Contracts.Scheduling;
using HiringPlatform.ServiceDefaults.EventStore;
using HiringPlatform.ServiceDefaults.Messaging;
using Marten;
using MassTransit;

/// <summary>
/// The scorecards follow the schedule: InterviewScheduled opens one for the interviewer (and one
/// per trainee), InterviewRescheduled moves them, InterviewCancelled voids them. Every consumer
/// is idempotent on the integration event's id.
/// </summary>
public sealed class ScorecardLifecycleConsumer(IDocumentSession session, TimeProvider clock) :
    IConsumer<InterviewScheduled>,
    IConsumer<InterviewRescheduled>,
    IConsumer<InterviewCancelled>,
    IConsumer<CandidateApplied>
{
    public const string Actor = "system:scorecard";

    public async Task Consume(ConsumeContext<InterviewScheduled> context)
    {
        var interview = context.Message;
        if (interview.InterviewId == Guid.Empty || interview.CandidateId == Guid.Empty || interview.Competencies.Count == 0)
        {
            throw new UnprocessableMessageException(
                $"InterviewScheduled {interview.EventId} has no interview id, candidate id or competencies.");
        }
        if (!await session.FirstDeliveryAsync(interview.EventId, nameof(ScorecardLifecycleConsumer), clock, context.CancellationToken))
        {
            return;
        }
        var now = clock.GetUtcNow();
        var competencies = interview.Competencies.Select(c => c.Competency).ToList();
        var panel = new List<(Guid Interviewer, string Stage, bool Counts)> { (interview.InterviewerId, Stages.Qualified, true) };
        panel.AddRange((interview.Trainees ?? []).Select(t => (t.InterviewerId, t.Stage, false)));
        foreach (var (interviewer, stage, counts) in panel)
        {
            var id = ScorecardIds.For(interview.InterviewId, interviewer, trainee: !counts);
            session.Events.StartStream<ScorecardDetails>(id, new ScorecardOpened(id, interview.InterviewId, interview.CandidateId,
                interview.LoopId, interviewer, interview.InterviewType, competencies, interview.StartsAt, interview.EndsAt, stage,
                counts, now, Actor));
        }
        await session.SaveChangesAsync(context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<InterviewRescheduled> context)
    {
        var moved = context.Message;
        if (!await session.FirstDeliveryAsync(moved.EventId, nameof(ScorecardLifecycleConsumer), clock, context.CancellationToken))
        {
            return;
        }
        var card = await session.LoadAsync<ScorecardDetails>(moved.InterviewId, context.CancellationToken)
            ?? throw new InvalidOperationException($"No scorecard yet for interview {moved.InterviewId}; retrying.");
        if (card.Status == ScorecardDetails.Pending)
        {
            session.Events.Append(card.Id, new ScorecardMoved(card.Id, moved.InterviewerId, moved.StartsAt, moved.EndsAt,
                moved.Reason, clock.GetUtcNow(), Actor));
        }
        await session.SaveChangesAsync(context.CancellationToken);
    }

    public async Task Consume(ConsumeContext<InterviewCancelled> context)
    {
        var cancelled = context.Message;
        if (!await session.FirstDeliveryAsync(cancelled.EventId, nameof(ScorecardLifecycleConsumer), clock, context.CancellationToken))
        {
            return;
        }
        var cards = await session.Query<ScorecardDetails>()
            .Where(s => s.InterviewId == cancelled.InterviewId && s.Status == ScorecardDetails.Pending)
            .ToListAsync(context.CancellationToken);
        foreach (var card in cards)
        {
            session.Events.Append(card.Id, new ScorecardVoided(card.Id, cancelled.Reason, clock.GetUtcNow(), Actor));
        }
        await session.SaveChangesAsync(context.CancellationToken);
    }

    /// <summary>Remembers who submitted the candidate: their recruiter, for the overdue view.</summary>
    public async Task Consume(ConsumeContext<CandidateApplied> context)
    {
        session.Store(new CandidateRecruiter(context.Message.CandidateId, context.Message.Actor));
        await session.SaveChangesAsync(context.CancellationToken);
    }
}
