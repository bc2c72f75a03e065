namespace HiringPlatform.Scorecard.Tests;

using HiringPlatform.Scorecard.Decisions;
using HiringPlatform.Scorecard.Scorecards;
using HiringPlatform.ServiceDefaults.Security;
using Xunit;

public sealed class IndependenceAndDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Candidate = Guid.CreateVersion7();
    private static readonly Guid Me = Guid.CreateVersion7();

    private static ScorecardDetails Card(Guid interviewer, string status, string? recommendation = null, bool counts = true) =>
        ScorecardRulesTests.Pending(interviewer, Candidate, counts) with { Status = status, Recommendation = recommendation };

    private static Reader Interviewer(Guid id) => new(id.ToString(), id, [Roles.Interviewer]);

    [Fact]
    public void Reading_before_submitting_shows_only_your_own_scorecard()
    {
        var mine = Card(Me, ScorecardDetails.Pending);
        var theirs = Card(Guid.CreateVersion7(), ScorecardDetails.Submitted, "no");

        var visibility = IndependenceRule.Decide(Interviewer(Me), [mine, theirs]);

        Assert.Equal([mine.Id], visibility.Visible.Select(c => c.Id));
        Assert.Empty(visibility.OthersSeen);
    }

    [Fact]
    public void After_submitting_an_interviewer_reads_the_others_and_the_read_is_recorded()
    {
        var mine = Card(Me, ScorecardDetails.Submitted, "yes");
        var theirs = Card(Guid.CreateVersion7(), ScorecardDetails.Submitted, "no");

        var visibility = IndependenceRule.Decide(Interviewer(Me), [mine, theirs]);

        Assert.Equal(2, visibility.Visible.Count);
        Assert.Equal([theirs.Id], visibility.OthersSeen);
        Assert.False(visibility.BeforeOwnSubmission);
    }

    [Fact]
    public void An_interviewer_not_on_the_panel_reads_nothing()
    {
        Assert.False(IndependenceRule.Decide(Interviewer(Me), [Card(Guid.CreateVersion7(), ScorecardDetails.Submitted, "no")]).Allowed);
    }

    [Fact]
    public void A_hiring_manager_reads_everything_and_a_read_before_their_own_submission_is_flagged()
    {
        var managerAsInterviewer = Card(Me, ScorecardDetails.Pending);
        var theirs = Card(Guid.CreateVersion7(), ScorecardDetails.Submitted, "no");

        var visibility = IndependenceRule.Decide(new Reader(Me.ToString(), Me, [Roles.HiringManager]), [managerAsInterviewer, theirs]);

        Assert.Equal(2, visibility.Visible.Count);
        Assert.Equal([theirs.Id], visibility.OthersSeen);
        Assert.True(visibility.BeforeOwnSubmission);
    }

    [Fact]
    public void Shadow_scorecards_never_count_toward_the_decision_nor_hold_it_up()
    {
        var lead = Card(Guid.CreateVersion7(), ScorecardDetails.Submitted, "yes");
        var shadowPending = Card(Guid.CreateVersion7(), ScorecardDetails.Pending, counts: false);
        var shadowSubmitted = Card(Guid.CreateVersion7(), ScorecardDetails.Submitted, "strong_no", counts: false);

        var recorded = Assert.IsType<DecisionOutcome.Recorded>(RecordDecisionHandler.Decide(
            new RecordDecision(Candidate, "hire", "strong", "hm"), null, [lead, shadowPending, shadowSubmitted], Now, "hm")).Event;

        Assert.Equal([lead.InterviewerId], recorded.Panel.Select(v => v.InterviewerId));
        Assert.False(recorded.AgainstPanelMajority);
        Assert.False(recorded.OverrodeMissingScorecards);
    }

    [Fact]
    public void A_decision_waits_for_every_counting_scorecard_unless_missing_ones_are_overridden()
    {
        var cards = new[] { Card(Guid.CreateVersion7(), ScorecardDetails.Submitted, "yes"), Card(Guid.CreateVersion7(), ScorecardDetails.Pending) };
        var request = new RecordDecision(Candidate, "hire", "strong", "hm");

        Assert.Equal([cards[1].Id],
            Assert.IsType<DecisionOutcome.MissingScorecards>(RecordDecisionHandler.Decide(request, null, cards, Now, "hm")).Pending);
        var recorded = Assert.IsType<DecisionOutcome.Recorded>(
            RecordDecisionHandler.Decide(request with { OverrideMissingScorecards = true }, null, cards, Now, "hm")).Event;
        Assert.True(recorded.OverrodeMissingScorecards);
    }

    [Fact]
    public void A_second_decision_is_refused()
    {
        var first = Assert.IsType<DecisionOutcome.Recorded>(RecordDecisionHandler.Decide(new RecordDecision(Candidate, "hire", "x", "hm"),
            null, [Card(Guid.CreateVersion7(), ScorecardDetails.Submitted, "yes")], Now, "hm")).Event;

        Assert.IsType<DecisionOutcome.AlreadyDecided>(RecordDecisionHandler.Decide(new RecordDecision(Candidate, "no_hire", "y", "hm"),
            new CandidateDebrief(Candidate, first, 1), [], Now, "hm"));
    }

    [Theory]
    [InlineData("hire", new[] { "no", "strong_no", "yes" }, true)]
    [InlineData("hire", new[] { "yes", "strong_yes", "no" }, false)]
    [InlineData("no_hire", new[] { "yes", "strong_yes", "no" }, true)]
    [InlineData("no_hire", new[] { "no", "yes" }, false)]
    [InlineData("hold", new[] { "strong_yes", "yes" }, false)]
    public void A_decision_against_the_panel_majority_is_marked(string decision, string[] panel, bool against)
    {
        var cards = panel.Select(r => Card(Guid.CreateVersion7(), ScorecardDetails.Submitted, r)).ToList();

        var recorded = Assert.IsType<DecisionOutcome.Recorded>(
            RecordDecisionHandler.Decide(new RecordDecision(Candidate, decision, "why", "hm"), null, cards, Now, "hm")).Event;

        Assert.Equal(against, recorded.AgainstPanelMajority);
    }

    [Fact]
    public void The_panel_counts_a_recommendation_as_last_amended()
    {
        var card = Card(Guid.CreateVersion7(), ScorecardDetails.Submitted, "no") with
        {
            Amendments = [new Amendment(1, [], "strong_yes", [], null, "wrong box", false, Now, "x")],
        };

        var recorded = Assert.IsType<DecisionOutcome.Recorded>(
            RecordDecisionHandler.Decide(new RecordDecision(Candidate, "hire", "why", "hm"), null, [card], Now, "hm")).Event;

        Assert.Equal("strong_yes", Assert.Single(recorded.Panel).Recommendation);
        Assert.False(recorded.AgainstPanelMajority);
    }

    [Fact]
    public void A_scorecard_becomes_overdue_once_its_sla_after_the_interview_has_passed()
    {
        var card = ScorecardRulesTests.Pending() with { EndsAt = Now };

        Assert.False(OverdueRule.IsNewlyOverdue(card, Now.AddHours(23.9), TimeSpan.FromHours(24)));
        Assert.True(OverdueRule.IsNewlyOverdue(card, Now.AddHours(24), TimeSpan.FromHours(24)));
        Assert.False(OverdueRule.IsNewlyOverdue(card with { OverdueSince = Now.AddHours(24) }, Now.AddHours(30), TimeSpan.FromHours(24)));
        Assert.False(OverdueRule.IsNewlyOverdue(card with { Status = ScorecardDetails.Submitted }, Now.AddHours(30), TimeSpan.FromHours(24)));
    }
}
