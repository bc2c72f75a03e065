using System.Net;
using HiringPlatform.Calibration.Dashboard;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HiringPlatform.Calibration.Tests.Dashboard;

/// <summary>A Kestrel host on a random loopback port serving one HTML page at /dashboard with the dashboard's strict CSP.</summary>
public sealed class StaticPageServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private StaticPageServer(WebApplication app, string url)
    {
        this.app = app;
        Url = url;
    }

    public string Url { get; }

    public static async Task<StaticPageServer> StartAsync(string html)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.MapGet("/dashboard", (HttpContext http) =>
        {
            http.Response.Headers.ContentSecurityPolicy = DashboardPage.ContentSecurityPolicy;
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Content(html, "text/html; charset=utf-8");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new StaticPageServer(app, address.TrimEnd('/') + "/dashboard");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
