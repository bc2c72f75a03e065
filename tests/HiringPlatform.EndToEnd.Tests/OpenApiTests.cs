namespace HiringPlatform.EndToEnd.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

/// <summary>Each service publishes its OpenAPI document; the gateway serves them with a browsable reference.</summary>
[Collection(PlatformCollection.Name)]
public sealed class OpenApiTests(PlatformFixture platform)
{
    [Theory]
    [InlineData("loop-planner", "/api/v1/candidates")]
    [InlineData("scheduling", "/api/v1/interviewers")]
    [InlineData("scorecard", "/api/v1/scorecards/{scorecardId}")]
    [InlineData("calibration", "/api/v1/calibration/journeys/{candidateId}")]
    public async Task The_gateway_serves_each_services_openapi_document(string service, string path)
    {
        using var anonymous = new HttpClient { BaseAddress = platform.Gateway.Address };
        var document = await anonymous.GetFromJsonAsync<JsonElement>($"/openapi/{service}.json");

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal($"HiringPlatform {service}", document.GetProperty("info").GetProperty("title").GetString());
        Assert.True(document.GetProperty("paths").TryGetProperty(path, out _),
            $"{path} not in {string.Join(", ", document.GetProperty("paths").EnumerateObject().Select(p => p.Name))}");
    }

    [Fact]
    public async Task The_reference_ui_lists_every_service_and_loads_its_script_from_the_gateway()
    {
        using var anonymous = new HttpClient { BaseAddress = platform.Gateway.Address };
        var page = await anonymous.GetAsync("/api/reference");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        foreach (var service in new[] { "loop-planner", "scheduling", "scorecard", "calibration" })
        {
            Assert.Contains(service, html, StringComparison.Ordinal);
        }
        var script = System.Text.RegularExpressions.Regex.Match(html, "<script[^>]+src=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(script), html);
        Assert.DoesNotContain("://", script, StringComparison.Ordinal);
        var scriptUri = new Uri(new Uri(platform.Gateway.Address, "/api/reference/"), script);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(scriptUri)).StatusCode);
    }
}
