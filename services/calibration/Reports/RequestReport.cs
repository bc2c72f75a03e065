namespace HiringPlatform.Calibration.Reports;

using System.Globalization;
using HiringPlatform.Calibration.Engine.Flagging;
using HiringPlatform.Calibration.RatingSets;
using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.Problems;
using Marten;

/// <summary>
/// POST body. Every field is optional: the platform's own history, as of now, over the 6 months
/// before, with the current configuration. <c>windowEnd</c> defaults to <c>asOf</c>.
/// <c>regenerate</c> recomputes even when the same request was answered before (the result is identical).
/// An unknown member is refused (400) rather than ignored: "asAt" meant as "asOf" must not silently give a report as of now.
/// </summary>
[System.Text.Json.Serialization.JsonUnmappedMemberHandling(System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
public sealed record ReportRequest(
    string? RatingSet = null,
    DateTimeOffset? AsOf = null,
    int? WindowMonths = null,
    DateTimeOffset? WindowEnd = null,
    string? ConfigVersion = null,
    bool Regenerate = false);

/// <summary>The configurations a report can be computed with, by version (docs/calibration-method.md §7.5: versioned, never edited in place).</summary>
public static class ReportConfigs
{
    public static readonly IReadOnlyDictionary<string, CalibrationConfig> Known =
        new Dictionary<string, CalibrationConfig>(StringComparer.Ordinal) { [CalibrationConfig.Default.Version] = CalibrationConfig.Default };

    public static CalibrationConfig Current => CalibrationConfig.Default;
}

/// <summary>A request checked and completed with its defaults, ready to become <see cref="ReportRequested"/>.</summary>
public sealed record ValidReportRequest(string RatingSet, DateTimeOffset AsOf, DateTimeOffset WindowStart, DateTimeOffset WindowEnd, string ConfigVersion, bool Regenerate)
{
    /// <summary>Identical requests share a key: the same rating set, moment, window and configuration give the same report.</summary>
    public string Key => ComputeReport.Sha256(string.Join('|', RatingSet, Format(AsOf), Format(WindowStart), Format(WindowEnd), ConfigVersion));

    private static string Format(DateTimeOffset moment) => moment.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}

public static class RequestReport
{
    public const int DefaultWindowMonths = 6;

    /// <summary>The start of "all history" for imported rating sets.</summary>
    public static readonly DateTimeOffset AllHistory = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Checks the request and fills in its defaults; errors by field otherwise.</summary>
    public static (ValidReportRequest? Request, Dictionary<string, string[]> Errors) Decide(ReportRequest request, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var ratingSet = string.IsNullOrWhiteSpace(request.RatingSet) ? RatingSetIds.Platform : request.RatingSet.Trim();
        if (ratingSet != RatingSetIds.Platform && !Guid.TryParse(ratingSet, out _))
        {
            errors["ratingSet"] = [$"'{Clip(ratingSet)}' is neither '{RatingSetIds.Platform}' nor the id of an imported rating set."];
        }

        // Truncated to the millisecond so that a moment read back from JSON names the same request.
        var asOf = Truncate((request.AsOf ?? now).ToUniversalTime());
        if (asOf > now.AddMinutes(1))
        {
            errors["asOf"] = ["must not be in the future: a report shows the log as it stood at a moment that has happened."];
        }

        var months = request.WindowMonths ?? DefaultWindowMonths;
        if (months is < 1 or > 60)
        {
            errors["windowMonths"] = ["must be between 1 and 60."];
        }

        var end = Truncate((request.WindowEnd ?? asOf).ToUniversalTime());
        if (end > asOf)
        {
            errors["windowEnd"] = ["must not be after asOf: the window cannot contain what the log did not hold yet."];
        }

        var config = request.ConfigVersion ?? ReportConfigs.Current.Version;
        if (!ReportConfigs.Known.ContainsKey(config))
        {
            errors["configVersion"] = [$"unknown configuration '{Clip(config)}'; known: {string.Join(", ", ReportConfigs.Known.Keys)}."];
        }

        // An imported rating set without an explicit window is analysed up to asOf from its beginning (its history is
        // usually older than the last six months); the previous window then ends a month earlier.
        var start = ratingSet != RatingSetIds.Platform && request.WindowEnd is null && request.WindowMonths is null ? AllHistory : end.AddMonths(-months);
        return errors.Count > 0
            ? (null, errors)
            : (new ValidReportRequest(ratingSet, asOf, start, end, config, request.Regenerate), errors);
    }

    internal static async Task<IResult> Handle(ReportRequest? request, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken token)
    {
        var (valid, errors) = Decide(request ?? new ReportRequest(), clock.GetUtcNow());
        if (valid is null)
        {
            return Problem.Invalid(errors);
        }
        if (valid.RatingSet != RatingSetIds.Platform && await session.LoadAsync<RatingSetSummary>(Guid.Parse(valid.RatingSet), token) is null)
        {
            return Problem.Invalid(new Dictionary<string, string[]> { ["ratingSet"] = [$"no imported rating set with id '{valid.RatingSet}'."] });
        }

        var key = valid.Key;
        if (!valid.Regenerate)
        {
            var existing = await session.Query<ReportRun>()
                .Where(r => r.RequestKey == key && r.Status != ReportStatus.Failed)
                .OrderBy(r => r.RequestedAt)
                .FirstOrDefaultAsync(token);
            if (existing is not null)
            {
                return Answer(existing, http);
            }
        }

        var id = Guid.CreateVersion7();
        var requested = new ReportRequested(id, valid.RatingSet, valid.AsOf, valid.WindowStart, valid.WindowEnd, valid.ConfigVersion,
            key, clock.GetUtcNow(), Actors.Of(http));
        session.Events.StartStream<ReportRun>(id, requested);
        await session.SaveChangesAsync(token);
        return Answer(ReportRunProjection.Create(requested), http);
    }

    /// <summary>202 with a location to poll while the report runs; 200 once it is there (or failed, with the reason).</summary>
    private static IResult Answer(ReportRun run, HttpContext http)
    {
        var location = $"/api/v1/calibration/reports/{run.Id}";
        http.Response.Headers.Location = location;
        if (run.Status is ReportStatus.Requested or ReportStatus.Running)
        {
            http.Response.Headers.RetryAfter = "2";
            return Results.Json(ReportViews.Status(run, null), statusCode: StatusCodes.Status202Accepted);
        }
        return Results.Ok(ReportViews.Status(run, null));
    }

    private static DateTimeOffset Truncate(DateTimeOffset moment) =>
        new(moment.Ticks - (moment.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    private static string Clip(string text) => text.Length > 80 ? text[..80] + "…" : text;
}
