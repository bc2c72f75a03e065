namespace HiringPlatform.LoopPlanner.Questions;

using Marten.Events.Aggregation;

/// <summary>A question as the bank shows it. Inline: readable right after the write, and planning reads it.</summary>
public sealed record QuestionDetails(
    Guid Id,
    int Revision,
    string Status,
    QuestionContent Content,
    IReadOnlyList<LintFinding> Findings,
    DateTimeOffset AddedAt,
    DateTimeOffset? RetiredAt,
    string? RetiredBecause,
    int Version)
{
    public const string Active = "active";
    public const string Retired = "retired";
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
