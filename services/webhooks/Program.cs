using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.EventStore;
using HiringPlatform.ServiceDefaults.Messaging;
using HiringPlatform.ServiceDefaults.Security;
using HiringPlatform.Webhooks;
using HiringPlatform.Webhooks.Deliveries;
using HiringPlatform.Webhooks.Subscriptions;
using JasperFx.Events.Projections;

var builder = WebApplication.CreateBuilder(args);
const string ServiceName = "webhooks";

builder.AddServiceDefaults(ServiceName);
builder.AddServiceAuthentication();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.Section).ValidateDataAnnotations()
    .Validate(options => options.Lease > options.Timeout, "Webhooks:Lease must be longer than Webhooks:Timeout.")
    .ValidateOnStart();
// Deliveries go to the subscriber's URL as given: no redirects followed, the timeout is the sender's own.
builder.Services.AddHttpClient(DeliverySender.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
    .ConfigurePrimaryHttpMessageHandler(services => new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        ConnectCallback = DestinationGuard.ConnectCallback(builder.Environment.IsDevelopment()
            || services.GetRequiredService<Microsoft.Extensions.Options.IOptions<WebhookOptions>>().Value.AllowPrivateDestinations),
    });
builder.Services.AddSingleton<DeliverySender>();
builder.Services.AddHostedService(services => services.GetRequiredService<DeliverySender>());
builder.Services.AddSingleton<DeliveryLogRetention>();
builder.Services.AddHostedService(services => services.GetRequiredService<DeliveryLogRetention>());
builder.AddEventStore("webhooks", options =>
{
    // Inline: endpoints and the consumer read a subscription right after it changes.
    options.Projections.Add<SubscriptionDetailsProjection>(ProjectionLifecycle.Inline);
    options.Schema.For<SubscriptionDetails>().Index(s => s.Owner);
    // Encrypted (SigningSecretProtection.cs); optimistic concurrency so the start-up migration never overwrites a rotation.
    options.Schema.For<SigningSecret>().DocumentAlias("signing_secret").UseOptimisticConcurrency(true);
    options.Schema.For<CandidateOwner>().DocumentAlias("candidate_owner");
    options.Schema.For<HiringPlatform.Webhooks.Erasure.ErasedPerson>().DocumentAlias("erased_person");
    options.Schema.For<WebhookDelivery>().DocumentAlias("webhook_delivery")
        .UseNumericRevisions(true)
        .Index(d => d.SubscriptionId)
        .Index(d => d.NextAttemptAt)
        .UniqueIndex(d => d.EventId, d => d.SubscriptionId);
});
builder.Services.AddSingleton<SigningSecretProtector>();
builder.Services.AddHostedService<SigningSecretMigration>();
builder.AddMessaging(ServiceName, bus =>
{
    bus.AddConsumer<CreateDeliveriesConsumer>();
    bus.AddConsumer<HiringPlatform.Webhooks.Erasure.ErasureConsumer>();
});

var app = builder.Build();
if (await app.ApplySchemaWhenAskedAsync(args))
{
    return; // --apply-schema: the schema is applied, nothing else runs
}
app.UseServiceDefaults();
app.MapSubscriptionEndpoints();
app.MapDeliveryEndpoints();
app.Run();

namespace HiringPlatform.Webhooks
{
    /// <summary>Marker for WebApplicationFactory.</summary>
    public sealed class Marker;
}
