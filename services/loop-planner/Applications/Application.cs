namespace HiringPlatform.LoopPlanner.Applications;

using HiringPlatform.LoopPlanner.Framework;

/// <summary>An HR system submitted a candidate for a role at a level.</summary>
public sealed record ApplicationSubmitted(
    Guid ApplicationId,
    string? ExternalId,
    string Name,
    string Email,
    string Role,
    string Level,
    IReadOnlyList<string> RequiredCompetencies,
    DateTimeOffset SubmittedAt,
    string Actor);

/// <summary>The loop planned for the application from its level's template.</summary>
public sealed record InterviewLoopPlanned(
    Guid ApplicationId,
    Guid LoopId,
    string Role,
    string Level,
    string FrameworkVersion,
    IReadOnlyList<PlannedSlot> Slots,
    IReadOnlyList<string> CoverageGaps,
    DateTimeOffset PlannedAt,
    string Actor);
