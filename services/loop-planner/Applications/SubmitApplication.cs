namespace HiringPlatform.LoopPlanner.Applications;

using System.Net.Mail;
using HiringPlatform.LoopPlanner.Framework;
using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.Problems;
using JasperFx;
using Marten;
using Marten.Exceptions;
using Microsoft.AspNetCore.Http.HttpResults;

/// <summary>The body of POST /api/v1/candidates. Everything is nullable so validation can list every error.</summary>
public sealed record SubmitApplication(
    string? ExternalId,
    string? Name,
    string? Email,
    string? Role,
    string? Level,
    IReadOnlyList<string>? RequiredCompetencies);

public static class SubmitApplicationHandler
{
    /// <summary>Every problem with the request, keyed by field.</summary>
    public static Dictionary<string, string[]> Validate(SubmitApplication request, CompetencyFramework framework)
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

        if (string.IsNullOrWhiteSpace(request.Role))
        {
            Add("role", "Required.");
        }
        else if (request.Role.Length > 100)
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
        return errors;
    }

    /// <summary>The events a valid submission produces: the application and its planned loop.</summary>
    public static object[] Decide(SubmitApplication request, CompetencyFramework framework, Guid applicationId,
        DateTimeOffset now, string actor, Func<Guid> newId)
    {
        var required = request.RequiredCompetencies ?? [];
        var plan = LoopPlanning.Plan(framework, request.Level!, required, newId);
        return
        [
            new ApplicationSubmitted(applicationId, request.ExternalId, request.Name!.Trim(), request.Email!.Trim(),
                request.Role!.Trim(), request.Level!, required, now, actor),
            new InterviewLoopPlanned(applicationId, newId(), request.Role!.Trim(), request.Level!, framework.Version, plan.Slots, plan.CoverageGaps, now, actor),
        ];
    }

    public static async Task<Results<Created<ApplicationDetails>, Ok<ApplicationDetails>, ProblemHttpResult>> Handle(
        SubmitApplication request, CompetencyFramework framework, IDocumentSession session, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var errors = Validate(request, framework);
        if (errors.Count > 0)
        {
            return (ProblemHttpResult)Problem.Invalid(errors);
        }

        if (request.ExternalId is { } externalId && await FindByExternalId(session, externalId, cancellationToken) is { } existing)
        {
            return TypedResults.Ok(existing);
        }

        var applicationId = Guid.CreateVersion7();
        var actor = Actors.Of(http);
        session.Events.StartStream<ApplicationDetails>(applicationId,
            Decide(request, framework, applicationId, clock.GetUtcNow(), actor, Guid.CreateVersion7));
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
        return TypedResults.Created($"/api/v1/candidates/{applicationId}", details!);
    }

    private static Task<ApplicationDetails?> FindByExternalId(IQuerySession session, string externalId, CancellationToken token) =>
        session.Query<ApplicationDetails>().Where(a => a.ExternalId == externalId).FirstOrDefaultAsync(token);
}
