namespace HiringPlatform.EndToEnd.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.Calibration.Engine.Simulation;
using HiringPlatform.ServiceDefaults.Security;
using HiringPlatform.Testing;
using Xunit;
using Xunit.Abstractions;

/// <summary>
/// An analyst's path through the gateway: upload history from another ATS (larger than the general body limit),
/// request a report (202, poll), read it, and open its dashboard in headless chromium under the gateway's CSP.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class CalibrationThroughGatewayTests(PlatformFixture platform, Browser browser, ITestOutputHelper output) : IClassFixture<Browser>
{
    [Fact]
    public async Task An_analyst_imports_history_gets_a_report_and_opens_its_dashboard_through_the_gateway()
    {
        var season = SeasonSimulator.Simulate(new SimulationOptions { Candidates = 1500, Interviewers = 30, Seed = 5 });
        using var form = new MultipartFormDataContent
        {
            { new StringContent(season.RatingsCsv), "ratings", "ratings.csv" },
            { new StringContent(season.BlueprintsCsv), "blueprints", "blueprints.csv" },
            { new StringContent("history from the previous ATS"), "name" },
        };
        Assert.True(form.Headers.ContentLength > 1024 * 1024, $"the upload ({form.Headers.ContentLength} bytes) is larger than the general 1 MiB body limit");
        var upload = await platform.Analyst.PostAsync("/api/v1/calibration/rating-sets", form);
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        var set = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        var requested = await platform.Analyst.PostAsJsonAsync("/api/v1/calibration/reports", new { ratingSet = set });
        Assert.Equal(HttpStatusCode.Accepted, requested.StatusCode);
        var location = requested.Headers.Location!.ToString();
        var report = await Eventually.Until(() => platform.Analyst.GetFromJsonAsync<JsonElement>(location),
            body => body.TryGetProperty("summary", out _) || body.GetProperty("status").GetString() == "failed", "report completed", TimeSpan.FromMinutes(3));
        Assert.Equal("completed", report.GetProperty("summary").GetProperty("status").GetString());
        var severe = season.Planted.Single(p => p.Kind == PlantedKinds.Severe).InterviewerId;
        Assert.Contains(report.GetProperty("flags").EnumerateArray(), f => f.GetProperty("interviewerId").GetString() == severe
            && f.GetProperty("detector").GetString() == "severe");

        var dashboard = new Uri(platform.Gateway.Address, report.GetProperty("summary").GetProperty("links").GetProperty("dashboard").GetString()).ToString();
        var headers = new Dictionary<string, string> { ["Authorization"] = platform.Analyst.DefaultRequestHeaders.Authorization!.ToString() };
        await using var opened = await browser.OpenAsync(dashboard, headers);
        Assert.Equal(200, opened.Response?.Status);
        Assert.Contains("style-src 'unsafe-inline'", await opened.Response!.HeaderValueAsync("content-security-policy"), StringComparison.Ordinal);
        Assert.Equal(report.GetProperty("report").GetProperty("interviewers").GetArrayLength(),
            await opened.Page.Locator("#severity-plot g.severity-row").CountAsync());
        Assert.Equal("actionable", await opened.Page.Locator($"g.severity-row[data-interviewer='{severe}']").GetAttributeAsync("data-status"));
        Assert.Empty(opened.Errors);
        Assert.Empty(await opened.CspViolationsAsync());
        output.WriteLine("screenshot: " + await opened.ScreenshotAsync("artifacts/dashboard/dashboard-through-gateway.png"));

        // The dashboard is not public: without a token the gateway refuses it.
        using var anonymous = new HttpClient { BaseAddress = platform.Gateway.Address };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(dashboard)).StatusCode);
        using var recruiter = platform.As(Roles.Recruiter);
        Assert.Equal(HttpStatusCode.Forbidden, (await recruiter.GetAsync(dashboard)).StatusCode);
    }
}
