using HiringPlatform.Demo;

// ./hiring demo: a simulated hiring season with planted interviewers, pushed through a Development gateway as the people
// and systems around it would (Scenario), then calibration's report and whether it caught them (Findings). The season's
// ratings come from the calibration engine's rating-scale model (Season). Every caller gets a development token signed
// with the gateway's local key (GatewayClient). Usage: DemoOptions.Usage, or --help.
var (options, exitCode) = DemoOptions.Parse(args);
if (options is null)
{
    return exitCode;
}

using var scenario = new Scenario(options, options.DevelopmentSigningKey());
Console.WriteLine($"Demo through {options.Gateway} (role {scenario.Role}, {options.Candidates} junior candidates, seed {options.Seed})");
await scenario.RegisterInterviewers();
await scenario.SubmitCandidates();
var cards = await scenario.AwaitSchedules();
await scenario.InterviewAndDecide(cards);
await Findings.ShowJourney(scenario);
var report = await Findings.RequestReport(scenario);
Findings.ShowFlags(scenario, report);
await Findings.SaveDashboard(scenario, options.Gateway, report);
Console.WriteLine($"demo finished in {scenario.Elapsed()}");
return 0;
