namespace HiringPlatform.Webhooks.Tests;

using HiringPlatform.Webhooks.Subscriptions;
using Xunit;

public sealed class SubscriptionRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("https://hr.example.com/hooks", false, true)]
    [InlineData("http://hr.example.com/hooks", true, false)]
    [InlineData("http://localhost:5000/hooks", false, false)]
    [InlineData("http://localhost:5000/hooks", true, true)]
    [InlineData("http://127.0.0.1:5000/hooks", true, true)]
    [InlineData("https://user:pw@hr.example.com/hooks", false, false)]
    [InlineData("ftp://hr.example.com/hooks", true, false)]
    [InlineData("/hooks", true, false)]
    public void Only_https_urls_are_accepted_and_http_only_to_localhost_when_allowed(string url, bool allowLocalhostHttp, bool valid)
    {
        var errors = SubscriptionRules.Validate(new SubscriptionRequest(url, [EventCatalogue.CandidateApplied]), allowLocalhostHttp);

        Assert.Equal(valid, !errors.ContainsKey("url"));
    }

    [Fact]
    public void Event_types_come_from_the_catalogue_each_once()
    {
        Assert.Contains("eventTypes", SubscriptionRules.Validate(new SubscriptionRequest("https://x.example", []), false));
        Assert.Contains("eventTypes", SubscriptionRules.Validate(new SubscriptionRequest("https://x.example", ["candidate.hired"]), false));
        Assert.Contains("eventTypes", SubscriptionRules.Validate(new SubscriptionRequest("https://x.example", [null]), false));
        Assert.Contains("eventTypes",
            SubscriptionRules.Validate(new SubscriptionRequest("https://x.example", ["decision.recorded", "decision.recorded"]), false));
        Assert.Empty(SubscriptionRules.Validate(new SubscriptionRequest("https://x.example", [.. EventCatalogue.All]), false));
        Assert.Equal(["candidate.applied", "interview.scheduled", "interview.rescheduled", "interview.cancelled", "scorecard.submitted",
            "decision.recorded"], EventCatalogue.All);
    }

    [Fact]
    public void A_change_records_only_what_differs_and_a_deactivated_subscription_is_deactivated_once()
    {
        var id = Guid.NewGuid();
        var current = SubscriptionDetailsProjection.Create(new WebhookSubscribed(id, "hr-a", "https://a.example/h",
            ["candidate.applied", "decision.recorded"], null, Now, "hr-a"));

        Assert.Empty(SubscriptionDecider.Change(current,
            new SubscriptionChange("https://a.example/h", ["decision.recorded", "candidate.applied"], null, false), Now, "hr-a"));

        var events = SubscriptionDecider.Change(current, new SubscriptionChange("https://b.example/h", ["decision.recorded"], "ATS", true),
            Now, "hr-a");
        Assert.Collection(events,
            e => Assert.Equal("https://b.example/h", Assert.IsType<SubscriptionRetargeted>(e).Url),
            e => Assert.Equal(["decision.recorded"], Assert.IsType<SubscriptionEventTypesSelected>(e).EventTypes),
            e => Assert.Equal("ATS", Assert.IsType<SubscriptionDescribed>(e).Description),
            e => Assert.Equal("hr-a", Assert.IsType<SubscriptionPaused>(e).Actor));

        var deactivated = SubscriptionDetailsProjection.Apply(
            Assert.IsType<SubscriptionDeactivated>(Assert.Single(SubscriptionDecider.Deactivate(current, "deleted", Now, "hr-a"))), current);
        Assert.Equal(SubscriptionDetails.Deactivated, deactivated.Status);
        Assert.False(deactivated.Wants("candidate.applied"));
        Assert.Empty(SubscriptionDecider.Deactivate(deactivated, "gone", Now, "system:webhooks"));
    }

    [Fact]
    public void A_subscription_covers_only_its_own_hr_systems_candidates_unless_it_is_for_all()
    {
        var own = SubscriptionDetailsProjection.Create(new WebhookSubscribed(Guid.NewGuid(), "api-key:ats-a", "https://a.example/h",
            ["candidate.applied"], null, Now, "api-key:ats-a"));
        var all = SubscriptionDetailsProjection.Create(new WebhookSubscribed(Guid.NewGuid(), "admin-1", "https://admin.example/h",
            ["candidate.applied"], null, Now, "admin-1", SubscriptionScopes.All));

        Assert.Equal(SubscriptionScopes.Own, own.Scope);
        Assert.True(own.Covers("api-key:ats-a"));
        Assert.False(own.Covers("api-key:ats-b"));
        Assert.False(own.Covers("API-KEY:ATS-A"));
        Assert.True(all.Covers("api-key:ats-a"));
        Assert.True(all.Covers("api-key:ats-b"));
        Assert.Contains("scope", SubscriptionRules.Validate(new SubscriptionRequest("https://x.example", ["candidate.applied"], Scope: "everyone"), false));
        Assert.Empty(SubscriptionRules.Validate(new SubscriptionRequest("https://x.example", ["candidate.applied"], Scope: "all"), false));
    }
}
