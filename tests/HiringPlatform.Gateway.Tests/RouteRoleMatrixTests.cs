namespace HiringPlatform.Gateway.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.ServiceDefaults.Security;
using Xunit;

/// <summary>Every public route with every role, plus no token: each gets exactly the status it should.</summary>
[Collection(GatewayCollection.Name)]
public sealed class RouteRoleMatrixTests(GatewayFixture gateway)
{
    private static readonly string[] Hr = [Roles.HrSystem, Roles.Recruiter, Roles.Admin];
    private static readonly string[] HrRead = [Roles.HrSystem, Roles.Recruiter, Roles.HiringManager, Roles.Admin];
    private static readonly string[] Pipeline = [Roles.HrSystem, Roles.Recruiter, Roles.HiringManager, Roles.Interviewer, Roles.Admin];
    private static readonly string[] Calibration = [Roles.Analyst, Roles.Compliance, Roles.Admin];

    /// <summary>The intended access policy, written out here independently of the gateway's configuration.</summary>
    public static TheoryData<string, string, string[]> Routes => new()
    {
        { "POST", "/api/v1/candidates", Hr },
        { "GET", "/api/v1/candidates/0190a000-0000-7000-8000-000000000001", HrRead },
        { "POST", "/api/v1/interviewers", Hr },
        { "GET", "/api/v1/interviewers/0190a000-0000-7000-8000-000000000001", Pipeline },
        { "GET", "/api/v1/loops/0190a000-0000-7000-8000-000000000001/schedule", Pipeline },
        { "POST", "/api/v1/scorecards/0190a000-0000-7000-8000-000000000001", [Roles.Interviewer] },
        { "GET", "/api/v1/scorecards?candidateId=0190a000-0000-7000-8000-000000000001", [Roles.Recruiter, Roles.HiringManager, Roles.Interviewer, Roles.Admin] },
        { "POST", "/api/v1/decisions", [Roles.HiringManager] },
        { "GET", "/api/v1/decisions/0190a000-0000-7000-8000-000000000001", HrRead },
        { "GET", "/api/v1/calibration/journeys/0190a000-0000-7000-8000-000000000001", Calibration },
        { "POST", "/api/v1/calibration/reports", Calibration },
        { "GET", "/api/v1/calibration/reports", Calibration },
        { "GET", "/api/v1/calibration/reports/0190a000-0000-7000-8000-000000000001", Calibration },
        { "GET", "/api/v1/calibration/reports/0190a000-0000-7000-8000-000000000001/dashboard", Calibration },
        { "GET", "/api/v1/calibration/reports/0190a000-0000-7000-8000-000000000001/compare/0190a000-0000-7000-8000-000000000002", Calibration },
        { "GET", "/api/v1/calibration/reports/0190a000-0000-7000-8000-000000000001/input/ratings.csv", Calibration },
        { "POST", "/api/v1/calibration/rating-sets", Calibration },
        { "GET", "/api/v1/calibration/rating-sets", Calibration },
        { "GET", "/api/v1/calibration/feedback/me", [Roles.Interviewer] },
        { "POST", "/api/v1/calibration/demographics", [Roles.Compliance] },
        { "GET", "/api/v1/framework/loop-templates/staff", [.. Roles.All] },
        { "GET", "/api/v1/roles", [.. Roles.All] },
        { "POST", "/api/v1/roles", [Roles.Recruiter, Roles.HiringManager, Roles.Admin] },
        { "GET", "/api/v1/questions/lint", [.. Roles.All] },
        { "POST", "/api/v1/questions", [Roles.Interviewer, Roles.HiringManager, Roles.Admin] },
        { "POST", "/api/v1/webhooks/subscriptions", [Roles.HrSystem, Roles.Admin] },
        { "GET", "/api/v1/webhooks/subscriptions", [Roles.HrSystem, Roles.Admin] },
        { "PUT", "/api/v1/webhooks/subscriptions/0190a000-0000-7000-8000-000000000001", [Roles.HrSystem, Roles.Admin] },
        { "DELETE", "/api/v1/webhooks/subscriptions/0190a000-0000-7000-8000-000000000001", [Roles.HrSystem, Roles.Admin] },
        { "GET", "/api/v1/webhooks/subscriptions/0190a000-0000-7000-8000-000000000001/deliveries", [Roles.HrSystem, Roles.Admin] },
        { "POST", "/api/v1/webhooks/deliveries/0190a000-0000-7000-8000-000000000001/replay", [Roles.HrSystem, Roles.Admin] },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Each_role_gets_exactly_the_access_the_route_allows(string method, string path, string[] allowed)
    {
        using (var anonymous = gateway.Anonymous())
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await Send(anonymous, method, path)).StatusCode);
        }
        foreach (var role in Roles.All)
        {
            using var client = gateway.As(role, subject: $"{role}-user");
            var response = await Send(client, method, path);
            if (allowed.Contains(role))
            {
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role} {method} {path}: {response.StatusCode}");
                var upstream = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.True(upstream.GetProperty("internalTokenValid").GetBoolean());
                Assert.Equal($"{role}-user", upstream.GetProperty("subject").GetString());
                Assert.Equal([role], upstream.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{role} {method} {path}: {response.StatusCode}");
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    [Fact]
    public async Task A_path_outside_the_public_surface_is_not_found_for_everyone()
    {
        using var admin = gateway.As(Roles.Admin);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/internal/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/api/v2/candidates")).StatusCode);
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string method, string path) =>
        client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method == "GET" ? null : JsonContent.Create(new { }),
        });
}
