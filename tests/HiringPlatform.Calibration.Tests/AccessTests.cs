namespace HiringPlatform.Calibration.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HiringPlatform.Calibration.Engine.Simulation;
using HiringPlatform.ServiceDefaults.Security;
using Xunit;

/// <summary>Every calibration endpoint with every role; group findings only for compliance; interviewers read only their own feedback.</summary>
[Collection(CalibrationCollection.Name)]
public sealed class AccessTests(CalibrationFixture calibration)
{
    private static readonly string[] Readers = [Roles.Analyst, Roles.Compliance, Roles.Admin];

    [Fact]
    public async Task Each_role_gets_exactly_the_access_each_calibration_endpoint_allows()
    {
        var report = await calibration.ReportAsync(new { windowEnd = calibration.SeasonEnd });
        var id = report.GetProperty("summary").GetProperty("id").GetGuid();
        var candidate = calibration.SeasonEventList[0].CandidateId;
        var routes = new (string Method, string Path, string[] Allowed, Func<HttpContent?> Body)[]
        {
            ("GET", $"/api/v1/calibration/journeys/{candidate}", Readers, () => null),
            ("GET", "/api/v1/calibration/reports", Readers, () => null),
            ("GET", $"/api/v1/calibration/reports/{id}", Readers, () => null),
            ("GET", $"/api/v1/calibration/reports/{id}/compare/{id}", Readers, () => null),
            ("GET", $"/api/v1/calibration/reports/{id}/input/ratings.csv", Readers, () => null),
            ("POST", "/api/v1/calibration/reports", Readers, () => JsonContent.Create(new { windowEnd = calibration.SeasonEnd })),
            ("GET", "/api/v1/calibration/rating-sets", Readers, () => null),
            ("POST", "/api/v1/calibration/rating-sets", Readers, () => Upload(calibration.Season)),
            ("GET", "/api/v1/calibration/feedback/me", [Roles.Interviewer], () => null),
            ("POST", "/api/v1/calibration/demographics", [Roles.Compliance], () => JsonContent.Create(new { records = new[] { new { candidateId = Guid.NewGuid(), group = "A" } } })),
        };

        foreach (var (method, path, allowed, body) in routes)
        {
            foreach (var role in Roles.All)
            {
                // Interviewers' subject is their interviewer id; the planted severe interviewer has feedback.
                var subject = role == Roles.Interviewer
                    ? CalibrationFixture.InterviewerId(calibration.Season.Planted.Single(p => p.Kind == PlantedKinds.Severe).InterviewerId)
                    : $"{role}-1";
                using var client = calibration.As(subject, role);
                using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body() };
                var response = await client.SendAsync(request);
                if (allowed.Contains(role))
                {
                    Assert.True(response.IsSuccessStatusCode, $"{role} {method} {path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
                else
                {
                    Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{role} {method} {path}: {response.StatusCode}");
                }
            }
        }
    }

    [Fact]
    public async Task Group_findings_and_group_data_are_for_compliance_only_and_never_per_candidate()
    {
        // The platform's journeys carry no demographic data: upload a season as a rating set with groups, large enough
        // for the group-bias minimum (35 candidates of each group per interviewer).
        var season = SeasonSimulator.Simulate(new SimulationOptions { Candidates = 900, Interviewers = 20, Seed = 11 });
        using var upload = await calibration.Compliance().PostAsync("/api/v1/calibration/rating-sets", Upload(season, withGroups: true));
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var set = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.True((await calibration.Compliance().GetFromJsonAsync<JsonElement>($"/api/v1/calibration/rating-sets/{set}")).GetProperty("hasGroups").GetBoolean());

        var compliance = await calibration.ReportAsync(new { ratingSet = set.ToString() }, calibration.Compliance());
        Assert.Equal("completed", CalibrationFixture.Status(compliance));
        var reportId = compliance.GetProperty("summary").GetProperty("id").GetGuid();
        var asAnalyst = await calibration.Analyst().GetFromJsonAsync<JsonElement>($"/api/v1/calibration/reports/{reportId}");

        var simulatedDrf = season.Planted.Single(p => p.Kind == PlantedKinds.Drf).InterviewerId;
        Assert.Contains(compliance.GetProperty("flags").EnumerateArray(), f => f.GetProperty("detector").GetString() == "group-bias"
            && f.GetProperty("interviewerId").GetString() == simulatedDrf && f.GetProperty("evidence").GetArrayLength() == 0);
        Assert.True(compliance.GetProperty("report").TryGetProperty("adverseImpact", out _));
        Assert.DoesNotContain(asAnalyst.GetProperty("flags").EnumerateArray(), f => f.GetProperty("detector").GetString() is "group-bias" or "adverse-impact");
        Assert.False(asAnalyst.GetProperty("report").TryGetProperty("adverseImpact", out _));
        Assert.False(asAnalyst.GetProperty("report").GetProperty("input").TryGetProperty("groups", out _));
        Assert.DoesNotContain("group-bias", asAnalyst.GetProperty("report").GetRawText(), StringComparison.Ordinal);
        Assert.Empty(asAnalyst.GetProperty("whatIf").GetProperty("impact").EnumerateArray());

        // The input file with the group column only for compliance.
        var analystCandidates = await calibration.Analyst().GetStringAsync($"/api/v1/calibration/reports/{reportId}/input/candidates.csv");
        var complianceCandidates = await calibration.Compliance().GetStringAsync($"/api/v1/calibration/reports/{reportId}/input/candidates.csv");
        Assert.DoesNotContain("group", analystCandidates.Split('\n')[0], StringComparison.Ordinal);
        Assert.Contains("group", complianceCandidates.Split('\n')[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Compliance_records_self_identified_groups_that_reports_as_of_later_moments_use_for_compliance_only()
    {
        var groups = calibration.Season.CandidatesCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(line => line.Split(','))
            .Select(fields => new { candidateId = HiringPlatform.Calibration.Simulation.SeasonEvents.IdOf("candidate", fields[0]), group = fields[2] })
            .ToList();
        var before = DateTimeOffset.UtcNow;
        await Task.Delay(50);

        Assert.Equal(HttpStatusCode.Forbidden, (await calibration.Analyst().PostAsJsonAsync("/api/v1/calibration/demographics", new { records = groups })).StatusCode);
        var duplicate = await calibration.Compliance().PostAsJsonAsync("/api/v1/calibration/demographics", new { records = new[] { groups[0], groups[0] } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, duplicate.StatusCode);
        var recorded = await calibration.Compliance().PostAsJsonAsync("/api/v1/calibration/demographics", new { records = groups });
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        Assert.Equal(groups.Count, (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recorded").GetInt32());

        var now = await calibration.ReportAsync(new { windowEnd = calibration.SeasonEnd, regenerate = true }, calibration.Compliance());
        var id = now.GetProperty("summary").GetProperty("id").GetGuid();
        Assert.True(now.GetProperty("report").GetProperty("input").GetProperty("groups").GetBoolean());
        Assert.NotEmpty(now.GetProperty("whatIf").GetProperty("impact").EnumerateArray());
        Assert.Contains("group", (await calibration.Compliance().GetStringAsync($"/api/v1/calibration/reports/{id}/input/candidates.csv")).Split('\n')[0], StringComparison.Ordinal);
        Assert.DoesNotContain("group", (await calibration.Analyst().GetStringAsync($"/api/v1/calibration/reports/{id}/input/candidates.csv")).Split('\n')[0], StringComparison.Ordinal);
        var asAnalyst = await calibration.Analyst().GetFromJsonAsync<JsonElement>($"/api/v1/calibration/reports/{id}");
        Assert.False(asAnalyst.GetProperty("report").GetProperty("input").TryGetProperty("groups", out _));
        // The journeys never carry the answers.
        var journey = await calibration.Analyst().GetStringAsync($"/api/v1/calibration/journeys/{groups[0].candidateId}");
        Assert.DoesNotContain("candidate-group-recorded", journey, StringComparison.Ordinal);

        // As of a moment before the answers were recorded, the report has no groups.
        var earlier = await calibration.ReportAsync(new { asOf = before, windowEnd = calibration.SeasonEnd, regenerate = true }, calibration.Compliance());
        Assert.False(earlier.GetProperty("report").GetProperty("input").GetProperty("groups").GetBoolean());
    }

    [Fact]
    public async Task An_interviewer_reads_their_own_feedback_and_nobody_elses()
    {
        var report = await calibration.ReportAsync(new { });
        Assert.Equal("completed", CalibrationFixture.Status(report));
        var severe = CalibrationFixture.InterviewerId(calibration.Season.Planted.Single(p => p.Kind == PlantedKinds.Severe).InterviewerId);

        var mine = await calibration.As(severe, Roles.Interviewer).GetFromJsonAsync<JsonElement>("/api/v1/calibration/feedback/me");
        Assert.True(mine.GetProperty("severity").GetDouble() > 0);
        Assert.Contains(mine.GetProperty("flags").EnumerateArray(), f => f.GetProperty("detector").GetString() == "severe");
        Assert.Contains("adjusted for the candidates you happened to see", mine.GetProperty("howToRead").GetString(), StringComparison.Ordinal);

        // Another interviewer's token reads their own (here: none), never the severe one's; there is no way to name someone else.
        var stranger = await calibration.As(Guid.NewGuid().ToString(), Roles.Interviewer).GetAsync("/api/v1/calibration/feedback/me");
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await calibration.Analyst().GetAsync("/api/v1/calibration/feedback/me")).StatusCode);
    }

    [Fact]
    public async Task A_bad_upload_is_a_422_naming_file_line_and_column_and_nothing_is_stored()
    {
        var client = calibration.Analyst();
        var before = await client.GetFromJsonAsync<JsonElement>("/api/v1/calibration/rating-sets");
        using var form = new MultipartFormDataContent
        {
            { new StringContent("candidate_id,interviewer_id,interview_id,interview_type,competency,rating\nc1,i1,v1,coding,algorithms,9\n"), "ratings", "ratings.csv" },
        };

        var response = await client.PostAsync("/api/v1/calibration/rating-sets", form);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var message = problem.GetProperty("errors").GetProperty("files")[0].GetString()!;
        Assert.Contains("ratings.csv:2", message, StringComparison.Ordinal);
        Assert.Contains("rating", message, StringComparison.Ordinal);
        var after = await client.GetFromJsonAsync<JsonElement>("/api/v1/calibration/rating-sets");
        Assert.Equal(before.GetProperty("items").GetArrayLength(), after.GetProperty("items").GetArrayLength());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await client.PostAsync("/api/v1/calibration/rating-sets", new StringContent("{}", Encoding.UTF8, "application/json"))).StatusCode);
    }

    private static MultipartFormDataContent Upload(SimulatedSeason season, bool withGroups = false) => new()
    {
        { new StringContent(season.RatingsCsv), "ratings", "ratings.csv" },
        { new StringContent(withGroups ? season.CandidatesCsv : string.Join('\n', season.CandidatesCsv.Split('\n').Select(l => string.Join(',', l.Split(',').Take(2))))), "candidates", "candidates.csv" },
        { new StringContent(season.BlueprintsCsv), "blueprints", "blueprints.csv" },
        { new StringContent("simulated season"), "name" },
    };
}
