namespace HiringPlatform.Scorecard.Tests;

using HiringPlatform.Scorecard.Decisions;
using HiringPlatform.Scorecard.Scorecards;
using Xunit;

public sealed class ScorecardRulesTests
{
    private static readonly Guid Assigned = Guid.CreateVersion7();
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    internal static ScorecardDetails Pending(Guid? interviewer = null, Guid? candidate = null, bool counts = true) =>
        new(Guid.CreateVersion7(), Guid.CreateVersion7(), candidate ?? Guid.CreateVersion7(), Guid.CreateVersion7(),
            interviewer ?? Assigned, "coding", ["algorithms", "maintainable-code", "communication"], Now.AddHours(-2), Now.AddHours(-1),
            counts ? Stages.Qualified : Stages.Shadow, counts, ScorecardDetails.Pending, null, null, null, null, null, [], null, null, 1);

    private static ScorecardContent Card(params (string Competency, int? Rating)[] ratings) =>
        new(ratings.Select(r => new RatingInput(r.Competency, r.Rating, "evidence")).ToList(), "yes",
            [new ProbeInput("algorithms", "graph search", 0.6m), new ProbeInput("other", "small talk", 0.1m)], "summary");

    private static readonly (string, int?)[] Complete = [("algorithms", 3), ("maintainable-code", 4), ("communication", null)];

    private static Dictionary<string, string[]> Errors(ScorecardOutcome outcome) => Assert.IsType<ScorecardOutcome.Invalid>(outcome).Errors;

    [Fact]
    public void The_assigned_interviewer_submits_a_complete_scorecard_with_not_assessed_competencies_and_probes()
    {
        var outcome = ScorecardDecisions.Submit(Pending(), Card(Complete), Assigned, Now, "interviewer");

        var submitted = Assert.IsType<ScorecardSubmitted>(Assert.IsType<ScorecardOutcome.Accepted>(outcome).Event);
        Assert.Equal([3, 4, null], submitted.Ratings.Select(r => r.Score));
        Assert.Equal([0.6m, 0.1m], submitted.Probes.Select(p => p.Share));
        Assert.True(submitted.CountsTowardDecision);
    }

    [Fact]
    public void A_scorecard_for_someone_elses_interview_is_rejected()
    {
        Assert.IsType<ScorecardOutcome.NotAssigned>(ScorecardDecisions.Submit(Pending(), Card(Complete), Guid.CreateVersion7(), Now, "x"));
        Assert.IsType<ScorecardOutcome.NotAssigned>(ScorecardDecisions.Submit(Pending(), Card(Complete), null, Now, "recruiter"));
    }

    [Fact]
    public void A_second_submission_is_rejected()
    {
        var submitted = Pending() with { Status = ScorecardDetails.Submitted };

        Assert.IsType<ScorecardOutcome.Conflict>(ScorecardDecisions.Submit(submitted, Card(Complete), Assigned, Now, "x"));
    }

    [Fact]
    public void A_void_scorecard_cannot_be_submitted()
    {
        var voided = Pending() with { Status = ScorecardDetails.Voided, VoidReason = "loop cancelled" };

        var conflict = Assert.IsType<ScorecardOutcome.Conflict>(ScorecardDecisions.Submit(voided, Card(Complete), Assigned, Now, "x"));
        Assert.Contains("loop cancelled", conflict.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scorecard_opens_at_the_interview_start_and_not_a_moment_before()
    {
        var upcoming = Pending() with { StartsAt = Now.AddMinutes(1), EndsAt = Now.AddMinutes(61) };

        var early = Assert.IsType<ScorecardOutcome.NotOpenYet>(ScorecardDecisions.Submit(upcoming, Card(Complete), Assigned, Now, "x"));
        Assert.Equal(Now.AddMinutes(1), early.OpensAt);
        Assert.IsType<ScorecardOutcome.NotOpenYet>(
            ScorecardDecisions.Submit(upcoming, Card(Complete), Assigned, Now.AddMinutes(1).AddTicks(-1), "x"));
        Assert.IsType<ScorecardOutcome.Accepted>(ScorecardDecisions.Submit(upcoming, Card(Complete), Assigned, Now.AddMinutes(1), "x"));
    }

    [Fact]
    public void Someone_elses_early_submission_is_still_answered_as_not_theirs()
    {
        var upcoming = Pending() with { StartsAt = Now.AddDays(1), EndsAt = Now.AddDays(1).AddHours(1) };

        Assert.IsType<ScorecardOutcome.NotAssigned>(ScorecardDecisions.Submit(upcoming, Card(Complete), Guid.CreateVersion7(), Now, "x"));
    }

    [Fact]
    public void An_amendment_before_the_interview_start_is_refused()
    {
        var submittedEarly = Pending() with { Status = ScorecardDetails.Submitted, StartsAt = Now.AddHours(1) };
        var request = new AmendScorecard([new RatingInput("algorithms", 3, null), new RatingInput("maintainable-code", 3, null),
            new RatingInput("communication", null, null)], "yes", null, null, "typo");

        var early = Assert.IsType<ScorecardOutcome.NotOpenYet>(ScorecardDecisions.Amend(submittedEarly, request, Assigned, false, Now, "x"));
        Assert.Equal(Now.AddHours(1), early.OpensAt);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(7)]
    public void A_rating_outside_1_to_4_is_invalid(int rating)
    {
        var outcome = ScorecardDecisions.Submit(Pending(), Card(("algorithms", rating), ("maintainable-code", 3), ("communication", 3)),
            Assigned, Now, "x");

        Assert.Contains("ratings[0].rating", Errors(outcome).Keys);
    }

    [Fact]
    public void A_competency_not_on_the_blueprint_and_a_missing_one_are_both_named()
    {
        var errors = Errors(ScorecardDecisions.Submit(Pending(), Card(("algorithms", 3), ("ml-systems", 3), ("communication", 3)),
            Assigned, Now, "x"));

        Assert.Contains("ratings[1].competency", errors.Keys);
        Assert.Contains(errors["ratings"], message => message.Contains("maintainable-code", StringComparison.Ordinal));
    }

    [Fact]
    public void Probe_shares_above_one_in_total_or_outside_0_to_1_or_off_the_blueprint_are_invalid()
    {
        var content = Card(Complete) with
        {
            Probes = [new ProbeInput("algorithms", null, 0.7m), new ProbeInput("maintainable-code", null, 0.5m),
                new ProbeInput("kubernetes", null, 0.1m), new ProbeInput("communication", null, 1.5m)],
        };

        var errors = Errors(ScorecardDecisions.Submit(Pending(), content, Assigned, Now, "x"));

        Assert.Contains("probes", errors.Keys);
        Assert.Contains("probes[2].competency", errors.Keys);
        Assert.Contains("probes[3].share", errors.Keys);
    }

    [Fact]
    public void An_unknown_recommendation_is_invalid()
    {
        var errors = Errors(ScorecardDecisions.Submit(Pending(), Card(Complete) with { Recommendation = "maybe" }, Assigned, Now, "x"));

        Assert.Contains("recommendation", errors.Keys);
    }

    [Fact]
    public void An_amendment_needs_a_reason_keeps_the_original_and_is_marked_after_the_decision()
    {
        var submitted = Pending() with
        {
            Status = ScorecardDetails.Submitted, Recommendation = "no", Ratings = [new Rating("algorithms", 2, null)],
        };
        var request = new AmendScorecard(Card(Complete).Ratings, "yes", null, null, "Misread my notes on the second question.");

        Assert.Contains("reason", Errors(ScorecardDecisions.Amend(submitted, request with { Reason = " " }, Assigned, false, Now, "x")).Keys);
        var amended = Assert.IsType<ScorecardAmended>(Assert.IsType<ScorecardOutcome.Accepted>(
            ScorecardDecisions.Amend(submitted, request, Assigned, decided: true, Now, "x")).Event);
        Assert.Equal((1, "yes", true), (amended.Amendment, amended.Recommendation, amended.AfterDecision));

        var kept = ScorecardDetailsProjection.Apply(amended, submitted);
        Assert.Equal("no", kept.Recommendation);
        Assert.Equal([2], kept.Ratings!.Select(r => r.Score));
        Assert.Equal("yes", Assert.Single(kept.Amendments).Recommendation);
    }

    [Fact]
    public void Only_the_same_interviewer_amends_and_only_a_submitted_card()
    {
        var request = new AmendScorecard(Card(Complete).Ratings, "yes", null, null, "typo");

        Assert.IsType<ScorecardOutcome.Conflict>(ScorecardDecisions.Amend(Pending(), request, Assigned, false, Now, "x"));
        Assert.IsType<ScorecardOutcome.NotAssigned>(ScorecardDecisions.Amend(Pending() with { Status = ScorecardDetails.Submitted },
            request, Guid.CreateVersion7(), false, Now, "x"));
    }
}
