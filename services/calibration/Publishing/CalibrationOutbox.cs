namespace HiringPlatform.Calibration.Publishing;

using HiringPlatform.Calibration.RatingSets;
using HiringPlatform.Calibration.Reports;
using HiringPlatform.Contracts;
using HiringPlatform.Contracts.Calibration;
using HiringPlatform.ServiceDefaults.EventStore;
using JasperFx.Events;
using MassTransit;
using Microsoft.Extensions.Options;

/// <summary>
/// A completed report becomes <see cref="CalibrationReportGenerated"/> and, for the platform's own
/// history, one <see cref="InterviewerCalibrationUpdated"/> per interviewer (severity with its 90%
/// interval and the actionable flags) so scheduling can balance panels. The journeys recorded here
/// are other services' events and are never republished.
/// </summary>
public sealed class CalibrationOutbox(IBus bus, IOptions<EventStoreOptions> options) : IntegrationEventOutbox(bus, options)
{
    protected override IEnumerable<IIntegrationEvent> Map(IEvent @event)
    {
        if (@event.Data is not ReportCompleted completed)
        {
            yield break;
        }

        const string actor = "system:calibration";
        yield return new CalibrationReportGenerated(@event.Id, completed.ReportId, completed.RatingSet, completed.AsOf, completed.WindowStart,
            completed.WindowEnd, completed.ConfigVersion, completed.InputHash, completed.ReportHash, completed.Feedback.Count,
            completed.Flags, completed.ActionableFlags, completed.CompletedAt, actor);
        if (completed.RatingSet != RatingSetIds.Platform)
        {
            yield break;
        }

        foreach (var feedback in completed.Feedback)
        {
            if (!Guid.TryParse(feedback.InterviewerId, out var interviewer))
            {
                continue;
            }
            var severity = feedback is { Severity: { } logits, SeverityLow90: { } low, SeverityHigh90: { } high }
                ? new SeverityEstimate(logits, low, high, feedback.Ratings)
                : null;
            var flags = feedback.Flags.Where(f => f.Status == FlagStatus.Actionable)
                .Select(f => new CalibrationFlag(f.Detector, f.InterviewType, f.Reason)).ToList();
            // Deterministic id per (report, interviewer): a republished page is recognised as a duplicate.
            var id = ServiceDefaults.DerivedIds.From(@event.Id, interviewer);
            // The moment the report describes, so that scheduling keeps the newest state (a report as of last year changes nothing).
            yield return new InterviewerCalibrationUpdated(id, interviewer, severity, flags, completed.AsOf, actor);
        }
    }
}
