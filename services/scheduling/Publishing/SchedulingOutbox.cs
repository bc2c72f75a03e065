namespace HiringPlatform.Scheduling.Publishing;

using HiringPlatform.Contracts;
using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Scheduling.Interviewers;
using HiringPlatform.Scheduling.Interviews;
using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.EventStore;
using JasperFx.Events;
using MassTransit;
using Microsoft.Extensions.Options;
using Contract = HiringPlatform.Contracts.Scheduling;

/// <summary>Maps scheduling's committed domain events to the integration events in contracts/.</summary>
public sealed class SchedulingOutbox(IBus bus, IOptions<EventStoreOptions> options) : IntegrationEventOutbox(bus, options)
{
    protected override IEnumerable<IIntegrationEvent> Map(IEvent @event)
    {
        switch (@event.Data)
        {
            case InterviewerRegistered registered:
                yield return new Contract.InterviewerRegistered(@event.Id, registered.InterviewerId, registered.Name,
                    registered.Email, registered.Team, registered.Seniority, registered.QualifiedFor,
                    registered.RegisteredAt, registered.Actor);
                break;
            case InterviewerErasureRecorded erased:
                yield return new Contract.InterviewerErased(@event.Id, erased.InterviewerId, erased.Reason, erased.ErasedAt, erased.Actor);
                break;
            case InterviewerQualificationsAssigned assigned:
                foreach (var type in assigned.NewlyQualified ?? [])
                {
                    // One integration event per newly qualified type, its id derived from the domain event's and the type.
                    yield return new Contract.InterviewerQualified(DerivedIds.From(@event.Id, DerivedIds.From(type)),
                        assigned.InterviewerId, type, assigned.AssignedAt, assigned.Actor);
                }
                break;
            case TrainingStageReached { Stage: TrainingStage.Qualified } reached:
                yield return new Contract.InterviewerQualified(@event.Id, reached.InterviewerId, reached.InterviewType,
                    reached.ReachedAt, reached.Actor);
                break;
            case InterviewBooked booked:
                yield return new Contract.InterviewScheduled(@event.Id, booked.CandidateId, booked.LoopId,
                    booked.InterviewId, booked.SlotId, booked.InterviewType, booked.InterviewerId, booked.InterviewerName,
                    booked.StartsAt, booked.EndsAt,
                    booked.Competencies.Select(c => new CompetencyWeight(c.Competency, c.Weight)).ToList(),
                    booked.BookedAt, booked.Actor,
                    booked.Trainee is { } trainee
                        ? [new Contract.InterviewTrainee(trainee.InterviewerId, trainee.Name, StageName(trainee.Stage))]
                        : null);
                break;
            case InterviewMoved moved:
                yield return new Contract.InterviewRescheduled(@event.Id, moved.CandidateId, moved.LoopId, moved.InterviewId,
                    moved.InterviewerId, moved.InterviewerName, moved.StartsAt, moved.EndsAt, moved.Reason, moved.MovedAt,
                    moved.Actor);
                break;
            case InterviewReleased released:
                yield return new Contract.InterviewCancelled(@event.Id, released.CandidateId, released.LoopId,
                    released.InterviewId, released.Reason, released.ReleasedAt, released.Actor);
                break;
            case InterviewHeld held:
                yield return new Contract.InterviewHeld(@event.Id, held.CandidateId, held.LoopId, held.InterviewId, held.HeldAt, held.Actor);
                break;
            case LoopSchedulingFailed failed:
                yield return new Contract.SchedulingFailed(@event.Id, failed.CandidateId, failed.LoopId,
                    failed.Slots.Select(s => new Contract.UnschedulableSlot(s.SlotId, s.InterviewType, s.Reason)).ToList(),
                    failed.FailedAt, failed.Actor);
                break;
        }
    }

    /// <summary>The trainee's stage as the contract spells it (the scorecard keeps their card, not counting).</summary>
    private static string StageName(TrainingStage stage) => stage switch
    {
        TrainingStage.Shadow => "shadow",
        TrainingStage.ReverseShadow => "reverse-shadow",
        _ => "qualified",
    };
}
