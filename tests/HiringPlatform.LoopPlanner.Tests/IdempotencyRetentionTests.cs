namespace HiringPlatform.LoopPlanner.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.ServiceDefaults.Idempotency;
using HiringPlatform.ServiceDefaults.Security;
using HiringPlatform.Testing;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit;

/// <summary>Idempotency-Key records expire after the configured retention and a purge deletes them (on a controlled clock).</summary>
public sealed class IdempotencyRetentionTests : IAsyncLifetime
{
    // Whole seconds: PostgreSQL keeps microseconds, so a stored moment exactly at the cutoff must not depend on rounding.
    private readonly FakeTimeProvider clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    private IsolatedInfrastructure infrastructure = null!;
    private ServiceHost<Marker> host = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        infrastructure = await IsolatedInfrastructure.CreateAsync();
        host = new ServiceHost<Marker>("loop-planner", infrastructure,
            // Configurable: two hours here (24 h by default); the timer's own purge stays out of the way.
            new Dictionary<string, string> { ["Idempotency:Retention"] = "02:00:00", ["Idempotency:PurgeInterval"] = "1.00:00:00" },
            services: services => services.AddSingleton<TimeProvider>(clock));
        host.Start();
        client = host.CreateClientAs("retention-tests", Roles.Recruiter);
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        await host.DisposeAsync();
        await infrastructure.DisposeAsync();
    }

    private async Task<HttpResponseMessage> Post(string key, string name)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/roles")
        {
            Content = JsonContent.Create(new { name, requiredCompetencies = new[] { "ml-systems" } }),
        };
        request.Headers.Add(IdempotencyMiddleware.Header, key);
        return await client.SendAsync(request);
    }

    private static async Task<Guid> Id(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

    private async Task<int> Records()
    {
        await using var session = host.Services.GetRequiredService<IDocumentStore>().QuerySession();
        return await session.Query<IdempotentRequest>().CountAsync();
    }

    [Fact]
    public async Task A_key_is_replayed_within_the_retention_forgotten_after_it_and_purged()
    {
        var first = await Post("key-1", "Retained role");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var id = await Id(first);
        await Post("key-2", "Another role");

        clock.Advance(TimeSpan.FromMinutes(119));
        var replay = await Post("key-1", "Retained role");
        Assert.Equal("true", replay.Headers.GetValues(IdempotencyMiddleware.ReplayedHeader).Single());
        Assert.Equal(id, await Id(replay));
        var purge = host.Services.GetRequiredService<IdempotencyPurge>();
        Assert.Equal(0, await purge.PurgeAsync(CancellationToken.None));
        Assert.Equal(2, await Records());

        clock.Advance(TimeSpan.FromMinutes(2));
        // Expired before any purge ran: the key is forgotten, so even another body is a new request.
        var again = await Post("key-1", "A different role");
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.False(again.Headers.Contains(IdempotencyMiddleware.ReplayedHeader));
        Assert.NotEqual(id, await Id(again));

        // The purge deletes key-2 (expired); key-1 was just used again, so it stays.
        Assert.Equal(1, await purge.PurgeAsync(CancellationToken.None));
        Assert.Equal(1, await Records());
        clock.Advance(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await purge.PurgeAsync(CancellationToken.None));
        Assert.Equal(0, await Records());
    }

    [Fact]
    public async Task The_background_purge_deletes_expired_keys_at_its_interval()
    {
        Assert.Equal(HttpStatusCode.Created, (await Post("key-3", "Purged role")).StatusCode);
        Assert.Equal(1, await Records());

        clock.Advance(TimeSpan.FromDays(1));

        await Eventually.Until(Records, count => count == 0, "the expired key purged by the background job");
    }

    [Fact]
    public async Task A_key_whose_first_request_is_still_running_is_a_409_to_retry_after_and_stores_nothing()
    {
        var first = await Post("key-running", "Running role");
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        // As the record stands while the first request is still being handled: claimed, not yet answered.
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await using (var session = store.LightweightSession())
        {
            var record = Assert.Single(await session.Query<IdempotentRequest>().ToListAsync());
            session.Store(record with { Completed = false, StatusCode = 0, Body = null });
            await session.SaveChangesAsync();
        }

        async Task<int> Events()
        {
            await using var query = store.QuerySession();
            return await query.Events.QueryAllRawEvents().CountAsync();
        }
        var before = await Events();

        var again = await Post("key-running", "Running role");

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
        Assert.Equal("urn:hiring-platform:problem:request-in-progress",
            (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());
        Assert.Equal(TimeSpan.FromSeconds(1), again.Headers.RetryAfter?.Delta);
        Assert.Equal(before, await Events());
        Assert.Equal(1, await Records());
    }
}
