namespace HiringPlatform.Scheduling.Interviews.Assignment;

using HiringPlatform.Scheduling.Interviewers;

/// <summary>
/// The hard rules on who may take a slot, one function each (docs/scheduling.md, "Hard
/// constraints"). The scheduler only ever places an interviewer these allow; which types carry a
/// seniority or hiring-manager rule is data (<see cref="InterviewTypeRules"/>). The rules on the
/// loop as a whole (nobody twice, no overlap, breaks) are the search's own (<see cref="PanelAssigner"/>).
/// </summary>
public static class Eligibility
{
    /// <summary>
    /// Qualification and training stage: the interviewer runs a type only at the qualified stage;
    /// a shadow or reverse shadow never runs an interview alone.
    /// </summary>
    public static bool IsQualifiedFor(PoolMember member, string interviewType) =>
        member.Stages.TryGetValue(interviewType, out var stage) && stage == TrainingStage.Qualified;

    /// <summary>Training stage: a shadow or reverse shadow for the type may sit in, except on a hiring manager's interview.</summary>
    public static bool MaySitIn(PoolMember member, string interviewType, InterviewerRule rule) =>
        !rule.HiringManager && member.IsTrainee(interviewType);

    /// <summary>Seniority: at least the rule's seniority (staff or above for ml-system-design), when the type names one.</summary>
    public static bool IsSeniorEnough(PoolMember member, InterviewerRule rule) =>
        rule.SeniorityAtLeast is not { } least || SchedulingVocabulary.IsAtLeast(member.Seniority, least);

    /// <summary>Hiring manager: the interviewer is the hiring manager of the loop's role (career-chat).</summary>
    public static bool IsHiringManagerFor(PoolMember member, string role) =>
        member.HiringManagerFor.Contains(role, StringComparer.Ordinal);

    /// <summary>
    /// Weekly cap: fewer interviews that week than the cap. A zero cap takes no interview: its week
    /// is always full (see <see cref="CapUsed"/>).
    /// </summary>
    public static bool IsUnderWeeklyCap(int interviewsThatWeek, int weeklyCap) => interviewsThatWeek < weeklyCap;

    /// <summary>The share of the weekly cap used; a zero cap counts as full (1), as <see cref="IsUnderWeeklyCap"/> means it.</summary>
    public static double CapUsed(int interviewsThatWeek, int weeklyCap) =>
        weeklyCap <= 0 ? 1.0 : (double)interviewsThatWeek / weeklyCap;

    /// <summary>Availability: inside the interviewer's working hours in their zone, with no busy block or other interview then.</summary>
    public static bool IsAvailable(PoolMember member, TimeRange time) => member.WorksDuring(time) && member.IsFree(time);

    /// <summary>
    /// Whether the interviewer may run the type for this role, availability aside: the role's hiring
    /// manager where the type asks for one, otherwise qualified and senior enough.
    /// </summary>
    public static bool MayRun(PoolMember member, string interviewType, string role)
    {
        var rule = InterviewTypeRules.For(interviewType);
        return rule.HiringManager
            ? IsHiringManagerFor(member, role)
            : IsQualifiedFor(member, interviewType) && IsSeniorEnough(member, rule);
    }
}
