namespace HiringPlatform.Gateway.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using HiringPlatform.ServiceDefaults.Security;
using Xunit;

[Collection(GatewayCollection.Name)]
public sealed class ProtectionTests(GatewayFixture gateway)
{
    [Fact]
    public async Task A_body_over_the_limit_is_413_problem_json_and_is_not_forwarded()
    {
        using var client = gateway.As(Roles.HrSystem);
        var response = await client.PostAsync("/api/v1/candidates",
            new StringContent($$"""{"name":"{{new string('x', 70_000)}}"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:hiring-platform:problem:payload-too-large", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Rating_set_uploads_may_be_larger_than_other_bodies()
    {
        using var client = gateway.As(Roles.Analyst);
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes("candidate_id,interviewer_id,interview_id,interview_type,competency,rating\n" + string.Concat(Enumerable.Repeat("c1,i1,v1,coding,algorithms,3\n", 4000)))), "ratings", "ratings.csv" },
        };
        Assert.True(form.Headers.ContentLength > 65536);

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/v1/calibration/rating-sets", form)).StatusCode);
    }

    [Fact]
    public async Task The_dashboard_may_use_inline_styles_and_data_images_but_never_scripts()
    {
        using var client = gateway.As(Roles.Analyst);
        var response = await client.GetAsync($"/api/v1/calibration/reports/{Guid.CreateVersion7()}/dashboard");
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("style-src 'unsafe-inline'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", csp, StringComparison.Ordinal);
        Assert.StartsWith("default-src 'none'", csp, StringComparison.Ordinal);

        var api = await client.GetAsync("/api/v1/calibration/reports");
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", api.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Every_answer_carries_the_security_headers_and_no_server_name()
    {
        using var client = gateway.As(Roles.HrSystem);
        var response = await client.GetAsync($"/api/v1/candidates/{Guid.CreateVersion7()}");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task Cors_is_off_a_cross_origin_preflight_gets_no_allow_origin()
    {
        using var client = gateway.Anonymous();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "/api/v1/candidates");
        preflight.Headers.Add("Origin", "https://evil.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        var response = await client.SendAsync(preflight);

        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }
}

public sealed class RateLimitedGatewayFixture : GatewayFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["Gateway:RateLimits:PermitLimit"] = "5",
        ["Gateway:RateLimits:WindowSeconds"] = "60",
        ["Gateway:RateLimits:ExpensivePermitLimit"] = "2",
    };
}

public sealed class RateLimitTests(RateLimitedGatewayFixture gateway) : IClassFixture<RateLimitedGatewayFixture>
{
    [Fact]
    public async Task A_client_over_its_budget_gets_429_with_retry_after_and_ratelimit_headers_while_others_are_served()
    {
        using var greedy = gateway.As(Roles.HrSystem, "greedy");
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await greedy.GetAsync($"/api/v1/candidates/{Guid.CreateVersion7()}")).StatusCode);
        }

        var refused = await greedy.GetAsync($"/api/v1/candidates/{Guid.CreateVersion7()}");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal("5;w=60", refused.Headers.GetValues("RateLimit-Policy").Single());
        Assert.StartsWith("limit=5, remaining=0, reset=", refused.Headers.GetValues("RateLimit").Single(), StringComparison.Ordinal);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:hiring-platform:problem:rate-limited", problem.GetProperty("type").GetString());

        using var patient = gateway.As(Roles.HrSystem, "patient");
        Assert.Equal(HttpStatusCode.OK, (await patient.GetAsync($"/api/v1/candidates/{Guid.CreateVersion7()}")).StatusCode);
    }

    [Fact]
    public async Task Requesting_reports_has_its_own_stricter_budget_and_reading_stays_within_the_general_one()
    {
        using var analyst = gateway.As(Roles.Analyst, "report-requester");
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await analyst.PostAsJsonAsync("/api/v1/calibration/reports", new { })).StatusCode);
        }

        var refused = await analyst.PostAsJsonAsync("/api/v1/calibration/reports", new { });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("2;w=60", refused.Headers.GetValues("RateLimit-Policy").Single());
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync("/api/v1/calibration/reports")).StatusCode);
    }
}
