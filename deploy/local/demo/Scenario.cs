namespace HiringPlatform.Demo;

using System.Diagnostics;
using System.Globalization;
using HiringPlatform.ServiceDefaults.Security;

/// <summary>
/// Pushes the season through the gateway as the people and systems around it would: a recruiter registers the pool, an
/// HR system submits candidates (each gets a loop planned and scheduled by the services), each interviewer submits their
/// own scorecards, the hiring manager decides. <see cref="Findings"/> then asks calibration for the report.
/// </summary>
internal sealed class Scenario(DemoOptions options, string signingKey) : IDisposable
{
    private readonly string _run = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ParallelOptions _parallel = new() { MaxDegreeOfParallelism = options.Parallel };
    private readonly Dictionary<(string Role, string Subject), GatewayClient> _clients = [];

    public string Role => $"ml-engineer-ranking-{_run}";

    public List<DemoInterviewer> Interviewers { get; } = [];

    public Candidate[] Candidates { get; } = new Candidate[options.Candidates];

    public string Elapsed() => $"{_clock.Elapsed.TotalSeconds:0} s";

    /// <summary>The gateway as this role and subject (one client each, kept for the run).</summary>
    public GatewayClient As(string role, string subject)
    {
        lock (_clients)
        {
            if (!_clients.TryGetValue((role, subject), out var client))
            {
                _clients[(role, subject)] = client = new GatewayClient(options.Gateway, signingKey, role, subject);
            }
            return client;
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }
    }

    private GatewayClient Recruiter => As(Roles.Recruiter, "demo-recruiter");

    public async Task RegisterInterviewers()
    {
        var recruiter = Recruiter;
        Console.WriteLine("1/6 registering interviewers");
        // Scheduling draws from the whole pool: take the interviewers of earlier demo and benchmark runs (their addresses are
        // at example.com or a subdomain of it, reserved for examples) off the rota (weekly cap 0), so that this season's
        // planted interviewers get enough interviews to be judged.
        var retired = 0;
        await Parallel.ForEachAsync((await recruiter.InterviewerLoads()).Where(l => l.WeeklyCap > 0), _parallel, async (load, _) =>
        {
            var earlier = await recruiter.Interviewer(load.InterviewerId);
            if (earlier.Email.EndsWith("@example.com", StringComparison.OrdinalIgnoreCase) || earlier.Email.EndsWith(".example.com", StringComparison.OrdinalIgnoreCase))
            {
                await recruiter.ReviseInterviewer(load.InterviewerId,
                    new(earlier.Name, earlier.Email, earlier.Team, earlier.Seniority, earlier.HiringManagerFor, WeeklyCap: 0));
                Interlocked.Increment(ref retired);
            }
        });
        if (retired > 0)
        {
            Console.WriteLine($"   {retired} interviewers of earlier demo runs taken off the rota (weekly cap 0)");
        }

        foreach (var (name, team, types, kind) in Season.Pool)
        {
            var id = await recruiter.RegisterInterviewer(new(name, $"{name.ToLowerInvariant().Replace(' ', '.')}.{_run}@example.com",
                team, "senior", types, [], WeeklyCap: 20));
            var rater = Season.Rater(kind, Interviewers.Count(i => !i.Planted));
            Interviewers.Add(new DemoInterviewer(id, name, kind, rater, As(Roles.Interviewer, id.ToString())));
            Console.WriteLine($"   {name,-18} {string.Join(", ", types),-30} {(kind.Length > 0 ? $"planted: {Season.Describe(kind)}" : "")}");
        }
    }

    public async Task SubmitCandidates()
    {
        // Scheduling books windows that already passed only in Development (Scheduling:BookPastWindows, docs/scheduling.md);
        // the interviewers then submit at once, so most cards are late and the scorecard service marks them overdue.
        var hrSystem = As(Roles.HrSystem, "demo-ats");
        var days = Season.WorkingDays(Candidates.Length, DateTime.UtcNow.Date);
        Console.WriteLine($"2/6 submitting {Candidates.Length} candidates (HR system; each is planned a junior loop and scheduled on one working day "
            + $"of the season {days[0]:yyyy-MM-dd} to {days[^1]:yyyy-MM-dd}, which has taken place)");
        var submitted = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, Candidates.Length), _parallel, async (n, _) =>
        {
            var name = Season.CandidateName(n);
            var day = days[n / Season.CandidatesPerDay].ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var application = await hrSystem.SubmitCandidate(new($"demo-{_run}-{n:D3}", name,
                $"{name.ToLowerInvariant().Replace(' ', '.')}.{_run}.{n}@example.com", Role, "junior", ["algorithms", "communication"],
                [new Window($"{day}T09:00:00Z", $"{day}T17:00:00Z")]));
            var slots = application.Loop.Slots.Select(s => new Slot(s.InterviewType, s.Competencies.Select(c => (c.Competency, c.Weight)).ToList())).ToList();
            Candidates[n] = new Candidate(application.Id, application.Loop.LoopId, name, slots);
            Progress(Interlocked.Increment(ref submitted), Candidates.Length, "candidates submitted");
        });
        Console.WriteLine($"   loop: {string.Join(", ", Candidates[0].Slots.Select(s => s.Type))} ({Elapsed()})");
    }

    /// <summary>Waits until every interview has a scorecard to fill in; each candidate's cards.</summary>
    public async Task<IReadOnlyList<ScorecardItem>[]> AwaitSchedules()
    {
        var recruiter = Recruiter;
        Console.WriteLine("3/6 waiting for every interview to be scheduled");
        var cards = new IReadOnlyList<ScorecardItem>[Candidates.Length];
        var scheduled = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, Candidates.Length), _parallel, async (n, _) =>
        {
            var candidate = Candidates[n];
            cards[n] = await Until(async () => await recruiter.Scorecards(candidate.Id), c => c.Count == candidate.Slots.Count,
                $"{candidate.Slots.Count} interviews of {candidate.Name} to be scheduled", onTimeout: () => recruiter.LoopSchedule(candidate.LoopId));
            Progress(Interlocked.Increment(ref scheduled), Candidates.Length, "loops scheduled");
        });
        var load = cards.SelectMany(c => c).GroupBy(c => c.InterviewerId).Select(g => g.Count()).ToList();
        Console.WriteLine($"   interviews per interviewer: {load.Min()}-{load.Max()} ({Elapsed()})");
        return cards;
    }

    public async Task InterviewAndDecide(IReadOnlyList<ScorecardItem>[] cards)
    {
        var hiringManager = As(Roles.HiringManager, "frances.allen");
        Console.WriteLine("4/6 each interviewer submits their scorecards (Rasch rating-scale model), the hiring manager decides");
        var interviewers = Interviewers.ToDictionary(i => i.Id);
        var difficulty = Season.Difficulties(cards.SelectMany(c => c).SelectMany(c => c.Competencies), options.Seed);
        var decided = 0;
        var hires = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, Candidates.Length), _parallel, async (n, _) =>
        {
            var candidate = Candidates[n];
            var rng = Season.CandidateRandom(options.Seed, n);
            var ability = rng.NextNormal() * Season.Model.AbilitySd;
            var recommendations = new List<string>();
            foreach (var card in cards[n].OrderBy(c => c.StartsAt))
            {
                var interviewer = interviewers.GetValueOrDefault(card.InterviewerId) ?? throw new InvalidOperationException(
                    $"{candidate.Name}'s {card.InterviewType} interview was scheduled with interviewer {card.InterviewerId}, who is not one of "
                    + "this run's: the pool holds interviewers the demo did not register and could not take off the rota (their "
                    + "address is not at example.com). Set their weekly cap to 0, or run the demo on a fresh database.");
                var blueprint = candidate.Slots.FirstOrDefault(s => s.Type == card.InterviewType
                    && s.Blueprint.Select(b => b.Competency).ToHashSet().SetEquals(card.Competencies))?.Blueprint
                    ?? card.Competencies.Select(c => (c, 1.0 / card.Competencies.Count)).ToList();
                var scorecard = Season.Scorecard(interviewer, ability, card.Competencies, blueprint, difficulty, rng);
                recommendations.Add(scorecard.Recommendation);
                await interviewer.Http.SubmitScorecard(card.Id, scorecard);
            }
            var hire = recommendations.Count(r => r is "yes" or "strong_yes") * 2 > recommendations.Count;
            await hiringManager.RecordDecision(new(candidate.Id, hire ? "hire" : "no_hire", "Panel debrief.", "Frances Allen"));
            if (hire)
            {
                Interlocked.Increment(ref hires);
            }
            Progress(Interlocked.Increment(ref decided), Candidates.Length, "candidates decided");
        });
        Console.WriteLine($"   {cards.Sum(c => c.Count)} scorecards, {hires} hires of {Candidates.Length} ({Elapsed()})");
    }

    public Task ForEachCandidate(Func<Candidate, Task> action) =>
        Parallel.ForEachAsync(Candidates, _parallel, async (candidate, _) => await action(candidate));

    public void Progress(int done, int total, string what)
    {
        if (done == total || done % Math.Max(1, total / 5) == 0)
        {
            Console.WriteLine($"   {what} {done}/{total} ({Elapsed()})");
        }
    }

    /// <summary>Asks until the answer is done (an answer of null counts as not yet), every second for up to 180 s.</summary>
    public static async Task<T> Until<T>(Func<Task<T?>> probe, Func<T, bool> done, string what, Func<Task<string>>? onTimeout = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (true)
        {
            if (await probe() is { } value && done(value))
            {
                return value;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for {what}.{(onTimeout is null ? "" : " " + await onTimeout())}");
            }
            await Task.Delay(1000);
        }
    }
}
