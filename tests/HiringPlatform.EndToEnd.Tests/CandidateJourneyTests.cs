namespace HiringPlatform.EndToEnd.Tests;

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.Testing;
using Xunit;

[Collection(PlatformCollection.Name)]
public sealed class CandidateJourneyTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_candidate_travels_the_whole_pipeline_through_the_gateway_and_calibration_holds_every_step_in_order()
    {
        var team = Guid.NewGuid().ToString("N")[..6];
        await platform.RegisterInterviewerAsync($"Coder {team}", $"search-{team}", "senior", ["coding"]);
        await platform.RegisterInterviewerAsync($"Modeler {team}", $"ranking-{team}", "senior", ["data-modeling"]);
        await platform.RegisterInterviewerAsync($"Deep diver {team}", $"ads-{team}", "staff", ["project-deep-dive"]);

        var submitted = await platform.Client.PostAsJsonAsync("/api/v1/candidates", new
        {
            externalId = $"ats-{team}",
            name = "Grace Hopper",
            email = "grace@example.com",
            role = $"ml-engineer-{team}",
            level = "abbreviated",
            requiredCompetencies = new[] { "algorithms", "ml-systems" },
            availability = PastSeason.Availability(),
        });
        Assert.Equal(HttpStatusCode.Created, submitted.StatusCode);
        var application = await submitted.Content.ReadFromJsonAsync<JsonElement>();
        var candidateId = application.GetProperty("id").GetGuid();
        var slots = application.GetProperty("loop").GetProperty("slots").EnumerateArray()
            .Select(slot => slot.GetProperty("interviewType").GetString()).ToList();
        Assert.Equal(["coding", "data-modeling", "project-deep-dive"], slots);
        Assert.Equal(["ml-systems"], application.GetProperty("loop").GetProperty("coverageGaps").EnumerateArray()
            .Select(gap => gap.GetString()).ToList());

        // Resubmitting the same external id returns the same application, not a duplicate.
        var again = await platform.Client.PostAsJsonAsync("/api/v1/candidates", new
        {
            externalId = $"ats-{team}", name = "Grace Hopper", email = "grace@example.com",
            role = $"ml-engineer-{team}", level = "abbreviated",
        });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(candidateId, (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid());

        var scorecards = await Eventually.Until(
            () => platform.Recruiter.GetItemsAsync($"/api/v1/scorecards?candidateId={candidateId}")!,
            cards => cards!.Length == 3, "three pending scorecards");
        foreach (var card in scorecards!)
        {
            using var interviewer = platform.Interviewer(card.GetProperty("interviewerId").GetGuid());
            var response = await interviewer.PostAsJsonAsync($"/api/v1/scorecards/{card.GetProperty("id").GetGuid()}", new
            {
                ratings = card.GetProperty("competencies").EnumerateArray()
                    .Select((c, i) => new { competency = c.GetString(), rating = i == 0 ? (int?)null : 3, evidence = "walked through it" }),
                recommendation = "yes",
                summary = "Solid.",
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var decision = await platform.HiringManager.PostAsJsonAsync("/api/v1/decisions", new
        {
            candidateId, decision = "no_hire", rationale = "Budget moved.", decidedBy = "hiring-manager",
        });
        Assert.Equal(HttpStatusCode.Created, decision.StatusCode);
        Assert.True((await decision.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("againstPanelMajority").GetBoolean());

        string[] expected =
        [
            "candidate-applied", "loop-planned",
            "interview-scheduled", "interview-scheduled", "interview-scheduled",
            "scorecard-submitted", "scorecard-submitted", "scorecard-submitted",
            "decision-recorded",
        ];
        // Scheduling records each interview as held when its scorecard arrives: three interview-held steps, each after a submission.
        var journey = await Eventually.Until(() => platform.JourneyAsync(candidateId),
            j => PlatformFixture.StepTypes(j).Count == expected.Length + 3, "the full journey in calibration");
        var types = PlatformFixture.StepTypes(journey);
        Assert.Equal(expected, types.Where(t => t != "interview-held"));
        Assert.Equal(3, types.Count(t => t == "interview-held"));
        Assert.True(types.ToList().IndexOf("interview-held") > types.ToList().IndexOf("scorecard-submitted"), string.Join(", ", types));

        // As of a past moment, the journey is exactly what calibration had recorded by then.
        var recorded = journey.GetProperty("steps").EnumerateArray()
            .Select(s => (Type: s.GetProperty("type").GetString()!, At: s.GetProperty("recordedAt").GetDateTimeOffset()))
            .OrderBy(s => s.At)
            .ToList();
        var moment = recorded[4].At;
        var known = recorded.Where(s => s.At <= moment).Select(s => s.Type).Order().ToList();
        Assert.InRange(known.Count, 5, expected.Length + 3 - 1);
        var past = await platform.JourneyAsync(candidateId, moment.ToString("O"));
        Assert.Equal(known, PlatformFixture.StepTypes(past).Order().ToList());
    }

    [Fact]
    public async Task One_trace_runs_from_the_gateway_through_the_service_the_publish_and_the_consumer_in_another_service_to_its_database()
    {
        var team = Guid.NewGuid().ToString("N")[..6];
        await platform.RegisterInterviewerAsync($"Tracer A {team}", $"a-{team}", "senior", ["coding", "data-modeling"]);
        await platform.RegisterInterviewerAsync($"Tracer B {team}", $"b-{team}", "senior", ["coding", "data-modeling"]);
        await platform.RegisterInterviewerAsync($"Tracer C {team}", $"c-{team}", "senior", ["project-deep-dive"]);

        // The HR system's own trace context: the gateway continues it, so the test knows the trace id.
        using var hrSystem = new Activity("hr-system submits a candidate").SetIdFormat(ActivityIdFormat.W3C);
        hrSystem.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        hrSystem.Start();
        var trace = hrSystem.TraceId;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/candidates")
        {
            Content = JsonContent.Create(new
            {
                name = "Trace Candidate", email = "trace@example.com", role = "ml-engineer", level = "abbreviated",
            }),
        };
        var response = await platform.Client.SendAsync(request);
        hrSystem.Stop();
        response.EnsureSuccessStatusCode();
        var candidateId = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await Eventually.Until(() => platform.JourneyAsync(candidateId),
            j => PlatformFixture.StepTypes(j).Count(t => t == "interview-scheduled") == 3, "the interviews scheduled");

        var gatewayPort = platform.Gateway.Address.Port;
        string Describe(IEnumerable<Activity> list) => string.Join(Environment.NewLine, list.Select(s =>
            $"{s.Source.Name} {s.Kind} {s.DisplayName} [{string.Join(", ", s.TagObjects.Select(t => $"{t.Key}={t.Value}"))}]"));
        var inTrace = platform.Spans.Distinct().Where(s => s.TraceId == trace).ToList();
        Assert.True(inTrace.Any(span => span.Kind == ActivityKind.Server && Port(span) == gatewayPort
                && span.GetTagItem("url.path") as string == "/api/v1/candidates"),
            "no gateway server span for POST /api/v1/candidates in the trace:" + Environment.NewLine + Describe(inTrace));

        // Wait for the downstream spans of this trace, then check each hop.
        var spans = await Eventually.Until(
            () => Task.FromResult(platform.Spans.Distinct().Where(s => s.TraceId == trace).ToList()),
            list => list.Any(s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer && Mentions(s, "scheduling"))
                || list.Count > 400,
            "the scheduling consumer's span in the gateway's trace").ContinueWith(task => task.IsCompletedSuccessfully
                ? task.Result
                : platform.Spans.Distinct().Where(s => s.TraceId == trace).ToList(), TaskScheduler.Default);
        var describe = Describe(spans);

        Assert.True(spans.Any(s => s.Kind == ActivityKind.Server && Port(s) == platform.LoopPlanner.Address.Port),
            $"no loop-planner (port {platform.LoopPlanner.Address.Port}) server span in the trace:" + Environment.NewLine + describe);
        Assert.True(spans.Any(s => s.Source.Name == "HiringPlatform" && s.DisplayName == "outbox publish"),
            "no outbox publish span in the trace:" + Environment.NewLine + describe);
        Assert.True(spans.Any(s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Producer && Mentions(s, "LoopPlanned")),
            "no MassTransit publish of LoopPlanned in the trace:" + Environment.NewLine + describe);
        Assert.True(spans.Any(s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer && Mentions(s, "scheduling")),
            "no scheduling consumer span in the trace:" + Environment.NewLine + describe);
        var consumer = spans.First(s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer && Mentions(s, "scheduling"));
        var bySpan = spans.ToDictionary(s => s.SpanId);
        bool Below(Activity span, Activity ancestor)
        {
            for (var current = span; current is not null; current = bySpan.GetValueOrDefault(current.ParentSpanId))
            {
                if (current.ParentSpanId == ancestor.SpanId)
                {
                    return true;
                }
            }
            return false;
        }
        Assert.True(spans.Any(s => s.Source.Name is "Npgsql" or "Marten" && Below(s, consumer)),
            "no database span under the scheduling consumer:" + Environment.NewLine + describe);
    }

    private static int? Port(Activity span) => span.GetTagItem("server.port") switch
    {
        int port => port,
        long port => (int)port,
        string text when int.TryParse(text, out var port) => port,
        _ => null,
    };

    private static bool Mentions(Activity span, string text) =>
        span.DisplayName.Contains(text, StringComparison.OrdinalIgnoreCase)
        || span.TagObjects.Any(tag => tag.Value?.ToString()?.Contains(text, StringComparison.OrdinalIgnoreCase) == true);
}
