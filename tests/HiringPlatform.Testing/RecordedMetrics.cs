namespace HiringPlatform.Testing;

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;

/// <summary>
/// Every measurement made on the platform's meter in this process, by instrument (name and unit),
/// and the instruments docs/operations.md documents, so a test can hold one against the other.
/// </summary>
public sealed partial class RecordedMetrics : IDisposable
{
    private readonly MeterListener listener = new();
    private readonly ConcurrentDictionary<string, (string? Unit, int Measurements)> seen = new();
    private readonly ConcurrentDictionary<(string Instrument, string Tag), double> last = new();

    public RecordedMetrics(string meter = "HiringPlatform")
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == meter)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Count(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Count(instrument, value, tags));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Count(instrument, value, tags));
        listener.Start();
    }

    /// <summary>Instrument name to its unit, for those measured at least once (observable ones read now).</summary>
    public IReadOnlyDictionary<string, string?> Measured()
    {
        listener.RecordObservableInstruments();
        return seen.ToDictionary(pair => pair.Key, pair => pair.Value.Unit);
    }

    /// <summary>The last value measured on an instrument with this attribute (key=value), read now; null when none was.</summary>
    public double? Last(string instrument, string tag)
    {
        listener.RecordObservableInstruments();
        return last.TryGetValue((instrument, tag), out var value) ? value : null;
    }

    /// <summary>The rows of docs/operations.md's metrics table: name, kind and unit.</summary>
    public static IReadOnlyList<(string Name, string Kind, string Unit)> Documented()
    {
        var text = File.ReadAllText(Path.Combine(BrowserPage.RepositoryRoot(), "docs", "operations.md"));
        return DocumentedRow().Matches(text).Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value)).ToList();
    }

    public void Dispose() => listener.Dispose();

    private void Count(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        seen.AddOrUpdate(instrument.Name, (instrument.Unit, 1), (_, old) => (instrument.Unit, old.Measurements + 1));
        foreach (var tag in tags)
        {
            last[(instrument.Name, $"{tag.Key}={tag.Value}")] = value;
        }
    }

    [GeneratedRegex(@"^\| `(hiring\.[a-z_.]+)` \| (counter|histogram|gauge) \| `([^`]+)` \|", RegexOptions.Multiline)]
    private static partial Regex DocumentedRow();
}
