namespace HiringPlatform.ServiceDefaults.EventStore;

using JasperFx;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

/// <summary>
/// Who changes a service's schema. In Development (./hiring up, ./hiring test, the test kit's hosts) the host creates
/// and updates it at start. Anywhere else it runs with <see cref="AutoCreate.None"/> and the schema is applied
/// beforehand by the same binary with <c>--apply-schema</c> (./hiring migrate; the init container in
/// deploy/kubernetes), unless <c>EventStore:ApplySchemaOnStart=true</c> asks for the start-up way explicitly.
/// </summary>
public static partial class SchemaCommand
{
    public const string Switch = "--apply-schema";

    /// <summary>Settings key that overrides the environment's choice (true: apply at start; false: never).</summary>
    public const string ApplyOnStartKey = EventStoreOptions.Section + ":ApplySchemaOnStart";

    /// <summary>Whether the host creates and updates its schema when it starts.</summary>
    public static bool AppliesOnStart(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>(ApplyOnStartKey) ?? environment.IsDevelopment();

    /// <summary>
    /// With <c>--apply-schema</c> among the arguments: applies every schema object the service's store is configured
    /// with (tables, functions, the event store and the daemon's progress table) and returns true; the host then exits
    /// (code 0; an exception on failure) without starting anything: it talks to PostgreSQL only (ConnectionStrings:rabbitmq
    /// must still be a valid URI, since the outbox is built with the store, but the broker is never contacted). Call it right
    /// after Build. Otherwise returns false at once.
    /// </summary>
    public static async Task<bool> ApplySchemaWhenAskedAsync(this WebApplication app, string[] args)
    {
        if (!args.Contains(Switch, StringComparer.Ordinal))
        {
            return false;
        }
        var store = app.Services.GetRequiredService<IDocumentStore>();
        var settings = app.Services.GetRequiredService<IOptions<EventStoreOptions>>().Value;
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SchemaCommand));
        // Replicas that start together (init containers) take turns: one applies, the others then find nothing to change.
        // A lock of its own (Marten's apply may take ApplyChangesLockId itself, on another connection).
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync();
        await using (var lockCommand = new NpgsqlCommand("select pg_advisory_lock(@id)", connection))
        {
            lockCommand.Parameters.AddWithValue("id", (long)EventStoreExtensions.StableLockId("apply-schema:" + settings.Schema));
            await lockCommand.ExecuteNonQueryAsync();
        }
        // The store runs with AutoCreate.None outside Development, where Marten's apply is a no-op: override it.
        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync(AutoCreate.CreateOrUpdate);
        LogApplied(logger, settings.Schema);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Schema {Schema} matches the service's configuration")]
    private static partial void LogApplied(ILogger logger, string schema);
}
