namespace HiringPlatform.Testing;

using System.Globalization;

/// <summary>
/// Candidate availability in working days that have passed, for flows that submit scorecards at once:
/// a scorecard opens only when its interview has started, and scheduling books passed windows only in
/// Development (<c>Scheduling:BookPastWindows</c>), as the hosts under test run.
/// </summary>
public static class PastSeason
{
    /// <summary>The <paramref name="days"/> weekdays ending at least a week before today (UTC), oldest first.</summary>
    public static IReadOnlyList<DateTime> WorkingDays(int days = 5) =>
        Enumerable.Range(7, 400).Select(d => DateTime.UtcNow.Date.AddDays(-d))
            .Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            .Take(days).Reverse().ToList();

    /// <summary>09:00-17:00 UTC of each of those days, in the shape <c>POST /api/v1/candidates</c> takes.</summary>
    public static object[] Availability(int days = 5) =>
        WorkingDays(days).Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
            .Select(day => (object)new { startsAt = $"{day}T09:00:00Z", endsAt = $"{day}T17:00:00Z" }).ToArray();
}
