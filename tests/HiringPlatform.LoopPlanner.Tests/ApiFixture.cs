namespace HiringPlatform.LoopPlanner.Tests;

using System.Collections.Concurrent;
using HiringPlatform.Contracts;
using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.ServiceDefaults.Security;
using HiringPlatform.Testing;
using MassTransit;
using Xunit;

/// <summary>
/// loop-planner on a real port against the real PostgreSQL (its own schema) and RabbitMQ (its own
/// virtual host), with a small bus on the same virtual host that records every contract it publishes.
/// </summary>
public sealed class LoopPlannerApi : IAsyncLifetime
{
    private IBusControl? listener;

    public IsolatedInfrastructure Infrastructure { get; private set; } = null!;

    public ServiceHost<Marker> Host { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public PublishedContracts Published { get; } = new();

    public async Task InitializeAsync()
    {
        Infrastructure = await IsolatedInfrastructure.CreateAsync();
        // Bound before the service starts, so nothing it publishes is missed.
        listener = Bus.Factory.CreateUsingRabbitMq(bus =>
        {
            bus.Host(Infrastructure.RabbitMq);
            bus.ReceiveEndpoint("loop-planner-api-tests", endpoint =>
            {
                endpoint.ConcurrentMessageLimit = 1;
                endpoint.Handler<CandidateApplied>(context => Published.Add(context.Message));
                endpoint.Handler<LoopPlanned>(context => Published.Add(context.Message));
                endpoint.Handler<LoopRevised>(context => Published.Add(context.Message));
                endpoint.Handler<LoopCancelled>(context => Published.Add(context.Message));
                endpoint.Handler<ApplicationWithdrawn>(context => Published.Add(context.Message));
            });
        });
        await listener.StartAsync();
        Host = new ServiceHost<Marker>("loop-planner", Infrastructure);
        Host.Start();
        // The service accepts only the gateway's identity: call it as the gateway would for a recruiter.
        Client = Host.CreateClientAs("api-tests", Roles.Recruiter, Roles.HrSystem, Roles.HiringManager, Roles.Interviewer);
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }
        if (listener is not null)
        {
            await listener.StopAsync();
        }
        if (Infrastructure is not null)
        {
            await Infrastructure.DisposeAsync();
        }
    }
}

/// <summary>The integration events the service published, as a consumer on the broker received them.</summary>
public sealed class PublishedContracts
{
    private readonly ConcurrentQueue<IIntegrationEvent> received = new();

    public Task Add(IIntegrationEvent message)
    {
        received.Enqueue(message);
        return Task.CompletedTask;
    }

    public IReadOnlyList<T> Of<T>(Guid candidateId) where T : IIntegrationEvent =>
        received.OfType<T>().Where(m => m.CandidateId == candidateId).ToList();

    /// <summary>Waits until <paramref name="count"/> events of the type arrived for the candidate, and returns them.</summary>
    public Task<IReadOnlyList<T>> Await<T>(Guid candidateId, int count = 1) where T : IIntegrationEvent =>
        Eventually.Until(() => Task.FromResult(Of<T>(candidateId)), messages => messages.Count >= count,
            $"{count} {typeof(T).Name} for candidate {candidateId}");
}
