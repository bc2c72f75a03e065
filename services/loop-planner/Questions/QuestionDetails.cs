namespace HiringPlatform.LoopPlanner.Questions;

using HiringPlatform.ServiceDefaults.Http;
using JasperFx.Events;
using Marten.Events.Aggregation;

/// <summary>A question as the bank shows it. Inline: readable right after the write, and planning reads it.</summary>
public sealed record QuestionDetails(
    Guid Id,
    int Revision,
    [property: ClosedSet(typeof(QuestionDetails), nameof(QuestionDetails.Statuses))] string Status,
    QuestionContent Content,
    IReadOnlyList<LintFinding> Findings,
    DateTimeOffset AddedAt,
    DateTimeOffset? RetiredAt,
    string? RetiredBecause,
    int Version)
{
    public const string Active = "active";
    public const string Retired = "retired";

    public static readonly IReadOnlyList<string> Statuses = [Active, Retired];
}

public sealed partial class QuestionDetailsProjection : SingleStreamProjection<QuestionDetails, Guid>
{
    public static QuestionDetails Create(QuestionAdded added) =>
        new(added.QuestionId, 1, QuestionDetails.Active, added.Content, added.Findings, added.AddedAt, null, null, 1);

    public static QuestionDetails Apply(QuestionRevised revised, QuestionDetails details) =>
        details with { Revision = revised.Revision, Content = revised.Content, Findings = revised.Findings, Version = details.Version + 1 };

    public static QuestionDetails Apply(QuestionRetired retired, QuestionDetails details) =>
        details with
        {
            Status = QuestionDetails.Retired,
            RetiredAt = retired.RetiredAt,
            RetiredBecause = retired.Reason,
            Version = details.Version + 1,
        };
}

/// <summary>
/// Where each question stands in the questions' change feed (the sequence of its last event), with
/// the fields the list filters on. Async, like the candidates' feed: the daemon applies events in
/// sequence order up to the high-water mark, so a cursor over the position neither skips nor repeats.
/// </summary>
public sealed record QuestionFeedEntry(Guid Id, long Position, DateTimeOffset UpdatedAt, string InterviewType, string Status);

public sealed partial class QuestionFeedProjection : SingleStreamProjection<QuestionFeedEntry, Guid>
{
    public static QuestionFeedEntry Create(IEvent<QuestionAdded> e) =>
        new(e.StreamId, e.Sequence, e.Timestamp, e.Data.Content.InterviewType, QuestionDetails.Active);

    public static QuestionFeedEntry Apply(IEvent<QuestionRevised> e, QuestionFeedEntry entry) =>
        entry with { Position = e.Sequence, UpdatedAt = e.Timestamp, InterviewType = e.Data.Content.InterviewType };

    public static QuestionFeedEntry Apply(IEvent<QuestionRetired> e, QuestionFeedEntry entry) =>
        entry with { Position = e.Sequence, UpdatedAt = e.Timestamp, Status = QuestionDetails.Retired };
}
