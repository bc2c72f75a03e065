namespace HiringPlatform.Scorecard.Scorecards;

using HiringPlatform.ServiceDefaults.Http;

/// <summary>What an interviewer writes on a scorecard, as sent (nullable, so every error can be listed).</summary>
public sealed record ScorecardContent(
    IReadOnlyList<RatingInput>? Ratings,
    [property: ClosedSet(typeof(Recommendations))] string? Recommendation,
    IReadOnlyList<ProbeInput>? Probes,
    string? Summary);

public sealed record RatingInput(string? Competency, int? Rating, string? Evidence);

public sealed record ProbeInput(string? Competency, string? Topic, decimal? Share);

/// <summary>The rules of a scorecard's content, shared by submissions and amendments.</summary>
public static class ScorecardContentRules
{
    public const string OtherTopic = "other";

    public static Dictionary<string, string[]> Validate(ScorecardDetails card, ScorecardContent content)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) =>
            errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

        var ratings = content.Ratings ?? [];
        if (ratings.Count == 0)
        {
            Add("ratings", $"Rate every competency of the blueprint: {string.Join(", ", card.Competencies)}.");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < ratings.Count; i++)
        {
            var rating = ratings[i];
            if (rating is null)
            {
                Add($"ratings[{i}]", "Required.");
                continue;
            }
            if (rating.Competency is null || !card.Competencies.Contains(rating.Competency, StringComparer.Ordinal))
            {
                Add($"ratings[{i}].competency",
                    $"'{rating.Competency}' is not on this interview's blueprint ({string.Join(", ", card.Competencies)}).");
            }
            else if (!seen.Add(rating.Competency))
            {
                Add($"ratings[{i}].competency", $"'{rating.Competency}' is rated twice.");
            }
            if (rating.Rating is < 1 or > 4)
            {
                Add($"ratings[{i}].rating", $"{rating.Rating} is outside 1-4 (strong no, no, yes, strong yes); null means not assessed.");
            }
            if (rating.Evidence is { Length: > 4000 })
            {
                Add($"ratings[{i}].evidence", "At most 4000 characters.");
            }
        }
        if (ratings.Count > 0)
        {
            foreach (var missing in card.Competencies.Where(c => !seen.Contains(c)))
            {
                Add("ratings", $"'{missing}' is missing: rate it or send it with a null rating (not assessed).");
            }
        }

        if (content.Recommendation is null || !Recommendations.All.Contains(content.Recommendation))
        {
            Add("recommendation", $"Expected one of {string.Join(", ", Recommendations.All)}.");
        }

        var probes = content.Probes ?? [];
        for (var i = 0; i < probes.Count; i++)
        {
            var probe = probes[i];
            if (probe is null)
            {
                Add($"probes[{i}]", "Required.");
                continue;
            }
            if (probe.Competency is null || (probe.Competency != OtherTopic && !card.Competencies.Contains(probe.Competency, StringComparer.Ordinal)))
            {
                Add($"probes[{i}].competency", $"'{probe.Competency}' is neither on the blueprint nor '{OtherTopic}'.");
            }
            if (probe.Share is null or < 0 or > 1)
            {
                Add($"probes[{i}].share", "A share of the interview's time between 0 and 1.");
            }
            if (probe.Topic is { Length: > 200 })
            {
                Add($"probes[{i}].topic", "At most 200 characters.");
            }
        }
        var total = probes.Where(p => p?.Share is >= 0 and <= 1).Sum(p => p!.Share!.Value);
        if (total > 1)
        {
            Add("probes", $"The shares sum to {total}, more than the whole interview (1).");
        }

        if (content.Summary is { Length: > 10000 })
        {
            Add("summary", "At most 10000 characters.");
        }
        return errors;
    }

    public static IReadOnlyList<Rating> RatingsOf(ScorecardContent content) =>
        content.Ratings!.Select(r => new Rating(r.Competency!, r.Rating, r.Evidence)).ToList();

    public static IReadOnlyList<Probe> ProbesOf(ScorecardContent content) =>
        (content.Probes ?? []).Select(p => new Probe(p.Competency!, p.Topic, p.Share!.Value)).ToList();
}
