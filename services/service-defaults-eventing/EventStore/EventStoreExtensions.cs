namespace HiringPlatform.ServiceDefaults.EventStore;

using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Marten.Events.Daemon;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

/// <summary>Marten on PostgreSQL, one schema per service, with the platform's event-store settings.</summary>
public static class EventStoreExtensions
{
    /// <param name="defaultSchema">The service's schema (snake case) unless EventStore:Schema overrides it.</param>
    /// <param name="configure">The service's projections, documents and stream types.</param>
    public static MartenServiceCollectionExtensions.MartenConfigurationExpression AddEventStore(
        this WebApplicationBuilder builder, string defaultSchema, Action<StoreOptions> configure)
    {
        builder.Services.AddOptions<EventStoreOptions>()
            .BindConfiguration(EventStoreOptions.Section)
            .Configure<IConfiguration>((options, configuration) =>
            {
                options.ConnectionString = configuration.GetConnectionString("postgres") ?? "";
                options.Schema = configuration[$"{EventStoreOptions.Section}:Schema"] ?? defaultSchema;
            })
            .ValidateDataAnnotations()
            .Validate(options => options.ConnectionString.Length > 0,
                "ConnectionStrings:postgres is required (e.g. Host=127.0.0.1;Port=5433;Database=hiring;Username=postgres).")
            .ValidateOnStart();

        // Idempotency-Key records expire and are purged (see Idempotency/IdempotencyRetention).
        builder.Services.AddOptions<Idempotency.IdempotencyOptions>().BindConfiguration(Idempotency.IdempotencyOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<Idempotency.IdempotencyPurge>();
        builder.Services.AddHostedService(services => services.GetRequiredService<Idempotency.IdempotencyPurge>());

        // Data Protection (secrets and stored answers encrypted at rest), its key ring shared by the service's replicas in its schema.
        builder.Services.AddDataProtection().SetApplicationName($"hiring-platform-{defaultSchema}");
        builder.Services.AddOptions<KeyManagementOptions>()
            .Configure<IDocumentStore>((options, store) => options.XmlRepository = new MartenXmlRepository(store));

        builder.Services.AddHealthChecks()
            .AddCheck<PostgresHealthCheck>("postgresql", tags: [ServiceDefaultsExtensions.ReadyTag])
            .AddMartenAsyncDaemonHealthCheck(maxEventLag: 1000);
        builder.Services.AddHostedService<Telemetry.ProjectionLagProbe>();
        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddNpgsql().AddSource("Marten"))
            .WithMetrics(metrics => metrics.AddMeter("Marten", "Npgsql"));

        // Concurrency losses 409, values PostgreSQL refuses 422, an unreachable database or broker 503.
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Problems.IExceptionProblems, Problems.EventStoreProblems>());
        builder.Services.AddSingleton(new RequestPipelineStep("text input and Idempotency-Key", app =>
        {
            // Every service that stores text refuses what it cannot store or nobody means (422 naming the field), before anything runs.
            app.UseMiddleware<Http.TextInputMiddleware>();
            // Needs the caller: after authentication, which WebApplication runs before this middleware.
            app.UseMiddleware<Idempotency.IdempotencyMiddleware>();
        }));

        // Development (./hiring up, the tests) creates and updates the schema at start; elsewhere the schema is
        // applied beforehand with --apply-schema (./hiring migrate, the Kubernetes init container), see SchemaCommand.
        var applyOnStart = SchemaCommand.AppliesOnStart(builder.Configuration, builder.Environment);

        var marten = builder.Services.AddMarten(services =>
            {
                var settings = services.GetRequiredService<IOptions<EventStoreOptions>>().Value;
                var options = new StoreOptions();
                options.Connection(settings.StoreConnectionString());
                options.DatabaseSchemaName = settings.Schema;
                options.Events.DatabaseSchemaName = settings.Schema;

                // Rich mode: inline projections see the real stream version (Marten 9's quick mode leaves it 0).
                options.Events.AppendMode = EventAppendMode.Rich;
                options.Events.StreamIdentity = StreamIdentity.AsGuid;
                // Marten stores the trace id as correlation id and the traceparent as causation id:
                // the outbox publishes in the trace that committed the event.
                options.Events.MetadataConfig.CorrelationIdEnabled = true;
                options.Events.MetadataConfig.CausationIdEnabled = true;
                options.Events.MetadataConfig.UserNameEnabled = true;

                options.OpenTelemetry.TrackConnections = JasperFx.OpenTelemetry.TrackLevel.Normal;
                options.OpenTelemetry.TrackEventCounters();

                // Two services in one database must not share the async daemon's leader lock.
                options.Projections.DaemonLockId = StableLockId(settings.Schema);
                options.Projections.LeadershipPollingTime = 1000;
                // How soon the daemon (and so the outbox) sees a commit, on every hop of a candidate's journey: a trade of
                // latency against the polling's CPU (EventStoreOptions; Marten's defaults unless configured).
                options.Projections.FastPollingTime = TimeSpan.FromMilliseconds(settings.DaemonFastPollingMilliseconds);
                options.Projections.SlowPollingTime = TimeSpan.FromMilliseconds(settings.DaemonSlowPollingMilliseconds);

                options.Schema.For<HandledMessage>().DocumentAlias("handled_message");
                options.Schema.For<Idempotency.IdempotentRequest>().DocumentAlias("idempotent_request").Index(r => r.CreatedAt);
                options.Schema.For<DataProtectionKey>().DocumentAlias("data_protection_key");

                options.AutoCreateSchemaObjects = applyOnStart ? AutoCreate.CreateOrUpdate : AutoCreate.None;
                configure(options);
                return options;
            })
            .UseLightweightSessions();
        if (applyOnStart)
        {
            marten.ApplyAllDatabaseChangesOnStartup();
        }
        return marten.AddAsyncDaemon(DaemonMode.HotCold);
    }

    internal static int StableLockId(string schema)
    {
        // FNV-1a: stable across processes and runs, unlike string.GetHashCode.
        unchecked
        {
            var hash = (int)2166136261;
            foreach (var c in schema)
            {
                hash = (hash ^ c) * 16777619;
            }
            return hash & 0x3fffffff;
        }
    }
}
