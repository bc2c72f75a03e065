namespace HiringPlatform.Scheduling.Tests;

using HiringPlatform.Contracts.Calibration;
using HiringPlatform.Scheduling.Interviewers;
using HiringPlatform.Scheduling.Interviews;
using Xunit;

/// <summary>Interviewer commands, the iCalendar import, training progress and calibration, without I/O.</summary>
public sealed class InterviewerRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    private static InterviewerDetails Details(params Qualification[] qualifications) =>
        new(Guid.CreateVersion7(), "Ada", "ada@x.io", "t", "senior",
            qualifications.Where(q => q.Stage == TrainingStage.Qualified).Select(q => q.InterviewType).ToList(), [], 5, Now, 3)
        { Qualifications = qualifications };

    [Fact]
    public void An_interviewer_registration_lists_every_invalid_field()
    {
        var errors = RegisterInterviewerHandler.Validate(new RegisterInterviewer("", "x", " ", "intern", ["coding", "trivia"], [""], -1,
            "Mars/Olympus", new WorkingHoursBody(["funday"], "18:00", "09:00"), [new QualificationBody("coding", "qualified", 0)]));

        Assert.Equal(["email", "hiringManagerFor[0]", "name", "qualifiedFor[1]", "seniority", "team", "timeZone", "training[0].stage",
            "weeklyCap", "workingHours.days[0]", "workingHours.end"], errors.Keys.Order());
    }

    [Fact]
    public void A_registration_takes_zone_hours_and_training()
    {
        var registered = RegisterInterviewerHandler.Decide(new RegisterInterviewer("Ada", "ada@x.io", "ml", "staff", ["coding"], [], 4,
            "Europe/Berlin", new WorkingHoursBody(["monday", "tuesday"], "10:00", "16:00"),
            [new QualificationBody("system-design", "shadow", 1)]), Guid.CreateVersion7(), Now, "hr");

        Assert.Equal("Europe/Berlin", registered.TimeZone);
        Assert.Equal(new TimeOnly(10, 0), registered.WorkingHours!.Start);
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday], registered.WorkingHours.Days);
        Assert.Equal([new Qualification("system-design", TrainingStage.Shadow, 1)], registered.Training);
    }

    [Fact]
    public void Overlapping_or_backwards_busy_blocks_an_unknown_zone_and_a_malformed_calendar_are_each_named()
    {
        var request = new DeclareAvailability("Nowhere/Special", null,
            [new BusyBlockBody(Now.AddHours(1), Now.AddHours(3)), new BusyBlockBody(Now.AddHours(2), Now.AddHours(4)),
             new BusyBlockBody(Now.AddHours(9), Now.AddHours(8)), new BusyBlockBody(null, Now)],
            null);

        var (errors, declared) = ManageInterviewer.Decide(request, Details(), Now, "hr");

        Assert.Null(declared);
        Assert.Equal(["busyBlocks[1]", "busyBlocks[2]", "busyBlocks[3]", "timeZone"], errors.Keys.Order());
        var (calendarErrors, _) = ManageInterviewer.Decide(new DeclareAvailability("UTC", null, null, "hello"), Details(), Now, "hr");
        Assert.Equal(["iCalendar"], calendarErrors.Keys);
    }

    [Fact]
    public void Busy_periods_are_imported_from_freebusy_and_events_with_their_zones()
    {
        const string calendar = """
            BEGIN:VCALENDAR
            BEGIN:VFREEBUSY
            FREEBUSY;FBTYPE=BUSY:20261130T090000Z/20261130T100000Z,20261130T120000Z/PT30M
            FREEBUSY;FBTYPE=FREE:20261130T140000Z/20261130T150000Z
            END:VFREEBUSY
            BEGIN:VEVENT
            DTSTART;TZID=Europe/Berlin:20261201T100000
            DTEND;TZID=Europe/Berlin:20261201T113000
            SUMMARY:Planning
            END:VEVENT
            BEGIN:VEVENT
            DTSTART:20261202T080000
            DURATION:PT1H
            END:VEVENT
            BEGIN:VEVENT
            DTSTART:20261203T080000Z
            DTEND:20261203T090000Z
            TRANSP:TRANSPARENT
            END:VEVENT
            END:VCALENDAR
            """;

        var (busy, errors) = ICalendarBusy.Parse(calendar, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));

        Assert.Empty(errors);
        var utc = TimeSpan.Zero;
        Assert.Equal(
        [
            new BusyBlock(new(2026, 11, 30, 9, 0, 0, utc), new(2026, 11, 30, 10, 0, 0, utc)),
            new BusyBlock(new(2026, 11, 30, 12, 0, 0, utc), new(2026, 11, 30, 12, 30, 0, utc)),
            new BusyBlock(new(2026, 12, 1, 9, 0, 0, utc), new(2026, 12, 1, 10, 30, 0, utc)),
            new BusyBlock(new(2026, 12, 2, 13, 0, 0, utc), new(2026, 12, 2, 14, 0, 0, utc)),
        ], busy);
    }

    [Fact]
    public void A_malformed_calendar_period_is_reported_with_its_line()
    {
        var (_, errors) = ICalendarBusy.Parse("BEGIN:VCALENDAR\nBEGIN:VFREEBUSY\nFREEBUSY:20261130T090000Z/yesterday\nEND:VFREEBUSY\nEND:VCALENDAR",
            TimeZoneInfo.Utc);

        Assert.Equal("Line 3: malformed FREEBUSY period '20261130T090000Z/yesterday'.", Assert.Single(errors));
    }

    [Fact]
    public void Overlapping_calendar_periods_are_merged_into_one_busy_block()
    {
        var (errors, declared) = ManageInterviewer.Decide(new DeclareAvailability("UTC", null, [new BusyBlockBody(Now, Now.AddHours(2))],
            "BEGIN:VCALENDAR\nBEGIN:VFREEBUSY\nFREEBUSY:20261127T130000Z/20261127T150000Z\nEND:VFREEBUSY\nEND:VCALENDAR"), Details(), Now, "hr");

        Assert.Empty(errors);
        Assert.Equal([new BusyBlock(Now, Now.AddHours(3))], declared!.BusyBlocks);
    }

    [Fact]
    public void A_shadow_session_counts_and_the_last_one_needed_moves_the_trainee_to_reverse_shadow()
    {
        var options = new TrainingOptions { ShadowSessions = 3, ReverseShadowSessions = 2 };
        var interviewId = Guid.CreateVersion7();

        var early = TrainingProgress.Decide(Details(new Qualification("coding", TrainingStage.Shadow, 1)), interviewId, "coding", options, Now, "hr");
        var last = TrainingProgress.Decide(Details(new Qualification("coding", TrainingStage.Shadow, 2)), interviewId, "coding", options, Now, "hr");
        var qualifying = TrainingProgress.Decide(Details(new Qualification("coding", TrainingStage.ReverseShadow, 1)), interviewId, "coding",
            options, Now, "hr");

        Assert.IsType<TrainingSessionCompleted>(Assert.Single(early));
        Assert.Equal(TrainingStage.ReverseShadow, Assert.IsType<TrainingStageReached>(last[1]).Stage);
        Assert.Equal(TrainingStage.Qualified, Assert.IsType<TrainingStageReached>(qualifying[1]).Stage);
        Assert.Empty(TrainingProgress.Decide(Details(new Qualification("coding", TrainingStage.Qualified)), interviewId, "coding", options, Now, "hr"));
    }

    [Fact]
    public void Calibration_marks_severe_lenient_and_cog_flagged_types_for_the_panel()
    {
        var id = Guid.CreateVersion7();
        var severe = new InterviewerCalibration(id, new SeverityEstimate(1.2, 0.7, 1.7, 80), [], Now, Guid.NewGuid()).ForPanel(0.5);
        var unsure = new InterviewerCalibration(id, new SeverityEstimate(1.2, -0.1, 2.5, 8), [], Now, Guid.NewGuid()).ForPanel(0.5);
        var flagged = new InterviewerCalibration(id, null,
            [new CalibrationFlag(CalibrationDetectors.Lenient, null), new CalibrationFlag(CalibrationDetectors.CogInAMachine, "system-design")],
            Now, Guid.NewGuid()).ForPanel(0.5);

        Assert.True(severe.Severe);
        Assert.False(unsure.Severe || unsure.Lenient);
        Assert.True(flagged.Lenient);
        Assert.Equal(["system-design"], flagged.CogTypes);
    }
}
