namespace HiringPlatform.Scheduling.Tests;

using HiringPlatform.Testing;
using Xunit;

/// <summary>Every write records the acting user or system in its event.</summary>
public sealed class ActorAuditTests
{
    [Fact]
    public void Every_event_type_records_its_actor()
    {
        var service = typeof(Marker).Assembly;

        Assert.Superset(new HashSet<string> { "InterviewerRegistered", "InterviewBooked", "InterviewHeld", "TrainingStageReached" }, ActorAudit.EventTypes(service).Select(t => t.Name).ToHashSet());
        Assert.Empty(ActorAudit.EventTypesWithoutActor(service));
    }
}
