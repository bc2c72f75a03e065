namespace HiringPlatform.LoopPlanner.Framework;

using System.Text.Json;

/// <summary>
/// The competency framework as versioned data: competencies, interview types with their
/// blueprints, and loop templates by level (DOMAIN.md). Validated on load; a bad file stops
/// the service with a message naming the file and the entry.
/// </summary>
public sealed record CompetencyFramework(
    string Version,
    IReadOnlyList<string> Competencies,
    IReadOnlyDictionary<string, InterviewType> InterviewTypes,
    IReadOnlyDictionary<string, IReadOnlyList<TemplateSlot>> LoopTemplates)
{
    public static readonly string DefaultPath = Path.Combine(AppContext.BaseDirectory, "Framework", "framework.v1.json");

    public IReadOnlyCollection<string> Levels => LoopTemplates.Keys.ToList();

    public static CompetencyFramework Load(string path)
    {
        var json = File.ReadAllText(path);
        var framework = JsonSerializer.Deserialize<CompetencyFramework>(json, JsonSerializerOptions.Web)
            ?? throw new InvalidDataException($"{path}: empty framework file.");
        var errors = framework.Validate().ToList();
        if (errors.Count > 0)
        {
            throw new InvalidDataException($"{path}: invalid competency framework:{Environment.NewLine}  "
                + string.Join(Environment.NewLine + "  ", errors));
        }
        return framework;
    }

    /// <summary>Every problem in the framework, each naming its entry.</summary>
    public IEnumerable<string> Validate()
    {
        var known = Competencies.ToHashSet(StringComparer.Ordinal);
        foreach (var (name, type) in InterviewTypes)
        {
            foreach (var error in ValidateBlueprint($"interviewTypes.{name}.blueprint", type.Blueprint, known))
            {
                yield return error;
            }
            if (type.DurationMinutes is <= 0 or > 480)
            {
                yield return $"interviewTypes.{name}.durationMinutes: must be between 1 and 480.";
            }
        }
        foreach (var (level, slots) in LoopTemplates)
        {
            for (var i = 0; i < slots.Count; i++)
            {
                var slot = slots[i];
                if (!InterviewTypes.ContainsKey(slot.Type))
                {
                    yield return $"loopTemplates.{level}[{i}].type: unknown interview type '{slot.Type}'.";
                }
                if (slot.Blueprint is not null)
                {
                    foreach (var error in ValidateBlueprint($"loopTemplates.{level}[{i}].blueprint", slot.Blueprint, known))
                    {
                        yield return error;
                    }
                }
            }
        }
    }

    private static IEnumerable<string> ValidateBlueprint(string entry, IReadOnlyDictionary<string, decimal> blueprint,
        HashSet<string> known)
    {
        foreach (var competency in blueprint.Keys.Where(c => !known.Contains(c)))
        {
            yield return $"{entry}: unknown competency '{competency}'.";
        }
        var sum = blueprint.Values.Sum();
        if (sum != 1m)
        {
            yield return $"{entry}: weights sum to {sum}, not 1.";
        }
    }
}

public sealed record InterviewType(int DurationMinutes, string Requirement, IReadOnlyDictionary<string, decimal> Blueprint);

/// <summary>One slot of a loop template; a flavour may carry its own blueprint.</summary>
public sealed record TemplateSlot(string Type, string? Flavour = null, IReadOnlyDictionary<string, decimal>? Blueprint = null);
