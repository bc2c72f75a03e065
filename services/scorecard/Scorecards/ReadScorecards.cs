namespace HiringPlatform.Scorecard.Scorecards;

using System.Security.Claims;
using HiringPlatform.Scorecard.Decisions;
using HiringPlatform.ServiceDefaults;
using HiringPlatform.ServiceDefaults.Http;
using HiringPlatform.ServiceDefaults.Problems;
using HiringPlatform.ServiceDefaults.Security;
using Marten;

/// <summary>Who asks to read a candidate's scorecards: their id as an interviewer (if any) and their roles.</summary>
public sealed record Reader(string Subject, Guid? InterviewerId, IReadOnlyList<string> Roles)
{
    public static Reader Of(ClaimsPrincipal user) =>
        new(user.FindFirstValue("sub") ?? Actors.Anonymous,
            Guid.TryParse(user.FindFirstValue("sub"), out var id) ? id : null,
            user.FindAll(ServiceDefaults.Security.Roles.ClaimType).Select(c => c.Value).ToList());

    public bool Oversees => Roles.Any(r => r is ServiceDefaults.Security.Roles.Recruiter
        or ServiceDefaults.Security.Roles.HiringManager or ServiceDefaults.Security.Roles.Admin);
}

/// <summary>What a reader may see of a candidate's scorecards, and whether that read is recorded.</summary>
public sealed record Visibility(bool Allowed, IReadOnlyList<ScorecardDetails> Visible, IReadOnlyList<Guid> OthersSeen,
    bool BeforeOwnSubmission, string? Reason);

/// <summary>
/// Independence: an interviewer sees the other scorecards for a candidate only after submitting
/// their own (until then, only their own); recruiters and hiring managers see all. Every read of
/// someone else's scorecard is recorded, noting whether the reader still had a pending one.
/// </summary>
public static class IndependenceRule
{
    public static Visibility Decide(Reader reader, IReadOnlyList<ScorecardDetails> cards)
    {
        var own = cards.Where(c => reader.InterviewerId == c.InterviewerId && c.Status != ScorecardDetails.Voided).ToList();
        var pendingOwn = own.Any(c => c.Status == ScorecardDetails.Pending);
        IReadOnlyList<ScorecardDetails> visible;
        if (reader.Oversees)
        {
            visible = cards;
        }
        else if (own.Count == 0)
        {
            return new Visibility(false, [], [], false, "You interview this candidate on no scorecard.");
        }
        else
        {
            visible = pendingOwn ? own : cards;
        }
        var others = visible.Where(c => c.InterviewerId != reader.InterviewerId && c.Status != ScorecardDetails.Pending)
            .Select(c => c.Id).ToList();
        return new Visibility(true, visible, others, pendingOwn && others.Count > 0, null);
    }
}

public static class ScorecardReadEndpoints
{
    /// <summary>
    /// A candidate's scorecards the reader may see, in the order they last changed (cursor pagination
    /// over the scorecards' feed); the reads of others' cards on the page are recorded.
    /// </summary>
    public static async Task<IResult> ForCandidate(Guid? candidateId, IDocumentSession session, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var page = Paging.Read(http, errors);
        if (candidateId is null)
        {
            errors["candidateId"] = ["Required."];
        }
        if (errors.Count > 0)
        {
            return Problem.Invalid(errors);
        }
        var id = candidateId!.Value;
        var cards = await session.Query<ScorecardDetails>().Where(s => s.CandidateId == id).ToListAsync(cancellationToken);
        var visibility = IndependenceRule.Decide(Reader.Of(http.User), cards);
        if (!visibility.Allowed)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not on this candidate's panel",
                detail: visibility.Reason);
        }
        var visible = visibility.Visible.ToDictionary(c => c.Id);
        var fetched = await Paging.Window(session.Query<ScorecardFeedEntry>().Where(e => e.CandidateId == id), page,
            e => e.Position, e => e.UpdatedAt).ToListAsync(cancellationToken);
        var result = await Paging.ToPageAsync(http, page, fetched, e => e.Position, shown => Task.FromResult<IReadOnlyList<ScorecardDetails>>(
            shown.Where(e => visible.ContainsKey(e.Id)).Select(e => visible[e.Id]).ToList()));
        var onPage = result.Items.Select(c => c.Id).ToHashSet();
        await RecordAsync(session, id, visibility with { OthersSeen = visibility.OthersSeen.Where(onPage.Contains).ToList() }, http, clock,
            cancellationToken);
        return Results.Ok(result);
    }

    /// <summary>The current scorecards of the entries shown, in their order, keeping those that still match <paramref name="keep"/>.</summary>
    public static async Task<IReadOnlyList<ScorecardDetails>> Cards(IQuerySession session, IReadOnlyList<ScorecardFeedEntry> shown,
        Func<ScorecardDetails, bool> keep, CancellationToken cancellationToken)
    {
        var cards = (await session.LoadManyAsync<ScorecardDetails>(cancellationToken, shown.Select(e => e.Id))).ToDictionary(c => c.Id);
        return shown.Where(e => cards.TryGetValue(e.Id, out var card) && keep(card)).Select(e => cards[e.Id]).ToList();
    }

    public static async Task<IResult> One(Guid scorecardId, IDocumentSession session, TimeProvider clock, HttpContext http,
        CancellationToken cancellationToken)
    {
        var card = await session.LoadAsync<ScorecardDetails>(scorecardId, cancellationToken);
        if (card is null)
        {
            return Problem.NotFound("Scorecard", scorecardId);
        }
        var cards = await session.Query<ScorecardDetails>().Where(s => s.CandidateId == card.CandidateId).ToListAsync(cancellationToken);
        var visibility = IndependenceRule.Decide(Reader.Of(http.User), cards);
        if (!visibility.Visible.Any(c => c.Id == scorecardId))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not yet",
                detail: visibility.Reason ?? "Submit your own scorecard for this candidate before reading the others.");
        }
        await RecordAsync(session, card.CandidateId,
            visibility with { OthersSeen = visibility.OthersSeen.Where(seen => seen == scorecardId).ToList() }, http, clock,
            cancellationToken);
        EntityTags.Set(http, card.Version);
        return Results.Ok(card);
    }

    /// <summary>The caller's own scorecards still to write (pending, including overdue ones), in the order they last changed.</summary>
    public static async Task<IResult> Mine(IQuerySession session, HttpContext http, CancellationToken cancellationToken)
    {
        if (Identity.InterviewerOf(http.User) is not { } me)
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Interviewers only",
                detail: "Only an interviewer has scorecards of their own.");
        }
        return await Paging.ListAsync(http,
            async page => await Paging.Window(session.Query<ScorecardFeedEntry>()
                    .Where(e => e.InterviewerId == me && e.Status == ScorecardDetails.Pending), page, e => e.Position, e => e.UpdatedAt)
                .ToListAsync(cancellationToken),
            e => e.Position,
            shown => Cards(session, shown, c => c.InterviewerId == me && c.Status == ScorecardDetails.Pending, cancellationToken));
    }

    private static async Task RecordAsync(IDocumentSession session, Guid candidateId, Visibility visibility, HttpContext http,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (visibility.OthersSeen.Count == 0)
        {
            return;
        }
        var reader = Reader.Of(http.User);
        session.Events.Append(DebriefIds.ViewsOf(candidateId), new ScorecardsViewed(candidateId, reader.Subject, reader.Roles,
            visibility.OthersSeen, visibility.BeforeOwnSubmission, clock.GetUtcNow(), Actors.Of(http)));
        await session.SaveChangesAsync(cancellationToken);
    }
}
