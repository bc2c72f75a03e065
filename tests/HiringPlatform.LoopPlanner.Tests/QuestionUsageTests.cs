namespace HiringPlatform.LoopPlanner.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.LoopPlanner.Questions;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

/// <summary>Question usage under concurrent planning: every use counted, and no two plans deadlock on the counts.</summary>
public sealed class QuestionUsageTests(LoopPlannerApi api) : IClassFixture<LoopPlannerApi>
{
    [Fact]
    public async Task Candidates_planned_at_once_are_all_accepted_and_every_question_they_got_is_counted_once_per_loop()
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var statuses = new HttpStatusCode[48];
        var questions = new List<Guid>[statuses.Length];
        await Parallel.ForEachAsync(Enumerable.Range(0, statuses.Length), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
        {
            var response = await api.Client.PostAsJsonAsync("/api/v1/candidates", new
            {
                externalId = $"usage-{run}-{i}", name = $"Candidate {i}", email = $"usage-{run}-{i}@example.com",
                role = "ml-engineer", level = i % 2 == 0 ? "abbreviated" : "senior",
            }, token);
            statuses[i] = response.StatusCode;
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(token);
            questions[i] = response.IsSuccessStatusCode
                ? [.. body.GetProperty("loop").GetProperty("slots").EnumerateArray()
                    .Where(s => s.TryGetProperty("questionId", out _)).Select(s => s.GetProperty("questionId").GetGuid())]
                : [];
        });

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Created, status));
        var expected = questions.SelectMany(q => q).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(expected.Values.Any(n => n > 1), "the loops share questions, so the counts were contended");
        await using var session = api.Host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        var counted = (await session.Query<QuestionUsage>().ToListAsync()).ToDictionary(u => u.Id, u => u.Count);
        Assert.All(expected, pair => Assert.Equal(pair.Value, counted.GetValueOrDefault(pair.Key)));
    }
}
