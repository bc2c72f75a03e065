namespace HiringPlatform.Scheduling.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.Contracts;
using HiringPlatform.Contracts.Calibration;
using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Contracts.Scheduling;
using HiringPlatform.Contracts.Scorecard;
using Booking = HiringPlatform.Scheduling.Interviews.Booking;
using LoopBookings = HiringPlatform.Scheduling.Interviews.LoopBookings;
using AssignmentResult = HiringPlatform.Scheduling.Interviews.Assignment.AssignmentResult;
using HiringPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

/// <summary>Scheduling through the real broker and database: loops in, interviews out, and every change after.</summary>
[Trait("Category", "Integration")]
public sealed class SchedulingFlowTests
{
    private static readonly DateTimeOffset Monday = SchedulingApi.NextMonday;

    private static AvailabilityWindow Window(int day, double from, double to) => new(Monday.AddDays(day).AddHours(from), Monday.AddDays(day).AddHours(to));

    private static async Task<JsonElement> Json(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    [Fact]
    public async Task A_planned_loop_is_scheduled_inside_the_candidates_availability_and_every_interview_is_published()
    {
        await using var api = await SchedulingApi.StartAsync();
        var coder = await api.RegisterAsync("Coder", ["coding"], team: "search");
        var modeler = await api.RegisterAsync("Modeler", ["data-modeling"], team: "ranking", timeZone: "Europe/Berlin");
        var diver = await api.RegisterAsync("Diver", ["project-deep-dive"], team: "ads");
        var loop = SchedulingApi.Loop("ml-engineer", [("coding", 60), ("data-modeling", 60), ("project-deep-dive", 45)],
            [Window(0, 12, 18)], "America/New_York");

        await api.PublishAsync(loop);

        var scheduled = await api.WaitForAsync<InterviewScheduled>(e => e.LoopId == loop.LoopId, 3, "three interviews scheduled");
        Assert.Equal(3, scheduled.Count);
        Assert.All(scheduled, i => Assert.True(i.StartsAt >= Monday.AddHours(12) && i.EndsAt <= Monday.AddHours(18), $"{i.StartsAt}"));
        // The Berlin modeler works 09:00-17:00 Berlin, which is 08:00-16:00 UTC in winter (07:00-15:00 in summer).
        var modeling = scheduled.Single(i => i.InterviewerId == modeler);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        Assert.True(TimeZoneInfo.ConvertTime(modeling.EndsAt, berlin).TimeOfDay <= TimeSpan.FromHours(17), $"{modeling.EndsAt}");
        var ordered = scheduled.OrderBy(i => i.StartsAt).ToList();
        Assert.True(ordered[1].StartsAt >= ordered[0].EndsAt.AddMinutes(15) && ordered[2].StartsAt >= ordered[1].EndsAt.AddMinutes(15));
        Assert.Equal(new[] { coder, diver, modeler }.Order(), scheduled.Select(i => i.InterviewerId).Order());

        var schedule = await api.ScheduleAsync(loop.LoopId);
        Assert.Equal("scheduled", schedule.GetProperty("status").GetString());
        Assert.Equal(3, schedule.GetProperty("interviews").GetArrayLength());
        var upcoming = await api.Client.GetItemsAsync($"/api/v1/interviewers/{coder}/interviews");
        Assert.Equal(scheduled.Single(i => i.InterviewerId == coder).InterviewId, Assert.Single(upcoming).GetProperty("interviewId").GetGuid());
        var load = await api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/interviewers/load?week={Monday:yyyy-MM-dd}");
        Assert.All(load.EnumerateArray(), l => Assert.Equal(1, l.GetProperty("interviews").GetInt32()));
    }

    [Fact]
    public async Task A_loop_that_cannot_be_scheduled_publishes_SchedulingFailed_naming_the_slot_and_books_nothing()
    {
        await using var api = await SchedulingApi.StartAsync();
        var coder = await api.RegisterAsync("Coder", ["coding"]);
        var loop = SchedulingApi.Loop("ml-engineer", [("coding", 60), ("career-chat", 30)], [Window(0, 9, 17)]);

        await api.PublishAsync(loop);

        var failed = Assert.Single(await api.WaitForAsync<SchedulingFailed>(e => e.LoopId == loop.LoopId, 1, "the loop's failure"));
        var slot = Assert.Single(failed.Slots);
        Assert.Equal(("career-chat", "no hiring manager is registered for role 'ml-engineer'"), (slot.InterviewType, slot.Reason));
        Assert.DoesNotContain(api.Published.OfType<InterviewScheduled>(), e => e.LoopId == loop.LoopId);
        var schedule = await api.ScheduleAsync(loop.LoopId);
        Assert.Equal("failed", schedule.GetProperty("status").GetString());
        Assert.Equal(0, schedule.GetProperty("interviews").GetArrayLength());
        Assert.Empty((await api.Client.GetItemsAsync($"/api/v1/interviewers/{coder}/interviews")));
    }

    [Fact]
    public async Task An_interview_is_rescheduled_when_the_interviewer_or_the_candidate_cancels_and_released_when_cancelled()
    {
        await using var api = await SchedulingApi.StartAsync();
        var first = await api.RegisterAsync("First", ["coding"], team: "a");
        var second = await api.RegisterAsync("Second", ["coding"], team: "b");
        var loop = SchedulingApi.Loop("r", [("coding", 60)], [Window(0, 9, 17)]);
        await api.PublishAsync(loop);
        var booked = Assert.Single(await api.WaitForAsync<InterviewScheduled>(e => e.LoopId == loop.LoopId, 1, "the interview"));
        var other = booked.InterviewerId == first ? second : first;
        var path = $"/api/v1/loops/{loop.LoopId}/interviews/{booked.InterviewId}";

        var byInterviewer = await Json(await api.Client.PostAsJsonAsync($"{path}/reschedule", new { requestedBy = "interviewer", reason = "ill" }));
        Assert.Equal("rescheduled", byInterviewer.GetProperty("status").GetString());
        var moved = Assert.Single(await api.WaitForAsync<InterviewRescheduled>(e => e.InterviewId == booked.InterviewId, 1, "the move"));
        Assert.Equal(other, moved.InterviewerId);
        Assert.Contains("interviewer cancelled: ill", moved.Reason, StringComparison.Ordinal);
        Assert.Empty((await api.Client.GetItemsAsync($"/api/v1/interviewers/{booked.InterviewerId}/interviews")));

        var byCandidate = await Json(await api.Client.PostAsJsonAsync($"{path}/reschedule", new { requestedBy = "candidate" }));
        Assert.Equal("rescheduled", byCandidate.GetProperty("status").GetString());
        var again = (await api.WaitForAsync<InterviewRescheduled>(e => e.InterviewId == booked.InterviewId, 2, "the second move"))
            .Single(e => e.EventId != moved.EventId);
        Assert.False(again.StartsAt < moved.EndsAt && moved.StartsAt < again.EndsAt, "the candidate's cancelled time is avoided");

        var cancelled = await api.Client.PostAsJsonAsync($"{path}/cancel", new { reason = "role closed" });
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Equal("role closed", Assert.Single(await api.WaitForAsync<InterviewCancelled>(e => e.InterviewId == booked.InterviewId, 1,
            "the cancellation")).Reason);
        Assert.Equal(0, (await api.ScheduleAsync(loop.LoopId)).GetProperty("interviews").GetArrayLength());
        Assert.Empty((await api.Client.GetItemsAsync($"/api/v1/interviewers/{again.InterviewerId}/interviews")));
    }

    [Fact]
    public async Task An_interviewer_who_becomes_unavailable_has_their_interview_moved_to_someone_else()
    {
        await using var api = await SchedulingApi.StartAsync();
        var first = await api.RegisterAsync("First", ["coding"], team: "a");
        var second = await api.RegisterAsync("Second", ["coding"], team: "b");
        var loop = SchedulingApi.Loop("r", [("coding", 60)], [Window(0, 9, 11)]);
        await api.PublishAsync(loop);
        var booked = Assert.Single(await api.WaitForAsync<InterviewScheduled>(e => e.LoopId == loop.LoopId, 1, "the interview"));

        var response = await api.Client.PutAsJsonAsync($"/api/v1/interviewers/{booked.InterviewerId}/availability", new
        {
            timeZone = "UTC",
            busyBlocks = new[] { new { startsAt = Monday, endsAt = Monday.AddDays(1) } },
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var moved = Assert.Single(await api.WaitForAsync<InterviewRescheduled>(e => e.InterviewId == booked.InterviewId, 1, "the move"));
        Assert.Equal(booked.InterviewerId == first ? second : first, moved.InterviewerId);
    }

    [Fact]
    public async Task An_erased_interviewer_leaves_no_name_in_the_database_even_on_an_interview_since_moved_to_someone_else()
    {
        await using var api = await SchedulingApi.StartAsync();
        var first = await api.RegisterAsync("Erasable First", ["coding"], team: "a");
        var second = await api.RegisterAsync("Kept Second", ["coding"], team: "b");
        var loop = SchedulingApi.Loop("r", [("coding", 60)], [Window(0, 9, 11)]);
        await api.PublishAsync(loop);
        var booked = Assert.Single(await api.WaitForAsync<InterviewScheduled>(e => e.LoopId == loop.LoopId, 1, "the interview"));
        var (leaving, leavingName, staying, stayingName) = booked.InterviewerId == first
            ? (first, "Erasable First", second, "Kept Second")
            : (second, "Kept Second", first, "Erasable First");
        await api.Client.PutAsJsonAsync($"/api/v1/interviewers/{leaving}/availability", new
        {
            timeZone = "UTC",
            busyBlocks = new[] { new { startsAt = Monday, endsAt = Monday.AddDays(1) } },
        });
        await api.WaitForAsync<InterviewRescheduled>(e => e.InterviewId == booked.InterviewId, 1, "the move");
        Assert.Equal(stayingName, (await api.ScheduleAsync(loop.LoopId)).GetProperty("interviews")[0].GetProperty("interviewerName").GetString());

        var erased = await api.Client.PostAsJsonAsync($"/api/v1/interviewers/{leaving}/erasure", new { reason = "request 42" });

        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var dump = await api.Infrastructure.DumpAsync();
        Assert.DoesNotContain(leavingName, dump, StringComparison.Ordinal);
        Assert.DoesNotContain(leavingName.Replace(' ', '.'), dump, StringComparison.Ordinal);
        Assert.Contains(stayingName, dump, StringComparison.Ordinal);
        Assert.Contains(leaving.ToString(), dump, StringComparison.Ordinal);
        Assert.Equal(stayingName, (await api.ScheduleAsync(loop.LoopId)).GetProperty("interviews")[0].GetProperty("interviewerName").GetString());
        Assert.Equal(staying, (await api.ScheduleAsync(loop.LoopId)).GetProperty("interviews")[0].GetProperty("interviewerId").GetGuid());
        Assert.Single(await api.WaitForAsync<InterviewerErased>(e => e.InterviewerId == leaving, 1, "the erasure published"));
    }

    [Fact]
    public async Task A_revised_loop_releases_removed_slots_and_schedules_added_ones_and_a_cancelled_or_withdrawn_loop_releases_everything()
    {
        await using var api = await SchedulingApi.StartAsync();
        await api.RegisterAsync("Coder", ["coding"], team: "a");
        await api.RegisterAsync("Coder two", ["coding"], team: "b");
        await api.RegisterAsync("Modeler", ["data-modeling"], team: "c");
        var loop = SchedulingApi.Loop("r", [("coding", 60), ("coding", 60)], [Window(0, 9, 17)]);
        await api.PublishAsync(loop);
        var booked = await api.WaitForAsync<InterviewScheduled>(e => e.LoopId == loop.LoopId, 2, "two interviews");

        var removed = loop.Slots[1];
        var added = new PlannedSlot(Guid.CreateVersion7(), 2, "data-modeling", 60, [new CompetencyWeight("ml-code", 1m)], "qualified");
        var revised = new LoopRevised(Guid.CreateVersion7(), loop.CandidateId, loop.LoopId, "swap", "needs modeling",
            [loop.Slots[0], added], [added.SlotId], [removed.SlotId], DateTimeOffset.UtcNow, "test");
        await api.PublishAsync(revised);

        var released = Assert.Single(await api.WaitForAsync<InterviewCancelled>(e => e.LoopId == loop.LoopId, 1, "the removed slot released"));
        Assert.Equal(booked.Single(b => b.SlotId == removed.SlotId).InterviewId, released.InterviewId);
        Assert.Equal("data-modeling", Assert.Single(await api.WaitForAsync<InterviewScheduled>(e => e.SlotId == added.SlotId, 1,
            "the added slot scheduled")).InterviewType);

        await api.PublishAsync(new LoopCancelled(Guid.CreateVersion7(), loop.CandidateId, loop.LoopId, "position filled",
            DateTimeOffset.UtcNow, "test"));
        await api.WaitForAsync<InterviewCancelled>(e => e.LoopId == loop.LoopId, 3, "every interview released");
        var schedule = await api.ScheduleAsync(loop.LoopId);
        Assert.Equal("cancelled", schedule.GetProperty("status").GetString());
        Assert.Equal(0, schedule.GetProperty("interviews").GetArrayLength());

        var other = SchedulingApi.Loop("r", [("coding", 60)], [Window(1, 9, 17)]);
        await api.PublishAsync(other);
        await api.WaitForAsync<InterviewScheduled>(e => e.LoopId == other.LoopId, 1, "the other loop");
        await api.PublishAsync(new ApplicationWithdrawn(Guid.CreateVersion7(), other.CandidateId, "accepted elsewhere", DateTimeOffset.UtcNow, "test"));
        Assert.Contains("application withdrawn", Assert.Single(await api.WaitForAsync<InterviewCancelled>(e => e.LoopId == other.LoopId, 1,
            "the withdrawn candidate's interview released")).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calibration_flags_published_by_calibration_steer_the_choice_of_interviewer()
    {
        await using var api = await SchedulingApi.StartAsync();
        var first = await api.RegisterAsync("First", ["coding"], team: "a");
        var second = await api.RegisterAsync("Second", ["coding"], team: "b");
        var probe = SchedulingApi.Loop("r", [("coding", 60)], [Window(0, 9, 17)]);
        await api.PublishAsync(probe);
        var chosen = Assert.Single(await api.WaitForAsync<InterviewScheduled>(e => e.LoopId == probe.LoopId, 1, "the probe")).InterviewerId;
        var other = chosen == first ? second : first;
        await api.Client.PostAsJsonAsync($"/api/v1/loops/{probe.LoopId}/interviews/{api.Published.OfType<InterviewScheduled>().Single().InterviewId}/cancel",
            new { reason = "probe" });
        await api.WaitForAsync<InterviewCancelled>(e => e.LoopId == probe.LoopId, 1, "the probe released");

        var flag = new InterviewerCalibrationUpdated(Guid.CreateVersion7(), chosen, new SeverityEstimate(0.1, -0.2, 0.4, 40),
            [new CalibrationFlag(CalibrationDetectors.CogInAMachine, "coding", "drills into one corner")], DateTimeOffset.UtcNow, "calibration");
        await api.PublishAsync(flag);
        await api.WaitConsumedAsync(flag.EventId, "the calibration update consumed");
        var loop = SchedulingApi.Loop("r", [("coding", 60)], [Window(0, 9, 17)]);
        await api.PublishAsync(loop);

        Assert.Equal(other, Assert.Single(await api.WaitForAsync<InterviewScheduled>(e => e.LoopId == loop.LoopId, 1, "the loop")).InterviewerId);
    }

    [Fact]
    public async Task A_trainee_sits_in_and_moves_to_the_next_stage_as_their_sessions_are_held()
    {
        await using var api = await SchedulingApi.StartAsync(settings: new Dictionary<string, string>
        {
            ["Scheduling:Training:ShadowSessions"] = "1",
            ["Scheduling:Training:ReverseShadowSessions"] = "1",
        });
        await api.RegisterAsync("Coder", ["coding"], team: "a");
        var trainee = await api.RegisterAsync("Trainee", [], team: "b",
            training: [new { interviewType = "coding", stage = "shadow" }], hiringManagerFor: ["other-role"]);
        var loop = SchedulingApi.Loop("r", [("coding", 60)], [Window(0, 9, 17)]);
        await api.PublishAsync(loop);
        var booked = Assert.Single(await api.WaitForAsync<InterviewScheduled>(e => e.LoopId == loop.LoopId, 1, "the interview"));
        var interview = Assert.Single((await api.ScheduleAsync(loop.LoopId)).GetProperty("interviews").EnumerateArray());
        Assert.Equal(trainee, interview.GetProperty("trainee").GetProperty("interviewerId").GetGuid());

        var held = await api.Client.PostAsync($"/api/v1/loops/{loop.LoopId}/interviews/{booked.InterviewId}/held", null);

        Assert.Equal(HttpStatusCode.OK, held.StatusCode);
        var heldEvent = Assert.Single(await api.WaitForAsync<InterviewHeld>(e => e.InterviewId == booked.InterviewId, 1, "InterviewHeld"));
        Assert.Equal((loop.CandidateId, loop.LoopId), (heldEvent.CandidateId, heldEvent.LoopId));
        var details = await api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/interviewers/{trainee}");
        var coding = details.GetProperty("qualifications").EnumerateArray().Single(q => q.GetProperty("interviewType").GetString() == "coding");
        Assert.Equal("reverse-shadow", coding.GetProperty("stage").GetString());

        // A submitted scorecard also says the interview took place: the reverse shadow's session counts and qualifies them.
        var next = SchedulingApi.Loop("r", [("coding", 60)], [Window(1, 9, 17)]);
        await api.PublishAsync(next);
        var second = Assert.Single(await api.WaitForAsync<InterviewScheduled>(e => e.LoopId == next.LoopId, 1, "the second interview"));
        Assert.Equal(trainee, Assert.Single((await api.ScheduleAsync(next.LoopId)).GetProperty("interviews").EnumerateArray())
            .GetProperty("trainee").GetProperty("interviewerId").GetGuid());
        await api.PublishAsync(new ScorecardSubmitted(Guid.CreateVersion7(), next.CandidateId, second.InterviewId, second.InterviewerId,
            "coding", [new CompetencyRating("algorithms", 3, "fine")], "yes", null, DateTimeOffset.UtcNow, "interviewer"));

        var qualified = Assert.Single(await api.WaitForAsync<InterviewerQualified>(e => e.InterviewerId == trainee, 1, "the trainee qualified"));
        Assert.Equal("coding", qualified.InterviewType);
        Assert.Single(await api.WaitForAsync<InterviewHeld>(e => e.InterviewId == second.InterviewId, 1, "InterviewHeld for the scored interview"));
    }

    [Fact]
    public async Task Loops_in_one_group_with_repeats_are_each_booked_once_and_a_loop_scheduled_before_is_not_booked_again()
    {
        await using var api = await SchedulingApi.StartAsync();
        foreach (var coder in new[] { "Group Coder A", "Group Coder B" })
        {
            await api.RegisterAsync(coder, ["coding"], team: coder, weeklyCap: 20);
        }
        var window = Window(0, 9, 17);
        var before = SchedulingApi.Loop("r", [("coding", 60)], [window]);
        await api.PublishAsync(before);
        Assert.Single(await api.WaitForAsync<InterviewScheduled>(e => e.LoopId == before.LoopId, 1, "the loop scheduled before"));
        var first = SchedulingApi.Loop("r", [("coding", 60)], [window]);
        var second = SchedulingApi.Loop("r", [("coding", 60)], [window]);

        // One group as the group commit hands it in: the same delivery twice, the same loop under another event id, and
        // a loop already scheduled (planned again under a new event id). Only the two new loops are booked.
        var services = api.Hosts[0].Services;
        var group = new[] { first, second, first, first with { EventId = Guid.CreateVersion7() }, before with { EventId = Guid.CreateVersion7() } };
        await using var scope = services.CreateAsyncScope();
        var booking = scope.ServiceProvider.GetRequiredService<Booking>();
        var outcomes = await booking.RunAsync(session => LoopBookings.ScheduleAsync(session, booking,
            group.Select(l => (l, default(System.Diagnostics.ActivityContext))).ToList(), CancellationToken.None), CancellationToken.None);

        Assert.Equal([true, true, false, false, false], outcomes.Select(o => o.Result is AssignmentResult.Scheduled).ToArray());
        Assert.All(outcomes.Skip(2), o => Assert.Null(o.Result));
        var booked = await api.WaitForAsync<InterviewScheduled>(e => e.LoopId == first.LoopId || e.LoopId == second.LoopId, 2, "both new loops");
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(api.Published.OfType<InterviewScheduled>().Where(e => e.LoopId == first.LoopId).DistinctBy(e => e.EventId));
        Assert.Single(api.Published.OfType<InterviewScheduled>().Where(e => e.LoopId == before.LoopId).DistinctBy(e => e.EventId));
        // The two booked in one group were booked one after the other: not both on one coder at the same hour.
        Assert.False(booked[0].InterviewerId == booked[1].InterviewerId && booked[0].StartsAt < booked[1].EndsAt && booked[1].StartsAt < booked[0].EndsAt);

        // Every event of the group is marked handled: delivered again through the consumer, nothing more is booked.
        foreach (var loop in group.Skip(1))
        {
            await api.PublishAsync(loop);
            await api.WaitConsumedAsync(loop.EventId, "the repeat consumed");
        }
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(api.Published.OfType<InterviewScheduled>().Where(e => e.LoopId == first.LoopId).DistinctBy(e => e.EventId));
        Assert.Single(api.Published.OfType<InterviewScheduled>().Where(e => e.LoopId == second.LoopId).DistinctBy(e => e.EventId));
    }

    [Fact]
    public async Task A_group_scheduled_while_the_one_before_commits_rests_on_its_bookings_and_cannot_commit_before_it()
    {
        await using var api = await SchedulingApi.StartAsync();
        var coder = await api.RegisterAsync("Ahead Coder", ["coding"], team: "ahead", weeklyCap: 20);
        var window = Window(0, 9, 11);
        var first = SchedulingApi.Loop("r", [("coding", 60)], [window]);
        var second = SchedulingApi.Loop("r", [("coding", 60)], [window]);
        await using var scope = api.Hosts[0].Services.CreateAsyncScope();
        var booking = scope.ServiceProvider.GetRequiredService<Booking>();

        // The first group is scheduled on the pool as read; the second on the pool as the first leaves it, twice (two
        // sessions), as the pipeline does while the first commits.
        await using var one = booking.OpenSession();
        var (firstOutcomes, afterFirst) = await LoopBookings.PlanAsync(one, booking, [(first, default)], null, CancellationToken.None);
        await using var early = booking.OpenSession();
        var (secondOutcomes, _) = await LoopBookings.PlanAsync(early, booking, [(second, default)], afterFirst, CancellationToken.None);
        await using var late = booking.OpenSession();
        await LoopBookings.PlanAsync(late, booking, [(second, default)], afterFirst, CancellationToken.None);
        var firstAt = Assert.Single(Assert.IsType<AssignmentResult.Scheduled>(firstOutcomes[0].Result).Assignments).Time;
        var secondAt = Assert.Single(Assert.IsType<AssignmentResult.Scheduled>(secondOutcomes[0].Result).Assignments).Time;
        Assert.False(firstAt.Overlaps(secondAt), $"the second group saw the first one's booking {firstAt}: {secondAt}");

        // Committed before the group it rests on, the second is refused by the coder's stream version and writes nothing.
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => Booking.CommitAsync(early, CancellationToken.None));
        Assert.True(ServiceDefaults.EventStore.Collisions.IsCollision(refused), refused.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await api.Client.GetAsync($"/api/v1/loops/{second.LoopId}/schedule")).StatusCode);
        Assert.Empty(await api.Client.GetItemsAsync($"/api/v1/interviewers/{coder}/interviews"));

        // After it, the second commits at the versions the first left: the coder runs both, one after the other.
        await Booking.CommitAsync(one, CancellationToken.None);
        await Booking.CommitAsync(late, CancellationToken.None);
        var theirs = await api.Client.GetItemsAsync($"/api/v1/interviewers/{coder}/interviews");
        Assert.Equal(2, theirs.Length);
        Assert.Equal(new[] { first.LoopId, second.LoopId }.Order(), theirs.Select(i => i.GetProperty("loopId").GetGuid()).Order());
        await api.WaitForAsync<InterviewScheduled>(e => e.LoopId == second.LoopId, 1, "the second group's interview published");
    }

    [Fact]
    public async Task Scorecards_arriving_together_hold_each_interview_once_and_count_a_trainees_sessions_one_after_the_other()
    {
        await using var api = await SchedulingApi.StartAsync(settings: new Dictionary<string, string>
        {
            ["Scheduling:Training:ShadowSessions"] = "1",
            ["Scheduling:Training:ReverseShadowSessions"] = "1",
        });
        foreach (var coder in new[] { "Coder A", "Coder B", "Coder C" })
        {
            await api.RegisterAsync(coder, ["coding"], team: coder);
        }
        var trainee = await api.RegisterAsync("Trainee", [], team: "t",
            training: [new { interviewType = "coding", stage = "shadow" }], hiringManagerFor: ["other-role"]);
        var panel = SchedulingApi.Loop("r", [("coding", 60), ("coding", 60), ("coding", 60)], [Window(0, 9, 17)]);
        var single = SchedulingApi.Loop("r", [("coding", 60)], [Window(1, 9, 17)]);
        await api.PublishAsync(panel);
        await api.PublishAsync(single);
        var booked = (await api.WaitForAsync<InterviewScheduled>(e => e.LoopId == panel.LoopId, 3, "the panel"))
            .Concat(await api.WaitForAsync<InterviewScheduled>(e => e.LoopId == single.LoopId, 1, "the single interview"))
            .ToList();
        var sitIn = new List<Guid>();
        foreach (var loop in new[] { panel, single })
        {
            sitIn.AddRange((await api.ScheduleAsync(loop.LoopId)).GetProperty("interviews").EnumerateArray()
                .Where(i => i.TryGetProperty("trainee", out var t) && t.ValueKind == JsonValueKind.Object)
                .Select(i => i.GetProperty("id").GetGuid()));
        }
        Assert.True(sitIn.Count >= 2, $"the trainee sits in on at least two interviews (sat in on {sitIn.Count})");
        var submitted = booked.Select(b => new ScorecardSubmitted(Guid.CreateVersion7(), b.CandidateId, b.InterviewId, b.InterviewerId,
            "coding", [new CompetencyRating("algorithms", 3, "fine")], "yes", null, DateTimeOffset.UtcNow, "interviewer")).ToList();

        // One group, as the group commit hands them in, one of them delivered twice: one transaction records all four,
        // the trainee's two sessions counted one after the other (the first reaches reverse shadow, the second qualifies).
        var services = api.Hosts[0].Services;
        await using (var session = services.GetRequiredService<Marten.ISessionFactory>().OpenSession())
        {
            var outcomes = await HiringPlatform.Scheduling.Interviews.HeldInterviews.HoldAsync(session, [.. submitted, submitted[0]],
                services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HiringPlatform.Scheduling.Interviewers.TrainingOptions>>().Value, DateTimeOffset.UtcNow, CancellationToken.None);
            Assert.Equal([true, true, true, true, false], outcomes);
        }
        // Delivered again through the consumer: already handled, nothing changes.
        await Task.WhenAll(submitted.Select(api.PublishAsync));
        await Task.WhenAll(submitted.Select(s => api.WaitConsumedAsync(s.EventId, "the repeat consumed")));

        var qualified = Assert.Single(await api.WaitForAsync<InterviewerQualified>(e => e.InterviewerId == trainee, 1, "the trainee qualified"));
        Assert.Equal("coding", qualified.InterviewType);
        var held = await api.WaitForAsync<InterviewHeld>(e => booked.Any(b => b.InterviewId == e.InterviewId), 4, "every interview held");
        foreach (var loop in new[] { panel, single })
        {
            Assert.All((await api.ScheduleAsync(loop.LoopId)).GetProperty("interviews").EnumerateArray(),
                i => Assert.True(i.GetProperty("held").GetBoolean()));
        }
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(booked.Select(b => b.InterviewId).Order(), api.Published.OfType<InterviewHeld>()
            .Where(e => booked.Any(b => b.InterviewId == e.InterviewId)).DistinctBy(e => e.EventId).Select(e => e.InterviewId).Order());
        var coding = (await api.Client.GetFromJsonAsync<JsonElement>($"/api/v1/interviewers/{trainee}")).GetProperty("qualifications")
            .EnumerateArray().Single(q => q.GetProperty("interviewType").GetString() == "coding");
        Assert.Equal("qualified", coding.GetProperty("stage").GetString());
        Assert.Single(api.Published.OfType<InterviewerQualified>().Where(e => e.InterviewerId == trainee).DistinctBy(e => e.EventId));
    }

    [Fact]
    public async Task Bad_interviewer_input_is_a_422_naming_each_field_and_stores_nothing()
    {
        await using var api = await SchedulingApi.StartAsync();
        var id = await api.RegisterAsync("Valid", ["coding"]);
        var before = await api.Infrastructure.CountEventsAsync("scheduling");

        async Task<JsonElement> Rejected(HttpResponseMessage response)
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return (await Json(response)).GetProperty("errors");
        }

        var register = await Rejected(await api.Client.PostAsJsonAsync("/api/v1/interviewers", new
        {
            name = "Bad", email = "bad@example.com", team = "x", seniority = "senior",
            qualifiedFor = new[] { "coding", "whiteboard-trivia" }, weeklyCap = -1, timeZone = "Mars/Olympus_Mons",
        }));
        Assert.True(register.TryGetProperty("qualifiedFor[1]", out _));
        Assert.True(register.TryGetProperty("weeklyCap", out _));
        Assert.True(register.TryGetProperty("timeZone", out _));

        var overlapping = await Rejected(await api.Client.PutAsJsonAsync($"/api/v1/interviewers/{id}/availability", new
        {
            busyBlocks = new[] { new { startsAt = Monday.AddHours(9), endsAt = Monday.AddHours(11) }, new { startsAt = Monday.AddHours(10), endsAt = Monday.AddHours(12) } },
        }));
        Assert.True(overlapping.TryGetProperty("busyBlocks[1]", out _));

        var malformed = await Rejected(await api.Client.PutAsJsonAsync($"/api/v1/interviewers/{id}/availability", new
        {
            timeZone = "Europe/Nowhere",
            busyBlocks = new[] { new { startsAt = Monday.AddHours(11), endsAt = Monday.AddHours(9) } },
        }));
        Assert.True(malformed.TryGetProperty("busyBlocks[0]", out _));
        Assert.True(malformed.TryGetProperty("timeZone", out _));

        var calendar = await Rejected(await api.Client.PutAsJsonAsync($"/api/v1/interviewers/{id}/availability", new
        {
            iCalendar = "BEGIN:VCALENDAR\nBEGIN:VFREEBUSY\nFREEBUSY:20261130T090000Z/noon\nEND:VFREEBUSY\nEND:VCALENDAR",
        }));
        Assert.True(calendar.TryGetProperty("iCalendar", out _));

        var qualifications = await Rejected(await api.Client.PutAsJsonAsync($"/api/v1/interviewers/{id}/qualifications", new
        {
            qualifications = new[] { new { interviewType = "trivia", stage = "guru" } },
        }));
        Assert.True(qualifications.TryGetProperty("qualifications[0].interviewType", out _));
        Assert.True(qualifications.TryGetProperty("qualifications[0].stage", out _));

        Assert.Equal(before, await api.Infrastructure.CountEventsAsync("scheduling"));
    }
}
