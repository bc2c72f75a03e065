namespace HiringPlatform.Webhooks;

using System.ComponentModel.DataAnnotations;

/// <summary>How deliveries are sent and retried, and which URLs subscriptions may name.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>
    /// The wait before each attempt after a failure: the first entry follows the first failed attempt,
    /// the last one repeats. The first attempt of a series is always sent as soon as it is due.
    /// </summary>
    [Required, MinLength(1)]
    public TimeSpan[] RetrySchedule { get; set; } =
    [
        TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2), TimeSpan.FromHours(5), TimeSpan.FromHours(10),
    ];

    /// <summary>A series is given up (the delivery fails) when the next attempt would fall later than this after its first attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long one attempt may take before it counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a sender owns a claimed delivery; another replica takes it over only after this (a crash mid-send).</summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often (wall time) the sender looks for due deliveries.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a paused subscription's due deliveries wait before the sender looks at them again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan PausedRecheck { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>At most this many deliveries are claimed per poll and sent concurrently.</summary>
    [Range(1, 100)]
    public int BatchSize { get; set; } = 16;

    /// <summary>
    /// Subscriptions may name http://localhost (or 127.0.0.1, [::1]) URLs: for local development and tests.
    /// Always allowed in Development; everywhere else only https URLs are.
    /// </summary>
    public bool AllowLocalhostHttp { get; set; }

    /// <summary>
    /// Deliveries may go to private, loopback and link-local addresses (e.g. an ATS on the same private network).
    /// Off by default outside Development, so that a subscription cannot reach the platform's own network.
    /// </summary>
    public bool AllowPrivateDestinations { get; set; }

    /// <summary>Finished deliveries (and their attempts) stay in the log this long, then are deleted.</summary>
    public TimeSpan DeliveryRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often the delivery log is purged of finished deliveries past the retention.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);
}
