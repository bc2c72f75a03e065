using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.ServiceDefaults.Security;

// Measures a read endpoint (GET /api/v1/candidates/{id}: authentication, a Marten load, JSON)
// through the gateway and straight to loop-planner, in alternating rounds of the same size and
// concurrency, so both sides see the same machine load. Needs `./hiring up` (Development).
// Usage: bench [--gateway http://127.0.0.1:5100] [--service http://127.0.0.1:5101] [--requests 4000]
//              [--concurrency 16] [--rounds 5]
var gateway = new Uri(Option("--gateway") ?? "http://127.0.0.1:5100");
var service = new Uri(Option("--service") ?? "http://127.0.0.1:5101");
var requests = int.Parse(Option("--requests") ?? "4000", CultureInfo.InvariantCulture);
var concurrency = int.Parse(Option("--concurrency") ?? "16", CultureInfo.InvariantCulture);
var rounds = int.Parse(Option("--rounds") ?? "5", CultureInfo.InvariantCulture);
var developmentKey = JsonDocument.Parse(File.ReadAllText(Path.Combine("gateway", "appsettings.Development.json"))).RootElement
    .GetProperty("Auth").GetProperty("DevelopmentSigningKey").GetString()!;

using var viaGateway = Client(gateway, PlatformTokens.Mint(developmentKey, PlatformTokens.DevelopmentIssuer,
    PlatformTokens.DevelopmentAudience, "bench", [Roles.HrSystem], TimeSpan.FromHours(2), DateTimeOffset.UtcNow));
using var direct = Client(service, PlatformTokens.Mint(InternalAuthOptions.DevelopmentKey, PlatformTokens.InternalIssuer,
    PlatformTokens.InternalAudience, "bench", [Roles.HrSystem], TimeSpan.FromHours(2), DateTimeOffset.UtcNow));

var created = await viaGateway.PostAsJsonAsync("/api/v1/candidates",
    new { name = "Bench Mark", email = "bench@example.com", role = "ml-engineer", level = "senior", externalId = "gateway-bench" });
created.EnsureSuccessStatusCode();
var path = $"/api/v1/candidates/{(await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid()}";

Console.WriteLine($"GET {path}: {rounds} alternating rounds of {requests} requests at concurrency {concurrency}");
// Warm-up (JIT tiering, connection pools, Marten's compiled queries) is not measured.
for (var warm = 0; warm < 3; warm++)
{
    await Run(viaGateway, requests);
    await Run(direct, requests);
}
var gatewayLatencies = new List<double>();
var directLatencies = new List<double>();
double gatewaySeconds = 0, directSeconds = 0;
for (var round = 1; round <= rounds; round++)
{
    var (g, gs) = await Run(viaGateway, requests);
    var (d, ds) = await Run(direct, requests);
    gatewayLatencies.AddRange(g);
    directLatencies.AddRange(d);
    gatewaySeconds += gs;
    directSeconds += ds;
    Console.Error.WriteLine($"  round {round}/{rounds}: gateway {requests / gs:F0} req/s, direct {requests / ds:F0} req/s");
}

var total = requests * rounds;
Console.WriteLine();
Console.WriteLine("| path | requests/s | p50 ms | p99 ms |");
Console.WriteLine("|---|---|---|---|");
Print("through the gateway", total / gatewaySeconds, gatewayLatencies);
Print("straight to loop-planner", total / directSeconds, directLatencies);
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"gateway cost: throughput x{total / directSeconds / (total / gatewaySeconds):F2} lower, "
    + $"p50 +{Percentile(gatewayLatencies, 0.50) - Percentile(directLatencies, 0.50):F2} ms, "
    + $"p99 +{Percentile(gatewayLatencies, 0.99) - Percentile(directLatencies, 0.99):F2} ms"));
return 0;

async Task<(List<double> Latencies, double Seconds)> Run(HttpClient client, int count)
{
    var latencies = new double[count];
    var next = -1;
    var clock = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < count)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(path);
            response.EnsureSuccessStatusCode();
            await response.Content.LoadIntoBufferAsync();
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
    }));
    return ([.. latencies], clock.Elapsed.TotalSeconds);
}

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
}

static void Print(string name, double rate, List<double> latencies) =>
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {rate:F0} | {Percentile(latencies, 0.50):F2} | {Percentile(latencies, 0.99):F2} |"));

static HttpClient Client(Uri address, string token)
{
    var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = address };
    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    return client;
}

string? Option(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
