namespace HiringPlatform.Scheduling.Interviews;

using HiringPlatform.Contracts.Scorecard;
using HiringPlatform.Scheduling.Interviewers;
using HiringPlatform.ServiceDefaults.EventStore;
using Marten;
using MassTransit;
using Microsoft.Extensions.Options;

/// <summary>
/// ScorecardSubmitted in: the interview took place, so it is recorded as held and its trainee's
/// session counts toward their next stage (the same as POST .../held).
/// </summary>
public sealed class ScorecardSubmittedConsumer(Booking booking, IOptions<TrainingOptions> training) : IConsumer<ScorecardSubmitted>
{
    public async Task Consume(ConsumeContext<ScorecardSubmitted> context)
    {
        var submitted = context.Message;
        var token = context.CancellationToken;
        await booking.RunAsync(async session =>
        {
            if (!await session.FirstDeliveryAsync(submitted.EventId, nameof(ScorecardSubmittedConsumer), TimeProvider.System, token))
            {
                return false;
            }
            var loop = (await session.Query<LoopSchedule>()
                    .Where(l => l.CandidateId == submitted.CandidateId)
                    .ToListAsync(token))
                .FirstOrDefault(l => l.Interviews.Any(i => i.Id == submitted.InterviewId));
            var interview = loop?.Interviews.First(i => i.Id == submitted.InterviewId);
            if (loop is null || interview is null || interview.Held)
            {
                await session.SaveChangesAsync(token);
                return false;
            }
            await TrainingProgress.HoldAsync(session, loop, interview, training.Value, booking.Now, LoopPlannedConsumer.Actor, token);
            return true;
        }, token);
    }
}
