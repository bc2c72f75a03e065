namespace HiringPlatform.Scheduling.Interviewers;

using System.Net.Mail;
using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.Problems;
using Marten;

/// <summary>The body of POST /api/v1/interviewers.</summary>
public sealed record RegisterInterviewer(
    string? Name,
    string? Email,
    string? Team,
    string? Seniority,
    IReadOnlyList<string>? QualifiedFor,
    IReadOnlyList<string>? HiringManagerFor,
    int? WeeklyCap);

public static class RegisterInterviewerHandler
{
    public const int DefaultWeeklyCap = 5;

    public static Dictionary<string, string[]> Validate(RegisterInterviewer request)
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
        if (string.IsNullOrWhiteSpace(request.Team))
        {
            Add("team", "Required.");
        }
        else if (request.Team.Length > 100)
        {
            Add("team", "At most 100 characters.");
        }
        if (request.Seniority is null || !SchedulingVocabulary.Seniorities.Contains(request.Seniority))
        {
            Add("seniority", $"Expected one of {string.Join(", ", SchedulingVocabulary.Seniorities)}.");
        }
        if (request.QualifiedFor is null || request.QualifiedFor.Count == 0)
        {
            Add("qualifiedFor", "At least one interview type.");
        }
        else
        {
            for (var i = 0; i < request.QualifiedFor.Count; i++)
            {
                if (!SchedulingVocabulary.InterviewTypes.Contains(request.QualifiedFor[i]))
                {
                    Add($"qualifiedFor[{i}]", $"Unknown interview type '{request.QualifiedFor[i]}': expected one of "
                        + string.Join(", ", SchedulingVocabulary.InterviewTypes) + ".");
                }
            }
        }
        for (var i = 0; i < (request.HiringManagerFor?.Count ?? 0); i++)
        {
            if (string.IsNullOrWhiteSpace(request.HiringManagerFor![i]))
            {
                Add($"hiringManagerFor[{i}]", "A role name is required.");
            }
        }
        if (request.WeeklyCap is < 0 or > 40)
        {
            Add("weeklyCap", "Between 0 and 40 interviews a week.");
        }
        return errors;
    }

    public static InterviewerRegistered Decide(RegisterInterviewer request, Guid interviewerId, DateTimeOffset now, string actor) =>
        new(interviewerId, request.Name!.Trim(), request.Email!.Trim(), request.Team!.Trim(), request.Seniority!,
            request.QualifiedFor!.Distinct(StringComparer.Ordinal).ToList(),
            (request.HiringManagerFor ?? []).Select(role => role.Trim()).Distinct(StringComparer.Ordinal).ToList(),
            request.WeeklyCap ?? DefaultWeeklyCap, now, actor);

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
        return Results.Created($"/api/v1/interviewers/{interviewerId}", details);
    }
}

public static class InterviewerEndpoints
{
    public static IEndpointRouteBuilder MapInterviewerEndpoints(this IEndpointRouteBuilder app)
    {
        var interviewers = app.MapGroup("/api/v1/interviewers").WithTags("Interviewers");
        interviewers.MapPost("/", RegisterInterviewerHandler.Handle).WithName("RegisterInterviewer");
        interviewers.MapGet("/{interviewerId:guid}", async (Guid interviewerId, IQuerySession session, CancellationToken token) =>
                await session.LoadAsync<InterviewerDetails>(interviewerId, token) is { } details
                    ? Results.Ok(details)
                    : Problem.NotFound("Interviewer", interviewerId))
            .WithName("GetInterviewer");
        return app;
    }
}
