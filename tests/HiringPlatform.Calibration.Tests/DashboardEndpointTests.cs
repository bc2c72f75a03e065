namespace HiringPlatform.Calibration.Tests;

using System.Net;
using HiringPlatform.Calibration.Engine.Simulation;
using HiringPlatform.Testing;
using Xunit;
using Xunit.Abstractions;

/// <summary>The dashboard of a real report, from the service's endpoint, opened in headless chromium with the caller's token.</summary>
[Collection(CalibrationCollection.Name)]
public sealed class DashboardEndpointTests(CalibrationFixture calibration, Browser browser, ITestOutputHelper output) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_reports_dashboard_shows_every_interviewer_the_planted_flags_and_the_cog_in_the_heatmap()
    {
        var report = await calibration.ReportAsync(new { });
        var id = report.GetProperty("summary").GetProperty("id").GetGuid();
        var interviewers = report.GetProperty("report").GetProperty("interviewers").GetArrayLength();
        using var client = calibration.Analyst();
        var headers = new Dictionary<string, string> { ["Authorization"] = client.DefaultRequestHeaders.Authorization!.ToString() };

        await using var opened = await browser.OpenAsync(new Uri(calibration.Host.Address, $"/api/v1/calibration/reports/{id}/dashboard").ToString(), headers);
        var page = opened.Page;

        Assert.Equal(200, opened.Response?.Status);
        Assert.StartsWith("default-src 'none'", await opened.Response!.HeaderValueAsync("content-security-policy"), StringComparison.Ordinal);
        Assert.Equal(interviewers, await page.Locator("#severity-plot g.severity-row").CountAsync());
        var severe = CalibrationFixture.InterviewerId(calibration.Season.Planted.Single(p => p.Kind == PlantedKinds.Severe).InterviewerId);
        Assert.Equal("actionable", await page.Locator($"g.severity-row[data-interviewer='{severe}']").GetAttributeAsync("data-status"));
        var cog = CalibrationFixture.InterviewerId(calibration.Season.Planted.Single(p => p.Kind == PlantedKinds.Cog).InterviewerId);
        Assert.True(await page.Locator($"rect.heat-cell[data-interviewer='{cog}']").CountAsync() > 0);
        Assert.True(await page.Locator("#flag-table tr.flag-row").CountAsync() > 0);
        Assert.Equal(0, await page.Locator("#group-bias").CountAsync());
        Assert.Empty(opened.Errors);
        Assert.Empty(await opened.CspViolationsAsync());
        output.WriteLine("screenshot: " + await opened.ScreenshotAsync("artifacts/dashboard/dashboard-service.png"));

        // Not for someone without a calibration role; a report still running has no dashboard yet (409), an unknown one 404.
        using var recruiter = calibration.As("recruiter-1", HiringPlatform.ServiceDefaults.Security.Roles.Recruiter);
        Assert.Equal(HttpStatusCode.Forbidden, (await recruiter.GetAsync($"/api/v1/calibration/reports/{id}/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/v1/calibration/reports/{Guid.NewGuid()}/dashboard")).StatusCode);
    }
}
