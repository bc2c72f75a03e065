namespace HiringPlatform.Testing;

using System.Diagnostics;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

/// <summary>
/// One service (or the gateway) hosted in the test process on a real Kestrel port, wired to the
/// fixture's schema and virtual host, exporting its spans to <see cref="Spans"/>.
/// </summary>
public sealed class ServiceHost<TMarker>(string service, IsolatedInfrastructure infrastructure,
    IReadOnlyDictionary<string, string>? settings = null, ICollection<Activity>? spans = null,
    Action<IServiceCollection>? services = null)
    : WebApplicationFactory<TMarker> where TMarker : class
{
    public string Service { get; } = service;

    public ICollection<Activity>? Spans { get; } = spans;

    public Uri Address => new(ClientOptions.BaseAddress.ToString());

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:postgres", infrastructure.Postgres);
        builder.UseSetting("ConnectionStrings:rabbitmq", infrastructure.RabbitMq.ToString());
        builder.UseSetting("EventStore:Schema", infrastructure.SchemaFor(Service));
        builder.UseSetting("Telemetry:ConsoleExporter", "false");
        // The consumer and projection lag gauges, read often enough for a test to see them.
        builder.UseSetting("Telemetry:LagProbeSeconds", "1");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(collection =>
        {
            collection.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
            if (Spans is not null)
            {
                collection.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(Spans));
            }
            services?.Invoke(collection);
        });
    }

    /// <summary>
    /// A client that calls this service directly with the gateway's identity for a user with these
    /// roles (what the gateway would forward), signed with the development internal key.
    /// </summary>
    public HttpClient CreateClientAs(string subject, params string[] roles)
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            HiringPlatform.ServiceDefaults.Security.PlatformTokens.Mint(
                HiringPlatform.ServiceDefaults.Security.InternalAuthOptions.DevelopmentKey,
                HiringPlatform.ServiceDefaults.Security.PlatformTokens.InternalIssuer,
                HiringPlatform.ServiceDefaults.Security.PlatformTokens.InternalAudience,
                subject, roles, TimeSpan.FromHours(1), DateTimeOffset.UtcNow));
        return client;
    }

    /// <summary>Starts the host on a free port and returns its address.</summary>
    public Uri Start()
    {
        UseKestrel(0);
        StartServer();
        return Address;
    }
}
