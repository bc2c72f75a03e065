namespace HiringPlatform.Scorecard.Tests;

using System.Net;
using HiringPlatform.Scorecard.Scorecards;
using HiringPlatform.ServiceDefaults.Security;
using HiringPlatform.Testing;
using Marten;
using Microsoft.AspNetCore.Http;
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

    [Fact]
    public async Task A_write_that_loses_the_race_to_the_overdue_monitor_is_decided_again_unless_it_pinned_a_version()
    {
        var sessions = api.Host.Services.GetRequiredService<ISessionFactory>();
        var raced = await api.ScheduleAsync();
        var attempts = 0;
        async Task<int> VoidRacingTheMonitor(IDocumentSession session, Guid card)
        {
            attempts++;
            var stream = await session.Events.FetchForWriting<ScorecardDetails>(card);
            if (attempts == 1)
            {
                // The monitor marks the card between this write's read and its commit.
                await using var monitor = sessions.OpenSession();
                var now = api.Clock.GetUtcNow();
                monitor.Events.Append(card, new ScorecardMarkedOverdue(card, stream.Aggregate!.CandidateId, card, stream.Aggregate.InterviewerId,
                    stream.Aggregate.EndsAt, stream.Aggregate.EndsAt.AddHours(24), now, "system:scorecard"));
                await monitor.SaveChangesAsync();
            }
            stream.AppendOne(new ScorecardVoided(card, "the interview did not take place", api.Clock.GetUtcNow(), "test"));
            await session.SaveChangesAsync();
            return attempts;
        }

        await using (var first = sessions.OpenSession())
        {
            Assert.Equal(2, await Redecided.RunAsync(new DefaultHttpContext(), first, sessions, s => VoidRacingTheMonitor(s, raced.InterviewId)));
        }
        await using (var read = sessions.QuerySession())
        {
            var card = (await read.LoadAsync<ScorecardDetails>(raced.InterviewId))!;
            Assert.Equal(ScorecardDetails.Voided, card.Status);
            Assert.NotNull(card.OverdueSince);
        }

        // A caller that pinned the version with If-Match asked for it: the lost race stays theirs (409), tried once.
        var pinned = await api.ScheduleAsync();
        var http = new DefaultHttpContext();
        http.Request.Headers.IfMatch = "\"1\"";
        attempts = 0;
        await using (var first = sessions.OpenSession())
        {
            var lost = await Assert.ThrowsAnyAsync<Exception>(() => Redecided.RunAsync(http, first, sessions, s => VoidRacingTheMonitor(s, pinned.InterviewId)));
            Assert.True(lost is JasperFx.ConcurrencyException or JasperFx.Events.EventStreamUnexpectedMaxEventIdException, lost.GetType().Name);
            // The caller is told it lost a race (retry after reading again), not that the card refuses the write.
            var problem = Assert.Single(api.Host.Services.GetServices<HiringPlatform.ServiceDefaults.Problems.IExceptionProblems>()
                .Select(p => p.For(lost)).OfType<Microsoft.AspNetCore.Mvc.ProblemDetails>());
            Assert.Equal(StatusCodes.Status409Conflict, problem.Status);
            Assert.Equal("urn:hiring-platform:problem:concurrent-change", problem.Type);
        }
        Assert.Equal(1, attempts);
    }
}
