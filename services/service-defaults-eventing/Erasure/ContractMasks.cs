namespace HiringPlatform.ServiceDefaults.Erasure;

using HiringPlatform.Contracts;
using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Contracts.Scheduling;
using HiringPlatform.Contracts.Scorecard;
using Marten;
using static ErasureScope;

/// <summary>
/// The personal data each integration event carries, masked for one subject: pure functions, used where integration
/// events are stored as they came (calibration's journeys, webhooks' delivery bodies). A candidate's erasure masks their
/// name and e-mail, the evidence notes and summaries written about them and the free-text reasons of their withdrawal,
/// reschedules and amendments; an interviewer's erasure masks their name and e-mail. Ids, ratings, probe competencies,
/// topics and shares, recommendations and decisions stay: they are what replays and calibration read.
/// </summary>
public static class ContractMasks
{
    public static IIntegrationEvent Mask(IIntegrationEvent message, ErasureSubject subject) => message switch
    {
        CandidateApplied e => Mask(e, subject),
        ApplicationWithdrawn e => Mask(e, subject),
        InterviewScheduled e => Mask(e, subject),
        InterviewRescheduled e => Mask(e, subject),
        InterviewerRegistered e => Mask(e, subject),
        ScorecardSubmitted e => Mask(e, subject),
        ScorecardAmended e => Mask(e, subject),
        DecisionRecorded e => Mask(e, subject),
        _ => message,
    };

    public static CandidateApplied Mask(CandidateApplied e, ErasureSubject subject) =>
        subject.IsCandidate(e.CandidateId) ? e with { Name = Masked, Email = Masked } : e;

    public static ApplicationWithdrawn Mask(ApplicationWithdrawn e, ErasureSubject subject) =>
        subject.IsCandidate(e.CandidateId) ? e with { Reason = Text(e.Reason) } : e;

    public static InterviewScheduled Mask(InterviewScheduled e, ErasureSubject subject) =>
        subject.Interviewer is { } interviewer
            ? e with
            {
                InterviewerName = e.InterviewerId == interviewer ? Masked : e.InterviewerName,
                Trainees = e.Trainees?.Select(t => t.InterviewerId == interviewer ? t with { Name = Masked } : t).ToList(),
            }
            : e;

    public static InterviewRescheduled Mask(InterviewRescheduled e, ErasureSubject subject) => e with
    {
        InterviewerName = subject.IsInterviewer(e.InterviewerId) ? Masked : e.InterviewerName,
        Reason = subject.IsCandidate(e.CandidateId) ? Text(e.Reason) : e.Reason,
    };

    public static InterviewerRegistered Mask(InterviewerRegistered e, ErasureSubject subject) =>
        subject.IsInterviewer(e.InterviewerId) ? e with { Name = Masked, Email = Masked } : e;

    public static ScorecardSubmitted Mask(ScorecardSubmitted e, ErasureSubject subject) =>
        subject.IsCandidate(e.CandidateId) ? e with { Ratings = Evidence(e.Ratings), Summary = TextOrNull(e.Summary) } : e;

    public static ScorecardAmended Mask(ScorecardAmended e, ErasureSubject subject) =>
        subject.IsCandidate(e.CandidateId) ? e with { Ratings = Evidence(e.Ratings), Reason = Text(e.Reason) } : e;

    public static DecisionRecorded Mask(DecisionRecorded e, ErasureSubject subject) =>
        subject.IsCandidate(e.CandidateId) ? e with { Rationale = Text(e.Rationale) } : e;

    private static List<CompetencyRating> Evidence(IEnumerable<CompetencyRating> ratings) =>
        ratings.Select(r => r with { Evidence = TextOrNull(r.Evidence) }).ToList();

    /// <summary>Marten masking rules for every integration event type a service stores as it came, each masking for the current scope.</summary>
    public static void RegisterFor(StoreOptions options)
    {
        Rule<CandidateApplied>(options, Mask);
        Rule<ApplicationWithdrawn>(options, Mask);
        Rule<InterviewScheduled>(options, Mask);
        Rule<InterviewRescheduled>(options, Mask);
        Rule<InterviewerRegistered>(options, Mask);
        Rule<ScorecardSubmitted>(options, Mask);
        Rule<ScorecardAmended>(options, Mask);
        Rule<DecisionRecorded>(options, Mask);
    }

    /// <summary>One masking rule: applied by <see cref="StreamErasure"/> for the subject of the current <see cref="ErasureScope"/>.</summary>
    public static void Rule<T>(StoreOptions options, Func<T, ErasureSubject, T> mask) where T : notnull =>
        options.Events.AddMaskingRuleForProtectedInformation<T>(e => Current is { } subject ? mask(e, subject) : e);
}
