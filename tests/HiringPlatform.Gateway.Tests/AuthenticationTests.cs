namespace HiringPlatform.Gateway.Tests;

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.ServiceDefaults.Security;
using Xunit;

[Collection(GatewayCollection.Name)]
public sealed class AuthenticationTests(GatewayFixture gateway)
{
    private const string Path = "/api/v1/candidates";

    [Fact]
    public async Task No_credentials_is_401_problem_json()
    {
        using var client = gateway.Anonymous();
        var response = await client.PostAsJsonAsync(Path, new { });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("urn:hiring-platform:problem:unauthorized", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task An_expired_token_is_401()
    {
        var expired = gateway.Token([Roles.HrSystem], lifetime: TimeSpan.FromMinutes(5), issuedAt: DateTimeOffset.UtcNow.AddHours(-1));
        using var client = gateway.WithToken(expired);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync(Path, new { })).StatusCode);
    }

    [Fact]
    public async Task A_token_with_a_bad_signature_is_401()
    {
        var forged = gateway.Token([Roles.Admin], key: "somebody-elses-key-that-is-long-enough-0123");
        using var client = gateway.WithToken(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync(Path, new { })).StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_the_internal_key_is_not_accepted_from_outside()
    {
        var internalToken = PlatformTokens.Mint(InternalAuthOptions.DevelopmentKey, PlatformTokens.InternalIssuer,
            PlatformTokens.InternalAudience, "intruder", [Roles.Admin], TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow);
        using var client = gateway.WithToken(internalToken);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync(Path, new { })).StatusCode);
    }

    [Fact]
    public async Task A_valid_api_key_is_an_hr_system_and_its_secret_never_reaches_the_service()
    {
        using var client = gateway.WithApiKey(GatewayFixture.ApiKey);
        var response = await client.PostAsJsonAsync(Path, new { });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var upstream = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(upstream.GetProperty("internalTokenValid").GetBoolean());
        Assert.Equal("api-key:test-ats", upstream.GetProperty("subject").GetString());
        Assert.Equal("test-ats", upstream.GetProperty("client").GetString());
        Assert.Equal([Roles.HrSystem], upstream.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
        Assert.False(upstream.GetProperty("apiKeyForwarded").GetBoolean());
    }

    [Fact]
    public async Task A_revoked_api_key_is_401()
    {
        using var client = gateway.WithApiKey(GatewayFixture.RevokedApiKey);

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync(Path, new { })).StatusCode);
    }

    [Fact]
    public async Task An_unknown_api_key_is_401()
    {
        using var client = gateway.WithApiKey("not-a-key");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync(Path, new { })).StatusCode);
    }

    [Fact]
    public async Task An_api_key_cannot_use_a_route_its_scopes_do_not_cover()
    {
        using var client = gateway.WithApiKey(GatewayFixture.ApiKey);

        Assert.Equal(HttpStatusCode.Forbidden,
            (await client.GetAsync($"/api/v1/calibration/journeys/{Guid.CreateVersion7()}")).StatusCode);
    }

    [Fact]
    public async Task The_callers_bearer_token_is_replaced_by_the_gateways_own()
    {
        using var client = gateway.As(Roles.Recruiter, "rita");
        var upstream = await (await client.GetAsync($"/api/v1/candidates/{Guid.CreateVersion7()}")).Content.ReadFromJsonAsync<JsonElement>();

        Assert.True(upstream.GetProperty("internalTokenValid").GetBoolean());
        Assert.Equal("rita", upstream.GetProperty("subject").GetString());
    }
}
