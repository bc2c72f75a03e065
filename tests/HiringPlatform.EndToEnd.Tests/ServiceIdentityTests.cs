namespace HiringPlatform.EndToEnd.Tests;

using System.Net;
using System.Net.Http.Headers;
using HiringPlatform.ServiceDefaults.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

/// <summary>A service accepts only the gateway's identity, never a caller's own credentials.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ServiceIdentityTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_service_called_directly_without_the_gateways_token_answers_401()
    {
        var path = $"/api/v1/candidates/{Guid.CreateVersion7()}";
        using var bare = new HttpClient { BaseAddress = platform.LoopPlanner.Address };
        Assert.Equal(HttpStatusCode.Unauthorized, (await bare.GetAsync(path)).StatusCode);

        // A development token the gateway would accept is still not the gateway's identity.
        var developmentKey = platform.Gateway.Services.GetRequiredService<IConfiguration>()["Auth:DevelopmentSigningKey"]!;
        bare.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", PlatformTokens.Mint(developmentKey,
            PlatformTokens.DevelopmentIssuer, PlatformTokens.DevelopmentAudience, "x", [Roles.Admin], TimeSpan.FromMinutes(5),
            DateTimeOffset.UtcNow));
        Assert.Equal(HttpStatusCode.Unauthorized, (await bare.GetAsync(path)).StatusCode);

        using var withGatewayIdentity = platform.LoopPlanner.CreateClientAs("someone", Roles.Recruiter);
        Assert.Equal(HttpStatusCode.NotFound, (await withGatewayIdentity.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Health_endpoints_answer_without_credentials()
    {
        using var bare = new HttpClient { BaseAddress = platform.Scorecard.Address };
        Assert.Equal(HttpStatusCode.OK, (await bare.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bare.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task An_interviewer_cannot_submit_someone_elses_scorecard()
    {
        var team = Guid.NewGuid().ToString("N")[..6];
        await platform.RegisterInterviewerAsync($"Owner A {team}", $"oa-{team}", "senior", ["coding", "data-modeling"]);
        await platform.RegisterInterviewerAsync($"Owner B {team}", $"ob-{team}", "senior", ["project-deep-dive", "coding"]);
        await platform.RegisterInterviewerAsync($"Owner C {team}", $"oc-{team}", "senior", ["coding"]);
        var response = await platform.Client.PostAsync("/api/v1/candidates", System.Net.Http.Json.JsonContent.Create(new
        {
            name = "Owned Card", email = "owned@example.com", role = "ml-engineer", level = "abbreviated",
        }));
        var candidateId = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(
            response.Content)).GetProperty("id").GetGuid();
        var cards = await HiringPlatform.Testing.Eventually.Until(
            () => HiringPlatform.Testing.Pages.GetItemsAsync(platform.Recruiter, $"/api/v1/scorecards?candidateId={candidateId}"),
            c => c!.Length == 3, "pending scorecards");
        var card = cards![0];
        var before = await platform.Infrastructure.CountEventsAsync("scorecard");

        using var impostor = platform.Interviewer(Guid.CreateVersion7());
        var attempt = await impostor.PostAsync($"/api/v1/scorecards/{card.GetProperty("id").GetGuid()}",
            System.Net.Http.Json.JsonContent.Create(new
            {
                ratings = card.GetProperty("competencies").EnumerateArray().Select(c => new { competency = c.GetString(), rating = 1 }),
                recommendation = "strong_no",
            }));

        Assert.Equal(HttpStatusCode.Forbidden, attempt.StatusCode);
        Assert.Equal(before, await platform.Infrastructure.CountEventsAsync("scorecard"));
    }
}
