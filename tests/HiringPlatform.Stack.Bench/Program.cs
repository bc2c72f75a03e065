using System.Globalization;
using HiringPlatform.Stack.Bench;

// The two taxes the stack imposes, each measured against the raw library on the same servers in
// alternating rounds, so both sides see the same machine load:
//   messaging: MassTransit publish -> consume against RabbitMQ.Client with publisher confirms;
//   events:    Marten's append (one event per transaction and batches; Quick and Rich modes)
//              against a raw Npgsql insert of the same stream and event rows.
// Needs PostgreSQL and RabbitMQ (./hiring infra-up); uses a virtual host and a schema of its own.
// Usage: bench [messaging|events|all] [--messages 5000] [--events 5000] [--batch 100] [--rounds 3]
//              [--concurrency 8]
var what = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var settings = new BenchSettings(
    Postgres: Environment.GetEnvironmentVariable("HIRING_TEST_POSTGRES") ?? "Host=127.0.0.1;Port=5433;Database=hiring;Username=postgres",
    RabbitMq: new Uri(Environment.GetEnvironmentVariable("HIRING_TEST_RABBITMQ") ?? "amqp://guest:guest@127.0.0.1:5673/"),
    RabbitMqManagement: new Uri(Environment.GetEnvironmentVariable("HIRING_TEST_RABBITMQ_MANAGEMENT") ?? "http://guest:guest@127.0.0.1:15673/"),
    Messages: Int("--messages", 5000),
    Events: Int("--events", 5000),
    Batch: Int("--batch", 100),
    Rounds: Int("--rounds", 3),
    Concurrency: Int("--concurrency", 8));

Console.WriteLine($"stack bench {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}, "
    + $"load average {Load()}; {settings.Rounds} alternating rounds after one warm-up round, concurrency {settings.Concurrency}");
if (what is "messaging" or "all")
{
    await MessagingTax.RunAsync(settings);
}
if (what is "events" or "all")
{
    await EventStoreTax.RunAsync(settings);
}
Console.WriteLine($"load average at the end: {Load()}");
return 0;

int Int(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}

static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

namespace HiringPlatform.Stack.Bench
{
    public sealed record BenchSettings(string Postgres, Uri RabbitMq, Uri RabbitMqManagement, int Messages, int Events,
        int Batch, int Rounds, int Concurrency);
}
