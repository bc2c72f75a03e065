namespace HiringPlatform.Scheduling.Interviewers;

using System.Net.Mail;
using HiringPlatform.ServiceDefaults.Http;
using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.Problems;
using Marten;

/// <summary>Working hours as the API takes them: days (monday..sunday) and local "HH:mm" times.</summary>
public sealed record WorkingHoursBody(IReadOnlyList<string>? Days, string? Start, string? End);

/// <summary>A training stage for one interview type, as the API takes it.</summary>
public sealed record QualificationBody(string? InterviewType,
    [property: ClosedSet(typeof(TrainingOptions), nameof(TrainingOptions.Names))] string? Stage, int? SessionsCompleted);

/// <summary>The body of POST /api/v1/interviewers.</summary>
public sealed record RegisterInterviewer(
    string? Name,
    string? Email,
    string? Team,
    [property: ClosedSet(typeof(SchedulingVocabulary), nameof(SchedulingVocabulary.Seniorities))] string? Seniority,
    IReadOnlyList<string>? QualifiedFor,
    IReadOnlyList<string>? HiringManagerFor,
    int? WeeklyCap,
    string? TimeZone = null,
    WorkingHoursBody? WorkingHours = null,
    IReadOnlyList<QualificationBody>? Training = null);

/// <summary>Field checks shared by registration and the other interviewer commands.</summary>
public sealed class Errors : Dictionary<string, string[]>
{
    public void Add(string field, string message) => this[field] = TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    public void Profile(string? name, string? email, string? team, string? seniority, IReadOnlyList<string>? hiringManagerFor, int? weeklyCap)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            Add("name", "Required.");
        }
        else if (name.Length > 200)
        {
            Add("name", "At most 200 characters.");
        }
        if (string.IsNullOrWhiteSpace(email))
        {
            Add("email", "Required.");
        }
        else if (email.Length > 254 || !MailAddress.TryCreate(email, out _))
        {
            Add("email", "Not an e-mail address.");
        }
        if (string.IsNullOrWhiteSpace(team))
        {
            Add("team", "Required.");
        }
        else if (team.Length > 100)
        {
            Add("team", "At most 100 characters.");
        }
        if (seniority is null || !SchedulingVocabulary.Seniorities.Contains(seniority))
        {
            Add("seniority", $"Expected one of {string.Join(", ", SchedulingVocabulary.Seniorities)}.");
        }
        for (var i = 0; i < (hiringManagerFor?.Count ?? 0); i++)
        {
            if (string.IsNullOrWhiteSpace(hiringManagerFor![i]))
            {
                Add($"hiringManagerFor[{i}]", "A role name is required.");
            }
        }
        if (weeklyCap is < 0 or > 40)
        {
            Add("weeklyCap", "Between 0 and 40 interviews a week.");
        }
    }

    public void InterviewType(string field, string? type)
    {
        if (type is null || !SchedulingVocabulary.InterviewTypes.Contains(type))
        {
            Add(field, $"Unknown interview type '{type}': expected one of {string.Join(", ", SchedulingVocabulary.InterviewTypes)}.");
        }
    }

    public TimeZoneInfo? TimeZone(string field, string? id)
    {
        var zone = SchedulingVocabulary.Zone(id);
        if (zone is null)
        {
            Add(field, $"Unknown time zone '{id}': expected an IANA zone such as Europe/Berlin.");
        }
        return zone;
    }

    public WorkingHours? Hours(string field, WorkingHoursBody? body)
    {
        if (body is null)
        {
            return null;
        }
        var days = new List<DayOfWeek>();
        foreach (var (day, i) in (body.Days ?? []).Select((d, i) => (d, i)))
        {
            if (Enum.TryParse<DayOfWeek>(day, ignoreCase: true, out var parsed) && !int.TryParse(day, out _))
            {
                days.Add(parsed);
            }
            else
            {
                Add($"{field}.days[{i}]", $"Unknown day '{day}': expected monday..sunday.");
            }
        }
        if (body.Days is null || body.Days.Count == 0)
        {
            Add($"{field}.days", "At least one day.");
        }
        var start = Clock($"{field}.start", body.Start);
        var end = Clock($"{field}.end", body.End);
        if (start is { } s && end is { } e && s >= e)
        {
            Add($"{field}.end", "Must be after the start.");
        }
        return start is { } a && end is { } b ? new WorkingHours(days.Distinct().Order().ToList(), a, b) : null;
    }

    public List<Qualification> Qualifications(string field, IReadOnlyList<QualificationBody>? list, bool trainingOnly)
    {
        var result = new List<Qualification>();
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            var q = list![i];
            InterviewType($"{field}[{i}].interviewType", q.InterviewType);
            var stage = TrainingOptions.Parse(q.Stage);
            if (stage is null || trainingOnly && stage == TrainingStage.Qualified)
            {
                Add($"{field}[{i}].stage", trainingOnly ? "Expected shadow or reverse-shadow." : "Expected shadow, reverse-shadow or qualified.");
            }
            if (q.SessionsCompleted is < 0 or > 100)
            {
                Add($"{field}[{i}].sessionsCompleted", "Between 0 and 100.");
            }
            if (result.Any(r => r.InterviewType == q.InterviewType))
            {
                Add($"{field}[{i}].interviewType", "Listed twice.");
            }
            if (q.InterviewType is not null && stage is { } st)
            {
                result.Add(new Qualification(q.InterviewType, st, q.SessionsCompleted ?? 0));
            }
        }
        return result;
    }

    private TimeOnly? Clock(string field, string? value)
    {
        if (TimeOnly.TryParseExact(value ?? "", ["HH:mm", "HH:mm:ss"], System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var time))
        {
            return time;
        }
        Add(field, "Expected a local time as HH:mm.");
        return null;
    }
}

public static class RegisterInterviewerHandler
{
    public const int DefaultWeeklyCap = 5;

    public static Dictionary<string, string[]> Validate(RegisterInterviewer request) => Check(request).Errors;

    private static (Errors Errors, WorkingHours? Hours, List<Qualification> Training) Check(RegisterInterviewer request)
    {
        var errors = new Errors();
        errors.Profile(request.Name, request.Email, request.Team, request.Seniority, request.HiringManagerFor, request.WeeklyCap);
        var hasManagerRole = request.HiringManagerFor is { Count: > 0 };
        if ((request.QualifiedFor is null || request.QualifiedFor.Count == 0) && !hasManagerRole && request.Training is not { Count: > 0 })
        {
            errors.Add("qualifiedFor", "At least one interview type (or a training stage, or a role to be hiring manager for).");
        }
        for (var i = 0; i < (request.QualifiedFor?.Count ?? 0); i++)
        {
            errors.InterviewType($"qualifiedFor[{i}]", request.QualifiedFor![i]);
        }
        if (request.TimeZone is not null)
        {
            errors.TimeZone("timeZone", request.TimeZone);
        }
        var hours = errors.Hours("workingHours", request.WorkingHours);
        var training = errors.Qualifications("training", request.Training, trainingOnly: true);
        return (errors, hours, training);
    }

    public static InterviewerRegistered Decide(RegisterInterviewer request, Guid interviewerId, DateTimeOffset now, string actor)
    {
        var (_, hours, training) = Check(request);
        var qualified = (request.QualifiedFor ?? []).Distinct(StringComparer.Ordinal).ToList();
        return new(interviewerId, request.Name!.Trim(), request.Email!.Trim(), request.Team!.Trim(), request.Seniority!,
            qualified,
            (request.HiringManagerFor ?? []).Select(role => role.Trim()).Distinct(StringComparer.Ordinal).ToList(),
            request.WeeklyCap ?? DefaultWeeklyCap, now, actor,
            SchedulingVocabulary.Zone(request.TimeZone)?.Id ?? SchedulingVocabulary.DefaultTimeZone,
            hours ?? WorkingHours.Default,
            training.Where(t => !qualified.Contains(t.InterviewType)).ToList());
    }

    public static async Task<IResult> Handle(RegisterInterviewer request, IDocumentSession session, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Invalid(errors);
        }
        var interviewerId = Guid.CreateVersion7();
        session.Events.StartStream<InterviewerDetails>(interviewerId,
            Decide(request, interviewerId, clock.GetUtcNow(), Actors.Of(http)));
        await session.SaveChangesAsync(cancellationToken);
        var details = await session.LoadAsync<InterviewerDetails>(interviewerId, cancellationToken);
        EntityTags.Set(http, details!.Version);
        return Results.Created($"/api/v1/interviewers/{interviewerId}", details);
    }
}
