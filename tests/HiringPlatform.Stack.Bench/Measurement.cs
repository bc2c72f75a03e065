namespace HiringPlatform.Stack.Bench;

using System.Globalization;

/// <summary>What one side of a comparison did over all its measured rounds.</summary>
public sealed class Measurement(string name)
{
    private readonly List<double> latencies = [];

    public string Name { get; } = name;

    public long Count { get; private set; }

    public double Seconds { get; private set; }

    public double PerSecond => Count / Seconds;

    public void Add(long count, double seconds, IEnumerable<double> latencyMs)
    {
        Count += count;
        Seconds += seconds;
        latencies.AddRange(latencyMs);
    }

    public double Percentile(double p)
    {
        if (latencies.Count == 0)
        {
            return double.NaN;
        }
        var sorted = latencies.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public static void Table(string unit, IReadOnlyList<Measurement> rows, Measurement baseline)
    {
        Console.WriteLine();
        Console.WriteLine($"| path | {unit}/s | ratio to {baseline.Name} | p50 ms | p99 ms |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var row in rows)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Name} | {row.PerSecond:F0} | {row.PerSecond / baseline.PerSecond:F2} | {row.Percentile(0.5):F2} | {row.Percentile(0.99):F2} |"));
        }
    }
}
