namespace HiringPlatform.LoopPlanner.Applications;

using System.Globalization;
using System.Net.Mail;
using HiringPlatform.LoopPlanner.Framework;
using HiringPlatform.LoopPlanner.Questions;
using HiringPlatform.LoopPlanner.Roles;
using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.Http;
using HiringPlatform.ServiceDefaults.Problems;
using JasperFx;
using Marten;
using Marten.Exceptions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

/// <summary>
/// The body of POST /api/v1/candidates. Everything is nullable so validation can list every error.
/// Availability instants are strings so a malformed date is a 422 naming it, not a 400.
/// </summary>
public sealed record SubmitApplication(
    string? ExternalId,
    string? Name,
    string? Email,
    string? Role,
    string? Level,
    IReadOnlyList<string>? RequiredCompetencies,
    string? Phone = null,
    string? TimeZone = null,
    IReadOnlyList<WindowRequest?>? Availability = null,
    Guid? RoleId = null);

/// <summary>An availability window: ISO 8601 instants with an offset, or local times in the candidate's time zone.</summary>
public sealed record WindowRequest(string? StartsAt, string? EndsAt);

public static class SubmitApplicationHandler
{
    /// <summary>Every problem with the request, keyed by field. <paramref name="role"/> is the profile roleId names, if found.</summary>
    public static Dictionary<string, string[]> Validate(SubmitApplication request, CompetencyFramework framework,
        RoleProfileDetails? role = null)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) =>
            errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

        if (string.IsNullOrWhiteSpace(request.Name))
        {
            Add("name", "Required.");
        }
        else if (request.Name.Length > 200)
        {
            Add("name", "At most 200 characters.");
        }

        if (string.IsNullOrWhiteSpace(request.Email))
        {
            Add("email", "Required.");
        }
        else if (request.Email.Length > 254 || !MailAddress.TryCreate(request.Email, out _))
        {
            Add("email", "Not an e-mail address.");
        }

        if (request.Phone is { } phone && (phone.Length > 40 || !phone.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' ' or '(' or ')')))
        {
            Add("phone", "Not a phone number: digits, spaces and + - ( ) only, at most 40 characters.");
        }

        if (request.RoleId is { } roleId && role is null)
        {
            Add("roleId", $"Unknown role '{roleId}': create it with POST /api/v1/roles first.");
        }
        if (string.IsNullOrWhiteSpace(request.Role) && role is null)
        {
            Add("role", "Required (or name a role profile with roleId).");
        }
        else if (request.Role is { Length: > 100 })
        {
            Add("role", "At most 100 characters.");
        }

        if (string.IsNullOrWhiteSpace(request.Level))
        {
            Add("level", $"Required: one of {string.Join(", ", framework.Levels)}.");
        }
        else if (!framework.LoopTemplates.ContainsKey(request.Level))
        {
            Add("level", $"Unknown level '{request.Level}': expected one of {string.Join(", ", framework.Levels)}.");
        }

        if (request.ExternalId is { Length: > 100 })
        {
            Add("externalId", "At most 100 characters.");
        }

        var known = framework.Competencies.ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < (request.RequiredCompetencies?.Count ?? 0); i++)
        {
            var competency = request.RequiredCompetencies![i];
            if (competency is null || !known.Contains(competency))
            {
                Add($"requiredCompetencies[{i}]", $"Unknown competency '{competency}'.");
            }
        }

        TimeZoneInfo? zone = null;
        if (request.TimeZone is { } timeZone && !TryIanaZone(timeZone, out zone))
        {
            Add("timeZone", $"Unknown IANA time zone '{timeZone}' (e.g. Europe/Berlin, America/New_York).");
        }
        if (request.Availability is { Count: > 50 })
        {
            Add("availability", "At most 50 windows.");
        }
        for (var i = 0; i < (request.Availability?.Count ?? 0); i++)
        {
            var window = request.Availability![i];
            var starts = ParseInstant(window?.StartsAt, zone, request.TimeZone, $"availability[{i}].startsAt", Add);
            var ends = ParseInstant(window?.EndsAt, zone, request.TimeZone, $"availability[{i}].endsAt", Add);
            if (starts is not null && ends is not null && ends <= starts)
            {
                Add($"availability[{i}]", "endsAt must be after startsAt.");
            }
        }
        return errors;
    }

    /// <summary>An IANA zone id (not a Windows one) this machine knows.</summary>
    public static bool TryIanaZone(string id, out TimeZoneInfo? zone)
    {
        zone = null;
        if (id.Length is 0 or > 64 || !(TimeZoneInfo.TryConvertIanaIdToWindowsId(id, out _) || id is "UTC" or "Etc/UTC"))
        {
            return false;
        }
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone);
    }

    private static DateTimeOffset? ParseInstant(string? text, TimeZoneInfo? zone, string? zoneName, string field, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            add(field, "Required: an ISO 8601 date and time.");
            return null;
        }
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var local))
        {
            add(field, $"Not a date and time: '{text}' (expected ISO 8601, e.g. 2026-12-01T09:00:00+01:00).");
            return null;
        }
        if (local.Kind != DateTimeKind.Unspecified)
        {
            return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture).ToUniversalTime();
        }
        if (zone is null)
        {
            if (zoneName is null)
            {
                add(field, $"'{text}' has no offset: add one (e.g. Z or +01:00) or give the candidate's timeZone.");
            }
            return null;
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The windows of a valid request as UTC instants.</summary>
    public static IReadOnlyList<CandidateWindow> Windows(SubmitApplication request)
    {
        TimeZoneInfo? zone = null;
        if (request.TimeZone is { } id)
        {
            TryIanaZone(id, out zone);
        }
        var windows = new List<CandidateWindow>();
        foreach (var window in request.Availability ?? [])
        {
            var starts = ParseInstant(window!.StartsAt, zone, request.TimeZone, "", (_, _) => { })!.Value;
            var ends = ParseInstant(window.EndsAt, zone, request.TimeZone, "", (_, _) => { })!.Value;
            windows.Add(new CandidateWindow(starts, ends));
        }
        return windows.OrderBy(w => w.StartsAt).ToList();
    }

    /// <summary>The events a valid submission produces: the application and its planned loop.</summary>
    public static object[] Decide(SubmitApplication request, CompetencyFramework framework, Guid applicationId,
        DateTimeOffset now, string actor, Func<Guid> newId, RoleProfileDetails? role = null, QuestionPick? pick = null)
    {
        var requested = request.RequiredCompetencies ?? [];
        var input = PlanningContext.Input(request.Level!, requested, role);
        var plan = LoopPlanning.Plan(framework, input, pick, newId);
        var roleName = request.Role?.Trim() is { Length: > 0 } named ? named : role!.Profile.Name;
        var windows = Windows(request);
        return
        [
            new ApplicationSubmitted(applicationId, request.ExternalId, request.Name!.Trim(), request.Email!.Trim(),
                roleName, request.Level!, requested, now, actor, request.Phone?.Trim(), request.TimeZone, windows, role?.Id),
            new InterviewLoopPlanned(applicationId, newId(), roleName, request.Level!, framework.Version, plan.Slots,
                plan.CoverageGaps, now, actor, role?.Id, role?.Revision, input.RequiredCompetencies.ToList(), input.DomainCompetency,
                plan.QuestionGaps ?? [], request.TimeZone, windows),
        ];
    }

    public static async Task<Results<Created<ApplicationDetails>, Ok<ApplicationDetails>, ProblemHttpResult>> Handle(
        SubmitApplication request, CompetencyFramework framework, IOptions<QuestionBankOptions> options, IDocumentSession session,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var role = request.RoleId is { } roleId ? await session.LoadAsync<RoleProfileDetails>(roleId, cancellationToken) : null;
        var errors = Validate(request, framework, role);
        if (errors.Count > 0)
        {
            return (ProblemHttpResult)Problem.Invalid(errors);
        }

        if (request.ExternalId is { } externalId && await FindByExternalId(session, externalId, cancellationToken) is { } existing)
        {
            EntityTags.Set(http, existing.Version);
            return TypedResults.Ok(existing);
        }

        var applicationId = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var pick = await PlanningContext.LoadAsync(session, framework, options.Value.ToLintSettings(), DateOnly.FromDateTime(now.UtcDateTime),
            request.Email!.Trim(), cancellationToken);
        var events = Decide(request, framework, applicationId, now, Actors.Of(http), Guid.CreateVersion7, role, pick);
        session.Events.StartStream<ApplicationDetails>(applicationId, events);
        PlanningContext.RecordUsage(session, pick, [], ((InterviewLoopPlanned)events[1]).Slots);
        try
        {
            await session.SaveChangesAsync(cancellationToken);
        }
        catch (DocumentAlreadyExistsException) when (request.ExternalId is not null)
        {
            // A concurrent submission with the same external id won; answer with it.
            return TypedResults.Ok((await FindByExternalId(session, request.ExternalId, cancellationToken))!);
        }
        catch (MartenCommandException exception) when (request.ExternalId is not null
            && exception.InnerException is Npgsql.PostgresException { SqlState: "23505" })
        {
            return TypedResults.Ok((await FindByExternalId(session, request.ExternalId, cancellationToken))!);
        }

        var details = await session.LoadAsync<ApplicationDetails>(applicationId, cancellationToken);
        // The tag a withdrawal or loop change may send as If-Match, without reading the candidate again.
        EntityTags.Set(http, details!.Version);
        return TypedResults.Created($"/api/v1/candidates/{applicationId}", details);
    }

    private static Task<ApplicationDetails?> FindByExternalId(IQuerySession session, string externalId, CancellationToken token) =>
        session.Query<ApplicationDetails>().Where(a => a.ExternalId == externalId).FirstOrDefaultAsync(token);
}
