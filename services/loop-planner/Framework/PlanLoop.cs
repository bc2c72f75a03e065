namespace HiringPlatform.LoopPlanner.Framework;

using HiringPlatform.LoopPlanner.Questions;

/// <summary>A slot of a planned loop: what to run, for how long, what it must measure, who may run it, and the question.</summary>
public sealed record PlannedSlot(
    Guid SlotId,
    int Order,
    string InterviewType,
    string? Flavour,
    int DurationMinutes,
    IReadOnlyList<SlotCompetency> Competencies,
    string Requirement,
    Guid? QuestionId = null);

public sealed record SlotCompetency(string Competency, decimal Weight);

/// <summary>
/// A planned loop: its slots, the role's competencies no slot measures (a gap is reported, not
/// hidden), and the slots the bank had no eligible question for.
/// </summary>
public sealed record LoopPlan(IReadOnlyList<PlannedSlot> Slots, IReadOnlyList<string> CoverageGaps,
    IReadOnlyList<string>? QuestionGaps = null);

/// <summary>What a loop is planned from: the level, the role's competencies and the role's overrides.</summary>
public sealed record PlanInput(
    string Level,
    IReadOnlyCollection<string> RequiredCompetencies,
    IReadOnlyList<TemplateSlot>? TemplateOverride = null,
    string? DomainCompetency = null);

/// <summary>Where questions come from: the bank, what this candidate has seen, how often each question was used.</summary>
public sealed record QuestionPick(QuestionBank Bank, IReadOnlySet<Guid> Seen, IReadOnlyDictionary<Guid, int> Usage);

/// <summary>
/// The decision of planning: expands the level's template (or the role's override) into slots,
/// reports the role's competencies no slot covers, and picks a question for each slot.
/// Pure: no I/O, so it is unit-tested and benchmarked on its own.
/// </summary>
public static class LoopPlanning
{
    public static LoopPlan Plan(CompetencyFramework framework, string level, IReadOnlyCollection<string> requiredCompetencies,
        Func<Guid> newId) =>
        Plan(framework, new PlanInput(level, requiredCompetencies), null, newId);

    public static LoopPlan Plan(CompetencyFramework framework, PlanInput input, QuestionPick? pick, Func<Guid> newId)
    {
        var template = input.TemplateOverride ?? framework.LoopTemplates[input.Level];
        var slots = new List<PlannedSlot>(template.Count);
        for (var i = 0; i < template.Count; i++)
        {
            slots.Add(Expand(framework, template[i], i + 1, input.DomainCompetency, newId));
        }
        return Complete(slots, input.RequiredCompetencies, pick);
    }

    /// <summary>One template slot as a planned slot; a project deep dive also measures the role's domain competency.</summary>
    public static PlannedSlot Expand(CompetencyFramework framework, TemplateSlot slot, int order, string? domainCompetency,
        Func<Guid> newId)
    {
        var type = framework.InterviewTypes[slot.Type];
        IEnumerable<KeyValuePair<string, decimal>> blueprint = slot.Blueprint ?? type.Blueprint;
        if (domainCompetency is not null && slot.Type == "project-deep-dive" && slot.Blueprint is null
            && !type.Blueprint.ContainsKey(domainCompetency))
        {
            // DOMAIN.md: "+ the role's domain competency when named": a fifth of the time, the rest scaled.
            blueprint = type.Blueprint.Select(pair => KeyValuePair.Create(pair.Key, pair.Value * 0.8m))
                .Append(KeyValuePair.Create(domainCompetency, 0.2m));
        }
        return new PlannedSlot(
            newId(),
            order,
            slot.Type,
            slot.Flavour,
            type.DurationMinutes,
            blueprint.OrderByDescending(pair => pair.Value).ThenBy(pair => pair.Key, StringComparer.Ordinal)
                .Select(pair => new SlotCompetency(pair.Key, pair.Value)).ToList(),
            type.Requirement);
    }

    /// <summary>
    /// Numbers the slots, fills each slot without a question from the bank, and reports the
    /// coverage and question gaps. Used by planning and by every revision.
    /// </summary>
    public static LoopPlan Complete(IReadOnlyList<PlannedSlot> slots, IReadOnlyCollection<string> requiredCompetencies,
        QuestionPick? pick)
    {
        var result = new List<PlannedSlot>(slots.Count);
        var chosen = new HashSet<Guid>(slots.Where(s => s.QuestionId is not null).Select(s => s.QuestionId!.Value));
        var questionGaps = new List<string>();
        for (var i = 0; i < slots.Count; i++)
        {
            var slot = slots[i] with { Order = i + 1 };
            if (pick is not null && slot.QuestionId is null)
            {
                var question = QuestionSelection.Pick(slot, pick, chosen);
                if (question is null)
                {
                    questionGaps.Add($"slot {slot.Order} ({slot.InterviewType}): no eligible question in the bank "
                        + "(matching type and competencies, unseen by the candidate, without blocking lint findings); add one.");
                }
                else
                {
                    chosen.Add(question.Value);
                    slot = slot with { QuestionId = question };
                }
            }
            result.Add(slot);
        }
        return new LoopPlan(result, CoverageGaps(result, requiredCompetencies), questionGaps);
    }

    public static IReadOnlyList<string> CoverageGaps(IEnumerable<PlannedSlot> slots, IReadOnlyCollection<string> requiredCompetencies)
    {
        var covered = slots.SelectMany(slot => slot.Competencies).Select(c => c.Competency).ToHashSet(StringComparer.Ordinal);
        return requiredCompetencies.Where(c => !covered.Contains(c)).Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal).ToList();
    }
}
