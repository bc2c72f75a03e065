namespace HiringPlatform.Faults.Tests;

using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HiringPlatform.Contracts;
using HiringPlatform.Testing;
using MassTransit;

/// <summary>Every integration event calibration finished consuming (redeliveries included), with when.</summary>
public sealed class Deliveries : IConsumeObserver
{
    public ConcurrentQueue<(DateTimeOffset At, IIntegrationEvent Message)> Consumed { get; } = new();

    public Task PreConsume<T>(ConsumeContext<T> context) where T : class => Task.CompletedTask;

    public Task PostConsume<T>(ConsumeContext<T> context) where T : class
    {
        if (context.Message is IIntegrationEvent message)
        {
            Consumed.Enqueue((DateTimeOffset.UtcNow, message));
        }
        return Task.CompletedTask;
    }

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception) where T : class => Task.CompletedTask;

    public int CountFor(IReadOnlySet<Guid> candidates) => Consumed.Count(d => candidates.Contains(d.Message.CandidateId));
}

/// <summary>The figures of one scenario, as docs/reliability.md reports them.</summary>
public sealed record Figures(string Scenario, int Candidates, int EventsIn, int EventsOut, int Deliveries, int Lost,
    int Duplicated, int Status503, int Status500, int Unanswered, TimeSpan? Outage, TimeSpan? Recovery, TimeSpan Drain,
    int Overlaps, IReadOnlyList<string> Problems)
{
    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Scenario} | {Candidates} | {EventsIn} | {EventsOut} | {Deliveries} | {Lost} | {Duplicated} | {Status503} | {Status500} | {Unanswered} | {Seconds(Outage)} | {Seconds(Recovery)} | {Seconds(Drain)} | {Overlaps} |");

    private static string Seconds(TimeSpan? span) => span is { } s ? $"{s.TotalSeconds:0.0} s" : "-";
}

/// <summary>Checks what the flow was acknowledged against what calibration recorded, and counts.</summary>
public static class Ledger
{
    public const string Header =
        "| scenario | candidates | events in | events out | deliveries | lost | duplicated | 503 | 500 | no answer | outage | recovery | drain | calendar overlaps |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n";

    /// <summary>All interview-scheduled events seen in any scenario, for the double-booking check across the bench.</summary>
    private static readonly ConcurrentDictionary<Guid, (Guid Slot, Guid Interviewer, DateTimeOffset Start, DateTimeOffset End, Guid Candidate)> Bookings = new();

    /// <summary>Pairs of bookings of one interviewer whose times overlap, across every loop seen so far.</summary>
    public static IReadOnlyList<string> Overlaps()
    {
        var overlaps = new List<string>();
        foreach (var interviewer in Bookings.Values.GroupBy(b => b.Interviewer))
        {
            var ordered = interviewer.OrderBy(b => b.Start).ToList();
            for (var i = 1; i < ordered.Count; i++)
            {
                if (ordered[i].Start < ordered[i - 1].End)
                {
                    overlaps.Add($"interviewer {interviewer.Key} is double-booked at {ordered[i].Start:O} "
                        + $"(candidates {ordered[i - 1].Candidate} and {ordered[i].Candidate})");
                }
            }
        }
        return overlaps;
    }

    public static async Task<Figures> ReckonAsync(FaultsFixture platform, CandidateFlow flow, string scenario,
        DateTimeOffset? downAt = null, DateTimeOffset? backAt = null, DateTimeOffset? started = null)
    {
        var problems = new List<string>();
        var candidates = flow.Candidates.ToList();
        foreach (var failed in candidates.Where(c => c.Failure is not null))
        {
            problems.Add($"candidate {failed.ExternalId} ({failed.Id}) did not get through: {failed.Failure}");
        }

        var ids = candidates.Where(c => c.Id != Guid.Empty).Select(c => c.Id).ToHashSet();
        var journeys = new Dictionary<Guid, List<JsonElement>>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        foreach (var candidate in candidates.Where(c => c.Id != Guid.Empty))
        {
            var expected = Expected(candidate);
            List<JsonElement> steps = [];
            do
            {
                var journey = await platform.JourneyAsync(candidate.Id);
                steps = journey.ValueKind == JsonValueKind.Object ? journey.GetProperty("steps").EnumerateArray().ToList() : [];
                // Every expected kind, not just as many steps: a journey can hold steps nobody counted (a move after a
                // restart) while the interview-held that a redelivered scorecard brings is still on its way.
                if (expected.All(e => steps.Count(s => s.GetProperty("type").GetString() == e.Key) >= e.Value))
                {
                    break;
                }
                await Task.Delay(200);
            }
            while (DateTime.UtcNow < deadline);
            journeys[candidate.Id] = steps;
        }
        var drained = DateTimeOffset.UtcNow;

        int eventsIn = 0, eventsOut = 0, lost = 0, duplicated = 0;
        foreach (var candidate in candidates.Where(c => c.Id != Guid.Empty))
        {
            var expected = Expected(candidate);
            var steps = journeys[candidate.Id];
            eventsIn += expected.Values.Sum();
            eventsOut += steps.Count;
            var eventIds = steps.Select(s => s.GetProperty("event").GetProperty("eventId").GetGuid()).ToList();
            var repeated = eventIds.Count - eventIds.Distinct().Count();
            duplicated += repeated;
            foreach (var (type, count) in expected)
            {
                var distinct = steps.Where(s => s.GetProperty("type").GetString() == type)
                    .Select(s => s.GetProperty("event").GetProperty("eventId").GetGuid()).Distinct().Count();
                if (distinct < count)
                {
                    lost += count - distinct;
                    problems.Add($"candidate {candidate.Id}: {count - distinct} {type} missing");
                }
                else if (distinct > count)
                {
                    duplicated += distinct - count;
                    problems.Add($"candidate {candidate.Id}: {distinct - count} {type} too many (applied twice)");
                }
            }
            if (repeated > 0)
            {
                problems.Add($"candidate {candidate.Id}: {repeated} event(s) recorded twice");
            }
            // Every acknowledged scorecard is durable, with its interview id.
            var submitted = steps.Where(s => s.GetProperty("type").GetString() == "scorecard-submitted")
                .Select(s => s.GetProperty("event").GetProperty("interviewId").GetGuid()).ToHashSet();
            foreach (var interview in candidate.Scorecards.Where(i => !submitted.Contains(i)))
            {
                problems.Add($"candidate {candidate.Id}: acknowledged scorecard {interview} is not in the journey");
            }
            foreach (var booking in steps.Where(s => s.GetProperty("type").GetString() == "interview-scheduled"))
            {
                var e = booking.GetProperty("event");
                Bookings[e.GetProperty("interviewId").GetGuid()] = (e.GetProperty("slotId").GetGuid(), e.GetProperty("interviewerId").GetGuid(),
                    e.GetProperty("startsAt").GetDateTimeOffset(), e.GetProperty("endsAt").GetDateTimeOffset(), candidate.Id);
            }
        }

        // A redelivered or replayed LoopPlanned must not book a slot again.
        foreach (var slot in Bookings.Values.GroupBy(b => b.Slot).Where(g => g.Count() > 1))
        {
            duplicated += slot.Count() - 1;
            problems.Add($"slot {slot.Key} is booked {slot.Count()} times");
        }
        var overlaps = Overlaps().Count;

        var attempts = flow.Attempts.ToList();
        var status503 = attempts.Count(a => a.Status == 503);
        var status500 = attempts.Count(a => a.Status == 500);
        foreach (var bare in attempts.Where(a => a.Status == 503 && !a.RetryAfter).Take(3))
        {
            problems.Add($"{bare.Step} got a 503 without Retry-After at {bare.At:O}");
        }
        foreach (var error in attempts.Where(a => a.Status == 500).Take(3))
        {
            problems.Add($"{error.Step} got a 500 at {error.At:O}");
        }

        // Recovery: from the dependency's return to the first event calibration consumed after it.
        TimeSpan? recovery = null;
        if (backAt is { } back)
        {
            var first = platform.Deliveries.Consumed.Where(d => d.At >= back && ids.Contains(d.Message.CandidateId))
                .Select(d => (DateTimeOffset?)d.At).Min();
            recovery = first - back;
        }
        var from = backAt ?? started ?? drained;
        var lastDone = candidates.Select(c => c.CompletedAt).Where(c => c is not null).Select(c => c!.Value)
            .DefaultIfEmpty(drained).Max();

        return new Figures(scenario, candidates.Count, eventsIn, eventsOut, platform.Deliveries.CountFor(ids), lost, duplicated,
            status503, status500, attempts.Count(a => a.Status == 0), backAt - downAt, recovery,
            (lastDone > drained ? lastDone : drained) - from, overlaps, problems);
    }

    /// <summary>Writes the row to the figures file and the test output, then fails on any problem.</summary>
    public static void Report(Figures figures, Xunit.Abstractions.ITestOutputHelper output)
    {
        File.AppendAllText(FaultsFixture.Figures, figures.Row() + "\n");
        output.WriteLine(Header + figures.Row());
        Console.WriteLine("[faults] " + figures.Row());
        var message = new StringBuilder();
        foreach (var problem in figures.Problems.Take(30))
        {
            message.AppendLine(problem);
        }
        foreach (var overlap in Overlaps().Take(10))
        {
            message.AppendLine(overlap);
        }
        Xunit.Assert.True(figures.Problems.Count == 0 && figures.Lost == 0 && figures.Duplicated == 0 && figures.Status500 == 0
            && figures.Overlaps == 0,
            $"{figures.Row()}{Environment.NewLine}{message}");
    }

    private static Dictionary<string, int> Expected(DrivenCandidate candidate)
    {
        // What the acknowledged requests imply: a candidate that was only submitted still owes its
        // application, its loop and three bookings; submitted scorecards and a decision add theirs.
        var expected = new Dictionary<string, int>
        {
            ["candidate-applied"] = 1,
            ["loop-planned"] = 1,
            ["interview-scheduled"] = 3,
        };
        if (candidate.Scorecards.Count > 0)
        {
            expected["scorecard-submitted"] = candidate.Scorecards.Count;
            // Scheduling records each interview whose scorecard arrived as held.
            expected["interview-held"] = candidate.Scorecards.Count;
        }
        if (candidate.Decided)
        {
            expected["decision-recorded"] = 1;
        }
        return expected;
    }
}
