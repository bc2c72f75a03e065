namespace HiringPlatform.ServiceDefaults.Telemetry;

using System.Diagnostics.Metrics;
using HiringPlatform.Contracts;
using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Contracts.Scheduling;
using HiringPlatform.Contracts.Scorecard;

/// <summary>
/// The business facts as OpenTelemetry instruments on the platform's meter (documented in
/// docs/operations.md, which the end-to-end tests check against). Counters of facts are added when
/// the outbox publishes the integration event (so at least once, like the event); the rest are
/// recorded by the thin shells where the fact happens (scheduling's consumers, the calibration
/// worker, the webhook sender, the lag probes).
/// </summary>
public static class BusinessMetrics
{
    private static Meter Meter => TelemetryExtensions.Meter;

    public static readonly Counter<long> Applications = Meter.CreateCounter<long>(
        "hiring.applications", "{application}", "Candidates submitted by an HR system or a recruiter, by role and level.");

    public static readonly Counter<long> LoopsPlanned = Meter.CreateCounter<long>(
        "hiring.loops.planned", "{loop}", "Interview loops planned, by role and level.");

    public static readonly Counter<long> LoopsRevised = Meter.CreateCounter<long>(
        "hiring.loops.revised", "{revision}", "Changes to planned loops (slot added, removed or swapped), by change.");

    public static readonly Counter<long> LoopsCancelled = Meter.CreateCounter<long>(
        "hiring.loops.cancelled", "{loop}", "Planned loops cancelled.");

    public static readonly Counter<long> InterviewsScheduled = Meter.CreateCounter<long>(
        "hiring.interviews.scheduled", "{interview}", "Interviews booked with an interviewer and a time, by interview type.");

    public static readonly Counter<long> SchedulingFailures = Meter.CreateCounter<long>(
        "hiring.scheduling.failures", "{slot}", "Slots that could not be scheduled, by the constraint that could not be met (reason) and interview type.");

    public static readonly Histogram<double> SchedulingLatency = Meter.CreateHistogram<double>(
        "hiring.scheduling.latency", "s", "From LoopPlanned (its occurrence) to the loop's last InterviewScheduled, by role.");

    public static readonly Counter<long> ScorecardsSubmitted = Meter.CreateCounter<long>(
        "hiring.scorecards.submitted", "{scorecard}", "Scorecards submitted, by recommendation.");

    public static readonly Counter<long> ScorecardsOverdue = Meter.CreateCounter<long>(
        "hiring.scorecards.overdue", "{scorecard}", "Scorecards that passed their SLA unsubmitted.");

    public static readonly Counter<long> ScorecardsAmended = Meter.CreateCounter<long>(
        "hiring.scorecards.amended", "{amendment}", "Corrections to submitted scorecards, by whether the decision was already recorded.");

    public static readonly Counter<long> Decisions = Meter.CreateCounter<long>(
        "hiring.decisions", "{decision}", "Hiring decisions recorded, by decision and whether it went against the panel's majority.");

    public static readonly Histogram<long> RatingsAnalysed = Meter.CreateHistogram<long>(
        "hiring.calibration.ratings", "{rating}", "Ratings one calibration report analysed (its window), by rating set kind.");

    /// <summary>Counts the business fact an integration event stands for (events that are not one are ignored).</summary>
    public static void Published(IIntegrationEvent message)
    {
        switch (message)
        {
            case CandidateApplied applied:
                Applications.Add(1, Tag("role", applied.Role), Tag("level", applied.Level));
                break;
            case LoopPlanned planned:
                LoopsPlanned.Add(1, Tag("role", planned.Role), Tag("level", planned.Level));
                break;
            case LoopRevised revised:
                LoopsRevised.Add(1, Tag("change", revised.Change));
                break;
            case LoopCancelled:
                LoopsCancelled.Add(1);
                break;
            case InterviewScheduled scheduled:
                InterviewsScheduled.Add(1, Tag("interview_type", scheduled.InterviewType));
                break;
            case ScorecardSubmitted submitted:
                ScorecardsSubmitted.Add(1, Tag("recommendation", submitted.Recommendation));
                break;
            case ScorecardOverdue:
                ScorecardsOverdue.Add(1);
                break;
            case ScorecardAmended amended:
                ScorecardsAmended.Add(1, Tag("after_decision", amended.AfterDecision));
                break;
            case DecisionRecorded decided:
                Decisions.Add(1, Tag("decision", decided.Decision), Tag("against_panel_majority", decided.AgainstPanelMajority));
                break;
        }
    }

    public static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);
}
