namespace HiringPlatform.Scheduling.Tests;

using HiringPlatform.Scheduling.Interviewers;
using HiringPlatform.Scheduling.Interviews.Assignment;
using Xunit;

/// <summary>On small random cases the search agrees with trying every schedule.</summary>
public sealed class OptimalityTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 30, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Week = new(2026, 11, 30);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    public void The_search_finds_the_cheapest_schedule_that_exhaustive_enumeration_finds(int seed)
    {
        var random = new Random(seed);
        string[] types = ["coding", "data-modeling"];
        var pool = Enumerable.Range(0, 5).Select(i => new PoolMember(Guid.CreateVersion7(), $"i{i}", $"team-{random.Next(3)}", "senior",
                types.Where(_ => random.NextDouble() < 0.7).DefaultIfEmpty("coding").ToDictionary(t => t, _ => TrainingStage.Qualified),
                [], 4, TimeZoneInfo.Utc, WorkingHours.Default,
                random.NextDouble() < 0.5 ? [new TimeRange(Monday.AddHours(9 + random.Next(4)), Monday.AddHours(11 + random.Next(3)))] : [],
                new Dictionary<DateOnly, int> { [Week] = random.Next(4) },
                new PanelCalibration(random.NextDouble() < 0.3, random.NextDouble() < 0.3,
                    random.NextDouble() < 0.2 ? new HashSet<string> { "coding" } : new HashSet<string>())))
            .ToList();
        var slots = Enumerable.Range(0, 3).Select(i => new SlotToFill(Guid.CreateVersion7(), i + 1, types[random.Next(2)], 60)).ToList();
        TimeRange[] windows = [new(Monday.AddHours(9), Monday.AddHours(13)), new(Monday.AddDays(1).AddHours(9), Monday.AddDays(1).AddHours(13))];
        var options = new SchedulingOptions { GridMinutes = 60, NodeBudget = 1_000_000 };

        var result = PanelAssigner.Assign(new LoopToSchedule("r", slots, windows), pool, options);

        var expected = Cheapest(slots, pool, windows, options);
        if (expected is null)
        {
            Assert.IsType<AssignmentResult.Failed>(result);
            return;
        }
        var scheduled = Assert.IsType<AssignmentResult.Scheduled>(result);
        Assert.True(scheduled.ProvenOptimal);
        Assert.Equal(expected.Value, scheduled.Cost, 6);
    }

    /// <summary>Every assignment of distinct interviewers and starts, priced by the documented weights.</summary>
    private static double? Cheapest(List<SlotToFill> slots, List<PoolMember> pool, TimeRange[] windows, SchedulingOptions options)
    {
        var w = options.Weights;
        var starts = windows.SelectMany(win => Enumerable.Range(0, 4).Select(h => win.Start.AddHours(h))).ToList();
        double? best = null;
        void Go(int depth, List<(PoolMember Member, TimeRange Time)> chosen)
        {
            if (depth == slots.Count)
            {
                var cost = 0.0;
                for (var i = 0; i < chosen.Count; i++)
                {
                    var (m, t) = chosen[i];
                    cost += w.Load * m.LoadIn(Week) / m.WeeklyCap
                        + (m.Calibration.CogTypes.Contains(slots[i].InterviewType) ? w.CogFlag : 0)
                        + w.LaterDay * Math.Floor((t.Start - windows[0].Start).TotalDays);
                    for (var j = 0; j < i; j++)
                    {
                        var o = chosen[j].Member;
                        cost += (o.Team == m.Team ? w.SameTeam : 0)
                            + (o.Calibration.Severe && m.Calibration.Severe ? w.SevereStack : 0)
                            + (o.Calibration.Lenient && m.Calibration.Lenient ? w.LenientStack : 0);
                    }
                }
                best = best is null ? cost : Math.Min(best.Value, cost);
                return;
            }
            foreach (var m in pool.Where(m => m.Stages.ContainsKey(slots[depth].InterviewType) && chosen.All(c => c.Member != m)))
            {
                foreach (var s in starts)
                {
                    var t = new TimeRange(s, s.AddMinutes(60));
                    var clear = chosen.All(c => t.End.AddMinutes(options.BreakMinutes) <= c.Time.Start || c.Time.End.AddMinutes(options.BreakMinutes) <= t.Start);
                    if (clear && m.IsFree(t) && m.UnderCap(Week))
                    {
                        chosen.Add((m, t));
                        Go(depth + 1, chosen);
                        chosen.RemoveAt(chosen.Count - 1);
                    }
                }
            }
        }
        Go(0, []);
        return best;
    }
}
