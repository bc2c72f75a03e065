namespace HiringPlatform.Calibration.Demographics;

using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.Http;
using HiringPlatform.ServiceDefaults.Problems;
using HiringPlatform.ServiceDefaults.Security;
using Marten;

/// <summary>
/// A candidate's self-identified group (e.g. from a voluntary EEO survey), recorded by compliance.
/// Kept on its own stream, never on the journey: only group-level analyses read it (docs/calibration-method.md §4.5, §5).
/// An empty group withdraws an earlier answer.
/// </summary>
public sealed record CandidateGroupRecorded(Guid CandidateId, string? Group, DateTimeOffset RecordedAt, string Actor);

public sealed record GroupRecord(Guid? CandidateId, string? Group);

public sealed record GroupsRequest(IReadOnlyList<GroupRecord>? Records);

/// <summary>What was recorded: counts only, never who is in which group.</summary>
public sealed record GroupsRecorded(int Recorded, int Withdrawn);

public static class RecordGroups
{
    public const int MaxRecords = 100_000;
    public const int MaxGroupLength = 100;

    private static readonly Guid Namespace = new("8d1f4c56-2a3b-4e7d-9c0a-5b6e7f8a9b10");

    /// <summary>The stream holding one candidate's group answers (derived, so the journey stream never carries them).</summary>
    public static Guid StreamOf(Guid candidateId) => DerivedIds.From(Namespace, candidateId);

    /// <summary>Checks every record; all or nothing.</summary>
    public static Dictionary<string, string[]> Validate(GroupsRequest? request)
    {
        var errors = new Dictionary<string, string[]>();
        if (request?.Records is not { Count: > 0 } records)
        {
            errors["records"] = ["at least one {candidateId, group} record is required."];
            return errors;
        }
        if (records.Count > MaxRecords)
        {
            errors["records"] = [$"at most {MaxRecords} records per request."];
            return errors;
        }
        var seen = new HashSet<Guid>();
        for (var i = 0; i < records.Count && errors.Count < 20; i++)
        {
            if (records[i] is not { CandidateId: { } id } record || id == Guid.Empty)
            {
                errors[$"records[{i}].candidateId"] = ["a candidate id is required."];
                continue;
            }
            if (!seen.Add(id))
            {
                errors[$"records[{i}].candidateId"] = ["appears twice in the request."];
            }
            if (record.Group is { } group && (group.Trim().Length > MaxGroupLength || group.Any(char.IsControl)))
            {
                errors[$"records[{i}].group"] = [$"at most {MaxGroupLength} printable characters."];
            }
        }
        return errors;
    }

    public static IEndpointRouteBuilder MapDemographicsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/calibration/demographics", Handle)
            .WithTags("Demographics")
            .WithName("RecordCandidateGroups").Produces<GroupsRecorded>()
            .RequireAuthorization(policy => policy.RequireRole(Roles.Compliance))
            .WithRoles(RoutePolicies.ComplianceOnly)
            .WithExample(request: new GroupsRequest([new GroupRecord(Guid.Parse("0190a000-0000-7000-8000-000000000001"), "B")]))
            .WithSummary("Record candidates' self-identified groups for group-bias and adverse-impact analysis (compliance only; an empty group withdraws an answer).")
            .WithDescription("Groups are never shown per candidate and never enter the journeys; reports as of a moment use the answers recorded by then. The answer gives counts only.");
        return app;
    }

    private static async Task<IResult> Handle(GroupsRequest? request, IDocumentSession session, HttpContext http, TimeProvider clock, CancellationToken token)
    {
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return Problem.Invalid(errors);
        }
        var now = clock.GetUtcNow();
        var actor = Actors.Of(http);
        var withdrawn = 0;
        foreach (var record in request!.Records!)
        {
            var group = string.IsNullOrWhiteSpace(record.Group) ? null : record.Group.Trim();
            withdrawn += group is null ? 1 : 0;
            session.Events.Append(StreamOf(record.CandidateId!.Value), new CandidateGroupRecorded(record.CandidateId.Value, group, now, actor));
        }
        await session.SaveChangesAsync(token);
        return Results.Ok(new GroupsRecorded(request.Records!.Count - withdrawn, withdrawn));
    }
}
