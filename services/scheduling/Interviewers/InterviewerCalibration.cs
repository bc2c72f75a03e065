namespace HiringPlatform.Scheduling.Interviewers;

using HiringPlatform.Contracts.Calibration;
using HiringPlatform.Scheduling.Interviews.Assignment;
using HiringPlatform.ServiceDefaults.EventStore;
using HiringPlatform.ServiceDefaults.Messaging;
using Marten;
using MassTransit;

/// <summary>The latest calibration calibration published for an interviewer (a document: calibration owns the facts).</summary>
public sealed record InterviewerCalibration(
    Guid Id,
    SeverityEstimate? Severity,
    IReadOnlyList<CalibrationFlag> Flags,
    DateTimeOffset UpdatedAt,
    Guid EventId)
{
    /// <summary>
    /// What the panel balance needs: severe when flagged or when the whole 90% interval is above
    /// the threshold, lenient likewise below minus it; the types flagged for the cog pattern (a
    /// flag without a type covers every type).
    /// </summary>
    public PanelCalibration ForPanel(double threshold)
    {
        var severe = Flags.Any(f => f.Detector == CalibrationDetectors.Severe) || Severity is { Lower90: var low } && low > threshold;
        var lenient = Flags.Any(f => f.Detector == CalibrationDetectors.Lenient) || Severity is { Upper90: var high } && high < -threshold;
        var cog = Flags.Where(f => f.Detector == CalibrationDetectors.CogInAMachine)
            .SelectMany(f => f.InterviewType is null ? SchedulingVocabulary.InterviewTypes : [f.InterviewType])
            .ToHashSet(StringComparer.Ordinal);
        return new PanelCalibration(severe, lenient, cog);
    }
}

/// <summary>InterviewerCalibrationUpdated in: the newest one per interviewer is kept for balancing panels.</summary>
public sealed class InterviewerCalibrationUpdatedConsumer(IDocumentSession session, TimeProvider clock)
    : IConsumer<InterviewerCalibrationUpdated>
{
    public async Task Consume(ConsumeContext<InterviewerCalibrationUpdated> context)
    {
        var update = context.Message;
        var token = context.CancellationToken;
        if (update.InterviewerId == Guid.Empty)
        {
            throw new UnprocessableMessageException($"InterviewerCalibrationUpdated {update.EventId} names no interviewer.");
        }
        if (!await session.FirstDeliveryAsync(update.EventId, nameof(InterviewerCalibrationUpdatedConsumer), clock, token))
        {
            return;
        }
        var known = await session.LoadAsync<InterviewerCalibration>(update.InterviewerId, token);
        if (known is null || known.UpdatedAt <= update.OccurredAt)
        {
            session.Store(new InterviewerCalibration(update.InterviewerId, update.Severity, update.Flags ?? [], update.OccurredAt,
                update.EventId));
        }
        await session.SaveChangesAsync(token);
    }
}
