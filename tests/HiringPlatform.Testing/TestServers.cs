namespace HiringPlatform.Testing;

using DotNet.Testcontainers.Builders;
using Testcontainers.PostgreSql;
using Testcontainers.RabbitMq;

/// <summary>
/// The real PostgreSQL and RabbitMQ the tests run against: from HIRING_TEST_POSTGRES,
/// HIRING_TEST_RABBITMQ and HIRING_TEST_RABBITMQ_MANAGEMENT when set (./hiring test and CI set
/// them), otherwise containers when a Docker engine answers, otherwise a failure that says how to
/// start the servers. Never an in-memory fake.
/// </summary>
public sealed record TestServers(string Postgres, Uri RabbitMq, Uri RabbitMqManagement)
{
    private static readonly Lazy<Task<TestServers>> Shared = new(StartAsync);

    public static Task<TestServers> GetAsync() => Shared.Value;

    private static async Task<TestServers> StartAsync()
    {
        var postgres = Environment.GetEnvironmentVariable("HIRING_TEST_POSTGRES");
        var rabbit = Environment.GetEnvironmentVariable("HIRING_TEST_RABBITMQ");
        var management = Environment.GetEnvironmentVariable("HIRING_TEST_RABBITMQ_MANAGEMENT");
        if (!string.IsNullOrEmpty(postgres) && !string.IsNullOrEmpty(rabbit) && !string.IsNullOrEmpty(management))
        {
            return new TestServers(postgres, new Uri(rabbit), new Uri(management));
        }

        try
        {
            var pg = new PostgreSqlBuilder("postgres:15-alpine").Build();
            var mq = new RabbitMqBuilder("rabbitmq:3.13-management-alpine")
                .WithUsername("guest").WithPassword("guest")
                .WithPortBinding(15672, true)
                .Build();
            await Task.WhenAll(pg.StartAsync(), mq.StartAsync());
            var amqp = new UriBuilder(mq.GetConnectionString()) { Path = "/" }.Uri;
            var http = new Uri($"http://guest:guest@{mq.Hostname}:{mq.GetMappedPublicPort(15672)}/");
            return new TestServers(pg.GetConnectionString(), amqp, http);
        }
        catch (DockerUnavailableException exception)
        {
            throw new InvalidOperationException(
                "These tests need a real PostgreSQL and RabbitMQ (with the management plugin). Run them with "
                + "`./hiring test`, which starts both, or set HIRING_TEST_POSTGRES, HIRING_TEST_RABBITMQ and "
                + "HIRING_TEST_RABBITMQ_MANAGEMENT (e.g. after `./hiring infra-up`: "
                + "Host=127.0.0.1;Port=5433;Database=hiring;Username=postgres, amqp://guest:guest@127.0.0.1:5673/, "
                + "http://guest:guest@127.0.0.1:15673/), or run a Docker engine for Testcontainers.", exception);
        }
    }
}
