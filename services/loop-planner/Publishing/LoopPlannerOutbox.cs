namespace HiringPlatform.LoopPlanner.Publishing;

using HiringPlatform.Contracts;
using HiringPlatform.LoopPlanner.Applications;
using HiringPlatform.ServiceDefaults.EventStore;
using JasperFx.Events;
using MassTransit;
using Contract = HiringPlatform.Contracts.LoopPlanner;

/// <summary>Maps loop-planner's committed domain events to the integration events in contracts/.</summary>
public sealed class LoopPlannerOutbox(IBus bus) : IntegrationEventOutbox(bus)
{
    protected override IEnumerable<IIntegrationEvent> Map(IEvent @event)
    {
        switch (@event.Data)
        {
            case ApplicationSubmitted submitted:
                yield return new Contract.CandidateApplied(@event.Id, submitted.ApplicationId, submitted.ExternalId,
                    submitted.Name, submitted.Email, submitted.Role, submitted.Level, submitted.SubmittedAt, submitted.Actor);
                break;
            case InterviewLoopPlanned planned:
                yield return new Contract.LoopPlanned(@event.Id, planned.ApplicationId, planned.LoopId,
                    planned.Role, planned.Level,
                    planned.Slots.Select(slot => new Contract.PlannedSlot(slot.SlotId, slot.Order, slot.InterviewType,
                        slot.DurationMinutes,
                        slot.Competencies.Select(c => new Contract.CompetencyWeight(c.Competency, c.Weight)).ToList(),
                        slot.Requirement)).ToList(),
                    planned.CoverageGaps, planned.PlannedAt, planned.Actor);
                break;
        }
    }
}
