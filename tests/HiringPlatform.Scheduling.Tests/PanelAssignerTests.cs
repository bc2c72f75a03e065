namespace HiringPlatform.Scheduling.Tests;

using HiringPlatform.Scheduling.Interviewers;
using HiringPlatform.Scheduling.Interviews.Assignment;
using Xunit;

/// <summary>The scheduler on small cases whose answer can be checked by hand.</summary>
public sealed class PanelAssignerTests
{
    // Monday 2026-11-30; the candidate is free 09:00-17:00 UTC that day unless a test says otherwise.
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Week = new(2026, 11, 30);

    private static TimeRange Hours(int day, double from, double to) => new(Monday.AddDays(day).AddHours(from), Monday.AddDays(day).AddHours(to));

    private static PoolMember Interviewer(string name, string team = "t", string seniority = "senior", string[]? types = null,
        string[]? managerFor = null, int cap = 5, int load = 0, string zone = "UTC", TimeRange[]? busy = null,
        PanelCalibration? calibration = null, (string Type, TrainingStage Stage)[]? training = null) =>
        new(Guid.CreateVersion7(), name, team, seniority,
            (types ?? ["coding"]).Select(t => (t, TrainingStage.Qualified)).Concat(training ?? [])
                .ToDictionary(x => x.Item1, x => x.Item2),
            managerFor ?? [], cap, TimeZoneInfo.FindSystemTimeZoneById(zone), WorkingHours.Default, busy ?? [],
            new Dictionary<DateOnly, int> { [Week] = load }, calibration);

    private static SlotToFill Slot(string type, int order, int minutes = 60) => new(Guid.CreateVersion7(), order, type, minutes);

    private static AssignmentResult Assign(SlotToFill[] slots, PoolMember[] pool, TimeRange[]? windows = null, string role = "r",
        FixedInterview[]? fixedInterviews = null) =>
        PanelAssigner.Assign(new LoopToSchedule(role, slots, windows ?? [Hours(0, 9, 17)], fixedInterviews), pool);

    private static IReadOnlyList<Assignment> Scheduled(AssignmentResult result) =>
        Assert.IsType<AssignmentResult.Scheduled>(result).Assignments;

    private static SlotFailure Failure(AssignmentResult result) => Assert.Single(Assert.IsType<AssignmentResult.Failed>(result).Slots);

    private static PoolMember Only(AssignmentResult result) => Assert.Single(Scheduled(result)).Interviewer;

    // ---- hard constraints ----

    [Fact]
    public void Only_an_interviewer_qualified_for_the_type_runs_it()
    {
        var coder = Interviewer("coder", types: ["coding"]);
        var modeler = Interviewer("modeler", types: ["data-modeling"], load: 4);

        Assert.Same(modeler, Only(Assign([Slot("data-modeling", 1)], [coder, modeler])));
        var failure = Failure(Assign([Slot("system-design", 1)], [coder, modeler]));
        Assert.Equal((Constraint.Qualified, "no interviewer is qualified for system-design"), (failure.Constraint, failure.Reason));
    }

    [Fact]
    public void A_trainee_does_not_run_an_interview_alone()
    {
        var shadow = Interviewer("shadow", types: [], training: [("coding", TrainingStage.ReverseShadow)]);

        Assert.Equal(Constraint.Qualified, Failure(Assign([Slot("coding", 1)], [shadow])).Constraint);
    }

    [Fact]
    public void Ml_system_design_needs_staff_or_above()
    {
        var senior = Interviewer("senior", types: ["ml-system-design"]);
        var staff = Interviewer("staff", seniority: "staff", types: ["ml-system-design"], load: 4);

        Assert.Same(staff, Only(Assign([Slot("ml-system-design", 1)], [senior, staff])));
        var failure = Failure(Assign([Slot("ml-system-design", 1)], [senior]));
        Assert.Equal((Constraint.StaffOrAbove, "no staff-or-above interviewer is qualified for ml-system-design"),
            (failure.Constraint, failure.Reason));
    }

    [Fact]
    public void Career_chat_needs_the_roles_hiring_manager()
    {
        var other = Interviewer("other", types: ["career-chat"], managerFor: ["data-scientist"]);
        var manager = Interviewer("manager", types: [], managerFor: ["ml-engineer"], load: 4);

        Assert.Same(manager, Only(Assign([Slot("career-chat", 1)], [other, manager], role: "ml-engineer")));
        var failure = Failure(Assign([Slot("career-chat", 1)], [other], role: "ml-engineer"));
        Assert.Equal((Constraint.HiringManager, "no hiring manager is registered for role 'ml-engineer'"), (failure.Constraint, failure.Reason));
    }

    [Fact]
    public void Nobody_interviews_twice_in_one_loop_and_the_loop_fails_whole_when_that_leaves_a_slot_empty()
    {
        var only = Interviewer("only");

        var failure = Failure(Assign([Slot("coding", 1), Slot("coding", 2)], [only]));

        Assert.Equal((Constraint.OncePerLoop, "every eligible interviewer for coding is already on this loop"),
            (failure.Constraint, failure.Reason));
    }

    [Fact]
    public void An_interviewer_at_their_weekly_cap_is_not_booked()
    {
        var failure = Failure(Assign([Slot("coding", 1)], [Interviewer("full", cap: 3, load: 3)]));
        Assert.Equal((Constraint.WeeklyCap, "every eligible interviewer for coding has reached their weekly cap"),
            (failure.Constraint, failure.Reason));

        Assert.Single(Scheduled(Assign([Slot("coding", 1)], [Interviewer("room", cap: 3, load: 2)])));
    }

    [Fact]
    public void The_cap_counts_the_week_of_the_interview_not_another_week()
    {
        // Full this week, free next week: with the candidate available only next Monday it is booked.
        var full = Interviewer("full", cap: 3, load: 3);

        Assert.Single(Scheduled(Assign([Slot("coding", 1)], [full], [Hours(7, 9, 17)])));
    }

    [Fact]
    public void An_interview_falls_inside_the_interviewers_working_hours_in_their_own_zone()
    {
        // New York 09:00-17:00 is 14:00-22:00 UTC in winter; the candidate is free 09:00-17:00 UTC.
        var newYork = Interviewer("ny", zone: "America/New_York");

        var assignment = Assert.Single(Scheduled(Assign([Slot("coding", 1)], [newYork])));

        Assert.Equal(Monday.AddHours(14), assignment.StartsAt);
    }

    [Fact]
    public void An_interviewer_is_not_booked_over_a_busy_block_or_another_interview()
    {
        var busy = Interviewer("busy", busy: [Hours(0, 9, 11), Hours(0, 11.5, 12.25)]);

        var assignment = Assert.Single(Scheduled(Assign([Slot("coding", 1)], [busy])));

        Assert.Equal(Monday.AddHours(12.25), assignment.StartsAt);
    }

    [Fact]
    public void Every_interview_lies_inside_the_candidates_availability()
    {
        var windows = new[] { Hours(1, 13, 14.5), Hours(3, 10, 12) };

        var result = Scheduled(Assign([Slot("coding", 1), Slot("coding", 2, 90)], [Interviewer("a"), Interviewer("b")], windows));

        Assert.All(result, a => Assert.Contains(windows, w => w.Contains(a.Time)));
    }

    [Fact]
    public void Slots_of_a_loop_do_not_overlap_and_keep_a_break_between_them()
    {
        var result = Scheduled(Assign([Slot("coding", 1), Slot("coding", 2, 45), Slot("coding", 3)],
            [Interviewer("a"), Interviewer("b"), Interviewer("c")], [Hours(0, 9, 13)]));

        var ordered = result.OrderBy(a => a.StartsAt).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            Assert.True(ordered[i].StartsAt >= ordered[i - 1].EndsAt.AddMinutes(15), $"{ordered[i - 1].Time} then {ordered[i].Time}");
        }
    }

    [Fact]
    public void A_loop_that_cannot_fit_the_candidates_window_with_breaks_fails_naming_the_overlap()
    {
        // Two hours of interviews plus a 15-minute break do not fit in two hours.
        var failed = Assert.IsType<AssignmentResult.Failed>(Assign([Slot("coding", 1), Slot("coding", 2)],
            [Interviewer("a"), Interviewer("b")], [Hours(0, 9, 11)]));

        Assert.Equal(2, failed.Slots.Count);
        Assert.All(failed.Slots, f => Assert.Equal(Constraint.NoOverlap, f.Constraint));
    }

    [Fact]
    public void A_slot_nobody_eligible_is_free_for_fails_on_availability()
    {
        var busy = Interviewer("busy", busy: [Hours(0, 8, 18)]);

        var failure = Failure(Assign([Slot("coding", 1)], [busy]));

        Assert.Equal((Constraint.Availability, "no eligible interviewer for coding is free within the candidate's availability"),
            (failure.Constraint, failure.Reason));
    }

    [Fact]
    public void An_unknown_interview_type_is_named_as_such()
    {
        Assert.Equal(Constraint.UnknownInterviewType, Failure(Assign([Slot("whiteboard-trivia", 1)], [Interviewer("a")])).Constraint);
    }

    [Fact]
    public void An_infeasible_loop_names_every_slot_that_cannot_be_filled_and_books_nothing()
    {
        var failed = Assert.IsType<AssignmentResult.Failed>(Assign(
            [Slot("coding", 1), Slot("system-design", 2), Slot("math-quiz", 3)], [Interviewer("coder")]));

        Assert.Equal(["system-design", "math-quiz"], failed.Slots.Select(s => s.InterviewType));
        Assert.All(failed.Slots, s => Assert.StartsWith("no interviewer is qualified for", s.Reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Interviews_that_stay_put_are_neither_overlapped_nor_joined_by_their_interviewer()
    {
        var stays = Interviewer("stays");
        var other = Interviewer("other", load: 4);
        var kept = new FixedInterview(Guid.CreateVersion7(), stays.Id, null, Hours(0, 9, 10));

        var assignment = Assert.Single(Scheduled(Assign([Slot("coding", 2)], [stays, other], fixedInterviews: [kept])));

        Assert.Same(other, assignment.Interviewer);
        Assert.True(assignment.StartsAt >= Monday.AddHours(10.25));
    }

    [Fact]
    public void A_time_or_interviewer_excluded_after_a_cancellation_is_avoided()
    {
        var a = Interviewer("a");
        var b = Interviewer("b", load: 4);
        var slot = Slot("coding", 1) with { ExcludedInterviewers = new HashSet<Guid> { a.Id }, ExcludedTimes = [Hours(0, 9, 12)] };

        var assignment = Assert.Single(Scheduled(Assign([slot], [a, b])));

        Assert.Same(b, assignment.Interviewer);
        Assert.Equal(Monday.AddHours(12), assignment.StartsAt);
    }

    // ---- soft goals: each one changes the choice ----

    [Fact]
    public void The_least_loaded_interviewer_is_chosen()
    {
        var busy = Interviewer("busy", load: 3);
        var idle = Interviewer("idle", load: 1);

        Assert.Same(idle, Only(Assign([Slot("coding", 1)], [busy, idle])));
    }

    [Fact]
    public void Load_is_measured_against_each_ones_cap()
    {
        // Two of ten is lighter than one of three.
        var small = Interviewer("small", cap: 3, load: 1);
        var large = Interviewer("large", cap: 10, load: 2);

        Assert.Same(large, Only(Assign([Slot("coding", 1)], [small, large])));
    }

    [Fact]
    public void An_interviewer_from_a_team_not_yet_on_the_panel_is_preferred()
    {
        var modeler = Interviewer("modeler", team: "ranking", types: ["data-modeling"]);
        var sameTeam = Interviewer("same", team: "ranking");
        var otherTeam = Interviewer("other", team: "search", load: 1);

        var result = Scheduled(Assign([Slot("coding", 1), Slot("data-modeling", 2)], [modeler, sameTeam, otherTeam]));

        Assert.Equal([otherTeam.Id, modeler.Id], result.OrderBy(a => a.Interviewer.Name == "modeler").Select(a => a.Interviewer.Id));
    }

    [Fact]
    public void Severe_interviewers_are_not_stacked_on_one_candidate()
    {
        var severe = new PanelCalibration(Severe: true, Lenient: false, new HashSet<string>());
        var harshCoder = Interviewer("harsh coder", team: "a", calibration: severe);
        var harshModeler = Interviewer("harsh modeler", team: "b", types: ["data-modeling"], calibration: severe);
        var fairModeler = Interviewer("fair modeler", team: "c", types: ["data-modeling"], load: 1);
        SlotToFill[] slots = [Slot("coding", 1), Slot("data-modeling", 2)];

        Assert.Contains(Scheduled(Assign(slots, [harshCoder, harshModeler, fairModeler])), a => a.Interviewer == fairModeler);
        // Without the calibration the lighter-loaded modeler wins.
        var plainModeler = Interviewer("plain modeler", team: "b", types: ["data-modeling"]);
        Assert.Contains(Scheduled(Assign(slots, [harshCoder, plainModeler, fairModeler])), a => a.Interviewer == plainModeler);
    }

    [Fact]
    public void Lenient_interviewers_are_not_stacked_on_one_candidate()
    {
        var lenient = new PanelCalibration(Severe: false, Lenient: true, new HashSet<string>());
        var softCoder = Interviewer("soft coder", team: "a", calibration: lenient);
        var softModeler = Interviewer("soft modeler", team: "b", types: ["data-modeling"], calibration: lenient);
        var fairModeler = Interviewer("fair modeler", team: "c", types: ["data-modeling"], load: 1);

        Assert.Contains(Scheduled(Assign([Slot("coding", 1), Slot("data-modeling", 2)], [softCoder, softModeler, fairModeler])),
            a => a.Interviewer == fairModeler);
    }

    [Fact]
    public void An_interviewer_flagged_for_the_cog_pattern_on_the_type_is_avoided_but_not_on_other_types()
    {
        var cog = new PanelCalibration(false, false, new HashSet<string> { "coding" });
        var flagged = Interviewer("flagged", types: ["coding", "data-modeling"], calibration: cog);
        var other = Interviewer("other", types: ["coding", "data-modeling"], load: 2);

        Assert.Same(other, Only(Assign([Slot("coding", 1)], [flagged, other])));
        Assert.Same(flagged, Only(Assign([Slot("data-modeling", 1)], [flagged, other])));
    }

    [Fact]
    public void A_free_trainee_sits_in_and_the_time_moves_to_when_one_is_free()
    {
        var coder = Interviewer("coder");
        var shadow = Interviewer("shadow", types: [], training: [("coding", TrainingStage.Shadow)], busy: [Hours(0, 9, 13)]);

        var assignment = Assert.Single(Scheduled(Assign([Slot("coding", 1)], [coder, shadow])));

        Assert.Same(shadow, assignment.Trainee);
        Assert.Equal(Monday.AddHours(13), assignment.StartsAt);
        // Without a trainee in the pool the earliest time is taken.
        Assert.Equal(Monday.AddHours(9), Assert.Single(Scheduled(Assign([Slot("coding", 1)], [coder]))).StartsAt);
    }

    [Fact]
    public void A_sooner_day_is_preferred_when_nothing_else_differs()
    {
        var assignment = Assert.Single(Scheduled(Assign([Slot("coding", 1)], [Interviewer("a")], [Hours(2, 9, 17), Hours(1, 15, 17)])));

        Assert.Equal(Monday.AddDays(1).AddHours(15), assignment.StartsAt);
    }

    [Fact]
    public void The_search_finds_the_cheapest_panel_not_the_first_that_fits()
    {
        // Taking the lightest coder first would put two of team x on the panel (cost 4); the
        // optimum takes the busier coder of team y (cost 10 x 1/5 = 2). Proven optimal.
        var modeler = Interviewer("modeler", team: "x", types: ["data-modeling"]);
        var light = Interviewer("light", team: "x");
        var busier = Interviewer("busier", team: "y", load: 1);

        var result = Assert.IsType<AssignmentResult.Scheduled>(Assign([Slot("coding", 1), Slot("data-modeling", 2)], [light, busier, modeler]));

        Assert.Contains(result.Assignments, a => a.Interviewer == busier);
        Assert.Equal(2, result.Cost, 6);
        Assert.True(result.ProvenOptimal);
    }

    [Fact]
    public void A_scarce_interviewer_is_kept_for_the_slot_only_they_can_run()
    {
        var manager = Interviewer("manager", types: ["project-deep-dive"], managerFor: ["ml-engineer"]);
        var diver = Interviewer("diver", types: ["project-deep-dive"], load: 2);

        var result = Scheduled(Assign([Slot("project-deep-dive", 1), Slot("career-chat", 2, 30)], [manager, diver], role: "ml-engineer"));

        Assert.Equal(diver, result.Single(a => a.Interviewer != manager).Interviewer);
        Assert.Contains(result, a => a.Interviewer == manager);
    }

    // ---- candidate windows ----

    [Fact]
    public void Without_availability_the_candidate_gets_the_next_working_days_nine_to_five_in_their_zone()
    {
        var friday = new DateTimeOffset(2026, 11, 27, 15, 0, 0, TimeSpan.Zero);

        var windows = PanelAssigner.DefaultWindows(friday, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), 2);

        Assert.Equal([Hours(0, 8, 16), Hours(1, 8, 16)], windows);
    }
}
