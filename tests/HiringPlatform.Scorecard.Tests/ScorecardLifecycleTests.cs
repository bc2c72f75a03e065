namespace HiringPlatform.Scorecard.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.Contracts.Scheduling;
using HiringPlatform.ServiceDefaults.Security;
using HiringPlatform.Testing;
using MassTransit;
using Xunit;

/// <summary>From InterviewScheduled to DecisionRecorded on the real database and broker.</summary>
public sealed class ScorecardLifecycleTests(ScorecardApiFixture api) : IClassFixture<ScorecardApiFixture>
{
    [Fact]
    public async Task A_scheduled_interview_is_scored_by_its_interviewer_and_a_shadow_then_decided_on_the_counting_card_only()
    {
        var trainee = Guid.CreateVersion7();
        var interview = await api.ScheduleAsync(trainee: trainee);
        using var interviewer = api.As(interview.InterviewerId, Roles.Interviewer);
        using var shadow = api.As(trainee, Roles.Interviewer);

        var mine = await interviewer.GetItemsAsync("/api/v1/scorecards/mine");
        Assert.Equal(interview.InterviewId, Assert.Single(mine!).GetProperty("id").GetGuid());
        var shadowCard = Assert.Single((await shadow.GetItemsAsync("/api/v1/scorecards/mine"))!);
        Assert.False(shadowCard.GetProperty("countsTowardDecision").GetBoolean());
        Assert.Equal("shadow", shadowCard.GetProperty("stage").GetString());

        Assert.Equal(HttpStatusCode.OK,
            (await interviewer.PostAsJsonAsync($"/api/v1/scorecards/{interview.InterviewId}", ScorecardApiFixture.Content("yes"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await shadow.PostAsJsonAsync($"/api/v1/scorecards/{shadowCard.GetProperty("id").GetGuid()}",
                ScorecardApiFixture.Content("strong_no", 1))).StatusCode);

        var submitted = await api.Published.WaitFor("ScorecardSubmitted",
            m => m.GetProperty("interviewId").GetGuid() == interview.InterviewId && m.GetProperty("countsTowardDecision").GetBoolean());
        // MassTransit's serializer may write decimals as strings; the value is what matters.
        var share = submitted.GetProperty("probes")[0].GetProperty("share");
        Assert.Equal(0.6m, share.ValueKind == JsonValueKind.String
            ? decimal.Parse(share.GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            : share.GetDecimal());
        await api.Published.WaitFor("ScorecardSubmitted",
            m => m.GetProperty("interviewId").GetGuid() == interview.InterviewId && !m.GetProperty("countsTowardDecision").GetBoolean());

        using var manager = api.As(Guid.CreateVersion7(), Roles.HiringManager);
        var decision = await manager.PostAsJsonAsync("/api/v1/decisions", new
        {
            candidateId = interview.CandidateId, decision = "hire", rationale = "Strong coding.", decidedBy = "hm",
        });
        Assert.Equal(HttpStatusCode.Created, decision.StatusCode);

        var recorded = await api.Published.WaitFor("DecisionRecorded", m => m.GetProperty("candidateId").GetGuid() == interview.CandidateId);
        var panel = recorded.GetProperty("panelRecommendations").EnumerateArray().ToList();
        Assert.Equal(interview.InterviewerId, Assert.Single(panel).GetProperty("interviewerId").GetGuid());
        Assert.False(recorded.GetProperty("againstPanelMajority").GetBoolean());

        var again = await manager.PostAsJsonAsync("/api/v1/decisions", new
        {
            candidateId = interview.CandidateId, decision = "no_hire", rationale = "Changed my mind.",
        });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }

    [Fact]
    public async Task A_rescheduled_interview_moves_its_scorecard_to_the_new_interviewer_and_time()
    {
        var interview = await api.ScheduleAsync();
        var replacement = Guid.CreateVersion7();
        var later = interview.Message.EndsAt.AddDays(1);
        var moved = new InterviewRescheduled(Guid.CreateVersion7(), interview.CandidateId, interview.Message.LoopId,
            interview.InterviewId, replacement, "Grace", later.AddHours(-1), later, "interviewer sick", api.Clock.GetUtcNow(), "recruiter");
        await api.Bus.Publish(moved, context => context.MessageId = moved.EventId);

        using var recruiter = api.As(Guid.CreateVersion7(), Roles.Recruiter);
        var card = await Eventually.Until(
            () => recruiter.GetFromJsonAsync<JsonElement>($"/api/v1/scorecards/{interview.InterviewId}"),
            c => c.GetProperty("interviewerId").GetGuid() == replacement, "the scorecard moved");
        Assert.Equal(later, card.GetProperty("endsAt").GetDateTimeOffset());

        using var original = api.As(interview.InterviewerId, Roles.Interviewer);
        Assert.Equal(HttpStatusCode.Forbidden,
            (await original.PostAsJsonAsync($"/api/v1/scorecards/{interview.InterviewId}", ScorecardApiFixture.Content())).StatusCode);
        using var newInterviewer = api.As(replacement, Roles.Interviewer);
        // The interview had taken place at its first time; moved a day on, its scorecard opens at the new start.
        var early = await newInterviewer.PostAsJsonAsync($"/api/v1/scorecards/{interview.InterviewId}", ScorecardApiFixture.Content());
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        Assert.Equal(later.AddHours(-1), (await early.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("opensAt").GetDateTimeOffset());

        api.Clock.SetUtcNow(later.AddHours(-1));
        Assert.Equal(HttpStatusCode.OK,
            (await newInterviewer.PostAsJsonAsync($"/api/v1/scorecards/{interview.InterviewId}", ScorecardApiFixture.Content())).StatusCode);
    }

    [Fact]
    public async Task A_scorecard_submitted_before_the_interview_starts_is_a_conflict_naming_when_it_opens_and_stores_nothing()
    {
        var starts = api.Clock.GetUtcNow().AddHours(3);
        var interview = await api.ScheduleAsync(endsAt: starts.AddHours(1));
        using var interviewer = api.As(interview.InterviewerId, Roles.Interviewer);
        var before = await api.Infrastructure.CountEventsAsync("scorecard", interview.InterviewId);

        var response = await interviewer.PostAsJsonAsync($"/api/v1/scorecards/{interview.InterviewId}", ScorecardApiFixture.Content());

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:hiring-platform:problem:conflict", problem.GetProperty("type").GetString());
        Assert.Equal(starts, problem.GetProperty("opensAt").GetDateTimeOffset());
        Assert.Contains(starts.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await api.Infrastructure.CountEventsAsync("scorecard", interview.InterviewId));
        using var recruiter = api.As(Guid.CreateVersion7(), Roles.Recruiter);
        var card = await recruiter.GetFromJsonAsync<JsonElement>($"/api/v1/scorecards/{interview.InterviewId}");
        Assert.Equal("pending", card.GetProperty("status").GetString());
        Assert.DoesNotContain(api.Published.Of("ScorecardSubmitted"), m => m.GetProperty("interviewId").GetGuid() == interview.InterviewId);
    }

    [Fact]
    public async Task A_cancelled_interview_voids_its_scorecard_which_then_neither_accepts_a_submission_nor_holds_up_the_decision()
    {
        var candidate = Guid.CreateVersion7();
        var kept = await api.ScheduleAsync(candidate);
        var cancelled = await api.ScheduleAsync(candidate);
        var message = new InterviewCancelled(Guid.CreateVersion7(), candidate, cancelled.Message.LoopId, cancelled.InterviewId,
            "loop revised", api.Clock.GetUtcNow(), "system:scheduling");
        await api.Bus.Publish(message, context => context.MessageId = message.EventId);

        using var recruiter = api.As(Guid.CreateVersion7(), Roles.Recruiter);
        await Eventually.Until(() => recruiter.GetFromJsonAsync<JsonElement>($"/api/v1/scorecards/{cancelled.InterviewId}"),
            c => c.GetProperty("status").GetString() == "voided", "the scorecard voided");
        using var canceller = api.As(cancelled.InterviewerId, Roles.Interviewer);
        Assert.Equal(HttpStatusCode.Conflict,
            (await canceller.PostAsJsonAsync($"/api/v1/scorecards/{cancelled.InterviewId}", ScorecardApiFixture.Content())).StatusCode);

        using var interviewer = api.As(kept.InterviewerId, Roles.Interviewer);
        await interviewer.PostAsJsonAsync($"/api/v1/scorecards/{kept.InterviewId}", ScorecardApiFixture.Content("no", 2));
        using var manager = api.As(Guid.CreateVersion7(), Roles.HiringManager);
        var decision = await manager.PostAsJsonAsync("/api/v1/decisions", new { candidateId = candidate, decision = "no_hire", rationale = "x" });
        Assert.Equal(HttpStatusCode.Created, decision.StatusCode);
    }

    [Fact]
    public async Task Two_racing_submissions_for_the_same_scorecard_result_in_exactly_one()
    {
        var interview = await api.ScheduleAsync();
        using var interviewer = api.As(interview.InterviewerId, Roles.Interviewer);
        var before = await api.Infrastructure.CountEventsAsync("scorecard", interview.InterviewId);

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            interviewer.PostAsJsonAsync($"/api/v1/scorecards/{interview.InterviewId}", ScorecardApiFixture.Content(i % 2 == 0 ? "yes" : "no"))));

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.OK));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a.StatusCode));
        Assert.Equal(before + 1, await api.Infrastructure.CountEventsAsync("scorecard", interview.InterviewId));
    }

    [Fact]
    public async Task An_amendment_keeps_the_original_and_one_after_the_decision_is_marked()
    {
        var interview = await api.ScheduleAsync();
        using var interviewer = api.As(interview.InterviewerId, Roles.Interviewer);
        await interviewer.PostAsJsonAsync($"/api/v1/scorecards/{interview.InterviewId}", ScorecardApiFixture.Content("no", 2));
        using var manager = api.As(Guid.CreateVersion7(), Roles.HiringManager);
        Assert.Equal(HttpStatusCode.Created, (await manager.PostAsJsonAsync("/api/v1/decisions",
            new { candidateId = interview.CandidateId, decision = "no_hire", rationale = "Panel." })).StatusCode);

        var amendment = await interviewer.PostAsJsonAsync($"/api/v1/scorecards/{interview.InterviewId}/amendments", new
        {
            ratings = new[] { new { competency = "algorithms", rating = 4 }, new { competency = "maintainable-code", rating = 3 },
                new { competency = "communication", rating = 3 } },
            recommendation = "yes",
            reason = "I swapped two candidates' notes.",
        });

        Assert.Equal(HttpStatusCode.OK, amendment.StatusCode);
        var card = await amendment.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("no", card.GetProperty("recommendation").GetString());
        var kept = Assert.Single(card.GetProperty("amendments").EnumerateArray().ToList());
        Assert.Equal("yes", kept.GetProperty("recommendation").GetString());
        Assert.True(kept.GetProperty("afterDecision").GetBoolean());
        var published = await api.Published.WaitFor("ScorecardAmended", m => m.GetProperty("interviewId").GetGuid() == interview.InterviewId);
        Assert.True(published.GetProperty("afterDecision").GetBoolean());
    }

    [Fact]
    public async Task Reading_others_scorecards_waits_for_your_own_and_every_read_is_recorded()
    {
        var candidate = Guid.CreateVersion7();
        var first = await api.ScheduleAsync(candidate);
        var second = await api.ScheduleAsync(candidate);
        using var firstInterviewer = api.As(first.InterviewerId, Roles.Interviewer);
        using var secondInterviewer = api.As(second.InterviewerId, Roles.Interviewer);
        await firstInterviewer.PostAsJsonAsync($"/api/v1/scorecards/{first.InterviewId}", ScorecardApiFixture.Content("strong_no", 1));

        var beforeOwn = await secondInterviewer.GetItemsAsync($"/api/v1/scorecards?candidateId={candidate}");
        Assert.Equal(second.InterviewId, Assert.Single(beforeOwn!).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.Forbidden, (await secondInterviewer.GetAsync($"/api/v1/scorecards/{first.InterviewId}")).StatusCode);

        // A hiring manager who also interviews may read, but the read before their own submission is on record.
        using var manager = api.As(second.InterviewerId, Roles.HiringManager, Roles.Interviewer);
        Assert.Equal(2, (await manager.GetItemsAsync($"/api/v1/scorecards?candidateId={candidate}"))!.Length);
        var early = await api.Published.WaitFor("ScorecardsViewed", m => m.GetProperty("candidateId").GetGuid() == candidate);
        Assert.True(early.GetProperty("beforeOwnSubmission").GetBoolean());
        Assert.Equal(first.InterviewId, Assert.Single(early.GetProperty("scorecardIds").EnumerateArray().ToList()).GetGuid());

        await secondInterviewer.PostAsJsonAsync($"/api/v1/scorecards/{second.InterviewId}", ScorecardApiFixture.Content());
        var afterOwn = await secondInterviewer.GetItemsAsync($"/api/v1/scorecards?candidateId={candidate}");
        Assert.Equal(2, afterOwn!.Length);
        await api.Published.WaitFor("ScorecardsViewed", m => m.GetProperty("candidateId").GetGuid() == candidate
            && !m.GetProperty("beforeOwnSubmission").GetBoolean() && m.GetProperty("viewer").GetString() == second.InterviewerId.ToString());
    }

    [Fact]
    public async Task Bad_input_names_each_field_and_stores_nothing()
    {
        var interview = await api.ScheduleAsync();
        using var interviewer = api.As(interview.InterviewerId, Roles.Interviewer);
        var before = await api.Infrastructure.CountEventsAsync("scorecard");

        var response = await interviewer.PostAsJsonAsync($"/api/v1/scorecards/{interview.InterviewId}", new
        {
            ratings = new object[] { new { competency = "algorithms", rating = 7 }, new { competency = "kubernetes", rating = 2 } },
            recommendation = "maybe",
            probes = new[] { new { competency = "algorithms", share = 0.8m }, new { competency = "maintainable-code", share = 0.4m } },
        });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        foreach (var field in new[] { "ratings[0].rating", "ratings[1].competency", "ratings", "recommendation", "probes" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"{field} missing in {errors}");
        }
        var malformed = await interviewer.PostAsync($"/api/v1/scorecards/{interview.InterviewId}",
            new StringContent("""{"ratings": "all good"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(before, await api.Infrastructure.CountEventsAsync("scorecard"));
    }
}
