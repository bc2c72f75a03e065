using HiringPlatform.Gateway.Authentication;
using HiringPlatform.Gateway.Forwarding;
using HiringPlatform.Gateway.OpenApi;
using HiringPlatform.Gateway.Protection;
using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.Security;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);

if (args is ["token", .. var tokenArgs])
{
    return DevelopmentTokenCommand.Run(tokenArgs, builder.Configuration, builder.Environment.EnvironmentName,
        Console.Out, Console.Error);
}

// The only public door: authenticate once, check the route's roles, limit rates and sizes, then
// forward with the gateway's own identity. Routes and clusters come from configuration.
builder.AddServiceDefaults("gateway");
builder.Services.AddSingleton(TimeProvider.System);
builder.AddInternalSigningKey();
builder.AddGatewayAuthentication();
builder.AddGatewayRateLimits();
builder.AddRequestProtection();
builder.AddPublicDocuments();
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddIdentityForwarding();

var app = builder.Build();
app.UseRequestProtection();
app.UseServiceDefaults(mapOpenApi: false);
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapReverseProxy();
// The whole API in one document (/openapi/v1.json) and each service's (/openapi/{service}.json), the gateway as their server.
app.MapPublicDocuments();
app.MapScalarApiReference("/api/reference", options => options
        .WithTitle("HiringPlatform API")
        .WithOpenApiRoutePattern("/openapi/{documentName}.json")
        .AddDocuments(["v1", .. PublicDocuments.Services]))
    .AllowAnonymous();
app.Run();
return 0;

namespace HiringPlatform.Gateway
{
    /// <summary>Marker for WebApplicationFactory.</summary>
    public sealed class Marker;
}
