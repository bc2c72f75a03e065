namespace HiringPlatform.EndToEnd.Tests;

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Contracts.Scheduling;
using HiringPlatform.Testing;
using MassTransit;
using Xunit;

/// <summary>What ops sees of a journey: no background polling among the exported spans, and every documented business metric.</summary>
[Collection(PlatformCollection.Name)]
public sealed class TelemetryTests(PlatformFixture platform)
{
    /// <summary>The async daemon's and other background database chatter, recognised by what it runs.</summary>
    public static bool IsDaemonPolling(Activity span)
    {
        var statement = (span.GetTagItem("db.query.text") ?? span.GetTagItem("db.statement")) as string ?? "";
        return span.OperationName.StartsWith("marten.daemon.", StringComparison.Ordinal)
            || statement.Contains("pg_try_advisory", StringComparison.OrdinalIgnoreCase)
            || statement.Contains("pg_advisory_unlock", StringComparison.OrdinalIgnoreCase)
            || statement.Contains("mt_event_progression", StringComparison.OrdinalIgnoreCase)
            || statement.Contains("HighWaterMark", StringComparison.OrdinalIgnoreCase)
            // The high-water mark reads the sequence's last value; appending events draws from it (nextval), which is no polling.
            || (statement.Contains("mt_events_sequence", StringComparison.OrdinalIgnoreCase)
                && !statement.Contains("nextval", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task After_a_journey_no_exported_span_is_daemon_polling_or_a_database_call_outside_a_request_or_message()
    {
        var team = Guid.NewGuid().ToString("N")[..6];
        await platform.RegisterInterviewerAsync($"Quiet A {team}", $"qa-{team}", "senior", ["coding"]);
        await platform.RegisterInterviewerAsync($"Quiet B {team}", $"qb-{team}", "senior", ["data-modeling"]);
        await platform.RegisterInterviewerAsync($"Quiet C {team}", $"qc-{team}", "staff", ["project-deep-dive"]);
        var submitted = await platform.Client.PostAsJsonAsync("/api/v1/candidates", new
        {
            name = "Quiet Candidate", email = "quiet@example.com", role = "ml-engineer", level = "abbreviated",
        });
        submitted.EnsureSuccessStatusCode();
        var candidateId = (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        // Every service's daemon has polled many times by the time calibration holds the scheduled interviews.
        await Eventually.Until(() => platform.JourneyAsync(candidateId),
            j => PlatformFixture.StepTypes(j).Count(t => t == "interview-scheduled") == 3, "the interviews scheduled");

        var spans = platform.Spans.Distinct();
        var database = spans.Where(s => s.Source.Name is "Npgsql" or "Marten").ToList();
        Assert.NotEmpty(database);
        var polling = spans.Where(IsDaemonPolling).ToList();
        Assert.True(polling.Count == 0, "exported daemon polling spans:" + Environment.NewLine + string.Join(Environment.NewLine,
            polling.Take(20).Select(s => $"{s.Source.Name} {s.OperationName} {s.GetTagItem("db.query.text")}")));
        var orphans = database.Where(s => s.Parent is null && s.ParentSpanId == default).ToList();
        Assert.True(orphans.Count == 0, "database spans outside any request or message:" + Environment.NewLine
            + string.Join(Environment.NewLine, orphans.Take(20).Select(s => $"{s.Source.Name} {s.OperationName} {s.GetTagItem("db.query.text")}")));
    }

    [Fact]
    public async Task After_one_journey_every_business_metric_in_the_operations_page_is_emitted_with_its_documented_unit()
    {
        var documented = RecordedMetrics.Documented();
        Assert.True(documented.Count >= 20, $"docs/operations.md documents {documented.Count} instruments");
        using var metrics = new RecordedMetrics();
        await using var receiver = await Receiver.StartAsync();

        var team = Guid.NewGuid().ToString("N")[..6];
        await platform.RegisterInterviewerAsync($"Metric A {team}", $"ma-{team}", "senior", ["coding", "data-modeling"]);
        await platform.RegisterInterviewerAsync($"Metric B {team}", $"mb-{team}", "staff", ["project-deep-dive", "coding"]);
        await platform.RegisterInterviewerAsync($"Metric C {team}", $"mc-{team}", "senior", ["coding", "data-modeling"]);
        await platform.RegisterInterviewerAsync($"Metric D {team}", $"md-{team}", "staff", ["project-deep-dive", "coding"]);

        // Webhooks: one receiver that takes the decision, one that failed once first, one that is gone.
        foreach (var (name, statuses) in new[] { ("ok", new[] { 200 }), ("flaky", new[] { 500, 200 }), ("gone", new[] { 410 }) })
        {
            var subscribed = await platform.Client.PostAsJsonAsync("/api/v1/webhooks/subscriptions", new
            {
                url = receiver.Endpoint($"{name}-{team}", statuses), eventTypes = new[] { "decision.recorded" },
            });
            Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
        }

        // A candidate through the whole pipeline: applied, planned, scheduled, scored, one card amended, decided.
        var candidateId = await SubmitAsync($"Metric Candidate {team}");
        var cards = await Eventually.Until(
            () => platform.Recruiter.GetItemsAsync($"/api/v1/scorecards?candidateId={candidateId}")!,
            list => list!.Length == 3, "three pending scorecards");
        foreach (var card in cards!)
        {
            using var interviewer = platform.Interviewer(card.GetProperty("interviewerId").GetGuid());
            var ratings = card.GetProperty("competencies").EnumerateArray()
                .Select(c => new { competency = c.GetString(), rating = (int?)3, evidence = "worked it through" }).ToList();
            var id = card.GetProperty("id").GetGuid();
            Assert.Equal(HttpStatusCode.OK, (await interviewer.PostAsJsonAsync($"/api/v1/scorecards/{id}",
                new { ratings, recommendation = "yes", summary = "Solid." })).StatusCode);
            if (card.Equals(cards[0]))
            {
                var amended = await interviewer.PostAsJsonAsync($"/api/v1/scorecards/{id}/amendments",
                    new { ratings = ratings.Select(r => new { r.competency, rating = 4 }), recommendation = "strong_yes", reason = "Mixed up my notes." });
                Assert.True(amended.IsSuccessStatusCode, $"amendment: {(int)amended.StatusCode} {await amended.Content.ReadAsStringAsync()}");
            }
        }
        var decided = await platform.HiringManager.PostAsJsonAsync("/api/v1/decisions", new
        {
            candidateId, decision = "hire", rationale = "Strong panel.", decidedBy = "hiring-manager",
        });
        Assert.Equal(HttpStatusCode.Created, decided.StatusCode);
        await Eventually.Until(() => platform.JourneyAsync(candidateId),
            j => PlatformFixture.StepTypes(j).Contains("decision-recorded") && PlatformFixture.StepTypes(j).Count(t => t == "scorecard-submitted") == 3,
            "calibration holding the scorecards and the decision");

        // A second candidate whose loop is revised and then cancelled.
        var revisedId = await SubmitAsync($"Revised Candidate {team}");
        var revision = await platform.Client.PostAsJsonAsync($"/api/v1/candidates/{revisedId}/loop/revisions",
            new { change = "add", reason = "Needs a second coding interview.", interviewType = "coding" });
        Assert.True(revision.IsSuccessStatusCode, $"revision: {(int)revision.StatusCode} {await revision.Content.ReadAsStringAsync()}");
        var cancel = await platform.Client.PostAsJsonAsync($"/api/v1/candidates/{revisedId}/loop/cancel", new { reason = "Role closed." });
        Assert.True(cancel.IsSuccessStatusCode, $"cancel: {(int)cancel.StatusCode} {await cancel.Content.ReadAsStringAsync()}");

        // A loop nobody can run, and an interview that ended longer ago than the fixture's 30-day SLA without a scorecard.
        var unschedulable = new LoopPlanned(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), "ml-engineer", "senior",
            [new PlannedSlot(Guid.CreateVersion7(), 1, $"no-such-interview-{team}", 60, [new CompetencyWeight("algorithms", 1m)], "qualified")],
            [], DateTimeOffset.UtcNow, "test");
        await platform.Bus.Publish(unschedulable, context => context.MessageId = unschedulable.EventId);
        var ended = DateTimeOffset.UtcNow.AddDays(-32);
        var past = new InterviewScheduled(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(),
            Guid.CreateVersion7(), "coding", Guid.CreateVersion7(), "Late Interviewer", ended.AddHours(-1), ended,
            [new CompetencyWeight("algorithms", 1m)], ended.AddDays(-1), "test");
        await platform.Bus.Publish(past, context => context.MessageId = past.EventId);

        // A LoopPlanned no consumer can ever process: it ends in scheduling's _error queue.
        var poison = new LoopPlanned(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(), "ml-engineer", "senior",
            [], [], DateTimeOffset.UtcNow, "test");
        await platform.Bus.Publish(poison, context => context.MessageId = poison.EventId);

        // A calibration report over the platform's own history.
        var report = await platform.Analyst.PostAsJsonAsync("/api/v1/calibration/reports", new { regenerate = true });
        Assert.Equal(HttpStatusCode.Accepted, report.StatusCode);

        var measured = await Eventually.Until(() => Task.FromResult(metrics.Measured()),
            seen => documented.All(d => seen.ContainsKey(d.Name)),
            "every documented instrument measured", TimeSpan.FromMinutes(4)).ContinueWith(t => metrics.Measured(), TaskScheduler.Default);
        var missing = documented.Where(d => !measured.ContainsKey(d.Name)).Select(d => d.Name).ToList();
        Assert.True(missing.Count == 0, "documented but never measured: " + string.Join(", ", missing));
        foreach (var (name, _, unit) in documented)
        {
            Assert.True(measured[name] == unit, $"{name}: documented unit {unit}, emitted {measured[name]}");
        }

        // The values mean what the page says: the poison message counts in scheduling-loop-planned_error, the failure by its constraint.
        await Eventually.Until(() => Task.FromResult(metrics.Last("hiring.consumer.errors", "queue=scheduling-loop-planned")),
            value => value >= 1, "the poison LoopPlanned counted in hiring.consumer.errors{queue=scheduling-loop-planned}");
        Assert.NotNull(metrics.Last("hiring.scheduling.failures", "reason=unknown-interview-type"));
    }

    [Fact]
    public void Projection_lag_is_each_shards_distance_from_the_newest_event_and_the_high_water_marks_its_own()
    {
        var (projections, mark) = ServiceDefaults.Telemetry.ProjectionLagProbe.Distances(120,
            [("HighWaterMark", 115), ("CandidateSummary:All", 100), ("integration-events:All", 120), ("Ahead:All", 130)]);
        Assert.Equal(5, mark);
        Assert.Equal(new Dictionary<string, long> { ["CandidateSummary:All"] = 20, ["integration-events:All"] = 0, ["Ahead:All"] = 0 }, projections);
        // No mark recorded yet (the daemon never ran): the whole store is behind.
        Assert.Equal(120, ServiceDefaults.Telemetry.ProjectionLagProbe.Distances(120, []).HighWaterMark);
    }

    private async Task<Guid> SubmitAsync(string name)
    {
        var submitted = await platform.Client.PostAsJsonAsync("/api/v1/candidates", new
        {
            name, email = $"{Guid.NewGuid():N}@example.com", role = "ml-engineer", level = "abbreviated",
            availability = PastSeason.Availability(),
        });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        return (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}

/// <summary>
/// With <c>Telemetry:BackgroundSpans=true</c> the daemon's polling is exported again. Alone in the process (not in
/// parallel with the platform's hosts, whose filters would mark the same spans not recorded).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BackgroundSpansCollection
{
    public const string Name = "background spans";
}

[Collection(BackgroundSpansCollection.Name)]
public sealed class BackgroundSpansTests
{
    [Fact]
    public async Task With_background_spans_turned_on_the_daemon_polling_is_exported()
    {
        await using var infrastructure = await IsolatedInfrastructure.CreateAsync();
        var spans = new SpanCollector();
        await using var scheduling = new ServiceHost<Scheduling.Marker>("scheduling", infrastructure,
            new Dictionary<string, string> { ["Telemetry:BackgroundSpans"] = "true" }, spans);
        scheduling.Start();

        var polling = await Eventually.Until(() => Task.FromResult(spans.Distinct().Where(TelemetryTests.IsDaemonPolling).ToList()),
            list => list.Any(s => s.OperationName == "marten.daemon.highwatermark")
                && list.Any(s => s.Source.Name == "Npgsql"), "the daemon's high-water-mark polling and its queries");
        Assert.Contains(polling, s => s.OperationName == "marten.daemon.highwatermark");
    }
}
