namespace HiringPlatform.Calibration.Tests;

using HiringPlatform.Calibration.Observations;
using HiringPlatform.Calibration.Reports;
using HiringPlatform.Contracts;
using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Contracts.Scorecard;
using Xunit;

public sealed class SeasonFoldTests
{
    private static readonly DateTimeOffset T0 = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Candidate = Guid.Parse("00000000-0000-0000-0000-0000000000c1");
    private static readonly Guid Interviewer = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    private static readonly Guid Interview = Guid.Parse("00000000-0000-0000-0000-0000000000b1");
    private static readonly Guid Card = Guid.Parse("00000000-0000-0000-0000-0000000000d1");

    private static ScorecardSubmitted Submitted(int rating, DateTimeOffset at, bool counts = true, Guid? interviewer = null) =>
        new(Guid.NewGuid(), Candidate, Interview, interviewer ?? Interviewer, "coding",
            [new CompetencyRating("algorithms", rating, "e"), new CompetencyRating("communication", null, null)], "yes", null, at, "me",
            [new TopicProbe("algorithms", "graphs", 0.5m), new TopicProbe("algorithms", "dp", 0.25m), new TopicProbe("communication", null, 0.25m)],
            counts ? Card : Guid.NewGuid(), counts);

    private static ScorecardAmended Amended(int amendment, int rating, bool afterDecision, DateTimeOffset at) =>
        new(Guid.NewGuid(), Candidate, Card, Interview, Interviewer, amendment, [new CompetencyRating("algorithms", rating, "e")], "no",
            [new TopicProbe("algorithms", null, 1m)], "typo", afterDecision, at, "me");

    private static DecisionRecorded Decided(string decision, DateTimeOffset at) =>
        new(Guid.NewGuid(), Candidate, decision, "why", "hm", [], false, at, "hm");

    private static readonly ReportWindow Window = new(T0.AddMonths(-1), T0.AddMonths(1));

    [Fact]
    public void A_scorecard_becomes_one_row_per_competency_with_summed_probe_shares_and_unassessed_left_empty()
    {
        var input = SeasonFold.Build([Submitted(3, T0)], Window);

        var rows = input.Ratings.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, rows.Length);
        Assert.Equal($"{Candidate},{Interviewer},{Interview},coding,algorithms,3,yes,0.75,2026-06-01T09:00:00Z,", rows[1]);
        Assert.Equal($"{Candidate},{Interviewer},{Interview},coding,communication,,yes,0.25,2026-06-01T09:00:00Z,", rows[2]);
        Assert.Equal(1, input.Notes.Scorecards);
    }

    [Fact]
    public void The_interviewers_name_as_registered_goes_into_the_ratings_next_to_the_id()
    {
        var input = SeasonFold.Build([Submitted(3, T0)], Window, names: new Dictionary<Guid, string> { [Interviewer] = "Okafor, Ada" });

        var rows = input.Ratings.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",interviewer_name", rows[0], StringComparison.Ordinal);
        Assert.Equal($"{Candidate},{Interviewer},{Interview},coding,algorithms,3,yes,0.75,2026-06-01T09:00:00Z,\"Okafor, Ada\"", rows[1]);
        var data = ComputeReport.Import(input, Engine.Import.RatingScale.Default);
        Assert.Equal("Okafor, Ada", data.InterviewerName(0));
    }

    [Fact]
    public void The_latest_amendment_before_the_decision_counts_and_amendments_after_it_are_reported_not_used()
    {
        IIntegrationEvent[] events =
        [
            Submitted(3, T0), Amended(1, 2, false, T0.AddHours(1)), Amended(2, 1, false, T0.AddHours(2)),
            Decided("hire", T0.AddDays(1)), Amended(3, 4, true, T0.AddDays(2)),
        ];

        var input = SeasonFold.Build(events.Reverse(), Window);

        Assert.Contains(",algorithms,1,no,1,", input.Ratings, StringComparison.Ordinal);
        Assert.DoesNotContain(",algorithms,4,", input.Ratings, StringComparison.Ordinal);
        Assert.Equal(2, input.Notes.AmendmentsUsed);
        var late = Assert.Single(input.Notes.LateAmendments);
        Assert.Equal(3, late.Amendment);
        Assert.Contains($"{Candidate},hire", input.Candidates, StringComparison.Ordinal);
    }

    [Fact]
    public void Trainee_scorecards_never_count_and_scorecards_outside_the_window_are_left_out()
    {
        var trainee = Submitted(1, T0, counts: false, interviewer: Guid.NewGuid());
        var old = Submitted(2, T0.AddMonths(-3)) with { InterviewId = Guid.NewGuid(), ScorecardId = Guid.NewGuid() };

        var input = SeasonFold.Build([trainee, old, Submitted(3, T0)], Window);

        Assert.Equal(1, input.Notes.Scorecards);
        Assert.Equal(1, input.Notes.TraineeScorecardsExcluded);
        Assert.Equal(1, input.Notes.ScorecardsOutsideWindow);
        Assert.DoesNotContain(",algorithms,1,", input.Ratings, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hold_is_no_decision_and_the_latest_decision_wins()
    {
        var input = SeasonFold.Build([Submitted(3, T0), Decided("no_hire", T0.AddDays(1)), Decided("hold", T0.AddDays(2))], Window);
        Assert.Contains($"{Candidate},\n", input.Candidates, StringComparison.Ordinal);

        input = SeasonFold.Build([Submitted(3, T0), Decided("hold", T0.AddDays(1)), Decided("no_hire", T0.AddDays(2))], Window);
        Assert.Contains($"{Candidate},no_hire", input.Candidates, StringComparison.Ordinal);
    }

    [Fact]
    public void Blueprints_average_the_planned_weights_per_interview_type_normalised_per_loop()
    {
        LoopPlanned Loop(decimal a, decimal b) => new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "ml", "senior",
            [new PlannedSlot(Guid.NewGuid(), 1, "coding", 60, [new CompetencyWeight("algorithms", a), new CompetencyWeight("communication", b)], "any")],
            [], T0.AddDays(-5), "r");

        var input = SeasonFold.Build([Loop(0.8m, 0.2m), Loop(3m, 1m), Submitted(3, T0)], Window);

        Assert.Contains("coding,algorithms,0.775\n", input.Blueprints, StringComparison.Ordinal);
        Assert.Contains("coding,communication,0.225\n", input.Blueprints, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_events_in_any_order_give_the_same_files()
    {
        IIntegrationEvent[] events = [Submitted(3, T0), Amended(1, 2, false, T0.AddHours(1)), Decided("hire", T0.AddDays(1))];
        var a = SeasonFold.Build(events, Window);
        var b = SeasonFold.Build(events.Reverse(), Window);
        Assert.Equal(a.Ratings + a.Candidates + a.Blueprints, b.Ratings + b.Candidates + b.Blueprints);
    }

    [Fact]
    public void One_season_log_builds_every_window_as_folding_the_events_for_each_window_would_whatever_the_order_they_are_read_in()
    {
        // Two candidates' worth of journeys across three months: loops planned, cards submitted, amended before and after
        // the decision, a resubmission of the same card, decisions changed.
        var simulated = HiringPlatform.Calibration.Engine.Simulation.SeasonSimulator.Simulate(
            new HiringPlatform.Calibration.Engine.Simulation.SimulationOptions { Candidates = 120, Interviewers = 12, Seed = 5 });
        var events = HiringPlatform.Calibration.Simulation.SeasonEvents.From(simulated.RatingsCsv, simulated.CandidatesCsv, simulated.BlueprintsCsv, T0, TimeSpan.FromDays(90)).ToList();
        events.AddRange([Submitted(3, T0.AddDays(-40)), Amended(1, 2, false, T0.AddDays(-39)), Submitted(4, T0.AddDays(-38)), Amended(2, 1, true, T0.AddDays(-30)),
            Decided("no_hire", T0.AddDays(-35)), Decided("hire", T0.AddDays(-20))]);
        var windows = new[] { new ReportWindow(T0.AddDays(-30), T0), new ReportWindow(T0.AddDays(-60), T0.AddDays(-30)), new ReportWindow(T0.AddMonths(-12), T0) };

        var log = new SeasonLog();
        foreach (var e in events.AsEnumerable().Reverse())
        {
            log.Add(e);
        }

        foreach (var window in windows)
        {
            var alone = SeasonFold.Build(events.OrderBy(e => e.EventId), window);
            var fromLog = log.Build(window);
            Assert.True(fromLog.Notes.Scorecards > 0);
            Assert.Equal(alone.Ratings, fromLog.Ratings);
            Assert.Equal(alone.Candidates, fromLog.Candidates);
            Assert.Equal(alone.Blueprints, fromLog.Blueprints);
            Assert.Equal(alone.Notes with { LateAmendments = [] }, fromLog.Notes with { LateAmendments = [] });
            Assert.Equal(alone.Notes.LateAmendments, fromLog.Notes.LateAmendments);
        }
        Assert.Throws<InvalidOperationException>(() => log.Add(Submitted(2, T0)));
    }

    [Fact]
    public void The_later_submission_of_the_same_card_counts_whichever_is_read_first()
    {
        var early = Submitted(1, T0);
        var late = Submitted(4, T0.AddHours(2));
        var a = SeasonFold.Build([early, late], Window);
        var b = SeasonFold.Build([late, early], Window);
        Assert.Equal(a.Ratings, b.Ratings);
        Assert.Contains(",algorithms,4,", a.Ratings, StringComparison.Ordinal);
    }

    [Fact]
    public void The_previous_window_is_the_same_length_one_step_earlier()
    {
        var previous = Window.Previous(1);
        Assert.Equal(Window.Start.AddMonths(-1), previous.Start);
        Assert.Equal(Window.End.AddMonths(-1), previous.End);
        Assert.False(Window.Contains(Window.End));
        Assert.True(Window.Contains(Window.Start));
    }
}
