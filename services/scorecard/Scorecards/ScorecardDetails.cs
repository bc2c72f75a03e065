namespace HiringPlatform.Scorecard.Scorecards;

using Marten.Events.Aggregation;

/// <summary>A scorecard as the API shows it and the deciders read it. Inline: read right after a write.</summary>
public sealed record ScorecardDetails(
    Guid Id,
    Guid CandidateId,
    Guid InterviewerId,
    string InterviewType,
    IReadOnlyList<string> Competencies,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Status,
    IReadOnlyList<Rating>? Ratings,
    string? Recommendation,
    string? Summary,
    DateTimeOffset? SubmittedAt,
    int Version)
{
    public const string Pending = "pending";
    public const string Submitted = "submitted";
}

public sealed class ScorecardDetailsProjection : SingleStreamProjection<ScorecardDetails, Guid>
{
    public static ScorecardDetails Create(ScorecardOpened opened) =>
        new(opened.InterviewId, opened.CandidateId, opened.InterviewerId, opened.InterviewType, opened.Competencies,
            opened.StartsAt, opened.EndsAt, ScorecardDetails.Pending, null, null, null, null, 1);

    public static ScorecardDetails Apply(ScorecardSubmitted submitted, ScorecardDetails details) =>
        details with
        {
            Status = ScorecardDetails.Submitted,
            Ratings = submitted.Ratings,
            Recommendation = submitted.Recommendation,
            Summary = submitted.Summary,
            SubmittedAt = submitted.SubmittedAt,
            Version = details.Version + 1,
        };
}
