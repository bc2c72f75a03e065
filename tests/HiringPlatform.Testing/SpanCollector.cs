namespace HiringPlatform.Testing;

using System.Collections;
using System.Diagnostics;

/// <summary>
/// Where every in-process host exports its spans. Each host's tracer sees every span in the
/// process, so the same span arrives once per host: <see cref="Distinct"/> de-duplicates by span id.
/// </summary>
public sealed class SpanCollector : ICollection<Activity>
{
    private readonly List<Activity> spans = [];
    private readonly Lock gate = new();

    public int Count
    {
        get
        {
            lock (gate)
            {
                return spans.Count;
            }
        }
    }

    public bool IsReadOnly => false;

    public IReadOnlyList<Activity> Distinct()
    {
        lock (gate)
        {
            return spans.DistinctBy(span => span.SpanId).ToList();
        }
    }

    public void Add(Activity item)
    {
        lock (gate)
        {
            spans.Add(item);
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            spans.Clear();
        }
    }

    public bool Contains(Activity item)
    {
        lock (gate)
        {
            return spans.Contains(item);
        }
    }

    public void CopyTo(Activity[] array, int arrayIndex)
    {
        lock (gate)
        {
            spans.CopyTo(array, arrayIndex);
        }
    }

    public bool Remove(Activity item)
    {
        lock (gate)
        {
            return spans.Remove(item);
        }
    }

    public IEnumerator<Activity> GetEnumerator() => Distinct().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
