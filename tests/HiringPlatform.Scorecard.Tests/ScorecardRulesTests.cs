namespace HiringPlatform.Scorecard.Tests;

using HiringPlatform.Scorecard.Decisions;
using HiringPlatform.Scorecard.Scorecards;
using Xunit;

public sealed class ScorecardRulesTests
{
    private static readonly Guid Assigned = Guid.CreateVersion7();
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static ScorecardDetails Pending(Guid? interviewer = null) =>
        new(Guid.CreateVersion7(), Guid.CreateVersion7(), interviewer ?? Assigned, "coding",
            ["algorithms", "maintainable-code", "communication"], Now.AddHours(-2), Now.AddHours(-1),
            ScorecardDetails.Pending, null, null, null, null, 1);

    private static SubmitScorecard Card(params (string Competency, int? Rating)[] ratings) =>
        new(ratings.Select(r => new RatingInput(r.Competency, r.Rating, "evidence")).ToList(), "yes", "summary");

    private static readonly (string, int?)[] Complete = [("algorithms", 3), ("maintainable-code", 4), ("communication", null)];

    [Fact]
    public void The_assigned_interviewer_submits_a_complete_scorecard_with_not_assessed_competencies()
    {
        var outcome = SubmitScorecardHandler.Decide(Pending(), Card(Complete), Assigned, Now, "interviewer");

        var submitted = Assert.IsType<SubmitOutcome.Accepted>(outcome).Event;
        Assert.Equal([3, 4, null], submitted.Ratings.Select(r => r.Score));
        Assert.Equal("yes", submitted.Recommendation);
    }

    [Fact]
    public void A_scorecard_for_someone_elses_interview_is_rejected()
    {
        Assert.IsType<SubmitOutcome.NotAssigned>(SubmitScorecardHandler.Decide(Pending(), Card(Complete), null, Now, "recruiter"));
        Assert.IsType<SubmitOutcome.NotAssigned>(
            SubmitScorecardHandler.Decide(Pending(), Card(Complete), Guid.CreateVersion7(), Now, "someone"));
    }

    [Fact]
    public void A_second_submission_is_rejected()
    {
        var submitted = Pending() with { Status = ScorecardDetails.Submitted };

        Assert.IsType<SubmitOutcome.AlreadySubmitted>(SubmitScorecardHandler.Decide(submitted, Card(Complete), Assigned, Now, "x"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(7)]
    public void A_rating_outside_1_to_4_is_invalid(int rating)
    {
        var outcome = SubmitScorecardHandler.Decide(Pending(),
            Card(("algorithms", rating), ("maintainable-code", 3), ("communication", 3)), Assigned, Now, "x");

        Assert.Contains("ratings[0].rating", Assert.IsType<SubmitOutcome.Invalid>(outcome).Errors.Keys);
    }

    [Fact]
    public void A_competency_not_on_the_blueprint_and_a_missing_one_are_both_named()
    {
        var outcome = SubmitScorecardHandler.Decide(Pending(),
            Card(("algorithms", 3), ("ml-systems", 3), ("communication", 3)), Assigned, Now, "x");

        var errors = Assert.IsType<SubmitOutcome.Invalid>(outcome).Errors;
        Assert.Contains("ratings[1].competency", errors.Keys);
        Assert.Contains(errors["ratings"], message => message.Contains("maintainable-code", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_recommendation_is_invalid()
    {
        var outcome = SubmitScorecardHandler.Decide(Pending(), Card(Complete) with { Recommendation = "maybe" }, Assigned, Now, "x");

        Assert.Contains("recommendation", Assert.IsType<SubmitOutcome.Invalid>(outcome).Errors.Keys);
    }

    private static ScorecardDetails Submitted(string recommendation) =>
        Pending(Guid.CreateVersion7()) with { Status = ScorecardDetails.Submitted, Recommendation = recommendation };

    [Fact]
    public void A_decision_waits_for_every_scorecard_unless_missing_ones_are_overridden()
    {
        var cards = new[] { Submitted("yes"), Pending() };
        var request = new RecordDecision(Guid.CreateVersion7(), "hire", "strong", "hm");

        Assert.Equal([cards[1].Id],
            Assert.IsType<DecisionOutcome.MissingScorecards>(RecordDecisionHandler.Decide(request, cards, Now, "hm")).Pending);
        var recorded = Assert.IsType<DecisionOutcome.Recorded>(
            RecordDecisionHandler.Decide(request with { OverrideMissingScorecards = true }, cards, Now, "hm")).Event;
        Assert.True(recorded.OverrodeMissingScorecards);
        Assert.Single(recorded.Panel);
    }

    [Theory]
    [InlineData("hire", new[] { "no", "strong_no", "yes" }, true)]
    [InlineData("hire", new[] { "yes", "strong_yes", "no" }, false)]
    [InlineData("no_hire", new[] { "yes", "strong_yes", "no" }, true)]
    [InlineData("no_hire", new[] { "no", "yes" }, false)]
    [InlineData("hold", new[] { "strong_yes", "yes" }, false)]
    public void A_decision_against_the_panel_majority_is_marked(string decision, string[] panel, bool against)
    {
        var cards = panel.Select(Submitted).ToList();

        var recorded = Assert.IsType<DecisionOutcome.Recorded>(
            RecordDecisionHandler.Decide(new RecordDecision(Guid.CreateVersion7(), decision, "why", "hm"), cards, Now, "hm")).Event;

        Assert.Equal(against, recorded.AgainstPanelMajority);
        Assert.Equal(panel, recorded.Panel.Select(v => v.Recommendation));
    }
}
