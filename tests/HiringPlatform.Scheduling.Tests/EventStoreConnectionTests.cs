namespace HiringPlatform.Scheduling.Tests;

using HiringPlatform.ServiceDefaults.EventStore;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

/// <summary>The event store's connections keep their most used statements prepared (EventStore:MaxAutoPrepare).</summary>
public sealed class EventStoreConnectionTests
{
    private const string Given = "Host=127.0.0.1;Port=5433;Database=hiring;Username=postgres";

    [Fact]
    public void The_store_prepares_its_most_used_statements_unless_the_connection_string_says_otherwise()
    {
        Assert.Equal(64, new NpgsqlConnectionStringBuilder(new EventStoreOptions { ConnectionString = Given }.StoreConnectionString()).MaxAutoPrepare);
        Assert.Equal(0, new NpgsqlConnectionStringBuilder(
            new EventStoreOptions { ConnectionString = Given, MaxAutoPrepare = 0 }.StoreConnectionString()).MaxAutoPrepare);
        Assert.Equal(8, new NpgsqlConnectionStringBuilder(
            new EventStoreOptions { ConnectionString = Given + ";Max Auto Prepare=8" }.StoreConnectionString()).MaxAutoPrepare);
        var kept = new NpgsqlConnectionStringBuilder(new EventStoreOptions { ConnectionString = Given }.StoreConnectionString());
        Assert.Equal(("127.0.0.1", 5433, "hiring", "postgres"), (kept.Host, kept.Port, kept.Database, kept.Username));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task A_running_service_opens_its_event_store_with_statements_prepared()
    {
        await using var api = await SchedulingApi.StartAsync(settings: new Dictionary<string, string> { ["EventStore:MaxAutoPrepare"] = "32" });
        var store = api.Hosts[0].Services.GetRequiredService<IDocumentStore>();
        await using var connection = store.Options.Tenancy.Default.Database.CreateConnection();

        Assert.Equal(32, new NpgsqlConnectionStringBuilder(connection.ConnectionString).MaxAutoPrepare);
    }
}
