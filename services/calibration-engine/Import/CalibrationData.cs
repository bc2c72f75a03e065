namespace HiringPlatform.Calibration.Engine.Import;

public enum Recommendation
{
    StrongNo = 0,
    No = 1,
    Yes = 2,
    StrongYes = 3,
}

/// <summary>The rating scale, e.g. 1-4. Ratings are recoded to categories 0..K with K = Max - Min.</summary>
public sealed record RatingScale(int Min, int Max)
{
    public static readonly RatingScale Default = new(1, 4);

    public int K => Max - Min;

    public static RatingScale Parse(string text)
    {
        var parts = text.Split('-');
        if (parts.Length != 2
            || !int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var min)
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var max)
            || max <= min)
        {
            throw new CalibrationImportException($"--scale: expected MIN-MAX with 0 <= MIN < MAX (e.g. 1-4), found '{text}'");
        }

        return new RatingScale(min, max);
    }

    public override string ToString() => $"{Min}-{Max}";
}

/// <summary>One assessed competency: indices into <see cref="CalibrationData"/>'s id arrays; Category = rating - scale minimum.</summary>
public readonly record struct Observation(int Candidate, int Interviewer, int Competency, int Type, int Category, int Scorecard);

/// <summary>One interview (scorecard): who interviewed whom, the overall recommendation, the competencies rated and the probe shares.</summary>
public sealed record Scorecard(
    string InterviewId,
    int Candidate,
    int Interviewer,
    int Type,
    Recommendation? Recommendation,
    DateTimeOffset? OccurredAt,
    IReadOnlyList<int> ListedCompetencies,
    IReadOnlyList<int> RatedCompetencies,
    IReadOnlyDictionary<int, double> ProbeShares);

/// <summary>Everything the analysis reads, with ids sorted ordinally so that the analysis is deterministic.</summary>
public sealed class CalibrationData
{
    public required RatingScale Scale { get; init; }

    public required IReadOnlyList<string> CandidateIds { get; init; }

    public required IReadOnlyList<string> InterviewerIds { get; init; }

    /// <summary>Display name per interviewer (optional interviewer_name column), null when none was given.</summary>
    public IReadOnlyList<string?> InterviewerNames { get; init; } = [];

    public string? InterviewerName(int interviewer) => interviewer < InterviewerNames.Count ? InterviewerNames[interviewer] : null;

    public required IReadOnlyList<string> CompetencyIds { get; init; }

    public required IReadOnlyList<string> TypeIds { get; init; }

    public required Observation[] Observations { get; init; }

    public required IReadOnlyList<Scorecard> Scorecards { get; init; }

    /// <summary>Final decision per candidate (true = hire), null when unknown.</summary>
    public required IReadOnlyList<bool?> Hired { get; init; }

    /// <summary>Group index per candidate into <see cref="GroupIds"/>, -1 when unknown.</summary>
    public required IReadOnlyList<int> GroupOf { get; init; }

    public required IReadOnlyList<string> GroupIds { get; init; }

    /// <summary>Blueprint weights per type index, dense over competency indices (sum 1).</summary>
    public required IReadOnlyList<double[]> Blueprints { get; init; }

    /// <summary>Whether the blueprint of each type came from a file, the shipped defaults, or the competencies seen.</summary>
    public required IReadOnlyList<string> BlueprintSources { get; init; }

    public bool HasRecommendations => Scorecards.Any(s => s.Recommendation is not null);

    public bool HasProbeShares => Scorecards.Any(s => s.ProbeShares.Count > 0);

    public bool HasDecisions => Hired.Any(h => h is not null);

    public bool HasGroups => GroupIds.Count > 1;
}
