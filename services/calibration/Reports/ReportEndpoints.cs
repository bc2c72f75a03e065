namespace HiringPlatform.Calibration.Reports;

using HiringPlatform.Calibration.Dashboard;
using HiringPlatform.Calibration.Engine.Import;
using HiringPlatform.ServiceDefaults.Http;
using HiringPlatform.ServiceDefaults.Problems;
using HiringPlatform.ServiceDefaults.Security;
using Marten;

/// <summary>A page of reports, newest first.</summary>
public sealed record ReportPage(IReadOnlyList<ReportStatusView> Items, string Next, bool HasMore);

public static class ReportEndpoints
{
    /// <summary>Who may read and request reports; group findings need <see cref="Roles.Compliance"/>.</summary>
    public static readonly string[] Readers = [.. RoutePolicies.CalibrationRead];

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/v1/calibration/reports").WithTags("Reports")
            .RequireAuthorization(policy => policy.RequireRole(Readers))
            .WithRoles(RoutePolicies.CalibrationRead, RoutePolicies.CalibrationWrite);
        reports.MapPost("/", RequestReport.Handle)
            .WithName("RequestCalibrationReport")
            .WithExample(request: new ReportRequest(AsOf: new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), WindowMonths: 6))
            .WithSummary("Compute a report from the log as it stood at asOf, over a window (default: the 6 months before).")
            .WithDescription("Roles: analyst, compliance, admin. 202 with Location while it runs (poll it; progress is shown), 200 when the same request was already answered. The same asOf, window and configuration give the identical report.")
            .Produces<ReportStatusView>(StatusCodes.Status202Accepted)
            .Produces<ReportStatusView>();
        reports.MapGet("/", List)
            .WithName("ListCalibrationReports").Produces<ReportPage>()
            .WithPaging()
            .WithSummary("Reports, newest request first; cursor pagination (next, Link rel=next).");
        reports.MapGet("/{reportId:guid}", Get)
            .WithName("GetCalibrationReport").ProducesOneOf(StatusCodes.Status200OK, typeof(ReportStatusView), typeof(ReportView))
            .WithSummary("A report: its status and progress while running; when completed, the engine's report, flags with persistence status, the what-if and what was left out.");
        reports.MapGet("/{reportId:guid}/dashboard", Dashboard)
            .WithName("GetCalibrationDashboard")
            .WithSummary("The report as one self-contained HTML page: severity plot with intervals and flags, coverage heatmap against the blueprint, reliability, flags with evidence links, what-if.")
            .Produces<string>(StatusCodes.Status200OK, "text/html");
        reports.MapGet("/{reportId:guid}/compare/{otherId:guid}", Compare)
            .WithName("CompareCalibrationReports").Produces<ReportComparison>()
            .WithSummary("Flags that appeared, disappeared or persisted from the first report to the second, and how each interviewer's severity moved.");
        reports.MapGet("/{reportId:guid}/input/{file}", Input)
            .WithName("GetCalibrationReportInput").Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("The report's input as the engine's CSV files (ratings.csv, candidates.csv, blueprints.csv), to rerun with ./hiring calibrate.");
        return app;
    }

    private static async Task<IResult> Get(Guid reportId, IQuerySession session, HttpContext http, CancellationToken token)
    {
        var run = await session.LoadAsync<ReportRun>(reportId, token);
        if (run is null)
        {
            return Problem.NotFound("Report", reportId);
        }
        if (run.Status != ReportStatus.Completed)
        {
            if (run.Status is ReportStatus.Requested or ReportStatus.Running)
            {
                http.Response.Headers.RetryAfter = "2";
            }
            return Results.Ok(ReportViews.Status(run, await session.LoadAsync<ReportProgress>(reportId, token)));
        }
        var content = await session.LoadAsync<ReportContent>(reportId, token);
        var json = content is null ? null : await ReportFiles.ReadAsync(session, reportId, ReportFiles.Report, token);
        return content is null || json is null ? Problem.NotFound("Report content", reportId) : Results.Ok(ReportViews.View(run, content, json, ReportReader.Of(http.User)));
    }

    private static async Task<IResult> Dashboard(Guid reportId, IQuerySession session, HttpContext http, CancellationToken token)
    {
        var run = await session.LoadAsync<ReportRun>(reportId, token);
        if (run is null)
        {
            return Problem.NotFound("Report", reportId);
        }
        if (run.Status != ReportStatus.Completed)
        {
            return Problem.Conflict($"Report {reportId} is {run.Status}; its dashboard exists once it has completed.");
        }
        var content = await session.LoadAsync<ReportContent>(reportId, token);
        var json = content is null ? null : await ReportFiles.ReadAsync(session, reportId, ReportFiles.Report, token);
        if (content is null || json is null)
        {
            return Problem.NotFound("Report content", reportId);
        }
        http.Response.Headers.ContentSecurityPolicy = DashboardPage.ContentSecurityPolicy + "; " + ContentSecurityPolicies.NoFraming;
        return Results.Content(DashboardPage.Render(ReportViews.Dashboard(run, content, json, ReportReader.Of(http.User))), "text/html; charset=utf-8");
    }

    private static async Task<IResult> List(IQuerySession session, HttpContext http, string? cursor, int? limit, CancellationToken token)
    {
        if (limit is < 1 or > Paging.MaxLimit)
        {
            return Problem.Invalid(new Dictionary<string, string[]> { ["limit"] = [$"Between 1 and {Paging.MaxLimit}."] });
        }
        var take = limit ?? Paging.DefaultLimit;
        Guid? after = null;
        if (cursor is not null)
        {
            if (!Guid.TryParse(cursor, out var parsed))
            {
                return Problem.Invalid(new Dictionary<string, string[]> { ["cursor"] = ["Not a cursor this API gave out; start without one or use the `next` of the last page."] });
            }
            after = parsed;
        }
        // Newest first. Ids are version 7 (time-ordered) and never change: the cursor is the last id shown, so a page
        // never repeats or skips a report; reports requested meanwhile appear at the top of a fresh listing.
        var query = session.Query<ReportRun>().AsQueryable();
        if (after is { } last)
        {
            query = query.Where(r => r.Id.CompareTo(last) < 0);
        }
        var fetched = await query.OrderByDescending(r => r.Id).Take(take + 1).ToListAsync(token);
        var hasMore = fetched.Count > take;
        var items = fetched.Take(take).Select(r => ReportViews.Status(r, null)).ToList();
        var next = items.Count > 0 ? items[^1].Id.ToString() : cursor ?? "";
        if (hasMore)
        {
            http.Response.Headers.Link = $"</api/v1/calibration/reports?cursor={next}&limit={take}>; rel=\"next\"";
        }
        return Results.Ok(new ReportPage(items, next, hasMore));
    }

    private static async Task<IResult> Compare(Guid reportId, Guid otherId, IQuerySession session, HttpContext http, CancellationToken token)
    {
        var runs = await session.LoadManyAsync<ReportRun>(token, reportId, otherId);
        foreach (var id in new[] { reportId, otherId })
        {
            var run = runs.FirstOrDefault(r => r.Id == id);
            if (run is null)
            {
                return Problem.NotFound("Report", id);
            }
            if (run.Status != ReportStatus.Completed)
            {
                return Problem.Conflict($"Report {id} is {run.Status}; only completed reports can be compared.");
            }
        }
        var from = await session.LoadAsync<ReportContent>(reportId, token);
        var to = await session.LoadAsync<ReportContent>(otherId, token);
        var fromJson = await ReportFiles.ReadAsync(session, reportId, ReportFiles.Report, token);
        var toJson = await ReportFiles.ReadAsync(session, otherId, ReportFiles.Report, token);
        return from is null || to is null || fromJson is null || toJson is null
            ? Problem.NotFound("Report content", from is null || fromJson is null ? reportId : otherId)
            : Results.Ok(ReportViews.Compare(reportId, from, fromJson, otherId, to, toJson, ReportReader.Of(http.User)));
    }

    private static async Task<IResult> Input(Guid reportId, string file, IQuerySession session, HttpContext http, CancellationToken token)
    {
        if (file is not (ReportFiles.Ratings or ReportFiles.Candidates or ReportFiles.Blueprints))
        {
            return Problem.NotFound("Input file", file);
        }
        var text = await ReportFiles.ReadAsync(session, reportId, file, token);
        if (text is null)
        {
            return Problem.NotFound("Report", reportId);
        }
        // Candidates' groups are compliance data: others get the file without the column.
        return Results.Text(file == ReportFiles.Candidates && !ReportReader.Of(http.User).SeesGroupFindings ? WithoutGroup(text) : text, "text/csv; charset=utf-8");
    }

    private static string WithoutGroup(string candidates)
    {
        var table = CsvTable.Parse("candidates.csv", candidates, CalibrationImporter.CandidateColumns, CalibrationImporter.CandidateOptionalColumns);
        if (table.IndexOf("group") < 0)
        {
            return candidates;
        }
        var id = table.IndexOf("candidate_id");
        var decision = table.IndexOf("decision");
        var text = new System.Text.StringBuilder(decision >= 0 ? "candidate_id,decision\n" : "candidate_id\n");
        foreach (var record in table.Records)
        {
            text.Append(CsvTable.Quote(record.Fields[id]));
            if (decision >= 0)
            {
                text.Append(',').Append(CsvTable.Quote(record.Fields[decision]));
            }
            text.Append('\n');
        }
        return text.ToString();
    }
}
