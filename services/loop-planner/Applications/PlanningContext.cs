namespace HiringPlatform.LoopPlanner.Applications;

using HiringPlatform.LoopPlanner.Framework;
using HiringPlatform.LoopPlanner.Questions;
using HiringPlatform.LoopPlanner.Roles;
using Marten;
using Marten.Patching;

/// <summary>The I/O around the pure planning decision: reads the bank, what the candidate has seen and usage; records usage.</summary>
public static class PlanningContext
{
    /// <summary>
    /// The question bank as planning sees it now (eligible: active and without blocking findings under
    /// today's settings), the questions any application with this e-mail has been planned with, and usage.
    /// </summary>
    public static async Task<QuestionPick> LoadAsync(IQuerySession session, CompetencyFramework framework, LintSettings lint,
        DateOnly today, string email, CancellationToken cancellationToken)
    {
        var questions = await session.Query<QuestionDetails>().Where(q => q.Status == QuestionDetails.Active).ToListAsync(cancellationToken);
        var bank = new QuestionBank(questions.Select(q => new BankQuestion(q.Id, q.Content.InterviewType, q.Content.Competencies,
            !QuestionLint.HasBlocking(QuestionLint.Run(q.Content, framework, lint, today)))));
        var applications = await session.Query<ApplicationDetails>().Where(a => a.Email == email).ToListAsync(cancellationToken);
        var seen = applications.SelectMany(a => a.SeenQuestionIds ?? []).ToHashSet();
        var usage = (await session.Query<QuestionUsage>().ToListAsync(cancellationToken)).ToDictionary(u => u.Id, u => u.Count);
        return new QuestionPick(bank, seen, usage);
    }

    /// <summary>
    /// Counts each newly chosen question once more, in the same transaction as the loop's events: an increment in the
    /// database (not the count read at planning plus one, which concurrent plans would overwrite), taken in question id
    /// order so that two plans sharing questions lock them in the same order and never deadlock. A question has its
    /// count from the moment it is added (<see cref="StartCount"/>); one added before that gets its first count stored.
    /// </summary>
    public static void RecordUsage(IDocumentSession session, QuestionPick pick, IEnumerable<PlannedSlot> before, IEnumerable<PlannedSlot> after)
    {
        var previous = before.Where(s => s.QuestionId is not null).Select(s => s.QuestionId!.Value).ToHashSet();
        foreach (var id in after.Where(s => s.QuestionId is not null).Select(s => s.QuestionId!.Value).Where(id => !previous.Contains(id))
            .Distinct().Order())
        {
            if (pick.Usage.ContainsKey(id))
            {
                session.Patch<QuestionUsage>(id).Increment(u => u.Count);
            }
            else
            {
                session.Store(new QuestionUsage(id, 1));
            }
        }
    }

    /// <summary>A new question's usage count, stored with the question so that planning only ever increments it.</summary>
    public static void StartCount(IDocumentSession session, Guid questionId) => session.Insert(new QuestionUsage(questionId, 0));

    /// <summary>What the role (when named) adds to planning: its competencies, its override for the level, its domain.</summary>
    public static PlanInput Input(string level, IReadOnlyList<string> requested, RoleProfileDetails? role) =>
        role is null
            ? new PlanInput(level, requested)
            : new PlanInput(
                level,
                role.Profile.RequiredCompetencies.Concat(requested).Distinct(StringComparer.Ordinal).ToList(),
                role.Profile.TemplateOverrides.TryGetValue(level, out var overridden) ? overridden : null,
                role.Profile.DomainCompetency);
}
