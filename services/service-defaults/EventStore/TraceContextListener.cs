namespace HiringPlatform.ServiceDefaults.EventStore;

using System.Diagnostics;
using Marten;

/// <summary>
/// Stamps every event appended in a session with the current W3C trace context, so the outbox
/// subscription can publish its integration events inside the same trace after the commit.
/// </summary>
internal sealed class TraceContextListener : DocumentSessionListenerBase
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    public override Task BeforeSaveChangesAsync(IDocumentSession session, CancellationToken token)
    {
        if (Activity.Current is { } activity && activity.IdFormat == ActivityIdFormat.W3C)
        {
            session.SetHeader(TraceParent, activity.Id!);
            if (activity.TraceStateString is { } state)
            {
                session.SetHeader(TraceState, state);
            }
            session.CorrelationId ??= activity.TraceId.ToString();
        }
        return Task.CompletedTask;
    }
}
