namespace HiringPlatform.LoopPlanner.Questions;

using System.ComponentModel.DataAnnotations;

/// <summary>The question bank's settings (section QuestionBank), validated at start-up.</summary>
public sealed class QuestionBankOptions
{
    public const string Section = "QuestionBank";

    /// <summary>A question not reviewed for this many days is flagged as possibly outdated.</summary>
    [Range(1, 3650)]
    public int StalenessDays { get; set; } = 365;

    /// <summary>Tags naming techniques the bank marks as superseded (a question tagged so is outdated).</summary>
    public string[] SupersededTechniques { get; set; } = [];

    /// <summary>The competencies that make a question an ML question (DOMAIN.md's ML skillsets).</summary>
    public string[] MlCompetencies { get; set; } = [];

    /// <summary>The default bank added at start when its questions are not in the store yet; empty: none.</summary>
    public string? SeedPath { get; set; }

    public LintSettings ToLintSettings() => new(StalenessDays,
        SupersededTechniques.ToHashSet(StringComparer.Ordinal), MlCompetencies.ToHashSet(StringComparer.Ordinal));
}
