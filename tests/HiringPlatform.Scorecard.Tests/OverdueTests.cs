namespace HiringPlatform.Scorecard.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.Scorecard.Scorecards;
using HiringPlatform.ServiceDefaults.Security;
using HiringPlatform.Testing;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

/// <summary>The overdue timer, on a clock the test moves.</summary>
public sealed class OverdueTests(ScorecardApiFixture api) : IClassFixture<ScorecardApiFixture>
{
    [Fact]
    public async Task A_scorecard_unsubmitted_24_hours_after_the_interview_is_published_overdue_and_listed_per_interviewer_and_recruiter()
    {
        var candidate = Guid.CreateVersion7();
        var applied = new ApplicationFor(candidate, "recruiter-rita").Message(api.Clock.GetUtcNow());
        await api.Bus.Publish(applied, context => context.MessageId = applied.EventId);
        var interview = await api.ScheduleAsync(candidate, endsAt: api.Clock.GetUtcNow().AddHours(1));
        var submittedInTime = await api.ScheduleAsync(candidate, endsAt: api.Clock.GetUtcNow().AddHours(1));
        using var punctual = api.As(submittedInTime.InterviewerId, Roles.Interviewer);
        await punctual.PostAsJsonAsync($"/api/v1/scorecards/{submittedInTime.InterviewId}", ScorecardApiFixture.Content());

        api.Clock.Advance(TimeSpan.FromHours(24.5));
        Assert.DoesNotContain(api.Published.Of("ScorecardOverdue"), m => m.GetProperty("candidateId").GetGuid() == candidate);

        api.Clock.Advance(TimeSpan.FromHours(1));
        var overdue = await api.Published.WaitFor("ScorecardOverdue", m => m.GetProperty("interviewId").GetGuid() == interview.InterviewId);
        Assert.Equal(interview.Message.EndsAt.AddHours(24), overdue.GetProperty("dueAt").GetDateTimeOffset());

        using var interviewer = api.As(interview.InterviewerId, Roles.Interviewer);
        var own = await Eventually.Until(() => interviewer.GetItemsAsync("/api/v1/scorecards/overdue"), cards => cards.Length > 0,
            "the interviewer's overdue scorecard");
        Assert.Equal(interview.InterviewId, Assert.Single(own).GetProperty("id").GetGuid());
        Assert.Equal(HttpStatusCode.Forbidden,
            (await interviewer.GetAsync($"/api/v1/scorecards/overdue?interviewerId={Guid.CreateVersion7()}")).StatusCode);

        using var recruiter = api.As(Guid.CreateVersion7(), Roles.Recruiter);
        var forRita = await Eventually.Until(
            () => recruiter.GetItemsAsync("/api/v1/scorecards/overdue?recruiter=recruiter-rita")!,
            cards => cards!.Length == 1, "Rita's overdue scorecard");
        Assert.Equal(interview.InterviewId, forRita![0].GetProperty("id").GetGuid());
        Assert.Empty((await recruiter.GetItemsAsync("/api/v1/scorecards/overdue?recruiter=someone-else"))!);

        // Marked once: a later check, run here to completion, finds nothing more to mark.
        api.Clock.Advance(TimeSpan.FromHours(5));
        var monitor = api.Host.Services.GetServices<IHostedService>().OfType<OverdueScorecardsMonitor>().Single();
        Assert.Equal(0, await monitor.MarkOverdueAsync(CancellationToken.None));
        using var reader = api.As(Guid.CreateVersion7(), Roles.Recruiter);
        var card = await reader.GetFromJsonAsync<JsonElement>($"/api/v1/scorecards/{interview.InterviewId}");
        Assert.Equal(overdue.GetProperty("dueAt").GetDateTimeOffset(), card.GetProperty("overdueSince").GetDateTimeOffset());
        Assert.Single(api.Published.Of("ScorecardOverdue"), m => m.GetProperty("interviewId").GetGuid() == interview.InterviewId);
    }
}
