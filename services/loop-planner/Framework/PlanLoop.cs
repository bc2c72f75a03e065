namespace HiringPlatform.LoopPlanner.Framework;

/// <summary>A slot of a planned loop: what to run, for how long, what it must measure, who may run it.</summary>
public sealed record PlannedSlot(
    Guid SlotId,
    int Order,
    string InterviewType,
    string? Flavour,
    int DurationMinutes,
    IReadOnlyList<SlotCompetency> Competencies,
    string Requirement);

public sealed record SlotCompetency(string Competency, decimal Weight);

public sealed record LoopPlan(IReadOnlyList<PlannedSlot> Slots, IReadOnlyList<string> CoverageGaps);

/// <summary>Expands the level's template into slots and reports the role's competencies no slot covers.</summary>
public static class LoopPlanning
{
    public static LoopPlan Plan(CompetencyFramework framework, string level, IReadOnlyCollection<string> requiredCompetencies,
        Func<Guid> newId)
    {
        var template = framework.LoopTemplates[level];
        var slots = template
            .Select((slot, index) =>
            {
                var type = framework.InterviewTypes[slot.Type];
                var blueprint = slot.Blueprint ?? type.Blueprint;
                return new PlannedSlot(
                    newId(),
                    index + 1,
                    slot.Type,
                    slot.Flavour,
                    type.DurationMinutes,
                    blueprint.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal)
                        .Select(pair => new SlotCompetency(pair.Key, pair.Value)).ToList(),
                    type.Requirement);
            })
            .ToList();

        var covered = slots.SelectMany(slot => slot.Competencies).Select(c => c.Competency).ToHashSet(StringComparer.Ordinal);
        var gaps = requiredCompetencies.Where(c => !covered.Contains(c)).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToList();
        return new LoopPlan(slots, gaps);
    }
}
