namespace HiringPlatform.Scheduling.Interviews.Assignment;

using HiringPlatform.Scheduling.Interviewers;

/// <summary>A slot to fill, as the scheduler sees it.</summary>
public sealed record SlotToFill(Guid SlotId, int Order, string InterviewType, int DurationMinutes);

/// <summary>An interviewer who could be chosen, with the interviews they already have this week.</summary>
public sealed record Candidate(InterviewerDetails Interviewer, int BookedThisWeek);

public sealed record Assignment(Guid SlotId, InterviewerDetails Interviewer, DateTimeOffset StartsAt, DateTimeOffset EndsAt);

public abstract record AssignmentResult
{
    public sealed record Scheduled(IReadOnlyList<Assignment> Assignments) : AssignmentResult;

    public sealed record Failed(IReadOnlyList<(Guid SlotId, string InterviewType, string Reason)> Slots) : AssignmentResult;
}

/// <summary>
/// The thin scheduler of the platform foundation: every hard rule of DOMAIN.md that does not
/// need calendars (qualified for the type, staff+ for ml-system-design, the role's hiring
/// manager for career-chat, nobody twice in a loop, weekly cap), filling the most constrained
/// slot first with the least-loaded interviewer and preferring a team not yet on the panel.
/// Slots run back to back on the next working day from 09:00 UTC with a break between them. All or nothing: if one slot cannot be
/// filled, no slot is, and every unfillable slot names the rule that stopped it.
/// </summary>
public static class PanelAssigner
{
    public static readonly TimeSpan Break = TimeSpan.FromMinutes(15);

    public static AssignmentResult Assign(IReadOnlyList<SlotToFill> slots, string role, IReadOnlyList<Candidate> pool,
        DateTimeOffset plannedAt)
    {
        var onPanel = new HashSet<Guid>();
        var teams = new Dictionary<string, int>(StringComparer.Ordinal);
        var load = pool.ToDictionary(c => c.Interviewer.Id, c => c.BookedThisWeek);
        var chosenFor = new Dictionary<Guid, InterviewerDetails>();
        var failures = new List<(Guid, string, string)>();

        // Most constrained slot first (fewest eligible interviewers), so a scarce interviewer such
        // as the hiring manager is not spent on a slot that others could have run.
        var byScarcity = slots
            .OrderBy(slot => Eligible(slot, role, pool, onPanel, load).Eligible.Count)
            .ThenBy(slot => slot.Order);
        foreach (var slot in byScarcity)
        {
            var (eligible, reason) = Eligible(slot, role, pool, onPanel, load);
            if (eligible.Count == 0)
            {
                failures.Add((slot.SlotId, slot.InterviewType, reason));
                continue;
            }
            var chosen = eligible
                .OrderBy(i => load[i.Id])
                .ThenBy(i => teams.GetValueOrDefault(i.Team))
                .ThenBy(i => i.Id)
                .First();
            onPanel.Add(chosen.Id);
            load[chosen.Id]++;
            teams[chosen.Team] = teams.GetValueOrDefault(chosen.Team) + 1;
            chosenFor[slot.SlotId] = chosen;
        }

        if (failures.Count > 0)
        {
            return new AssignmentResult.Failed(failures.OrderBy(f => slots.First(s => s.SlotId == f.Item1).Order).ToList());
        }

        var assignments = new List<Assignment>();
        var start = FirstWorkingMorning(plannedAt);
        foreach (var slot in slots.OrderBy(s => s.Order))
        {
            var end = start.AddMinutes(slot.DurationMinutes);
            assignments.Add(new Assignment(slot.SlotId, chosenFor[slot.SlotId], start, end));
            start = end + Break;
        }
        return new AssignmentResult.Scheduled(assignments);
    }

    private static (List<InterviewerDetails> Eligible, string Reason) Eligible(SlotToFill slot, string role,
        IReadOnlyList<Candidate> pool, HashSet<Guid> onPanel, Dictionary<Guid, int> load)
    {
        var candidates = pool.Select(c => c.Interviewer).ToList();
        if (slot.InterviewType == "career-chat")
        {
            candidates = candidates.Where(i => i.HiringManagerFor.Contains(role, StringComparer.Ordinal)).ToList();
            if (candidates.Count == 0)
            {
                return ([], $"no hiring manager is registered for role '{role}'");
            }
        }
        else
        {
            candidates = candidates.Where(i => i.QualifiedFor.Contains(slot.InterviewType, StringComparer.Ordinal)).ToList();
            if (candidates.Count == 0)
            {
                return ([], $"no interviewer is qualified for {slot.InterviewType}");
            }
        }
        if (slot.InterviewType == "ml-system-design")
        {
            candidates = candidates.Where(i => SchedulingVocabulary.IsStaffOrAbove(i.Seniority)).ToList();
            if (candidates.Count == 0)
            {
                return ([], "no staff-or-above interviewer is qualified for ml-system-design");
            }
        }
        candidates = candidates.Where(i => !onPanel.Contains(i.Id)).ToList();
        if (candidates.Count == 0)
        {
            return ([], $"every eligible interviewer for {slot.InterviewType} is already on this loop");
        }
        candidates = candidates.Where(i => load[i.Id] < i.WeeklyCap).ToList();
        if (candidates.Count == 0)
        {
            return ([], $"every eligible interviewer for {slot.InterviewType} has reached their weekly cap");
        }
        return (candidates, "");
    }

    /// <summary>09:00 UTC on the first working day after the loop was planned.</summary>
    public static DateTimeOffset FirstWorkingMorning(DateTimeOffset plannedAt)
    {
        var day = plannedAt.UtcDateTime.Date.AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }
        return new DateTimeOffset(day.AddHours(9), TimeSpan.Zero);
    }

    /// <summary>Monday 00:00 UTC of the week that contains <paramref name="moment"/>.</summary>
    public static DateTimeOffset WeekStart(DateTimeOffset moment)
    {
        var day = moment.UtcDateTime.Date;
        var offset = ((int)day.DayOfWeek + 6) % 7;
        return new DateTimeOffset(day.AddDays(-offset), TimeSpan.Zero);
    }
}
