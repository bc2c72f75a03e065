namespace HiringPlatform.Contracts;

/// <summary>A span of time someone is available, as UTC instants.</summary>
public sealed record AvailabilityWindow(DateTimeOffset StartsAt, DateTimeOffset EndsAt);
