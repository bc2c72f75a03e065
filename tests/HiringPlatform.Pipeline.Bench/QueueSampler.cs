namespace HiringPlatform.Pipeline.Bench;

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

/// <summary>
/// Where messages wait: every queue's depth (ready + unacknowledged) from RabbitMQ's management API,
/// sampled once a second while the run goes on; the deepest and the time-averaged depth per queue.
/// </summary>
public sealed class QueueSampler : IAsyncDisposable
{
    private readonly HttpClient management;
    private readonly Dictionary<string, (long Max, long Sum)> depths = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Task sampling;
    private int samples;

    public QueueSampler(Uri address)
    {
        management = new HttpClient { BaseAddress = new UriBuilder(address) { UserName = "", Password = "" }.Uri };
        var user = address.UserInfo.Split(':');
        management.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.UnescapeDataString(user[0])}:{Uri.UnescapeDataString(user.ElementAtOrDefault(1) ?? "")}")));
        sampling = Task.Run(SampleAsync);
    }

    private async Task SampleAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var answer = JsonDocument.Parse(await management.GetStringAsync("api/queues/%2F?columns=name,messages", stop.Token));
                lock (depths)
                {
                    samples++;
                    foreach (var queue in answer.RootElement.EnumerateArray())
                    {
                        var name = queue.GetProperty("name").GetString()!;
                        var depth = queue.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt64() : 0;
                        var (max, sum) = depths.GetValueOrDefault(name);
                        depths[name] = (Math.Max(max, depth), sum + depth);
                    }
                }
                await Task.Delay(1000, stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(1000);
            }
        }
    }

    public void Print()
    {
        lock (depths)
        {
            Console.WriteLine();
            Console.WriteLine($"Queues that held messages ({samples} samples, one a second): where the pipeline waited");
            Console.WriteLine("| queue | deepest | mean depth |");
            Console.WriteLine("|---|---|---|");
            foreach (var (name, (max, sum)) in depths.Where(d => d.Value.Max > 0).OrderByDescending(d => d.Value.Sum))
            {
                Console.WriteLine($"| {name} | {max} | {(double)sum / Math.Max(1, samples):F1} |");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await sampling;
        management.Dispose();
        stop.Dispose();
    }
}
