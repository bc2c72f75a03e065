namespace HiringPlatform.LoopPlanner.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.Contracts.LoopPlanner;
using HiringPlatform.Testing;
using Xunit;

/// <summary>The loop planner's API through the real database and broker: HTTP results and the contracts it publishes.</summary>
public sealed class LoopPlannerApiTests(LoopPlannerApi api) : IClassFixture<LoopPlannerApi>
{
    private HttpClient Client => api.Client;

    private static string Unique() => Guid.NewGuid().ToString("N")[..8];

    private async Task<JsonElement> Submit(object body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await Client.PostAsJsonAsync("/api/v1/candidates", body);
        Assert.True(expected == response.StatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static object Candidate(string id, string level = "abbreviated", object? extra = null) => new
    {
        externalId = $"ats-{id}",
        name = "Grace Hopper",
        email = $"grace-{id}@example.com",
        phone = "+1 212 555 0100",
        role = "ml-engineer",
        level,
        requiredCompetencies = new[] { "algorithms", "ml-systems" },
        timeZone = "America/New_York",
        availability = new[]
        {
            new { startsAt = "2026-12-01T09:00:00", endsAt = "2026-12-01T17:00:00" },
            new { startsAt = "2026-12-02T14:00:00Z", endsAt = "2026-12-02T18:00:00Z" },
        },
    };

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.True(status == response.StatusCode, await response.Content.ReadAsStringAsync());
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static List<string> ErrorKeys(JsonElement problem) =>
        problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public async Task Submitting_plans_a_loop_with_questions_and_publishes_the_candidate_with_time_zone_and_availability()
    {
        var id = Unique();
        var application = await Submit(Candidate(id));
        var candidateId = application.GetProperty("id").GetGuid();
        var loop = application.GetProperty("loop");
        Assert.Equal(["coding", "data-modeling", "project-deep-dive"],
            loop.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("interviewType").GetString()));
        Assert.All(loop.GetProperty("slots").EnumerateArray(), slot => Assert.Equal(JsonValueKind.String, slot.GetProperty("questionId").ValueKind));
        Assert.Equal(["ml-systems"], loop.GetProperty("coverageGaps").EnumerateArray().Select(g => g.GetString()));

        var applied = Assert.Single(await api.Published.Await<CandidateApplied>(candidateId));
        Assert.Equal(($"ats-{id}", "America/New_York", "abbreviated"), (applied.ExternalId, applied.TimeZone, applied.Level));
        Assert.Equal(
            [
                (new DateTimeOffset(2026, 12, 1, 14, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 22, 0, 0, TimeSpan.Zero)),
                (new DateTimeOffset(2026, 12, 2, 14, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 2, 18, 0, 0, TimeSpan.Zero)),
            ],
            applied.Availability!.Select(w => (w.StartsAt, w.EndsAt)));

        var planned = Assert.Single(await api.Published.Await<LoopPlanned>(candidateId));
        Assert.Equal(loop.GetProperty("loopId").GetGuid(), planned.LoopId);
        Assert.Equal("America/New_York", planned.CandidateTimeZone);
        Assert.Equal(2, planned.CandidateAvailability!.Count);
        Assert.Equal(["ml-systems"], planned.CoverageGaps);
        Assert.Equal(["coding", "data-modeling", "project-deep-dive"], planned.Slots.Select(s => s.InterviewType));
        Assert.Equal(0.5m, planned.Slots[0].Competencies.Single(c => c.Competency == "algorithms").Weight);
        Assert.Equal("qualified for coding", planned.Slots[0].InterviewerRequirement);
    }

    [Fact]
    public async Task Resubmitting_the_same_external_id_returns_the_existing_application_and_publishes_nothing_new()
    {
        var id = Unique();
        var first = await Submit(Candidate(id));
        var candidateId = first.GetProperty("id").GetGuid();

        var again = await Submit(Candidate(id), HttpStatusCode.OK);

        Assert.Equal(candidateId, again.GetProperty("id").GetGuid());
        // Withdrawing comes after in the outbox: once it arrived, a duplicate would have too.
        var withdraw = await Client.PostAsJsonAsync($"/api/v1/candidates/{candidateId}/withdraw", new { reason = "Test over" });
        Assert.Equal(HttpStatusCode.OK, withdraw.StatusCode);
        await api.Published.Await<ApplicationWithdrawn>(candidateId);
        Assert.Single(api.Published.Of<CandidateApplied>(candidateId));
        Assert.Single(api.Published.Of<LoopPlanned>(candidateId));
    }

    [Fact]
    public async Task Revising_adds_removes_and_swaps_slots_with_a_reason_each_published_as_a_loop_revision()
    {
        var application = await Submit(Candidate(Unique()));
        var candidateId = application.GetProperty("id").GetGuid();
        var slots = application.GetProperty("loop").GetProperty("slots").EnumerateArray().ToList();

        var added = await Client.PostAsJsonAsync($"/api/v1/candidates/{candidateId}/loop/revisions",
            new { change = "add", reason = "The role needs ML systems", interviewType = "ml-system-design" });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var afterAdd = await added.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Empty(afterAdd.GetProperty("coverageGaps").EnumerateArray());
        var newSlot = afterAdd.GetProperty("slots")[3];
        Assert.Equal("ml-system-design", newSlot.GetProperty("interviewType").GetString());
        Assert.Equal(JsonValueKind.String, newSlot.GetProperty("questionId").ValueKind);

        var removed = await Client.PostAsJsonAsync($"/api/v1/candidates/{candidateId}/loop/revisions",
            new { change = "remove", reason = "Passed our coding test last month", slotId = slots[0].GetProperty("slotId").GetGuid() });
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);

        var swapped = await Client.PostAsJsonAsync($"/api/v1/candidates/{candidateId}/loop/revisions",
            new { change = "swap", reason = "No data-modeling interviewer this week", slotId = slots[1].GetProperty("slotId").GetGuid(), interviewType = "system-design" });
        Assert.Equal(HttpStatusCode.OK, swapped.StatusCode);
        var loop = await swapped.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["system-design", "project-deep-dive", "ml-system-design"],
            loop.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("interviewType").GetString()));
        Assert.Equal(["algorithms"], loop.GetProperty("coverageGaps").EnumerateArray().Select(g => g.GetString()));
        Assert.Equal(3, loop.GetProperty("revisions").GetArrayLength());

        var revisions = await api.Published.Await<LoopRevised>(candidateId, 3);
        Assert.Equal(["add", "remove", "swap"], revisions.Select(r => r.Change));
        Assert.Equal("Passed our coding test last month", revisions[1].Reason);
        Assert.Equal([slots[0].GetProperty("slotId").GetGuid()], revisions[1].RemovedSlotIds);
        Assert.Equal([slots[1].GetProperty("slotId").GetGuid()], revisions[2].RemovedSlotIds);
        Assert.Equal(loop.GetProperty("slots")[0].GetProperty("slotId").GetGuid(), Assert.Single(revisions[2].AddedSlotIds));
        Assert.Equal(["system-design", "project-deep-dive", "ml-system-design"], revisions[2].Slots.Select(s => s.InterviewType));
    }

    [Fact]
    public async Task A_cancelled_loop_is_published_and_a_new_plan_uses_questions_the_candidate_has_not_seen()
    {
        var application = await Submit(Candidate(Unique()));
        var candidateId = application.GetProperty("id").GetGuid();
        var firstLoop = application.GetProperty("loop");
        var firstQuestions = firstLoop.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("questionId").GetGuid()).ToList();

        var cancel = await Client.PostAsJsonAsync($"/api/v1/candidates/{candidateId}/loop/cancel", new { reason = "Hiring manager on leave" });
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("cancelled", (await cancel.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var cancelled = Assert.Single(await api.Published.Await<LoopCancelled>(candidateId));
        Assert.Equal((firstLoop.GetProperty("loopId").GetGuid(), "Hiring manager on leave"), (cancelled.LoopId, cancelled.Reason));

        var revise = await Client.PostAsJsonAsync($"/api/v1/candidates/{candidateId}/loop/revisions",
            new { change = "add", reason = "x", interviewType = "coding" });
        await Problem(revise, HttpStatusCode.Conflict);

        var replanned = await Client.PostAsJsonAsync($"/api/v1/candidates/{candidateId}/loop", new { });
        Assert.Equal(HttpStatusCode.Created, replanned.StatusCode);
        var loop = await replanned.Content.ReadFromJsonAsync<JsonElement>();
        var questions = loop.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("questionId").GetGuid()).ToList();
        Assert.Empty(questions.Intersect(firstQuestions));

        var plans = await api.Published.Await<LoopPlanned>(candidateId, 2);
        Assert.Equal(loop.GetProperty("loopId").GetGuid(), plans[1].LoopId);
        Assert.NotEqual(plans[0].LoopId, plans[1].LoopId);
        await Problem(await Client.PostAsJsonAsync($"/api/v1/candidates/{candidateId}/loop", new { }), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Withdrawing_cancels_the_loop_publishes_both_and_freezes_the_application()
    {
        var application = await Submit(Candidate(Unique()));
        var candidateId = application.GetProperty("id").GetGuid();

        var response = await Client.PostAsJsonAsync($"/api/v1/candidates/{candidateId}/withdraw", new { reason = "Accepted another offer" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var withdrawn = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("withdrawn", withdrawn.GetProperty("status").GetString());
        Assert.Equal("cancelled", withdrawn.GetProperty("loop").GetProperty("status").GetString());
        var published = Assert.Single(await api.Published.Await<ApplicationWithdrawn>(candidateId));
        Assert.Equal("Accepted another offer", published.Reason);
        Assert.Equal(application.GetProperty("loop").GetProperty("loopId").GetGuid(),
            Assert.Single(await api.Published.Await<LoopCancelled>(candidateId)).LoopId);
        await Problem(await Client.PostAsJsonAsync($"/api/v1/candidates/{candidateId}/loop", new { }), HttpStatusCode.Conflict);
        await Problem(await Client.PostAsJsonAsync($"/api/v1/candidates/{Guid.CreateVersion7()}/withdraw", new { reason = "x" }), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_loop_records_the_role_revision_that_planned_it()
    {
        var created = await Client.PostAsJsonAsync("/api/v1/roles", new
        {
            name = $"ML engineer, ranking {Unique()}",
            requiredCompetencies = new[] { "ml-systems" },
            templateOverrides = new Dictionary<string, object[]>
            {
                ["abbreviated"] = [new { type = "coding" }, new { type = "ml-system-design" }, new { type = "project-deep-dive" }],
            },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var roleId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var revised = await Client.PutAsJsonAsync($"/api/v1/roles/{roleId}", new
        {
            name = "ML engineer, ranking",
            requiredCompetencies = new[] { "ml-systems", "distributed-systems" },
            domainCompetency = "ml-systems",
            reason = "Ranking runs on our own serving stack",
        });
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        Assert.Equal(2, (await revised.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("revision").GetInt32());

        var application = await Submit(new { name = "Ada", email = $"ada-{Unique()}@example.com", roleId, level = "abbreviated" });

        var loop = application.GetProperty("loop");
        Assert.Equal((roleId, 2), (loop.GetProperty("roleId").GetGuid(), loop.GetProperty("roleRevision").GetInt32()));
        Assert.Equal("ML engineer, ranking", application.GetProperty("role").GetString());
        // Revision 2 dropped the override: the framework's template, with the role's gap reported.
        Assert.Equal(["distributed-systems"], loop.GetProperty("coverageGaps").EnumerateArray().Select(g => g.GetString()));
        var planned = Assert.Single(await api.Published.Await<LoopPlanned>(application.GetProperty("id").GetGuid()));
        Assert.Equal(["distributed-systems"], planned.CoverageGaps);
        Assert.Contains(planned.Slots.Single(s => s.InterviewType == "project-deep-dive").Competencies, c => c.Competency == "ml-systems");
    }

    [Fact]
    public async Task Questions_are_added_revised_and_retired_with_lint_findings_each_time()
    {
        var minHash = new
        {
            title = $"Deduplicate a web crawl {Unique()}",
            interviewType = "system-design",
            scenario = "Design a data deduplication pipeline for a large web crawl dataset.",
            hooks = new { users = Array.Empty<string>(), constraints = new[] { "5 billion pages" }, dataAvailable = Array.Empty<string>(), stakes = Array.Empty<string>() },
            followUps = new[] { "How do you size the signature store?" },
            competencies = new[] { "distributed-systems", "production-systems" },
            rubric = new[] { new { competency = "distributed-systems", lookFor = new[] { "Partitions the signature index so each band is checked on one node" } } },
            tags = new[] { "deduplication", "requires-algorithm:minhash" },
            lastReviewedOn = "2026-11-01",
        };
        var added = await Client.PostAsJsonAsync("/api/v1/questions", minHash);
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var question = await added.Content.ReadFromJsonAsync<JsonElement>();
        var questionId = question.GetProperty("id").GetGuid();
        Assert.Equal(["rederive/named-algorithm", "rubric/missing-competency"],
            question.GetProperty("findings").EnumerateArray().Select(f => f.GetProperty("code").GetString()).Order(StringComparer.Ordinal));
        Assert.All(question.GetProperty("findings").EnumerateArray(), f => Assert.Equal("blocking", f.GetProperty("severity").GetString()));

        var report = await Client.GetFromJsonAsync<JsonElement>("/api/v1/questions/lint");
        Assert.Contains(report.GetProperty("findings").EnumerateArray(), f => f.GetProperty("questionId").GetGuid() == questionId);

        var revised = await Client.PutAsJsonAsync($"/api/v1/questions/{questionId}", new
        {
            minHash.title, minHash.interviewType, minHash.scenario, minHash.hooks, minHash.followUps, minHash.competencies,
            rubric = new[]
            {
                minHash.rubric[0],
                new { competency = "production-systems", lookFor = new[] { "Estimates how long a full pass over the crawl takes on 100 machines" } },
            },
            tags = new[] { "deduplication" },
            lastReviewedOn = "2026-11-20",
            reason = "The signature scheme is given now; the question tests the pipeline, not recall of MinHash",
        });
        Assert.Equal(HttpStatusCode.OK, revised.StatusCode);
        var afterRevision = await revised.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(2, afterRevision.GetProperty("revision").GetInt32());
        Assert.Empty(afterRevision.GetProperty("findings").EnumerateArray());
        report = await Client.GetFromJsonAsync<JsonElement>("/api/v1/questions/lint");
        Assert.DoesNotContain(report.GetProperty("findings").EnumerateArray(), f => f.GetProperty("questionId").GetGuid() == questionId);

        var retired = await Client.PostAsJsonAsync($"/api/v1/questions/{questionId}/retire", new { reason = "Replaced by a newer scenario" });
        Assert.Equal(HttpStatusCode.OK, retired.StatusCode);
        Assert.Equal("retired", (await retired.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        await Problem(await Client.PutAsJsonAsync($"/api/v1/questions/{questionId}", new
        {
            minHash.title, minHash.interviewType, minHash.scenario, minHash.competencies, minHash.lastReviewedOn, reason = "Too late",
        }), HttpStatusCode.Conflict);
        var active = await Eventually.Until(() => Client.GetItemsAsync("/api/v1/questions?status=active&type=system-design"),
            questions => questions.Length > 0, "active system-design questions in the list");
        Assert.DoesNotContain(active, q => q.GetProperty("id").GetGuid() == questionId);
    }

    [Fact]
    public async Task The_framework_and_the_default_bank_are_readable()
    {
        var framework = await Client.GetFromJsonAsync<JsonElement>("/api/v1/framework");
        Assert.Equal("1", framework.GetProperty("version").GetString());
        var staff = await Client.GetFromJsonAsync<JsonElement[]>("/api/v1/framework/loop-templates/staff");
        Assert.Equal(7, staff!.Length);
        var type = await Client.GetFromJsonAsync<JsonElement>("/api/v1/framework/interview-types/ml-system-design");
        Assert.Equal(0.35m, type.GetProperty("blueprint").GetProperty("ml-systems").GetDecimal());
        await Problem(await Client.GetAsync("/api/v1/framework/loop-templates/principal"), HttpStatusCode.NotFound);

        await Eventually.Until(() => Client.GetItemsAsync("/api/v1/questions"), bank => bank.Length >= 20, "the default bank in the list");
        var rules = await Client.GetFromJsonAsync<JsonElement[]>("/api/v1/questions/lint/rules");
        Assert.Contains(rules!, r => r.GetProperty("code").GetString() == "ml-clothing/no-ml-competency");
    }

    [Fact]
    public async Task Bad_input_gets_a_422_listing_every_error_and_nothing_is_stored()
    {
        var before = await api.Infrastructure.CountEventsAsync("loop-planner");

        var candidate = await Problem(await Client.PostAsJsonAsync("/api/v1/candidates", new
        {
            name = "Ada", email = "ada@example.com", role = "ml-engineer", level = "principal", roleId = Guid.CreateVersion7(),
            requiredCompetencies = new[] { "juggling" }, timeZone = "Mars/Olympus",
            availability = new[] { new { startsAt = "2026-13-45T09:00:00Z", endsAt = "soon" } },
        }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["availability[0].endsAt", "availability[0].startsAt", "level", "requiredCompetencies[0]", "roleId", "timeZone"],
            ErrorKeys(candidate));

        var role = await Problem(await Client.PostAsJsonAsync("/api/v1/roles", new
        {
            name = "ML engineer", requiredCompetencies = new[] { "telepathy" },
            templateOverrides = new Dictionary<string, object[]>
            {
                ["principal"] = [new { type = "coding" }],
                ["junior"] = [new { type = "whiteboard" }, new { type = "coding", blueprint = new Dictionary<string, decimal> { ["algorithms"] = 0.6m, ["math-reasoning"] = 0.6m } }],
            },
        }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["requiredCompetencies[0]", "templateOverrides.junior[0].type", "templateOverrides.junior[1].blueprint", "templateOverrides.principal"],
            ErrorKeys(role));

        var question = await Problem(await Client.PostAsJsonAsync("/api/v1/questions", new
        {
            title = "Fraud", interviewType = "whiteboard-trivia", scenario = "",
            competencies = new[] { "ml-systems", "astrology" }, lastReviewedOn = "last spring",
        }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["competencies[1]", "interviewType", "lastReviewedOn", "scenario"], ErrorKeys(question));

        var submitted = await Submit(Candidate(Unique()));
        var before2 = await api.Infrastructure.CountEventsAsync("loop-planner");
        var revision = await Problem(await Client.PostAsJsonAsync($"/api/v1/candidates/{submitted.GetProperty("id").GetGuid()}/loop/revisions",
            new { change = "swap", slotId = Guid.CreateVersion7(), interviewType = "pair-programming" }), HttpStatusCode.UnprocessableEntity);
        Assert.Equal(["interviewType", "reason", "slotId"], ErrorKeys(revision));
        Assert.Equal(before2, await api.Infrastructure.CountEventsAsync("loop-planner"));
        Assert.Equal(before + 2, before2);
    }
}
