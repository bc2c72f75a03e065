namespace HiringPlatform.Demo;

using HiringPlatform.ServiceDefaults.Security;

/// <summary>
/// What calibration made of the season: one candidate's journey, then an analyst's report, its flags on this run's
/// interviewers, whether each planted interviewer was caught by the detector expected for its kind, the what-if,
/// and where the dashboard is.
/// </summary>
internal static class Findings
{
    public static async Task ShowJourney(Scenario scenario)
    {
        var analyst = scenario.As(Roles.Analyst, "demo-analyst");
        Console.WriteLine("5/6 one candidate's journey, as calibration recorded it");
        var (id, _, name, slots) = scenario.Candidates[0];
        var steps = slots.Count * 2 + 3;
        var journey = await Scenario.Until(() => analyst.Journey(id), j => j.Steps.Count >= steps, $"{name}'s full journey");
        Console.WriteLine($"   {name} {id}");
        foreach (var step in journey.Steps)
        {
            Console.WriteLine($"   {step.OccurredAt:HH:mm:ss.fff}  {step.Type,-20} {Detail(step)}");
        }
    }

    public static async Task<ReportAnswer> RequestReport(Scenario scenario)
    {
        var analyst = scenario.As(Roles.Analyst, "demo-analyst");
        Console.WriteLine("6/6 an analyst asks calibration for a report over the last 6 months");
        // Calibration records journeys from the services' events; wait until it has every decision before asking.
        await scenario.ForEachCandidate(candidate => Scenario.Until(() => analyst.Journey(candidate.Id),
            j => j.Steps.Any(s => s.Type == "decision-recorded"), $"{candidate.Name}'s decision to reach calibration"));
        var (status, location) = await analyst.RequestReport();
        Console.WriteLine($"   {status}, Location {location}");
        var lastStage = "";
        var deadline = DateTime.UtcNow.AddMinutes(10);
        while (true)
        {
            var report = await analyst.Report(location);
            var current = report.Current;
            if (current.Status == "completed")
            {
                Console.WriteLine($"   completed ({scenario.Elapsed()}): {report.Notes?.Scorecards} scorecards, {report.Notes?.DecidedCandidates} decided candidates in the window");
                return report;
            }
            if (current.Status == "failed")
            {
                throw new InvalidOperationException($"The report failed: {current.FailureReason}");
            }
            var stage = current.Progress is { } p ? $"{p.Stage} ({p.Percent}%)" : current.Status;
            if (stage != lastStage)
            {
                Console.WriteLine($"   {stage}");
                lastStage = stage;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("Timed out waiting for the calibration report.");
            }
            await Task.Delay(1000);
        }
    }

    public static void ShowFlags(Scenario scenario, ReportAnswer report)
    {
        var interviewers = scenario.Interviewers;
        var order = interviewers.Select((i, index) => (Id: i.Id.ToString(), index)).ToDictionary(x => x.Id, x => x.index);
        var flags = report.Flags ?? [];
        var ours = flags.Where(f => order.ContainsKey(f.InterviewerId)).OrderBy(f => order[f.InterviewerId]).ThenBy(f => f.Detector).ToList();
        DemoInterviewer Who(FlagAnswer flag) => interviewers[order[flag.InterviewerId]];
        Console.WriteLine();
        Console.WriteLine($"{"interviewer",-18} {"planted",-17} {"detector",-26} {"status",-7} reason");
        foreach (var flag in ours)
        {
            var detector = flag.Scope is { Length: > 0 } type ? $"{flag.Detector} ({type})" : flag.Detector;
            // The name as the report gives it (InterviewerRegistered as of the report's moment), not the demo's own list.
            Console.WriteLine($"{flag.InterviewerName ?? $"{flag.InterviewerId[..8]} (unnamed)",-18} {(Who(flag).Planted ? Who(flag).Kind : "-"),-17} {detector,-26} {flag.Status,-7} {Shorten(flag.Reason, 72)}");
        }
        if (ours.Count == 0)
        {
            Console.WriteLine("(no flags on this run's interviewers)");
        }
        if (flags.Count > ours.Count)
        {
            Console.WriteLine($"({flags.Count - ours.Count} more flags on interviewers of earlier demo runs in the same window)");
        }

        Console.WriteLine();
        Console.WriteLine("planted interviewers:");
        foreach (var planted in interviewers.Where(i => i.Planted))
        {
            var found = ours.Where(f => f.InterviewerId == planted.Id.ToString()).Select(f => f.Detector).Distinct().ToList();
            var expected = Season.ExpectedDetector(planted.Kind);
            Console.WriteLine($"   {planted.Name,-18} {planted.Kind,-17} {(found.Contains(expected) ? "caught" : "MISSED")} (expected {expected}{(found.Count > 0 ? $"; flagged {string.Join(", ", found)}" : "")})");
        }
        var falseFlags = ours.Where(f => !Who(f).Planted).Select(f => f.InterviewerId).Distinct().Count();
        Console.WriteLine($"   ordinary interviewers flagged: {falseFlags} of {interviewers.Count(i => !i.Planted)}");
        Console.WriteLine("   every flag is \"watch\" in a first report: a flag becomes \"actionable\" only when it also held in the previous window (docs/calibration-method.md §4.8)");

        if (report.WhatIf is { } whatIf)
        {
            Console.WriteLine($"what-if: {whatIf.Candidates.Count(c => c.Flips)} of {whatIf.DecidedCandidates} decided candidates would flip if their scores were adjusted for the severity of the interviewers they got");
        }
    }

    public static async Task SaveDashboard(Scenario scenario, string gateway, ReportAnswer report)
    {
        var analyst = scenario.As(Roles.Analyst, "demo-analyst");
        var reportId = report.Current.Id;
        var dashboard = $"{gateway.TrimEnd('/')}/api/v1/calibration/reports/{reportId}/dashboard";
        var saved = Path.Combine(".run", $"dashboard-{reportId}.html");
        var page = await analyst.Page(dashboard);
        Directory.CreateDirectory(".run");
        await File.WriteAllTextAsync(saved, page);
        Console.WriteLine();
        Console.WriteLine($"dashboard: {dashboard}");
        Console.WriteLine($"   it needs an analyst's token; saved for you to open in a browser: {Path.GetFullPath(saved)}");
        Console.WriteLine($"   or: curl -s -H \"Authorization: Bearer $(./hiring token --role analyst)\" -o dashboard.html {dashboard}");
    }

    private static string Detail(JourneyStep step)
    {
        switch (step.Type)
        {
            case "interview-scheduled":
                var scheduled = step.Read<InterviewScheduledStep>();
                return $"{scheduled.InterviewType} with {scheduled.InterviewerName} at {scheduled.StartsAt:yyyy-MM-dd HH:mm}Z";
            case "scorecard-submitted":
                var submitted = step.Read<ScorecardSubmittedStep>();
                return $"{submitted.InterviewType}: {submitted.Recommendation}";
            case "decision-recorded":
                var decision = step.Read<DecisionRecordedStep>();
                return $"{decision.Decision} by {decision.DecidedBy}";
            case "loop-planned":
                return $"{step.Read<LoopPlannedStep>().Slots.Count} interviews";
            default:
                return "";
        }
    }

    private static string Shorten(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
