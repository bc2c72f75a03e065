namespace HiringPlatform.LoopPlanner.Questions;

using HiringPlatform.LoopPlanner.Framework;

/// <summary>A question as planning sees it: its type, the competencies it measures, whether it may be used.</summary>
public sealed record BankQuestion(Guid Id, string InterviewType, IReadOnlyList<string> Competencies, bool Eligible);

/// <summary>The bank indexed by interview type, for planning.</summary>
public sealed class QuestionBank
{
    private static readonly BankQuestion[] NoQuestions = [];
    private readonly Dictionary<string, BankQuestion[]> byType;

    public QuestionBank(IEnumerable<BankQuestion> questions)
    {
        byType = questions.GroupBy(q => q.InterviewType, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(q => q.Id).ToArray(), StringComparer.Ordinal);
    }

    public static QuestionBank Empty { get; } = new([]);

    public IReadOnlyList<BankQuestion> OfType(string interviewType) =>
        byType.TryGetValue(interviewType, out var questions) ? questions : NoQuestions;
}

/// <summary>
/// Picks a slot's question: same type, measuring at least one of the slot's competencies, not
/// seen by this candidate, not already in this loop, without blocking lint findings; among those
/// the least used (rotation), then the one covering most of the slot's weight, then by id.
/// </summary>
public static class QuestionSelection
{
    public static Guid? Pick(PlannedSlot slot, QuestionPick pick, IReadOnlySet<Guid> alreadyInLoop)
    {
        BankQuestion? best = null;
        var bestUses = int.MaxValue;
        var bestOverlap = 0m;
        var checkSeen = pick.Seen.Count > 0;
        foreach (var question in pick.Bank.OfType(slot.InterviewType))
        {
            if (!question.Eligible)
            {
                continue;
            }
            // Cheapest test first: a question used more often than the best so far cannot win.
            var uses = pick.Usage.GetValueOrDefault(question.Id);
            if (uses > bestUses || (checkSeen && pick.Seen.Contains(question.Id)) || alreadyInLoop.Contains(question.Id))
            {
                continue;
            }
            var overlap = Overlap(slot, question);
            if (overlap == 0m)
            {
                continue;
            }
            if (uses < bestUses || overlap > bestOverlap)
            {
                (best, bestUses, bestOverlap) = (question, uses, overlap);
            }
        }
        return best?.Id;
    }

    /// <summary>The share of the slot's blueprint weight the question measures.</summary>
    public static decimal Overlap(PlannedSlot slot, BankQuestion question)
    {
        var sum = 0m;
        foreach (var competency in slot.Competencies)
        {
            for (var i = 0; i < question.Competencies.Count; i++)
            {
                if (string.Equals(question.Competencies[i], competency.Competency, StringComparison.Ordinal))
                {
                    sum += competency.Weight;
                    break;
                }
            }
        }
        return sum;
    }
}
