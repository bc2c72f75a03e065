namespace HiringPlatform.Calibration.RatingSets;

using HiringPlatform.Calibration.Engine.Import;
using HiringPlatform.Calibration.Observations;
using HiringPlatform.Calibration.Reports;
using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.Http;
using HiringPlatform.ServiceDefaults.Problems;
using HiringPlatform.ServiceDefaults.Security;
using Marten;
using Marten.Events.Aggregation;

public static class RatingSetIds
{
    /// <summary>The platform's own history: every candidate's journey.</summary>
    public const string Platform = "platform";
}

/// <summary>History from another ATS, uploaded as the engine's CSV files (services/calibration-engine/README.md).</summary>
public sealed record RatingSetImported(
    Guid RatingSetId,
    string Name,
    string Scale,
    int Ratings,
    int Scorecards,
    int Candidates,
    int Interviewers,
    bool HasCandidates,
    bool HasBlueprints,
    bool HasGroups,
    DateTimeOffset ImportedAt,
    string Actor);

/// <summary>The imported rating sets, newest first (at most 500).</summary>
public sealed record RatingSetList(IReadOnlyList<RatingSetSummary> Items);

/// <summary>The uploaded files, verbatim: reports over the set read them (documents: the event says what arrived).</summary>
public sealed record RatingSetFiles(Guid Id, string Ratings, string? Candidates, string? Blueprints, string Scale);

public sealed record RatingSetSummary(Guid Id, string Name, string Scale, int Ratings, int Scorecards, int Candidates, int Interviewers,
    bool HasCandidates, bool HasBlueprints, bool HasGroups, DateTimeOffset ImportedAt, string ImportedBy);

public sealed class RatingSetSummaryProjection : SingleStreamProjection<RatingSetSummary, Guid>
{
    public static RatingSetSummary Create(RatingSetImported e) => new(e.RatingSetId, e.Name, e.Scale, e.Ratings, e.Scorecards,
        e.Candidates, e.Interviewers, e.HasCandidates, e.HasBlueprints, e.HasGroups, e.ImportedAt, e.Actor);
}

public static class ImportRatingSet
{
    /// <summary>Largest accepted file; the gateway's body limit applies first.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    public static IEndpointRouteBuilder MapRatingSetEndpoints(this IEndpointRouteBuilder app)
    {
        var sets = app.MapGroup("/api/v1/calibration/rating-sets").WithTags("Rating sets")
            .RequireAuthorization(policy => policy.RequireRole(ReportEndpoints.Readers))
            .WithRoles(RoutePolicies.CalibrationRead, RoutePolicies.CalibrationWrite);
        sets.MapPost("/", Handle)
            .DisableAntiforgery()
            .WithName("ImportRatingSet").Produces<RatingSetSummary>(StatusCodes.Status201Created)
            .WithSummary("Upload history from another ATS (multipart: ratings, optional candidates and blueprints, optional scale and name).")
            .WithDescription("Roles: analyst, compliance, admin. Files in the engine's CSV format (see the calibration engine README). A bad file is a 422 naming the file, line and column; nothing is stored.");
        sets.MapGet("/", async (IQuerySession session, CancellationToken token) =>
                Results.Ok(new RatingSetList(await session.Query<RatingSetSummary>().OrderByDescending(s => s.ImportedAt).Take(500).ToListAsync(token))))
            .WithName("ListRatingSets").Produces<RatingSetList>();
        sets.MapGet("/{ratingSetId:guid}", async (Guid ratingSetId, IQuerySession session, CancellationToken token) =>
                await session.LoadAsync<RatingSetSummary>(ratingSetId, token) is { } set ? Results.Ok(set) : Problem.NotFound("Rating set", ratingSetId))
            .WithName("GetRatingSet").Produces<RatingSetSummary>();
        return app;
    }

    internal static async Task<IResult> Handle(HttpRequest request, IDocumentSession session, TimeProvider clock, CancellationToken token)
    {
        if (!request.HasFormContentType)
        {
            return Problem.Invalid(new Dictionary<string, string[]> { ["body"] = ["expected multipart/form-data with a 'ratings' file (and optionally 'candidates', 'blueprints', 'scale', 'name')."] });
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(token);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Problem.Invalid(new Dictionary<string, string[]> { ["body"] = [$"the multipart body cannot be read: {e.Message}"] });
        }

        var errors = new Dictionary<string, string[]>();
        var ratings = await Read(form, "ratings", required: true, errors, token);
        var candidates = await Read(form, "candidates", required: false, errors, token);
        var blueprints = await Read(form, "blueprints", required: false, errors, token);
        var scaleText = form["scale"].ToString() is { Length: > 0 } s ? s : RatingScale.Default.ToString();
        var name = form["name"].ToString() is { Length: > 0 } n ? n.Trim() : "imported rating set";
        if (name.Length > 200)
        {
            errors["name"] = ["at most 200 characters."];
        }
        foreach (var (field, text) in new[] { ("name", name), ("scale", scaleText) })
        {
            if (TextInput.Problem(text) is { } problem)
            {
                errors.TryAdd(field, [problem]);
            }
        }
        if (errors.Count > 0 || ratings is null)
        {
            return Problem.Invalid(errors);
        }

        Engine.Import.CalibrationData data;
        RatingScale scale;
        try
        {
            scale = RatingScale.Parse(scaleText);
            data = CalibrationImporter.Import(new CsvSource("ratings.csv", ratings),
                candidates is null ? null : new CsvSource("candidates.csv", candidates),
                blueprints is null ? null : new CsvSource("blueprints.csv", blueprints), scale);
        }
        catch (CalibrationImportException e)
        {
            return Problem.Invalid(new Dictionary<string, string[]> { ["files"] = [e.Message] }, "A file is not in the expected format; nothing was imported.");
        }

        var id = Guid.CreateVersion7();
        var imported = new RatingSetImported(id, name, scale.ToString(), data.Observations.Length, data.Scorecards.Count, data.CandidateIds.Count,
            data.InterviewerIds.Count, candidates is not null, blueprints is not null, data.HasGroups, clock.GetUtcNow(), Actors.Of(request.HttpContext));
        session.Events.StartStream<RatingSetSummary>(id, imported);
        session.Store(new RatingSetFiles(id, ratings, candidates, blueprints, scale.ToString()));
        await session.SaveChangesAsync(token);
        return Results.Created($"/api/v1/calibration/rating-sets/{id}", RatingSetSummaryProjection.Create(imported));
    }

    /// <summary>
    /// The rating set's files as the engine's input for one window. When the ratings carry
    /// <c>occurred_at</c>, only the scorecards that occurred in the window count (rows without a time are
    /// left out and counted as outside); without the column the whole set is analysed and
    /// <paramref name="windowed"/> is false (no previous window can be told apart, so no persistence).
    /// </summary>
    public static SeasonInput InputOf(RatingSetFiles files, ReportWindow window, out bool windowed)
    {
        var candidates = files.Candidates ?? "candidate_id\n";
        var blueprints = files.Blueprints ?? "interview_type,competency,weight\n";
        var table = CsvTable.Parse("ratings.csv", files.Ratings, CalibrationImporter.RatingColumns, CalibrationImporter.RatingOptionalColumns);
        var interview = table.IndexOf("interview_id");
        var at = table.IndexOf("occurred_at");
        windowed = at >= 0;
        if (!windowed)
        {
            var all = table.Records.Select(r => r.Fields[interview]).Distinct(StringComparer.Ordinal).Count();
            return new SeasonInput(files.Ratings, candidates, blueprints, new SeasonNotes(all, 0, 0, 0, [], 0, 0));
        }

        var text = new System.Text.StringBuilder(string.Join(',', table.Header.Select(CsvTable.Quote))).Append('\n');
        var inside = new HashSet<string>(StringComparer.Ordinal);
        var outside = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in table.Records)
        {
            var when = record.Fields[at];
            if (when.Length > 0
                && DateTimeOffset.TryParse(when, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var moment)
                && window.Contains(moment))
            {
                inside.Add(record.Fields[interview]);
                text.Append(string.Join(',', record.Fields.Select(CsvTable.Quote))).Append('\n');
            }
            else
            {
                outside.Add(record.Fields[interview]);
            }
        }
        outside.ExceptWith(inside);
        return new SeasonInput(text.ToString(), candidates, blueprints, new SeasonNotes(inside.Count, 0, outside.Count, 0, [], 0, 0));
    }

    private static async Task<string?> Read(IFormCollection form, string field, bool required, Dictionary<string, string[]> errors, CancellationToken token)
    {
        var file = form.Files.GetFile(field);
        if (file is null)
        {
            if (required)
            {
                errors[field] = [$"the '{field}' file is required."];
            }
            return null;
        }
        if (file.Length > MaxFileBytes)
        {
            errors[field] = [$"at most {MaxFileBytes / (1024 * 1024)} MiB."];
            return null;
        }

        using var reader = new StreamReader(file.OpenReadStream(), new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true));
        try
        {
            var text = await reader.ReadToEndAsync(token);
            // The shared text rule, with the file's own size limit (a CSV is many lines, not one field).
            if (TextInput.Problem(text, maxLength: int.MaxValue) is { } problem)
            {
                errors[field] = [$"{field}.csv: {problem}"];
                return null;
            }
            return text;
        }
        catch (System.Text.DecoderFallbackException)
        {
            errors[field] = [$"{field}.csv is not valid UTF-8."];
            return null;
        }
    }
}
