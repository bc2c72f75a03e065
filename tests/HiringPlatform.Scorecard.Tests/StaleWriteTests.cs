namespace HiringPlatform.Scorecard.Tests;

using System.Net;
using HiringPlatform.Scorecard.Scorecards;
using HiringPlatform.ServiceDefaults.Security;
using HiringPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Xunit;

/// <summary>ETag / If-Match on a scorecard's submission and amendments: a stale write is 412 and changes nothing.</summary>
public sealed class StaleWriteTests(ScorecardApiFixture api) : IClassFixture<ScorecardApiFixture>
{
    [Fact]
    public async Task Submitting_or_amending_with_a_stale_if_match_is_412_and_a_current_one_succeeds()
    {
        var interview = await api.ScheduleAsync();
        using var interviewer = api.As(interview.InterviewerId, Roles.Interviewer);
        var url = $"/api/v1/scorecards/{interview.InterviewId}";
        var stale = await interviewer.EtagOfAsync(url);
        // The card changes under the interviewer: it is marked overdue.
        api.Clock.Advance(TimeSpan.FromHours(24));
        var monitor = api.Host.Services.GetServices<IHostedService>().OfType<OverdueScorecardsMonitor>().Single();
        await monitor.MarkOverdueAsync(CancellationToken.None);
        var current = await interviewer.EtagOfAsync(url);
        Assert.NotEqual(stale, current);

        await IfMatch.AssertStaleAsync(await interviewer.SendAsync(HttpMethod.Post, url, ScorecardApiFixture.Content(), stale), stale);
        Assert.Equal(current, await interviewer.EtagOfAsync(url));

        var submitted = await interviewer.SendAsync(HttpMethod.Post, url, ScorecardApiFixture.Content(), current);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        var afterSubmission = submitted.Headers.ETag!.Tag;
        Assert.NotEqual(current, afterSubmission);
        await IfMatch.AssertStaleAsync(await interviewer.SendAsync(HttpMethod.Post, $"{url}/amendments",
            new
            {
                ratings = new object[]
                {
                    new { competency = "algorithms", rating = 2, evidence = "Missed the cycle." },
                    new { competency = "maintainable-code", rating = 2, evidence = "No tests." },
                    new { competency = "communication", rating = (int?)null, evidence = (string?)null },
                },
                recommendation = "no",
                probes = new[] { new { competency = "algorithms", topic = "graph search", share = 0.6m } },
                summary = "Weaker than first written.",
                reason = "lost update",
            }, current), current);
        Assert.Equal(afterSubmission, await interviewer.EtagOfAsync(url));
    }
}
