namespace HiringPlatform.Testing;

using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

/// <summary>What a receiver got: the headers that matter and the raw body bytes, as sent.</summary>
public sealed record ReceivedRequest(string WebhookId, string Timestamp, string Signature, string ContentType, byte[] Body, int AnsweredWith)
{
    /// <summary>The signature this request should carry for <paramref name="secret"/>, computed as a receiver would, independently of the service's code.</summary>
    public string SignatureWith(string secret)
    {
        using var hmac = new System.Security.Cryptography.HMACSHA256(Convert.FromBase64String(secret["whsec_".Length..]));
        return "v1," + Convert.ToBase64String(hmac.ComputeHash([.. System.Text.Encoding.UTF8.GetBytes($"{WebhookId}.{Timestamp}."), .. Body]));
    }
}

/// <summary>
/// An HR system's webhook endpoint: a real Kestrel server on a free localhost port. Each path
/// answers with its own script of status codes (the last one repeats) and keeps what it received.
/// </summary>
public sealed class Receiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, int[]> scripts = new();
    private readonly ConcurrentDictionary<string, List<ReceivedRequest>> received = new();

    private Receiver(WebApplication app) => this.app = app;

    public Uri Address { get; private set; } = null!;

    public static async Task<Receiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new Receiver(builder.Build());
        receiver.app.MapPost("/hooks/{name}", receiver.Handle);
        await receiver.app.StartAsync();
        var address = receiver.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Address = new Uri(address);
        return receiver;
    }

    /// <summary>A new endpoint answering these statuses in turn, the last one from then on.</summary>
    public string Endpoint(string name, params int[] statuses)
    {
        scripts[name] = statuses.Length > 0 ? statuses : [200];
        received[name] = [];
        return new Uri(Address, $"/hooks/{name}").ToString();
    }

    public IReadOnlyList<ReceivedRequest> At(string name)
    {
        var list = received.GetOrAdd(name, _ => []);
        lock (list)
        {
            return [.. list];
        }
    }

    private async Task<IResult> Handle(string name, HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer);
        var list = received.GetOrAdd(name, _ => []);
        var script = scripts.GetValueOrDefault(name) ?? [404];
        int status;
        lock (list)
        {
            status = script[Math.Min(list.Count, script.Length - 1)];
            list.Add(new ReceivedRequest(request.Headers["webhook-id"].ToString(), request.Headers["webhook-timestamp"].ToString(),
                request.Headers["webhook-signature"].ToString(), request.ContentType ?? "", buffer.ToArray(), status));
        }
        return Results.StatusCode(status);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
