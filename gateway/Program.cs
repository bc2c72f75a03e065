using HiringPlatform.Gateway.Authentication;
using HiringPlatform.Gateway.Forwarding;
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
builder.Services.AddReverseProxy()
    .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
    .AddIdentityForwarding();

var app = builder.Build();
app.UseRequestProtection();
app.UseServiceDefaults();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();
app.MapReverseProxy();
// The services' OpenAPI documents (proxied from each at /openapi/{service}.json) in one browsable reference.
app.MapScalarApiReference("/api/reference", options => options
        .WithTitle("HiringPlatform API")
        .WithOpenApiRoutePattern("/openapi/{documentName}.json")
        .AddDocuments(["loop-planner", "scheduling", "scorecard", "calibration", "webhooks"]))
    .AllowAnonymous();
app.Run();
return 0;

namespace HiringPlatform.Gateway
{
    /// <summary>Marker for WebApplicationFactory.</summary>
    public sealed class Marker;
}
