namespace HiringPlatform.Demo;

using System.Text.Json;

// The parts of the gateway's answers (and the bodies of its requests) that the demo uses, read with
// System.Net.Http.Json's web defaults (camelCase); fields the demo does not need are left out.

internal sealed record InterviewerLoad(Guid InterviewerId, int WeeklyCap);

internal sealed record InterviewerProfile(string Name, string Email, string Team, string Seniority, IReadOnlyList<string> HiringManagerFor);

internal sealed record InterviewerRevision(string Name, string Email, string Team, string Seniority, IReadOnlyList<string> HiringManagerFor, int WeeklyCap);

internal sealed record NewInterviewer(string Name, string Email, string Team, string Seniority, IReadOnlyList<string> QualifiedFor,
    IReadOnlyList<string> HiringManagerFor, int WeeklyCap);

internal sealed record Registered(Guid Id);

internal sealed record Window(string StartsAt, string EndsAt);

internal sealed record NewCandidate(string ExternalId, string Name, string Email, string Role, string Level,
    IReadOnlyList<string> RequiredCompetencies, IReadOnlyList<Window> Availability);

internal sealed record SlotCompetency(string Competency, double Weight);

internal sealed record PlannedSlot(string InterviewType, IReadOnlyList<SlotCompetency> Competencies);

internal sealed record PlannedLoop(Guid LoopId, IReadOnlyList<PlannedSlot> Slots);

internal sealed record Application(Guid Id, PlannedLoop Loop);

internal sealed record ScorecardItem(Guid Id, Guid InterviewerId, string InterviewType, IReadOnlyList<string> Competencies, DateTimeOffset StartsAt);

internal sealed record ScorecardPage(IReadOnlyList<ScorecardItem> Items);

internal sealed record RatingEntry(string Competency, int? Rating, string? Evidence);

internal sealed record Probe(string Competency, double Share);

internal sealed record ScorecardSubmission(IReadOnlyList<RatingEntry> Ratings, IReadOnlyList<Probe> Probes, string Recommendation, string Summary);

internal sealed record HiringDecision(Guid CandidateId, string Decision, string Rationale, string DecidedBy);

/// <summary>One journey step; its event is read as the record its type calls for (<see cref="Read{T}"/>).</summary>
internal sealed record JourneyStep(string Type, DateTimeOffset OccurredAt, JsonElement Event)
{
    public T Read<T>() => Event.Deserialize<T>(JsonSerializerOptions.Web) ?? throw new JsonException($"an empty {Type} event");
}

internal sealed record Journey(IReadOnlyList<JourneyStep> Steps);

internal sealed record InterviewScheduledStep(string InterviewType, string? InterviewerName, DateTimeOffset StartsAt);

internal sealed record ScorecardSubmittedStep(string InterviewType, string Recommendation);

internal sealed record DecisionRecordedStep(string Decision, string DecidedBy);

internal sealed record LoopPlannedStep(IReadOnlyList<JsonElement> Slots);

internal sealed record ReportProgress(string Stage, int Percent);

internal sealed record ReportStatus(Guid Id, string Status, ReportProgress? Progress, string? FailureReason);

internal sealed record SeasonNotes(int Scorecards, int DecidedCandidates);

internal sealed record FlagAnswer(string InterviewerId, string Detector, string? Scope, string Status, string Reason, string? InterviewerName);

internal sealed record WhatIfCandidate(bool Flips);

internal sealed record WhatIfAnswer(int DecidedCandidates, IReadOnlyList<WhatIfCandidate> Candidates);

/// <summary>
/// A report as GET /api/v1/calibration/reports/{id} answers: its status alone while it runs, the summary with the
/// content once it is completed.
/// </summary>
internal sealed record ReportAnswer(ReportStatus? Summary, Guid Id, string? Status, ReportProgress? Progress, string? FailureReason,
    SeasonNotes? Notes, IReadOnlyList<FlagAnswer>? Flags, WhatIfAnswer? WhatIf)
{
    public ReportStatus Current => Summary ?? new ReportStatus(Id, Status ?? "unknown", Progress, FailureReason);
}
