namespace HiringPlatform.Pipeline.Bench;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.ServiceDefaults.Security;

/// <summary>Callers of the gateway: development tokens per role and subject, the HR system's API key; 429 waits as asked.</summary>
public sealed class Gateway(Uri address, string developmentKey, string apiKey) : IDisposable
{
    private readonly Dictionary<string, HttpClient> clients = [];
    private int limited;
    private int unavailable;

    /// <summary>Answers that asked the bench to come back later: 429 (rate limited) and 503 (a dependency unavailable).</summary>
    public (int Limited, int Unavailable) Retried => (Volatile.Read(ref limited), Volatile.Read(ref unavailable));

    public HttpClient HrSystem => Client("api-key", "hr-system", client => client.DefaultRequestHeaders.Add("X-Api-Key", apiKey));

    public HttpClient As(string role, string subject) => Client(role, subject, client =>
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            PlatformTokens.Mint(developmentKey, PlatformTokens.DevelopmentIssuer, PlatformTokens.DevelopmentAudience, subject, [role],
                TimeSpan.FromHours(4), DateTimeOffset.UtcNow)));

    public async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string path, object? body = null, bool allowNotFound = false)
    {
        while (true)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            using var response = await client.SendAsync(request);
            // 429 (rate limit) and 503 (a dependency busy) carry Retry-After: an integrator waits and sends again. Counted,
            // since a run that needed them says something about the offered load.
            if (response.StatusCode is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable)
            {
                Interlocked.Increment(ref response.StatusCode == HttpStatusCode.TooManyRequests ? ref limited : ref unavailable);
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                continue;
            }
            if (allowNotFound && response.StatusCode == HttpStatusCode.NotFound)
            {
                return default;
            }
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new HttpRequestException($"{method} {path} answered {(int)response.StatusCode}: {text}", null, response.StatusCode);
            }
            return text.Length == 0 ? default : JsonSerializer.Deserialize<JsonElement>(text);
        }
    }

    private HttpClient Client(string role, string subject, Action<HttpClient> configure)
    {
        lock (clients)
        {
            if (!clients.TryGetValue($"{role}/{subject}", out var client))
            {
                client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
                configure(client);
                clients[$"{role}/{subject}"] = client;
            }
            return client;
        }
    }

    public void Dispose()
    {
        foreach (var client in clients.Values)
        {
            client.Dispose();
        }
    }
}
