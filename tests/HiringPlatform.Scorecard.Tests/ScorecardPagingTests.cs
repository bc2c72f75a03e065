namespace HiringPlatform.Scorecard.Tests;

using HiringPlatform.ServiceDefaults.Security;
using HiringPlatform.Testing;
using Xunit;

/// <summary>A candidate's scorecards page with a cursor: opened while paging, none is skipped or repeated.</summary>
public sealed class ScorecardPagingTests(ScorecardApiFixture api) : IClassFixture<ScorecardApiFixture>
{
    [Fact]
    public async Task Paging_a_candidates_scorecards_while_more_open_neither_skips_nor_repeats_any()
    {
        var candidate = Guid.CreateVersion7();
        var first = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            first.Add((await api.ScheduleAsync(candidate)).InterviewId);
        }
        using var recruiter = api.As(Guid.CreateVersion7(), Roles.Recruiter);
        var url = $"/api/v1/scorecards?candidateId={candidate}";

        var racing = Task.WhenAll(Enumerable.Range(0, 3).Select(_ => api.ScheduleAsync(candidate)));
        var (seen, cursor) = await recruiter.DrainAsync(url, null, 2);
        var second = (await racing).Select(i => i.InterviewId);

        var all = first.Concat(second).ToHashSet();
        await Eventually.Until(async () =>
            {
                var (more, last) = await recruiter.DrainAsync(url, cursor, 2);
                seen.AddRange(more);
                cursor = last;
                return seen;
            },
            s => all.IsSubsetOf(s), "every scorecard of the candidate");

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(all, seen.ToHashSet());
    }
}
