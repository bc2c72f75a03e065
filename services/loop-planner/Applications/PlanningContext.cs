namespace HiringPlatform.LoopPlanner.Applications;

using HiringPlatform.LoopPlanner.Framework;
using HiringPlatform.LoopPlanner.Questions;
using HiringPlatform.LoopPlanner.Roles;
using Marten;

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

    /// <summary>Counts each newly chosen question once more, in the same transaction as the loop's events.</summary>
    public static void RecordUsage(IDocumentSession session, QuestionPick pick, IEnumerable<PlannedSlot> before, IEnumerable<PlannedSlot> after)
    {
        var previous = before.Where(s => s.QuestionId is not null).Select(s => s.QuestionId!.Value).ToHashSet();
        foreach (var id in after.Where(s => s.QuestionId is not null).Select(s => s.QuestionId!.Value).Where(id => !previous.Contains(id)))
        {
            session.Store(new QuestionUsage(id, pick.Usage.GetValueOrDefault(id) + 1));
        }
    }

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
