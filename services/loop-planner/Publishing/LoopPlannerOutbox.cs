namespace HiringPlatform.LoopPlanner.Publishing;

using HiringPlatform.Contracts;
using HiringPlatform.LoopPlanner.Applications;
using HiringPlatform.ServiceDefaults.EventStore;
using JasperFx.Events;
using MassTransit;
using Microsoft.Extensions.Options;
using Contract = HiringPlatform.Contracts.LoopPlanner;

/// <summary>Maps loop-planner's committed domain events to the integration events in contracts/.</summary>
public sealed class LoopPlannerOutbox(IBus bus, IOptions<EventStoreOptions> options) : IntegrationEventOutbox(bus, options)
{
    protected override IEnumerable<IIntegrationEvent> Map(IEvent @event)
    {
        switch (@event.Data)
        {
            case ApplicationSubmitted submitted:
                yield return new Contract.CandidateApplied(@event.Id, submitted.ApplicationId, submitted.ExternalId,
                    submitted.Name, submitted.Email, submitted.Role, submitted.Level, submitted.SubmittedAt, submitted.Actor,
                    submitted.TimeZone, Windows(submitted.Availability));
                break;
            case InterviewLoopPlanned planned:
                yield return new Contract.LoopPlanned(@event.Id, planned.ApplicationId, planned.LoopId,
                    planned.Role, planned.Level, Slots(planned.Slots), planned.CoverageGaps, planned.PlannedAt, planned.Actor,
                    planned.CandidateTimeZone, Windows(planned.CandidateAvailability));
                break;
            case InterviewLoopRevised revised:
                yield return new Contract.LoopRevised(@event.Id, revised.ApplicationId, revised.LoopId, revised.Change, revised.Reason,
                    Slots(revised.Slots), revised.AddedSlotIds, revised.RemovedSlotIds, revised.RevisedAt, revised.Actor);
                break;
            case InterviewLoopCancelled cancelled:
                yield return new Contract.LoopCancelled(@event.Id, cancelled.ApplicationId, cancelled.LoopId, cancelled.Reason,
                    cancelled.CancelledAt, cancelled.Actor);
                break;
            case ApplicationWithdrawn withdrawn:
                yield return new Contract.ApplicationWithdrawn(@event.Id, withdrawn.ApplicationId, withdrawn.Reason, withdrawn.WithdrawnAt,
                    withdrawn.Actor);
                break;
            case CandidateErasureRecorded erased:
                yield return new Contract.CandidateErased(@event.Id, erased.ApplicationId, erased.Reason, erased.ErasedAt, erased.Actor);
                break;
        }
    }

    private static List<Contract.PlannedSlot> Slots(IEnumerable<Framework.PlannedSlot> slots) =>
        slots.Select(slot => new Contract.PlannedSlot(slot.SlotId, slot.Order, slot.InterviewType, slot.DurationMinutes,
            slot.Competencies.Select(c => new Contract.CompetencyWeight(c.Competency, c.Weight)).ToList(),
            slot.Requirement)).ToList();

    private static List<AvailabilityWindow> Windows(IEnumerable<CandidateWindow>? windows) =>
        (windows ?? []).Select(w => new AvailabilityWindow(w.StartsAt, w.EndsAt)).ToList();
}
