namespace HiringPlatform.Webhooks.Subscriptions;

using HiringPlatform.Contracts;
using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Contracts.Scheduling;
using HiringPlatform.Contracts.Scorecard;

/// <summary>
/// The integration events an HR system can subscribe to, under stable names that never change
/// with the C# contract names (the `type` of every payload).
/// </summary>
public static class EventCatalogue
{
    public const string CandidateApplied = "candidate.applied";
    public const string InterviewScheduled = "interview.scheduled";
    public const string InterviewRescheduled = "interview.rescheduled";
    public const string InterviewCancelled = "interview.cancelled";
    public const string ScorecardSubmitted = "scorecard.submitted";
    public const string DecisionRecorded = "decision.recorded";

    private static readonly Dictionary<Type, string> Names = new()
    {
        [typeof(CandidateApplied)] = CandidateApplied,
        [typeof(InterviewScheduled)] = InterviewScheduled,
        [typeof(InterviewRescheduled)] = InterviewRescheduled,
        [typeof(InterviewCancelled)] = InterviewCancelled,
        [typeof(ScorecardSubmitted)] = ScorecardSubmitted,
        [typeof(DecisionRecorded)] = DecisionRecorded,
    };

    public static readonly IReadOnlyList<string> All = [.. Names.Values];

    /// <summary>The integration event type a catalogue name stands for, or null.</summary>
    public static Type? TypeOf(string name) => Names.FirstOrDefault(n => n.Value == name).Key;

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);

    public static string NameOf(IIntegrationEvent message) =>
        Names.TryGetValue(message.GetType(), out var name)
            ? name
            : throw new ArgumentException($"{message.GetType().Name} is not in the webhook catalogue.", nameof(message));
}
