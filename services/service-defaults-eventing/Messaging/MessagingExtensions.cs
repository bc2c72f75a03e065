namespace HiringPlatform.ServiceDefaults.Messaging;

using System.ComponentModel.DataAnnotations;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

/// <summary>Where the bus is: ConnectionStrings:rabbitmq, an amqp:// URI (its path is the virtual host).</summary>
public sealed class MessagingOptions
{
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>Immediate retries with exponential back-off before a message goes to its _error queue.</summary>
    [Range(0, 20)]
    public int RetryLimit { get; set; } = 5;

    /// <summary>
    /// Second-level redelivery after the immediate retries (5 s, 30 s, 2 min, 10 min). It needs the
    /// rabbitmq_delayed_message_exchange plugin, which Debian's rabbitmq-server does not ship, so it
    /// is off by default; see docs/adr/0001-retries-without-delayed-redelivery.md.
    /// </summary>
    public bool DelayedRedelivery { get; set; }

    /// <summary>
    /// Declare every receive endpoint's queue as a quorum queue (replicated across the nodes of a
    /// RabbitMQ cluster, so losing a node loses no message). On in deploy/kubernetes; off by default
    /// because an existing classic queue of the same name cannot be redeclared as quorum.
    /// </summary>
    public bool QuorumQueues { get; set; }

    /// <summary>
    /// How long a message whose handling fails on an unreachable dependency (PostgreSQL restarting
    /// or failing over) keeps being retried, every 2 s, before it counts as faulted. The immediate
    /// retries cover about 6 s, shorter than a database restart or failover.
    /// </summary>
    [Range(0, 3600)]
    public int TransientRetrySeconds { get; set; } = 120;
}

/// <summary>Failures that pass when a dependency comes back: worth retrying, not worth an _error queue.</summary>
public static class TransientFailures
{
    public static bool IsTransient(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            // 57P01-57P03: the server is shutting down or starting (a restart or failover), which
            // Npgsql does not count as transient.
            if (current is Npgsql.NpgsqlException { IsTransient: true } or Npgsql.PostgresException { SqlState: "57P01" or "57P02" or "57P03" }
                or System.Net.Sockets.SocketException or TimeoutException
                or RabbitMqConnectionException or RabbitMQ.Client.Exceptions.BrokerUnreachableException)
            {
                return true;
            }
        }
        return false;
    }
}

/// <summary>Thrown by a consumer for a message it can never process; it skips the retries.</summary>
public sealed class UnprocessableMessageException(string message) : Exception(message);

public static class MessagingExtensions
{
    /// <summary>
    /// MassTransit on RabbitMQ with kebab-case queues prefixed by the service name (two services
    /// that consume the same event get a queue each), retry with back-off on every endpoint,
    /// and faulted messages moved to the endpoint's <c>_error</c> queue with the exception.
    /// Durability is MassTransit's default and kept so: every receive endpoint's queue and every publish
    /// exchange is durable and not auto-deleted, and every message is sent persistent (delivery mode 2);
    /// nothing here turns that off (tests/HiringPlatform.Scorecard.Tests/DurableMessagingTests.cs checks it on the broker).
    /// </summary>
    public static WebApplicationBuilder AddMessaging(this WebApplicationBuilder builder, string serviceName,
        Action<IBusRegistrationConfigurator> consumers)
    {
        builder.Services.AddOptions<MessagingOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                options.ConnectionString = configuration.GetConnectionString("rabbitmq") ?? "";
                options.RetryLimit = configuration.GetValue("Messaging:RetryLimit", options.RetryLimit);
                options.DelayedRedelivery = configuration.GetValue("Messaging:DelayedRedelivery", options.DelayedRedelivery);
                options.QuorumQueues = configuration.GetValue("Messaging:QuorumQueues", options.QuorumQueues);
                options.TransientRetrySeconds = configuration.GetValue("Messaging:TransientRetrySeconds", options.TransientRetrySeconds);
            })
            .ValidateDataAnnotations()
            .Validate(options => Uri.TryCreate(options.ConnectionString, UriKind.Absolute, out var uri)
                    && uri.Scheme is "amqp" or "amqps",
                "ConnectionStrings:rabbitmq must be an amqp:// URI (e.g. amqp://guest:guest@127.0.0.1:5673/).")
            .ValidateOnStart();

        builder.Services.AddOptions<MassTransitHostOptions>().Configure(options =>
        {
            options.WaitUntilStarted = true;
            options.StartTimeout = TimeSpan.FromSeconds(60);
            options.StopTimeout = TimeSpan.FromSeconds(30);
        });

        // Consumer lag per queue (and its _error queue) on the platform's meter.
        builder.Services.AddSingleton<Telemetry.ConsumerLagProbe>();
        builder.Services.AddHostedService(services => services.GetRequiredService<Telemetry.ConsumerLagProbe>());
        builder.Services.AddReceiveEndpointObserver(services => services.GetRequiredService<Telemetry.ConsumerLagProbe>());

        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource("MassTransit"))
            .WithMetrics(metrics => metrics.AddMeter("MassTransit"));
        // An unreachable broker (or database, in a consumer) is 503, not 500.
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Problems.IExceptionProblems, Problems.EventStoreProblems>());

        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, false));
            consumers(bus);
            bus.AddConfigureEndpointsCallback((context, _, endpoint) =>
            {
                var options = context.GetRequiredService<IOptions<MessagingOptions>>().Value;
                if (options.QuorumQueues && endpoint is IRabbitMqReceiveEndpointConfigurator rabbitEndpoint)
                {
                    rabbitEndpoint.SetQuorumQueue();
                }
                if (options.DelayedRedelivery)
                {
                    endpoint.UseDelayedRedelivery(redelivery =>
                    {
                        redelivery.Intervals(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(2),
                            TimeSpan.FromMinutes(10));
                        redelivery.Ignore<UnprocessableMessageException>();
                    });
                }
                // Two policies, one per kind of failure. MassTransit's retry filters do not compose: once an
                // inner filter gives up on an exception it handles, an outer one rethrows it. So transient
                // failures (a dependency that is down) skip the immediate retries and get the patient ones.
                if (options.TransientRetrySeconds > 0)
                {
                    endpoint.UseMessageRetry(retry =>
                    {
                        retry.Interval(Math.Max(1, options.TransientRetrySeconds / 2), TimeSpan.FromSeconds(2));
                        retry.Handle<Exception>(TransientFailures.IsTransient);
                    });
                }
                endpoint.UseMessageRetry(retry =>
                {
                    retry.Exponential(options.RetryLimit, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5),
                        TimeSpan.FromMilliseconds(200));
                    retry.Ignore<UnprocessableMessageException>();
                    if (options.TransientRetrySeconds > 0)
                    {
                        retry.Ignore<Exception>(TransientFailures.IsTransient);
                    }
                });
            });
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var options = context.GetRequiredService<IOptions<MessagingOptions>>().Value;
                rabbit.Host(new Uri(options.ConnectionString));
                if (options.DelayedRedelivery)
                {
                    rabbit.UseDelayedMessageScheduler();
                }
                rabbit.ConfigureEndpoints(context);
            });
        });
        return builder;
    }
}
