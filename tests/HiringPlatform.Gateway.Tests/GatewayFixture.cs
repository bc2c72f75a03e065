namespace HiringPlatform.Gateway.Tests;

using System.IdentityModel.Tokens.Jwt;
using System.Net.Http.Headers;
using HiringPlatform.Gateway.Authentication;
using HiringPlatform.ServiceDefaults.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Xunit;

/// <summary>
/// The real gateway on a real port, in front of an upstream that answers every request with
/// what reached it: the method, the path, and the identity in the internal token (validated with
/// the internal key, as a service does) — so tests see exactly what the gateway forwards.
/// </summary>
public class GatewayFixture : IAsyncLifetime
{
    public const string ApiKey = "test-ats-key-1";
    public const string RevokedApiKey = "test-ats-key-revoked";

    private WebApplication upstream = null!;
    private GatewayHost gateway = null!;

    public Uri Address { get; private set; } = null!;

    public string DevelopmentKey { get; private set; } = null!;

    /// <summary>How often the upstream was asked for its OpenAPI document (the gateway's document cache keeps it down).</summary>
    public int DocumentFetches => documentFetches;

    private int documentFetches;

    public async Task InitializeAsync()
    {
        upstream = Upstream();
        await upstream.StartAsync();
        var upstreamAddress = upstream.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        gateway = new GatewayHost(upstreamAddress, Settings);
        gateway.UseKestrel(0);
        gateway.StartServer();
        Address = gateway.ClientOptions.BaseAddress;
        DevelopmentKey = gateway.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Auth:DevelopmentSigningKey"]!;
    }

    public virtual async Task DisposeAsync()
    {
        await gateway.DisposeAsync();
        await upstream.DisposeAsync();
    }

    /// <summary>Settings that differ from the gateway's appsettings for this fixture.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Gateway:RateLimits:PermitLimit"] = "100000",
        ["Gateway:MaxRequestBodyBytes"] = "65536",
    };

    public HttpClient Anonymous() => new() { BaseAddress = Address };

    public HttpClient WithToken(string token)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public HttpClient As(string role, string subject = "user-1") => WithToken(Token([role], subject));

    public HttpClient WithApiKey(string key)
    {
        var client = Anonymous();
        client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.Header, key);
        return client;
    }

    public string Token(string[] roles, string subject = "user-1", TimeSpan? lifetime = null, DateTimeOffset? issuedAt = null,
        string? key = null) =>
        PlatformTokens.Mint(key ?? DevelopmentKey, PlatformTokens.DevelopmentIssuer, PlatformTokens.DevelopmentAudience,
            subject, roles, lifetime ?? TimeSpan.FromMinutes(10), issuedAt ?? DateTimeOffset.UtcNow);

    private WebApplication Upstream()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.Map("/{**path}", async (HttpContext context) =>
        {
            if (context.Request.Path == "/openapi/v1.json")
            {
                Interlocked.Increment(ref documentFetches);
                return Results.Json(new { openapi = "3.1.1", paths = new Dictionary<string, object>() });
            }
            var authorization = context.Request.Headers.Authorization.ToString();
            var token = authorization.StartsWith("Bearer ", StringComparison.Ordinal) ? authorization[7..] : "";
            var validation = await new JsonWebTokenHandler().ValidateTokenAsync(token,
                PlatformTokens.Validation(InternalAuthOptions.DevelopmentKey, PlatformTokens.InternalIssuer, PlatformTokens.InternalAudience));
            return Results.Json(new
            {
                method = context.Request.Method,
                path = context.Request.Path.Value,
                internalTokenValid = validation.IsValid,
                subject = validation.IsValid ? validation.ClaimsIdentity.FindFirst("sub")?.Value : null,
                roles = validation.IsValid ? validation.ClaimsIdentity.FindAll("role").Select(c => c.Value).ToArray() : [],
                client = validation.IsValid ? validation.ClaimsIdentity.FindFirst(Roles.ClientClaimType)?.Value : null,
                apiKeyForwarded = context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header),
                internalToken = token,
            });
        });
        return app;
    }

    private sealed class GatewayHost(string upstream, IReadOnlyDictionary<string, string> settings) : WebApplicationFactory<Marker>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var cluster in new[] { "loop-planner", "scheduling", "scorecard", "calibration", "webhooks" })
            {
                builder.UseSetting($"ReverseProxy:Clusters:{cluster}:Destinations:primary:Address", upstream);
            }
            builder.UseSetting("Telemetry:ConsoleExporter", "false");
            builder.UseSetting("Auth:ApiKeys:0:Id", "test-ats");
            builder.UseSetting("Auth:ApiKeys:0:Sha256", ApiKeyAuthenticationHandler.Hash(ApiKey));
            builder.UseSetting("Auth:ApiKeys:0:Roles:0", Roles.HrSystem);
            builder.UseSetting("Auth:ApiKeys:1:Id", "revoked-ats");
            builder.UseSetting("Auth:ApiKeys:1:Sha256", ApiKeyAuthenticationHandler.Hash(RevokedApiKey));
            builder.UseSetting("Auth:ApiKeys:1:Roles:0", Roles.HrSystem);
            builder.UseSetting("Auth:ApiKeys:1:Revoked", "true");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
