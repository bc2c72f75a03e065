namespace HiringPlatform.Scheduling.Interviews;

using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Scheduling.Interviewers;
using HiringPlatform.Scheduling.Interviews.Assignment;
using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.EventStore;
using HiringPlatform.ServiceDefaults.Messaging;
using Marten;
using MassTransit;

/// <summary>
/// LoopPlanned in: the panel is assigned and every interview booked on the loop's stream, or the
/// loop's failure recorded; the outbox then publishes InterviewScheduled or SchedulingFailed.
/// </summary>
public sealed class LoopPlannedConsumer(IDocumentSession session, TimeProvider clock) : IConsumer<LoopPlanned>
{
    public const string Actor = "system:scheduling";

    public async Task Consume(ConsumeContext<LoopPlanned> context)
    {
        var loop = context.Message;
        if (loop.Slots.Count == 0 || loop.LoopId == Guid.Empty || loop.CandidateId == Guid.Empty)
        {
            throw new UnprocessableMessageException(
                $"LoopPlanned {loop.EventId} has no slots, no loop id or no candidate id; it cannot be scheduled.");
        }
        var token = context.CancellationToken;
        if (!await session.FirstDeliveryAsync(loop.EventId, nameof(LoopPlannedConsumer), clock, token))
        {
            return;
        }

        var slots = loop.Slots.Select(s => new SlotToFill(s.SlotId, s.Order, s.InterviewType, s.DurationMinutes)).ToList();
        var start = PanelAssigner.FirstWorkingMorning(loop.OccurredAt);
        var weekStart = PanelAssigner.WeekStart(start);
        var booked = await session.Query<ScheduledInterview>()
            .Where(i => i.StartsAt >= weekStart && i.StartsAt < weekStart.AddDays(7))
            .Select(i => i.InterviewerId)
            .ToListAsync(token);
        var loadByInterviewer = booked.GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        var pool = (await session.Query<InterviewerDetails>().ToListAsync(token))
            .Select(i => new Candidate(i, loadByInterviewer.GetValueOrDefault(i.Id)))
            .ToList();

        var now = clock.GetUtcNow();
        object[] events = PanelAssigner.Assign(slots, loop.Role, pool, loop.OccurredAt) switch
        {
            AssignmentResult.Scheduled scheduled => scheduled.Assignments.Select(a =>
            {
                var slot = loop.Slots.Single(s => s.SlotId == a.SlotId);
                return (object)new InterviewBooked(loop.LoopId, loop.CandidateId, Guid.CreateVersion7(), a.SlotId,
                    slot.InterviewType, a.Interviewer.Id, a.Interviewer.Name, a.StartsAt, a.EndsAt,
                    slot.Competencies.Select(c => new SlotCompetency(c.Competency, c.Weight)).ToList(), now, Actor);
            }).ToArray(),
            AssignmentResult.Failed failed =>
            [
                new LoopSchedulingFailed(loop.LoopId, loop.CandidateId,
                    failed.Slots.Select(f => new SlotFailure(f.SlotId, f.InterviewType, f.Reason)).ToList(), now, Actor),
            ],
            _ => throw new InvalidOperationException("Unknown assignment result."),
        };
        // The loop's stream starts once: a second LoopPlanned for the same loop collides and changes nothing.
        session.Events.StartStream(loop.LoopId, events);
        await session.SaveChangesAsync(token);
    }
}

public static class LoopScheduleEndpoints
{
    public static IEndpointRouteBuilder MapLoopScheduleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/loops/{loopId:guid}/schedule", async (Guid loopId, IQuerySession session, CancellationToken token) =>
            {
                var interviews = await session.Query<ScheduledInterview>()
                    .Where(i => i.LoopId == loopId)
                    .OrderBy(i => i.StartsAt)
                    .ToListAsync(token);
                if (interviews.Count > 0)
                {
                    return Results.Ok(new { loopId, status = "scheduled", interviews });
                }
                var events = await session.Events.FetchStreamAsync(loopId, token: token);
                return events.Select(e => e.Data).OfType<LoopSchedulingFailed>().FirstOrDefault() is { } failed
                    ? Results.Ok(new { loopId, status = "failed", failures = failed.Slots })
                    : HiringPlatform.ServiceDefaults.Problems.Problem.NotFound("Loop schedule", loopId);
            })
            .WithTags("Schedules")
            .WithName("GetLoopSchedule");
        return app;
    }
}
