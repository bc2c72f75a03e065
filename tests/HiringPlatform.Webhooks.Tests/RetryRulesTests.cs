namespace HiringPlatform.Webhooks.Tests;

using HiringPlatform.Contracts.Scorecard;
using HiringPlatform.Webhooks.Deliveries;
using HiringPlatform.Webhooks.Subscriptions;
using Xunit;

/// <summary>The retry schedule and the give-up rule, without I/O.</summary>
public sealed class RetryRulesTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private static readonly RetrySchedule Default = RetrySchedule.From(new WebhookOptions());

    private static WebhookDelivery NewDelivery() =>
        WebhookDelivery.Create(Guid.NewGuid(), "hr-a", new DecisionRecorded(Guid.NewGuid(), Guid.NewGuid(), "hire", "Strong", "hm", [], false,
            Start, "hm"), EventCatalogue.DecisionRecorded, "{}", Start, null);

    [Fact]
    public void A_delivery_that_always_fails_is_tried_at_0s_10s_1m_5m_30m_2h_5h_10h_intervals_and_once_more_at_24_hours_then_fails()
    {
        var delivery = NewDelivery();
        var now = Start;
        var times = new List<TimeSpan>();
        while (delivery.Status == WebhookDelivery.Pending)
        {
            Assert.True(delivery.IsDue(delivery.NextAttemptAt!.Value));
            now = delivery.NextAttemptAt!.Value;
            times.Add(now - Start);
            delivery = delivery.Record(now, 500, 12, null, Default);
        }

        Assert.Equal(
            [TimeSpan.Zero, TimeSpan.Parse("00:00:10"), TimeSpan.Parse("00:01:10"), TimeSpan.Parse("00:06:10"), TimeSpan.Parse("00:36:10"),
                TimeSpan.Parse("02:36:10"), TimeSpan.Parse("07:36:10"), TimeSpan.Parse("17:36:10"), TimeSpan.FromHours(24)],
            times);
        Assert.Equal(WebhookDelivery.Failed, delivery.Status);
        Assert.Null(delivery.NextAttemptAt);
        Assert.Equal(Start.AddHours(24), delivery.CompletedAt);
        Assert.All(delivery.Attempts, a => Assert.Equal(DeliveryAttempt.Failed, a.Outcome));
        Assert.Equal(Enumerable.Range(1, 9), delivery.Attempts.Select(a => a.Number));
    }

    [Fact]
    public void The_schedule_never_goes_past_the_give_up_moment_and_a_late_failure_gives_up()
    {
        var schedule = new RetrySchedule([TimeSpan.FromHours(20)], TimeSpan.FromHours(24));

        Assert.Equal(Start.AddHours(24), schedule.Next(Start, Start.AddHours(10), 2));
        Assert.Null(schedule.Next(Start, Start.AddHours(24), 3));
        Assert.Null(schedule.Next(Start, Start.AddHours(25), 3));
        // The last delay repeats.
        Assert.Equal(Start.AddHours(1), new RetrySchedule([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(30)], TimeSpan.FromHours(24))
            .Next(Start, Start.AddMinutes(30), 7));
    }

    [Fact]
    public void A_2xx_delivers_a_410_gives_up_at_once_and_a_timeout_is_retried()
    {
        var delivered = NewDelivery().Record(Start, 204, 5, null, Default);
        Assert.Equal(WebhookDelivery.Delivered, delivered.Status);
        Assert.Equal(DeliveryAttempt.Succeeded, delivered.Attempts.Single().Outcome);

        var gone = NewDelivery().Record(Start, 410, 5, null, Default);
        Assert.Equal(WebhookDelivery.Failed, gone.Status);
        Assert.Equal(DeliveryAttempt.Gone, gone.Attempts.Single().Outcome);

        var timedOut = NewDelivery().Record(Start, null, 10000, "No answer within 10 s.", Default);
        Assert.Equal(WebhookDelivery.Pending, timedOut.Status);
        Assert.Equal(Start.AddSeconds(10), timedOut.NextAttemptAt);
        Assert.Equal("No answer within 10 s.", timedOut.Attempts.Single().Error);
    }

    [Fact]
    public void A_replay_starts_a_new_series_now_with_its_own_day_and_keeps_the_earlier_attempts()
    {
        var failed = NewDelivery().Record(Start, 410, 5, null, Default);
        var later = Start.AddDays(3);

        var replayed = failed.Replay(later);
        Assert.Equal(WebhookDelivery.Pending, replayed.Status);
        Assert.True(replayed.IsDue(later));
        var retried = replayed.Record(later, 500, 5, null, Default);

        Assert.Equal(later.AddSeconds(10), retried.NextAttemptAt);
        Assert.Equal([(1, 1), (2, 1)], retried.Attempts.Select(a => (a.Series, a.Number)));
        Assert.Equal(failed.WebhookId, retried.WebhookId);
    }

    [Fact]
    public void A_claimed_delivery_is_not_due_until_its_lease_ends()
    {
        var claimed = NewDelivery().Claim(Start, TimeSpan.FromMinutes(2));

        Assert.False(claimed.IsDue(Start.AddMinutes(1)));
        Assert.True(claimed.IsDue(Start.AddMinutes(2)));
    }
}
