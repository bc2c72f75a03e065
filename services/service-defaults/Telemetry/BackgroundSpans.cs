namespace HiringPlatform.ServiceDefaults.Telemetry;

using System.Diagnostics;
using OpenTelemetry;

/// <summary>
/// Keeps the platform's background chatter out of the exported traces: the async daemon's
/// high-water-mark and leadership polling (advisory locks, <c>mt_event_progression</c> updates,
/// sequence selects), its projection batches, and every other database round trip that belongs to
/// no request or message (health checks, idempotency purges, the lag probes). Such a span is a
/// database span without a parent, or a <c>marten.daemon.*</c> span; it is marked not recorded
/// when it starts, so its children are not recorded either (the default sampler follows the
/// parent) and no exporter sees any of them. <c>Telemetry:BackgroundSpans=true</c> exports them again.
/// </summary>
public sealed class BackgroundSpanFilter : BaseProcessor<Activity>
{
    private static readonly HashSet<string> DatabaseSources = new(StringComparer.Ordinal) { "Npgsql", "Marten" };

    /// <summary>A span that is background work, not part of any request's or message's trace.</summary>
    public static bool IsBackground(Activity span) =>
        span.OperationName.StartsWith("marten.daemon.", StringComparison.Ordinal)
        || (DatabaseSources.Contains(span.Source.Name) && span.Parent is null && span.ParentSpanId == default);

    public override void OnStart(Activity data)
    {
        if (IsBackground(data))
        {
            data.IsAllDataRequested = false;
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
        }
    }
}
