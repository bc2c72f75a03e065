namespace HiringPlatform.Webhooks.Tests;

using System.Text.Json;
using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Contracts.Scheduling;
using HiringPlatform.Contracts.Scorecard;
using HiringPlatform.ServiceDefaults.Erasure;
using HiringPlatform.Webhooks.Deliveries;
using HiringPlatform.Webhooks.Erasure;
using HiringPlatform.Webhooks.Subscriptions;
using Xunit;

/// <summary>The masking rules are pure: each masks only the subject's own data, and a delivery body keeps everything else.</summary>
public sealed class ErasureMaskingTests
{
    private static readonly Guid Candidate = Guid.CreateVersion7();
    private static readonly Guid Interviewer = Guid.CreateVersion7();
    private static readonly Guid Other = Guid.CreateVersion7();
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_candidates_erasure_masks_their_name_email_evidence_and_rationale_and_keeps_ratings_and_decisions()
    {
        var subject = ErasureSubject.OfCandidate(Candidate);
        var applied = ContractMasks.Mask(new CandidateApplied(Guid.NewGuid(), Candidate, "ats-1", "Erin", "erin@example.com", "ml", "senior", At, "ats"), subject);
        Assert.Equal(("[erased]", "[erased]", "ats-1", "senior"), (applied.Name, applied.Email, applied.ExternalId, applied.Level));

        var card = ContractMasks.Mask(new ScorecardSubmitted(Guid.NewGuid(), Candidate, Guid.NewGuid(), Interviewer, "coding",
            [new CompetencyRating("algorithms", 3, "said X"), new CompetencyRating("coding", null, null)], "yes", "solid", At, "i"), subject);
        Assert.Equal([("algorithms", (int?)3, (string?)"[erased]"), ("coding", null, null)], card.Ratings.Select(r => (r.Competency, r.Rating, r.Evidence)));
        Assert.Equal(("yes", "[erased]"), (card.Recommendation, card.Summary));

        var decision = ContractMasks.Mask(new DecisionRecorded(Guid.NewGuid(), Candidate, "hire", "because", "hm", [], false, At, "hm"), subject);
        Assert.Equal(("hire", "[erased]", "hm"), (decision.Decision, decision.Rationale, decision.DecidedBy));

        // Another candidate's events, and the interviewer's name on the candidate's booking, are left alone.
        var other = new CandidateApplied(Guid.NewGuid(), Other, null, "Olga", "olga@example.com", "ml", "senior", At, "ats");
        Assert.Equal(other, ContractMasks.Mask(other, subject));
        var booking = Booking();
        Assert.Equal(booking, ContractMasks.Mask(booking, subject));
    }

    [Fact]
    public void An_interviewers_erasure_masks_their_name_as_interviewer_and_as_trainee_and_nobody_elses()
    {
        var subject = ErasureSubject.OfInterviewer(Interviewer);
        var masked = ContractMasks.Mask(Booking(), subject);
        Assert.Equal("[erased]", masked.InterviewerName);
        Assert.Equal([(Other, "Tara")], masked.Trainees!.Select(t => (t.InterviewerId, t.Name)));
        var asTrainee = ContractMasks.Mask(Booking() with { InterviewerId = Other, InterviewerName = "Tara", Trainees = [new InterviewTrainee(Interviewer, "Ivan", "shadow")] }, subject);
        Assert.Equal(("Tara", "[erased]"), (asTrainee.InterviewerName, asTrainee.Trainees![0].Name));
        var registered = ContractMasks.Mask(new InterviewerRegistered(Guid.NewGuid(), Interviewer, "Ivan", "ivan@example.com", "search", "senior", [], At, "r"), subject);
        Assert.Equal(("[erased]", "[erased]", "search"), (registered.Name, registered.Email, registered.Team));
    }

    [Fact]
    public void A_delivery_body_is_rewritten_with_only_the_subjects_data_masked()
    {
        var message = new CandidateApplied(Guid.NewGuid(), Candidate, "ats-1", "Erin", "erin@example.com", "ml", "senior", At, "ats");
        var body = WebhookPayload.Serialize(message, EventCatalogue.CandidateApplied);
        var masked = ErasureConsumer.MaskPayload(body, EventCatalogue.CandidateApplied, ErasureSubject.OfCandidate(Candidate));

        Assert.DoesNotContain("Erin", masked, StringComparison.Ordinal);
        Assert.DoesNotContain("erin@example.com", masked, StringComparison.Ordinal);
        Assert.Equal(WebhookPayload.Serialize(message with { Name = "[erased]", Email = "[erased]" }, EventCatalogue.CandidateApplied), masked);
        using var parsed = JsonDocument.Parse(masked);
        Assert.Equal(message.EventId, parsed.RootElement.GetProperty("id").GetGuid());
        Assert.Equal(body, ErasureConsumer.MaskPayload(body, EventCatalogue.CandidateApplied, ErasureSubject.OfCandidate(Other)));
    }

    private static InterviewScheduled Booking() => new(Guid.NewGuid(), Candidate, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "coding",
        Interviewer, "Ivan", At, At.AddHours(1), [], At, "system", [new InterviewTrainee(Other, "Tara", "shadow")]);
}
