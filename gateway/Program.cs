using HiringPlatform.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);

// The only public door: routes and clusters come from configuration (ReverseProxy section).
builder.AddServiceDefaults("gateway");
builder.Services.AddReverseProxy().LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"));

var app = builder.Build();
app.UseServiceDefaults();
app.MapReverseProxy();
app.Run();

namespace HiringPlatform.Gateway
{
    /// <summary>Marker for WebApplicationFactory.</summary>
    public sealed class Marker;
}
