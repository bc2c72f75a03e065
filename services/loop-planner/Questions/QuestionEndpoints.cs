namespace HiringPlatform.LoopPlanner.Questions;

using System.Globalization;
using HiringPlatform.LoopPlanner.Framework;
using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.Http;
using HiringPlatform.ServiceDefaults.Problems;
using Marten;
using Microsoft.Extensions.Options;
using HiringPlatform.ServiceDefaults.Security;

/// <summary>The body of POST and PUT /api/v1/questions: nullable everywhere so validation lists every error.</summary>
public sealed record QuestionRequest(
    string? Title,
    string? InterviewType,
    string? Scenario,
    HooksRequest? Hooks,
    IReadOnlyList<string?>? FollowUps,
    IReadOnlyList<string?>? Competencies,
    IReadOnlyList<RubricRequest?>? Rubric,
    IReadOnlyList<string?>? Tags,
    string? LastReviewedOn,
    string? Reason = null);

public sealed record HooksRequest(
    IReadOnlyList<string?>? Users,
    IReadOnlyList<string?>? Constraints,
    IReadOnlyList<string?>? DataAvailable,
    IReadOnlyList<string?>? Stakes);

public sealed record RubricRequest(string? Competency, IReadOnlyList<string?>? LookFor, IReadOnlyList<string?>? RedFlags);

public sealed record RetireQuestion(string? Reason);

/// <summary>The whole-bank lint report: every active question's findings.</summary>
public sealed record BankLintReport(DateOnly On, int Questions, int Blocking, int Warnings, IReadOnlyList<QuestionFindings> Findings);

public sealed record QuestionFindings(Guid QuestionId, string Title, string InterviewType, IReadOnlyList<LintFinding> Findings);

/// <summary>One lint rule: its code, whether it blocks, and the failure mode it guards against.</summary>
public sealed record LintRule(string Code, string Severity, string FailureMode);

/// <summary>Add, revise and retire questions (each an event, linted on the way in), read them, and lint the bank.</summary>
public static class QuestionEndpoints
{
    public static IEndpointRouteBuilder MapQuestionEndpoints(this IEndpointRouteBuilder app)
    {
        var questions = app.MapGroup("/api/v1/questions").WithTags("Questions")
            .WithRoles(RoutePolicies.AnyRole, RoutePolicies.QuestionWrite);
        questions.MapPost("/", Add).WithName("AddQuestion").Produces<QuestionDetails>(StatusCodes.Status201Created).WithExample(request: Example)
            .WithSummary("Add a question to the bank; the lint's findings come back with it.");
        questions.MapGet("/", List).WithName("ListQuestions").Produces<Page<QuestionDetails>>().WithPaging()
            .WithSummary("Questions in the order they last changed, by `type` and `status`: cursor pagination (`cursor`, `limit`, `updated_after`).");
        questions.MapGet("/lint", Report).WithName("LintQuestionBank").Produces<BankLintReport>()
            .WithSummary("Lint every active question in the bank as of today.");
        questions.MapGet("/lint/rules", () => Results.Ok(QuestionLint.Rules.Select(rule =>
            new LintRule(rule.Code, rule.Severity, rule.FailureMode)))).WithName("LintRules").Produces<IReadOnlyList<LintRule>>()
            .WithSummary("The lint rules, each with its severity and the failure mode it guards against.");
        questions.MapGet("/{questionId:guid}", async (Guid questionId, IQuerySession session, HttpContext http, CancellationToken token) =>
            {
                if (await session.LoadAsync<QuestionDetails>(questionId, token) is not { } details)
                {
                    return Problem.NotFound("Question", questionId);
                }
                EntityTags.Set(http, details.Version);
                return Results.Ok(details);
            }).WithName("GetQuestion").Produces<QuestionDetails>().WithSummary("A question with its lint findings and its ETag.");
        questions.MapPut("/{questionId:guid}", Revise).WithName("ReviseQuestion").Produces<QuestionDetails>().WithIfMatch()
            .WithExample(request: Example with { Reason = "The freshness target changed to one minute" })
            .WithSummary("Revise a question with a reason; the lint runs again.");
        questions.MapPost("/{questionId:guid}/retire", Retire).WithName("RetireQuestion").Produces<QuestionDetails>().WithIfMatch()
            .WithSummary("Retire a question with a reason; planning no longer picks it.")
            .WithExample(request: new RetireQuestion("Replaced by a scenario with concrete data"));
        return app;
    }

    private static readonly QuestionRequest Example = new(
        "Fresh search index",
        "system-design",
        "Design the ingestion path for a search index that must reflect a product change within a minute.",
        new HooksRequest(["shoppers"], ["one minute freshness", "2 million updates a day"], ["change events from the catalogue"],
            ["stale prices cost sales"]),
        ["What happens when a shard falls behind?"],
        ["distributed-systems"],
        [new RubricRequest("distributed-systems", ["Bounds the lag per shard"], ["Ignores back-pressure"])],
        ["search"],
        "2026-11-01");

    /// <summary>Every problem with the request, keyed by field.</summary>
    public static Dictionary<string, string[]> Validate(QuestionRequest request, CompetencyFramework framework, bool revising)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) =>
            errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

        if (string.IsNullOrWhiteSpace(request.Title))
        {
            Add("title", "Required.");
        }
        else if (request.Title.Length > 200)
        {
            Add("title", "At most 200 characters.");
        }
        if (string.IsNullOrWhiteSpace(request.InterviewType))
        {
            Add("interviewType", $"Required: one of {string.Join(", ", framework.InterviewTypes.Keys)}.");
        }
        else if (!framework.InterviewTypes.ContainsKey(request.InterviewType))
        {
            Add("interviewType", $"Unknown interview type '{request.InterviewType}': expected one of {string.Join(", ", framework.InterviewTypes.Keys)}.");
        }
        if (string.IsNullOrWhiteSpace(request.Scenario))
        {
            Add("scenario", "Required: the situation the candidate is put in.");
        }
        else if (request.Scenario.Length > 4000)
        {
            Add("scenario", "At most 4000 characters.");
        }

        var known = framework.Competencies.ToHashSet(StringComparer.Ordinal);
        if (request.Competencies is not { Count: > 0 })
        {
            Add("competencies", "Required: at least one competency the question measures.");
        }
        else
        {
            for (var i = 0; i < request.Competencies.Count; i++)
            {
                if (request.Competencies[i] is not { } competency || !known.Contains(competency))
                {
                    Add($"competencies[{i}]", $"Unknown competency '{request.Competencies[i]}'.");
                }
            }
        }
        for (var i = 0; i < (request.Rubric?.Count ?? 0); i++)
        {
            var entry = request.Rubric![i];
            if (entry?.Competency is not { } competency || !known.Contains(competency))
            {
                Add($"rubric[{i}].competency", $"Unknown competency '{entry?.Competency}'.");
            }
            if (entry?.LookFor is not { Count: > 0 } || entry.LookFor.Any(string.IsNullOrWhiteSpace))
            {
                Add($"rubric[{i}].lookFor", "Required: what a strong answer shows, with no empty entries.");
            }
        }
        NoBlanks(request.FollowUps, "followUps", Add);
        NoBlanks(request.Tags, "tags", Add);
        NoBlanks(request.Hooks?.Users, "hooks.users", Add);
        NoBlanks(request.Hooks?.Constraints, "hooks.constraints", Add);
        NoBlanks(request.Hooks?.DataAvailable, "hooks.dataAvailable", Add);
        NoBlanks(request.Hooks?.Stakes, "hooks.stakes", Add);

        if (string.IsNullOrWhiteSpace(request.LastReviewedOn))
        {
            Add("lastReviewedOn", "Required: the date (yyyy-MM-dd) someone last checked the question is current.");
        }
        else if (!DateOnly.TryParseExact(request.LastReviewedOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            Add("lastReviewedOn", $"Not a date: '{request.LastReviewedOn}' (expected yyyy-MM-dd).");
        }
        if (revising && string.IsNullOrWhiteSpace(request.Reason))
        {
            Add("reason", "Required: why the question is revised.");
        }
        return errors;
    }

    private static void NoBlanks(IReadOnlyList<string?>? values, string field, Action<string, string> add)
    {
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            if (string.IsNullOrWhiteSpace(values![i]))
            {
                add($"{field}[{i}]", "Empty.");
            }
        }
    }

    /// <summary>The question of a valid request, trimmed.</summary>
    public static QuestionContent ToContent(QuestionRequest request) => new(
        request.Title!.Trim(),
        request.InterviewType!,
        request.Scenario!.Trim(),
        new ScenarioHooks(Clean(request.Hooks?.Users), Clean(request.Hooks?.Constraints), Clean(request.Hooks?.DataAvailable),
            Clean(request.Hooks?.Stakes)),
        Clean(request.FollowUps),
        Clean(request.Competencies).Distinct(StringComparer.Ordinal).ToList(),
        (request.Rubric ?? []).Select(entry => new RubricEntry(entry!.Competency!, Clean(entry.LookFor), Clean(entry.RedFlags))).ToList(),
        Clean(request.Tags).Select(tag => tag.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToList(),
        DateOnly.ParseExact(request.LastReviewedOn!, "yyyy-MM-dd", CultureInfo.InvariantCulture));

    private static List<string> Clean(IReadOnlyList<string?>? values) =>
        (values ?? []).Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!.Trim()).ToList();

    public static QuestionAdded DecideAdd(Guid questionId, QuestionContent content, CompetencyFramework framework, LintSettings lint,
        DateTimeOffset now, string actor) =>
        new(questionId, content, QuestionLint.Run(content, framework, lint, DateOnly.FromDateTime(now.UtcDateTime)), now, actor);

    private static async Task<IResult> Add(QuestionRequest request, CompetencyFramework framework, IOptions<QuestionBankOptions> options,
        IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var errors = Validate(request, framework, revising: false);
        if (errors.Count > 0)
        {
            return Problem.Invalid(errors);
        }
        var questionId = Guid.CreateVersion7();
        var added = DecideAdd(questionId, ToContent(request), framework, options.Value.ToLintSettings(), clock.GetUtcNow(), Actors.Of(http));
        session.Events.StartStream<QuestionDetails>(questionId, added);
        Applications.PlanningContext.StartCount(session, questionId);
        await session.SaveChangesAsync(cancellationToken);
        var created = await session.LoadAsync<QuestionDetails>(questionId, cancellationToken);
        EntityTags.Set(http, created!.Version);
        return Results.Created($"/api/v1/questions/{questionId}", created);
    }

    private static async Task<IResult> Revise(Guid questionId, QuestionRequest request, CompetencyFramework framework,
        IOptions<QuestionBankOptions> options, IDocumentSession session, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<QuestionDetails>(questionId, cancellationToken);
        if (stream.Aggregate is not { } current)
        {
            return Problem.NotFound("Question", questionId);
        }
        var errors = Validate(request, framework, revising: true);
        if (errors.Count > 0)
        {
            return Problem.Invalid(errors);
        }
        if (current.Status == QuestionDetails.Retired)
        {
            return Problem.Conflict($"Question {questionId} is retired; add a new question instead.");
        }
        if (EntityTags.PreconditionFailed(http, current.Version) is { } stale)
        {
            return stale;
        }
        var content = ToContent(request);
        var now = clock.GetUtcNow();
        stream.AppendOne(new QuestionRevised(questionId, current.Revision + 1, content, request.Reason!.Trim(),
            QuestionLint.Run(content, framework, options.Value.ToLintSettings(), DateOnly.FromDateTime(now.UtcDateTime)),
            now, Actors.Of(http)));
        await session.SaveChangesAsync(cancellationToken);
        var revised = await session.LoadAsync<QuestionDetails>(questionId, cancellationToken);
        EntityTags.Set(http, revised!.Version);
        return Results.Ok(revised);
    }

    private static async Task<IResult> Retire(Guid questionId, RetireQuestion request, IDocumentSession session, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<QuestionDetails>(questionId, cancellationToken);
        if (EntityTags.RefuseWrite(http, stream.Aggregate, "Question", questionId, x => x.Version) is { } refused)
        {
            return refused;
        }
        var current = stream.Aggregate!;
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return Problem.Invalid(new Dictionary<string, string[]> { ["reason"] = ["Required: why the question is retired."] });
        }
        if (current.Status == QuestionDetails.Retired)
        {
            EntityTags.Set(http, current.Version);
            return Results.Ok(current);
        }
        stream.AppendOne(new QuestionRetired(questionId, request.Reason.Trim(), clock.GetUtcNow(), Actors.Of(http)));
        await session.SaveChangesAsync(cancellationToken);
        var retired = await session.LoadAsync<QuestionDetails>(questionId, cancellationToken);
        EntityTags.Set(http, retired!.Version);
        return Results.Ok(retired);
    }

    /// <summary>Cursor pagination over the questions' change feed, filtered by interview type and status.</summary>
    public static async Task<IResult> List(string? type, string? status, HttpContext http, IQuerySession session,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var page = Paging.Read(http, errors);
        if (status is not (null or QuestionDetails.Active or QuestionDetails.Retired))
        {
            errors["status"] = [$"One of {QuestionDetails.Active}, {QuestionDetails.Retired}."];
        }
        if (errors.Count > 0)
        {
            return Problem.Invalid(errors);
        }
        var entries = session.Query<QuestionFeedEntry>().Where(e => e.Position > page.After);
        if (page.UpdatedAfter is { } moment)
        {
            entries = entries.Where(e => e.UpdatedAt > moment);
        }
        if (type is not null)
        {
            entries = entries.Where(e => e.InterviewType == type);
        }
        if (status is not null)
        {
            entries = entries.Where(e => e.Status == status);
        }
        var fetched = await entries.OrderBy(e => e.Position).Take(page.Limit + 1).ToListAsync(cancellationToken);
        return Results.Ok(await Paging.ToPageAsync(http, page, fetched, e => e.Position, async shown =>
        {
            var questions = (await session.LoadManyAsync<QuestionDetails>(cancellationToken, shown.Select(e => e.Id))).ToDictionary(q => q.Id);
            // The feed may trail the inline documents by a moment: show each question as it is now, if it still matches.
            return (IReadOnlyList<QuestionDetails>)shown.Where(e => questions.ContainsKey(e.Id)).Select(e => questions[e.Id])
                .Where(q => (type is null || q.Content.InterviewType == type) && (status is null || q.Status == status)).ToList();
        }));
    }

    /// <summary>The lint of every active question as of today, with the settings in force now.</summary>
    public static BankLintReport Lint(IEnumerable<QuestionDetails> bank, CompetencyFramework framework, LintSettings lint, DateOnly today)
    {
        var findings = bank.Where(q => q.Status == QuestionDetails.Active)
            .Select(q => new QuestionFindings(q.Id, q.Content.Title, q.Content.InterviewType, QuestionLint.Run(q.Content, framework, lint, today)))
            .ToList();
        var withFindings = findings.Where(f => f.Findings.Count > 0)
            .OrderByDescending(f => QuestionLint.HasBlocking(f.Findings)).ThenBy(f => f.InterviewType, StringComparer.Ordinal)
            .ThenBy(f => f.QuestionId).ToList();
        return new BankLintReport(today, findings.Count,
            findings.Sum(f => f.Findings.Count(x => x.Severity == Severity.Blocking)),
            findings.Sum(f => f.Findings.Count(x => x.Severity == Severity.Warning)),
            withFindings);
    }

    private static async Task<IResult> Report(CompetencyFramework framework, IOptions<QuestionBankOptions> options, IQuerySession session,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var bank = await session.Query<QuestionDetails>().ToListAsync(cancellationToken);
        return Results.Ok(Lint(bank, framework, options.Value.ToLintSettings(), DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)));
    }
}
