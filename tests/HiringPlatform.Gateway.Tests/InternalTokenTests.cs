namespace HiringPlatform.Gateway.Tests;

using System.Net.Http.Json;
using System.Text.Json;
using HiringPlatform.Gateway.Forwarding;
using HiringPlatform.ServiceDefaults.Security;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Xunit;

public sealed class InternalTokenCacheTests
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 4, 9, 0, 0, TimeSpan.Zero));

    private InternalTokens Tokens() =>
        new(Options.Create(new InternalAuthOptions { SigningKey = InternalAuthOptions.DevelopmentKey }), clock);

    [Fact]
    public void The_same_identity_gets_the_same_token_while_more_than_half_its_lifetime_is_left()
    {
        var tokens = Tokens();
        var first = tokens.For("user-1", [Roles.Recruiter], "ats", "Ada");

        clock.Advance(InternalTokens.ReuseFor - TimeSpan.FromSeconds(1));
        Assert.Equal(first, tokens.For("user-1", [Roles.Recruiter], "ats", "Ada"));

        clock.Advance(TimeSpan.FromSeconds(1));
        var renewed = tokens.For("user-1", [Roles.Recruiter], "ats", "Ada");
        Assert.NotEqual(first, renewed);
        Assert.Equal(clock.GetUtcNow().UtcDateTime.AddTicks(IdentityForwarding.Lifetime.Ticks),
            new JsonWebToken(renewed).ValidTo, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Another_subject_role_client_or_name_gets_its_own_token()
    {
        var tokens = Tokens();
        var first = tokens.For("user-1", [Roles.Recruiter], "ats", "Ada");

        Assert.NotEqual(first, tokens.For("user-2", [Roles.Recruiter], "ats", "Ada"));
        Assert.NotEqual(first, tokens.For("user-1", [Roles.Recruiter, Roles.Admin], "ats", "Ada"));
        Assert.NotEqual(first, tokens.For("user-1", [Roles.Recruiter], "other-ats", "Ada"));
        Assert.NotEqual(first, tokens.For("user-1", [Roles.Recruiter], "ats", null));
        Assert.Equal(first, tokens.For("user-1", [Roles.Recruiter, Roles.Recruiter], "ats", "Ada"));
    }

    [Fact]
    public void A_clock_set_back_never_reuses_a_token_from_the_future()
    {
        var wallClock = new SettableClock { Now = clock.GetUtcNow() };
        var tokens = new InternalTokens(Options.Create(new InternalAuthOptions { SigningKey = InternalAuthOptions.DevelopmentKey }), wallClock);
        var first = tokens.For("user-1", [Roles.Recruiter], null, null);

        wallClock.Now = wallClock.Now.AddMinutes(-5);

        Assert.NotEqual(first, tokens.For("user-1", [Roles.Recruiter], null, null));
    }

    /// <summary>A wall clock that can be set back, as NTP may do (FakeTimeProvider refuses to).</summary>
    private sealed class SettableClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; }

        public override DateTimeOffset GetUtcNow() => Now;
    }
}

[Collection(GatewayCollection.Name)]
public sealed class InternalTokenForwardingTests(GatewayFixture gateway)
{
    [Fact]
    public async Task Consecutive_requests_of_one_caller_forward_one_internal_token_and_another_caller_gets_another()
    {
        using var recruiter = gateway.As(Roles.Recruiter, "cached-1");
        using var other = gateway.As(Roles.Recruiter, "cached-2");

        var first = await Forwarded(recruiter);
        // Tokens carry whole seconds: let one pass, so a token minted anew could not be equal by chance.
        var issued = new JsonWebToken(first.GetProperty("internalToken").GetString()).IssuedAt;
        while (DateTime.UtcNow < issued.AddSeconds(1.2))
        {
            await Task.Delay(100);
        }
        var second = await Forwarded(recruiter);
        var another = await Forwarded(other);

        Assert.True(first.GetProperty("internalTokenValid").GetBoolean());
        Assert.Equal(first.GetProperty("internalToken").GetString(), second.GetProperty("internalToken").GetString());
        Assert.NotEqual(first.GetProperty("internalToken").GetString(), another.GetProperty("internalToken").GetString());
        Assert.Equal("cached-2", another.GetProperty("subject").GetString());
    }

    private static async Task<JsonElement> Forwarded(HttpClient client) =>
        await client.GetFromJsonAsync<JsonElement>("/api/v1/interviewers");
}
