namespace HiringPlatform.Scheduling.Tests;

using System.Net;
using System.Net.Http.Json;
using HiringPlatform.Contracts.Scheduling;
using HiringPlatform.Testing;
using Xunit;

/// <summary>ETag / If-Match on scheduling's updates: a stale write is 412 problem+json and changes nothing.</summary>
[Trait("Category", "Integration")]
public sealed class StaleWriteTests
{
    [Fact]
    public async Task Revising_an_interviewer_their_qualifications_or_availability_with_a_stale_if_match_is_412()
    {
        await using var api = await SchedulingApi.StartAsync();
        var id = await api.RegisterAsync("Tagged", ["coding"]);
        var url = $"/api/v1/interviewers/{id}";
        var stale = await api.Client.EtagOfAsync(url);
        var registeredAgain = await api.Client.PostAsJsonAsync("/api/v1/interviewers", new
        {
            name = "Tagged Twice", email = "tagged.twice@example.com", team = "t", seniority = "senior", qualifiedFor = new[] { "coding" },
            hiringManagerFor = Array.Empty<string>(), weeklyCap = 4,
        });
        // A create answers the new resource's ETag, the one its first If-Match takes.
        Assert.Equal(HttpStatusCode.Created, registeredAgain.StatusCode);
        Assert.Equal(registeredAgain.Headers.ETag!.Tag, await api.Client.EtagOfAsync(registeredAgain.Headers.Location!.ToString()));
        var profile = new { name = "Tagged", email = "tagged@example.com", team = "t", seniority = "senior", hiringManagerFor = Array.Empty<string>(), weeklyCap = 4 };
        var revised = await api.Client.SendAsync(HttpMethod.Put, url, profile, stale);
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        var current = revised.Headers.ETag!.Tag;

        await IfMatch.AssertStaleAsync(await api.Client.SendAsync(HttpMethod.Put, url, profile with { weeklyCap = 9 }, stale), stale);
        await IfMatch.AssertStaleAsync(await api.Client.SendAsync(HttpMethod.Put, $"{url}/qualifications",
            new { qualifications = Array.Empty<object>() }, stale), stale);
        await IfMatch.AssertStaleAsync(await api.Client.SendAsync(HttpMethod.Put, $"{url}/availability",
            new { timeZone = "Europe/Berlin" }, stale), stale);

        Assert.Equal(current, await api.Client.EtagOfAsync(url));
        var now = await api.Client.GetFromJsonAsync<System.Text.Json.JsonElement>(url);
        Assert.Equal(4, now.GetProperty("weeklyCap").GetInt32());
        Assert.Equal("UTC", now.GetProperty("timeZone").GetString());
    }

    [Fact]
    public async Task Rescheduling_cancelling_or_holding_an_interview_with_a_stale_if_match_is_412()
    {
        await using var api = await SchedulingApi.StartAsync();
        await api.RegisterAsync("One", ["coding"], team: "a");
        await api.RegisterAsync("Two", ["coding"], team: "b");
        var monday = SchedulingApi.NextMonday;
        var loop = SchedulingApi.Loop("r", [("coding", 60)], [new(monday.AddHours(9), monday.AddHours(17))]);
        await api.PublishAsync(loop);
        var booked = Assert.Single(await api.WaitForAsync<InterviewScheduled>(e => e.LoopId == loop.LoopId, 1, "the interview"));
        var schedule = $"/api/v1/loops/{loop.LoopId}/schedule";
        var path = $"/api/v1/loops/{loop.LoopId}/interviews/{booked.InterviewId}";
        var stale = await api.Client.EtagOfAsync(schedule);

        var moved = await api.Client.SendAsync(HttpMethod.Post, $"{path}/reschedule", new { requestedBy = "interviewer", reason = "ill" }, stale);
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var current = await api.Client.EtagOfAsync(schedule);
        Assert.NotEqual(stale, current);

        await IfMatch.AssertStaleAsync(await api.Client.SendAsync(HttpMethod.Post, $"{path}/reschedule", new { requestedBy = "candidate" }, stale), stale);
        await IfMatch.AssertStaleAsync(await api.Client.SendAsync(HttpMethod.Post, $"{path}/cancel", new { reason = "lost update" }, stale), stale);
        await IfMatch.AssertStaleAsync(await api.Client.SendAsync(HttpMethod.Post, $"{path}/held", null, stale), stale);

        Assert.Equal(current, await api.Client.EtagOfAsync(schedule));
        var cancelled = await api.Client.SendAsync(HttpMethod.Post, $"{path}/cancel", new { reason = "role closed" }, current);
        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
    }
}
