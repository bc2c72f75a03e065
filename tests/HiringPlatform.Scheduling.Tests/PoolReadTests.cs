namespace HiringPlatform.Scheduling.Tests;

using System.Net.Http.Json;
using HiringPlatform.Contracts;
using HiringPlatform.Contracts.Scheduling;
using HiringPlatform.ServiceDefaults.Security;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

/// <summary>Each instance keeps the interviewers' documents it read and reloads only what changed.</summary>
[Trait("Category", "Integration")]
public sealed class PoolReadTests
{
    [Fact]
    public async Task An_instance_that_read_the_pool_before_sees_what_another_instance_changed_since()
    {
        await using var api = await SchedulingApi.StartAsync(instances: 2);
        var first = api.Hosts[0];
        var monday = SchedulingApi.NextMonday;
        var window = new AvailabilityWindow(monday.AddHours(9), monday.AddHours(17));
        var early = await api.RegisterAsync("Early Coder", ["coding"], team: "a", weeklyCap: 10);
        var warm = SchedulingApi.Loop("r", [("coding", 60)], [window]);
        await first.Services.GetRequiredService<IBus>().Publish(warm, c => c.MessageId = warm.EventId);
        var booked = Assert.Single(await api.WaitForAsync<InterviewScheduled>(e => e.LoopId == warm.LoopId, 1, "the first loop"));
        Assert.Equal(early, booked.InterviewerId);

        // Through the other instance the early coder leaves the rota: a stale copy would book them (and collide, forever).
        using var second = api.Hosts[1].CreateClientAs("pool-tests", Roles.Recruiter);
        (await second.PutAsJsonAsync($"/api/v1/interviewers/{early}", new
        {
            name = "Early Coder", email = "Early.Coder@example.com", team = "a", seniority = "senior",
            hiringManagerFor = Array.Empty<string>(), weeklyCap = 0,
        })).EnsureSuccessStatusCode();
        var refused = SchedulingApi.Loop("r", [("coding", 60)], [window]);
        await first.Services.GetRequiredService<IBus>().Publish(refused, c => c.MessageId = refused.EventId);
        var failed = Assert.Single(await api.WaitForAsync<SchedulingFailed>(e => e.LoopId == refused.LoopId, 1, "the loop nobody can take"));
        Assert.Contains("weekly cap", Assert.Single(failed.Slots).Reason, StringComparison.Ordinal);

        // ... and a new coder joins there.
        var late = await RegisterThroughAsync(second, "Late Coder");
        var next = SchedulingApi.Loop("r", [("coding", 60)], [window]);
        await first.Services.GetRequiredService<IBus>().Publish(next, c => c.MessageId = next.EventId);

        var scheduled = Assert.Single(await api.WaitForAsync<InterviewScheduled>(e => e.LoopId == next.LoopId, 1, "the next loop"));
        Assert.Equal(late, scheduled.InterviewerId);
    }

    private static async Task<Guid> RegisterThroughAsync(HttpClient client, string name)
    {
        var response = await client.PostAsJsonAsync("/api/v1/interviewers", new
        {
            name, email = $"{name.Replace(' ', '.')}@example.com", team = "b", seniority = "senior", qualifiedFor = new[] { "coding" },
            hiringManagerFor = Array.Empty<string>(), weeklyCap = 10,
        });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
    }
}
