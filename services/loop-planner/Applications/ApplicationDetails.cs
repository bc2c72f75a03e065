namespace HiringPlatform.LoopPlanner.Applications;

using HiringPlatform.LoopPlanner.Framework;
using Marten.Events.Aggregation;

/// <summary>What the API shows of an application and its loop. Inline: readable right after the write.</summary>
public sealed record ApplicationDetails(
    Guid Id,
    string? ExternalId,
    string Name,
    string Email,
    string Role,
    string Level,
    IReadOnlyList<string> RequiredCompetencies,
    DateTimeOffset SubmittedAt,
    LoopDetails? Loop,
    int Version);

public sealed record LoopDetails(Guid LoopId, string FrameworkVersion, IReadOnlyList<PlannedSlot> Slots,
    IReadOnlyList<string> CoverageGaps, DateTimeOffset PlannedAt);

public sealed class ApplicationDetailsProjection : SingleStreamProjection<ApplicationDetails, Guid>
{
    public static ApplicationDetails Create(ApplicationSubmitted submitted) =>
        new(submitted.ApplicationId, submitted.ExternalId, submitted.Name, submitted.Email, submitted.Role,
            submitted.Level, submitted.RequiredCompetencies, submitted.SubmittedAt, null, 1);

    public static ApplicationDetails Apply(InterviewLoopPlanned planned, ApplicationDetails details) =>
        details with
        {
            Loop = new LoopDetails(planned.LoopId, planned.FrameworkVersion, planned.Slots, planned.CoverageGaps, planned.PlannedAt),
            Version = details.Version + 1,
        };
}
