namespace HiringPlatform.LoopPlanner.Applications;

using HiringPlatform.LoopPlanner.Framework;
using HiringPlatform.LoopPlanner.Questions;
using HiringPlatform.LoopPlanner.Roles;
using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.Http;
using HiringPlatform.ServiceDefaults.Problems;
using Marten;
using Microsoft.Extensions.Options;

/// <summary>The body of POST /api/v1/candidates/{id}/loop/revisions.</summary>
public sealed record ReviseLoop([property: ClosedSet(typeof(LoopChanges))] string? Change, string? Reason, Guid? SlotId = null, string? InterviewType = null, string? Flavour = null);

public sealed record CancelLoop(string? Reason);

public sealed record PlanLoop(string? Reason = null);

public static class LoopChanges
{
    public const string Add = "add";
    public const string Remove = "remove";
    public const string Swap = "swap";

    public static readonly string[] All = [Add, Remove, Swap];
}

/// <summary>
/// Plan (again, after a cancellation), revise and cancel a candidate's loop. Under
/// /api/v1/candidates/{id}/loop because /api/v1/loops belongs to scheduling at the gateway.
/// </summary>
public static class LoopEndpoints
{
    public static RouteGroupBuilder MapLoopEndpoints(this RouteGroupBuilder candidates)
    {
        candidates.MapGet("/{candidateId:guid}/loop", async (Guid candidateId, IQuerySession session, HttpContext http, CancellationToken token) =>
            {
                if (await session.LoadAsync<ApplicationDetails>(candidateId, token) is not { Loop: { } loop } details)
                {
                    return Problem.NotFound("Loop of candidate", candidateId);
                }
                // The loop is part of the candidate's stream: one tag for both.
                EntityTags.Set(http, details.Version);
                return Results.Ok(loop);
            })
            .WithName("GetLoop").Produces<LoopDetails>().WithSummary("The candidate's loop; the ETag is the candidate's (the loop is part of its stream).");
        candidates.MapPost("/{candidateId:guid}/loop", Plan).WithName("PlanLoop").Produces<LoopDetails>(StatusCodes.Status201Created).WithIfMatch()
            .WithExample(request: new PlanLoop("The hiring freeze ended"))
            .WithSummary("Plan a new loop for a candidate whose loop was cancelled.");
        candidates.MapPost("/{candidateId:guid}/loop/revisions", Revise).WithName("ReviseLoop").Produces<LoopDetails>().WithIfMatch()
            .WithExample(request: new ReviseLoop(LoopChanges.Add, "The team wants a data-modeling round", InterviewType: "data-modeling"))
            .WithSummary("Add, remove or swap a slot of the planned loop, with a reason.");
        candidates.MapPost("/{candidateId:guid}/loop/cancel", Cancel).WithName("CancelLoop").Produces<LoopDetails>().WithIfMatch()
            .WithSummary("Cancel the planned loop; the scheduled interviews are released.")
            .WithExample(request: new CancelLoop("The role was put on hold"));
        return candidates;
    }

    /// <summary>Why the application's loop cannot change now, or null.</summary>
    public static string? Conflict(ApplicationDetails application, bool planning) => application switch
    {
        { Status: ApplicationDetails.Withdrawn } => $"Candidate {application.Id} withdrew; their loop cannot change.",
        { Status: ApplicationDetails.Erased } => $"Candidate {application.Id} was erased; their loop cannot change.",
        { Loop: null } when !planning => $"Candidate {application.Id} has no loop.",
        { Loop.Status: LoopDetails.Cancelled } when !planning => $"The loop of candidate {application.Id} was cancelled; plan a new one.",
        { Loop.Status: LoopDetails.Planned } when planning => $"Candidate {application.Id} already has a planned loop; revise or cancel it.",
        _ => null,
    };

    public static Dictionary<string, string[]> Validate(ReviseLoop request, ApplicationDetails application, CompetencyFramework framework)
    {
        var errors = new Dictionary<string, string[]>();
        var slots = application.Loop?.Slots ?? [];
        if (request.Change is null || !LoopChanges.All.Contains(request.Change))
        {
            errors["change"] = [$"Required: one of {string.Join(", ", LoopChanges.All)}."];
        }
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors["reason"] = ["Required: why the loop changes."];
        }
        if (request.Change is LoopChanges.Remove or LoopChanges.Swap)
        {
            if (request.SlotId is not { } slotId)
            {
                errors["slotId"] = ["Required for remove and swap."];
            }
            else if (slots.All(s => s.SlotId != slotId))
            {
                errors["slotId"] = [$"The loop has no slot '{slotId}'."];
            }
            else if (request.Change == LoopChanges.Remove && slots.Count == 1)
            {
                errors["slotId"] = ["This is the loop's last slot: cancel the loop instead."];
            }
        }
        if (request.Change == LoopChanges.Add && string.IsNullOrWhiteSpace(request.InterviewType))
        {
            errors["interviewType"] = [$"Required for add: one of {string.Join(", ", framework.InterviewTypes.Keys)}."];
        }
        else if (request.InterviewType is { } type && !framework.InterviewTypes.ContainsKey(type))
        {
            errors["interviewType"] = [$"Unknown interview type '{type}': expected one of {string.Join(", ", framework.InterviewTypes.Keys)}."];
        }
        else if (request.Flavour is { } flavour && Flavoured(framework, request.InterviewType ?? "", flavour) is null)
        {
            errors["flavour"] = [$"No template has a '{flavour}' flavour of '{request.InterviewType}'."];
        }
        return errors;
    }

    /// <summary>The template slot that defines a flavour of a type (e.g. the junior loop's math-flavoured coding).</summary>
    private static TemplateSlot? Flavoured(CompetencyFramework framework, string type, string flavour) =>
        framework.LoopTemplates.Values.SelectMany(slots => slots).FirstOrDefault(slot => slot.Type == type && slot.Flavour == flavour);

    private static TemplateSlot Slot(CompetencyFramework framework, string type, string? flavour) =>
        (flavour is null ? null : Flavoured(framework, type, flavour)) ?? new TemplateSlot(type);

    /// <summary>The revision of a valid request: the loop after the change, with questions for new slots and the gaps recomputed.</summary>
    public static InterviewLoopRevised DecideRevision(ApplicationDetails application, ReviseLoop request, CompetencyFramework framework,
        QuestionPick? pick, DateTimeOffset now, string actor, Func<Guid> newId)
    {
        var loop = application.Loop!;
        var slots = loop.Slots.ToList();
        var added = new List<Guid>();
        var removed = new List<Guid>();
        var index = request.SlotId is { } slotId ? slots.FindIndex(s => s.SlotId == slotId) : -1;
        switch (request.Change)
        {
            case LoopChanges.Add:
                var slot = LoopPlanning.Expand(framework, Slot(framework, request.InterviewType!, request.Flavour), slots.Count + 1,
                    loop.DomainCompetency, newId);
                slots.Add(slot);
                added.Add(slot.SlotId);
                break;
            case LoopChanges.Remove:
                removed.Add(slots[index].SlotId);
                slots.RemoveAt(index);
                break;
            case LoopChanges.Swap:
                var old = slots[index];
                var replacement = LoopPlanning.Expand(framework,
                    Slot(framework, request.InterviewType ?? old.InterviewType, request.InterviewType is null ? old.Flavour : request.Flavour),
                    old.Order, loop.DomainCompetency, newId);
                removed.Add(old.SlotId);
                added.Add(replacement.SlotId);
                slots[index] = replacement;
                break;
        }
        var plan = LoopPlanning.Complete(slots, loop.RequiredCompetencies ?? application.RequiredCompetencies, pick);
        return new InterviewLoopRevised(application.Id, loop.LoopId, request.Change!, request.Reason!.Trim(), plan.Slots, added, removed,
            plan.CoverageGaps, plan.QuestionGaps ?? [], now, actor);
    }

    private static async Task<IResult> Plan(Guid candidateId, PlanLoop? request, CompetencyFramework framework,
        IOptions<QuestionBankOptions> options, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<ApplicationDetails>(candidateId, cancellationToken);
        if (EntityTags.RefuseWrite(http, stream.Aggregate, "Candidate", candidateId, a => a.Version, a => Conflict(a, planning: true)) is { } refused)
        {
            return refused;
        }
        var application = stream.Aggregate!;
        var role = application.RoleId is { } roleId ? await session.LoadAsync<RoleProfileDetails>(roleId, cancellationToken) : null;
        var now = clock.GetUtcNow();
        var pick = await PlanningContext.LoadAsync(session, framework, options.Value.ToLintSettings(), DateOnly.FromDateTime(now.UtcDateTime),
            application.Email, cancellationToken);
        var input = PlanningContext.Input(application.Level, application.RequiredCompetencies, role);
        var plan = LoopPlanning.Plan(framework, input, pick, Guid.CreateVersion7);
        stream.AppendOne(new InterviewLoopPlanned(candidateId, Guid.CreateVersion7(), application.Role, application.Level, framework.Version,
            plan.Slots, plan.CoverageGaps, now, Actors.Of(http), role?.Id, role?.Revision, input.RequiredCompetencies.ToList(),
            input.DomainCompetency, plan.QuestionGaps ?? [], application.TimeZone, application.Availability));
        PlanningContext.RecordUsage(session, pick, [], plan.Slots);
        await session.SaveChangesAsync(cancellationToken);
        var details = await session.LoadAsync<ApplicationDetails>(candidateId, cancellationToken);
        EntityTags.Set(http, details!.Version);
        return Results.Created($"/api/v1/candidates/{candidateId}/loop", details!.Loop);
    }

    private static async Task<IResult> Revise(Guid candidateId, ReviseLoop request, CompetencyFramework framework,
        IOptions<QuestionBankOptions> options, IDocumentSession session, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<ApplicationDetails>(candidateId, cancellationToken);
        if (EntityTags.RefuseWrite(http, stream.Aggregate, "Candidate", candidateId, a => a.Version, a => Conflict(a, planning: false)) is { } refused)
        {
            return refused;
        }
        var application = stream.Aggregate!;
        var errors = Validate(request, application, framework);
        if (errors.Count > 0)
        {
            return Problem.Invalid(errors);
        }
        var now = clock.GetUtcNow();
        var pick = await PlanningContext.LoadAsync(session, framework, options.Value.ToLintSettings(), DateOnly.FromDateTime(now.UtcDateTime),
            application.Email, cancellationToken);
        var revised = DecideRevision(application, request, framework, pick, now, Actors.Of(http), Guid.CreateVersion7);
        stream.AppendOne(revised);
        PlanningContext.RecordUsage(session, pick, application.Loop!.Slots, revised.Slots);
        await session.SaveChangesAsync(cancellationToken);
        var details = await session.LoadAsync<ApplicationDetails>(candidateId, cancellationToken);
        EntityTags.Set(http, details!.Version);
        return Results.Ok(details!.Loop);
    }

    private static async Task<IResult> Cancel(Guid candidateId, CancelLoop request, IDocumentSession session, TimeProvider clock,
        HttpContext http, CancellationToken cancellationToken)
    {
        var stream = await session.Events.FetchForWriting<ApplicationDetails>(candidateId, cancellationToken);
        if (EntityTags.RefuseWrite(http, stream.Aggregate, "Candidate", candidateId, a => a.Version, a => Conflict(a, planning: false)) is { } refused)
        {
            return refused;
        }
        var application = stream.Aggregate!;
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return Problem.Invalid(new Dictionary<string, string[]> { ["reason"] = ["Required: why the loop is cancelled."] });
        }
        stream.AppendOne(new InterviewLoopCancelled(candidateId, application.Loop!.LoopId, request.Reason.Trim(), clock.GetUtcNow(),
            Actors.Of(http)));
        await session.SaveChangesAsync(cancellationToken);
        var details = await session.LoadAsync<ApplicationDetails>(candidateId, cancellationToken);
        EntityTags.Set(http, details!.Version);
        return Results.Ok(details!.Loop);
    }
}
