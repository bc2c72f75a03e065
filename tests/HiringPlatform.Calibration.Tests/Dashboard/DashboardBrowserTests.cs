using HiringPlatform.Calibration.Dashboard;
using HiringPlatform.Testing;
using Xunit;
using Xunit.Abstractions;

namespace HiringPlatform.Calibration.Tests.Dashboard;

/// <summary>The rendered dashboard served by Kestrel with the strict CSP, opened in Debian's headless chromium.</summary>
public class DashboardBrowserTests(Browser browser, ITestOutputHelper output) : IClassFixture<Browser>
{
    private static SeasonDashboard Season => SeasonDashboard.Instance;

    [Theory]
    [InlineData(false, "artifacts/dashboard/dashboard.png")]
    [InlineData(true, "artifacts/dashboard/dashboard-compliance.png")]
    public async Task Dashboard_renders_in_chromium_under_the_strict_CSP(bool compliance, string screenshot)
    {
        var model = Season.Model(compliance);
        await using var server = await StaticPageServer.StartAsync(DashboardPage.Render(model));
        await using var opened = await browser.OpenAsync(server.Url);
        var page = opened.Page;

        Assert.Equal(200, opened.Response?.Status);
        Assert.Equal(DashboardPage.ContentSecurityPolicy, await opened.Response!.HeaderValueAsync("content-security-policy"));
        Assert.StartsWith("Calibration · simulated season", await page.TitleAsync(), StringComparison.Ordinal);

        // Severity plot: one visible row per interviewer, flagged ones coloured by their worst status.
        Assert.True(await page.Locator("#severity-plot").IsVisibleAsync());
        Assert.Equal(model.Report.Interviewers.Count, await page.Locator("#severity-plot g.severity-row").CountAsync());
        var visibleFlags = model.Flags.Where(f => compliance || !DashboardPage.IsComplianceDetector(f.Detector)).ToList();
        var actionableInterviewers = visibleFlags.Where(f => f.Status == DashboardPage.Actionable).Select(f => f.InterviewerId).Distinct().Count();
        Assert.True(actionableInterviewers > 0);
        Assert.Equal(actionableInterviewers, await page.Locator("g.severity-row[data-status=actionable]").CountAsync());
        Assert.Equal(visibleFlags.Select(f => f.InterviewerId).Distinct().Count(), await page.Locator("g.severity-row:not([data-status=none])").CountAsync());
        var severe = Season.Planted(Engine.Simulation.PlantedKinds.Severe);
        var severeRow = page.Locator($"g.severity-row[data-interviewer={severe}]");
        Assert.Contains("severe", await severeRow.Locator(".flag-names").TextContentAsync() ?? "", StringComparison.Ordinal);
        var box = await severeRow.Locator("circle.estimate").BoundingBoxAsync();
        Assert.True(box is { Width: > 5, Height: > 5 }, "the severe interviewer's point is drawn");

        // Heatmap: a cell per interviewer x competency that anyone's blueprint or probes touch.
        var columns = Enumerable.Range(0, model.Coverage.Competencies.Count).Count(c => model.Coverage.Rows.Any(r => !r.Cells[c].NotApplicable));
        Assert.Equal(model.Coverage.Rows.Count * columns, await page.Locator("#coverage-heatmap rect.heat-cell").CountAsync());
        Assert.True(await page.Locator("#coverage-legend").IsVisibleAsync());
        var cog = Season.Planted(Engine.Simulation.PlantedKinds.Cog);
        Assert.Contains("probed 8", await page.Locator($"rect.heat-cell[data-interviewer={cog}] title").AllTextContentsAsync() is var tips ? string.Join('\n', tips) : "", StringComparison.Ordinal);

        // Flag list and what-if: rows visible, badges styled by the inline CSS (not blocked by the CSP).
        Assert.Equal(model.Flags.Count(f => !DashboardPage.IsComplianceDetector(f.Detector)), await page.Locator("#flag-table tr.flag-row").CountAsync());
        Assert.True(await page.Locator("#flag-table tr.flag-row[data-status=actionable]").First.IsVisibleAsync());
        Assert.Equal("rgb(198, 40, 40)", await page.Locator("#flag-table .badge.actionable").First.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        Assert.Equal(model.WhatIf.Count(w => w.Flips), await page.Locator("#what-if-table tr.what-if-row").CountAsync());
        Assert.True(await page.Locator("#icc1-after").IsVisibleAsync());

        // Compliance sections only with the role.
        Assert.Equal(compliance ? 1 : 0, await page.Locator("#adverse-impact").CountAsync());
        Assert.Equal(compliance ? 1 : 0, await page.Locator("#group-bias").CountAsync());
        Assert.Equal(compliance ? 0 : 1, await page.Locator("#compliance-restricted").CountAsync());

        // Nothing went wrong while loading.
        Assert.Empty(opened.Console);
        Assert.Empty(opened.Errors);
        Assert.Empty(opened.FailedRequests);
        Assert.Empty(await opened.CspViolationsAsync());

        var path = await opened.ScreenshotAsync(screenshot);
        Assert.True(new FileInfo(path).Length > 10_000, $"screenshot {path} is not empty");
        output.WriteLine($"screenshot: {path}");
    }

    [Fact]
    public async Task A_planted_interviewers_name_appears_whole_in_the_severity_plot_and_the_flags_table()
    {
        // The season's ratings with an interviewer_name column, as the platform's reports carry (InterviewerRegistered).
        var season = Season.Season;
        var name = new Dictionary<string, string>(StringComparer.Ordinal);
        var ratings = new System.Text.StringBuilder();
        foreach (var line in season.RatingsCsv.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var id = line.Split(',')[1];
            if (id == "interviewer_id")
            {
                ratings.Append(line).Append(",interviewer_name\n");
                continue;
            }

            if (!name.ContainsKey(id))
            {
                name[id] = $"Maximiliane Oyelaran-Castellanos {id}";
            }

            ratings.Append(line).Append(',').Append(name[id]).Append('\n');
        }

        var data = Engine.Import.CalibrationImporter.Import(new Engine.Import.CsvSource("ratings.csv", ratings.ToString()), new Engine.Import.CsvSource("candidates.csv", season.CandidatesCsv), new Engine.Import.CsvSource("blueprints.csv", season.BlueprintsCsv), season.Scale);
        var report = Engine.Analysis.CalibrationAnalysis.Run(data, null, new Engine.Analysis.AnalysisOptions { Fast = true }).Report;
        var flags = report.Interviewers.SelectMany(i => i.Flags.Select(f => new FlagState(i.Id, f.Detector, f.Direction, f.Scope, DashboardPage.Watch, f.Reason, f.Effect, f.QValue, []) { InterviewerName = i.Name })).ToList();
        var model = Season.Model(compliance: false) with { Report = report, Flags = flags };
        await using var server = await StaticPageServer.StartAsync(DashboardPage.Render(model));
        await using var opened = await browser.OpenAsync(server.Url);
        var page = opened.Page;

        var severe = Season.Planted(Engine.Simulation.PlantedKinds.Severe);
        Assert.Contains(flags, f => f.InterviewerId == severe && f.Detector == "severe");
        var expected = $"{name[severe]} ({severe})";

        // The severity plot's label is the whole name next to the id, and it lies inside the plot (not clipped at its left edge).
        var label = page.Locator($"#severity-plot g.severity-row[data-interviewer={severe}] text.interviewer-label");
        Assert.Equal(expected, await label.TextContentAsync());
        var plot = await page.Locator("#severity-plot").BoundingBoxAsync();
        var box = await label.BoundingBoxAsync();
        Assert.NotNull(plot);
        Assert.NotNull(box);
        Assert.True(box!.X >= plot!.X - 0.5 && box.X + box.Width <= plot.X + plot.Width + 0.5, $"label {box.X}..{box.X + box.Width} outside the plot {plot.X}..{plot.X + plot.Width}");

        // The flags table names the interviewer next to the id.
        var row = page.Locator($"#flag-table tr.flag-row[data-interviewer={severe}][data-detector=severe] th");
        Assert.True(await row.IsVisibleAsync());
        Assert.Contains(name[severe], await row.TextContentAsync() ?? "", StringComparison.Ordinal);
        Assert.Contains(severe, await row.TextContentAsync() ?? "", StringComparison.Ordinal);

        // Every interviewer has a row of answers, one cell per detector.
        Assert.Equal(report.Interviewers.Count, await page.Locator("#answer-table tr.answer-row").CountAsync());
        Assert.Equal("flagged", await page.Locator($"#answer-table tr.answer-row[data-interviewer={severe}] td[data-detector=severity]").GetAttributeAsync("data-status"));
        Assert.Empty(opened.Errors);
        Assert.Empty(await opened.CspViolationsAsync());
    }

    [Fact]
    public async Task The_browser_fixture_reports_CSP_violations_so_a_clean_run_means_something()
    {
        const string Page = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>violations</title></head>
            <body><p>x</p><script>document.title = 'script ran';</script><img alt="" src="http://127.0.0.1:9/x.png"></body></html>
            """;
        await using var server = await StaticPageServer.StartAsync(Page);
        await using var opened = await browser.OpenAsync(server.Url);

        Assert.Equal("violations", await opened.Page.TitleAsync());
        var violations = await opened.CspViolationsAsync();
        Assert.Contains(violations, v => v.StartsWith("script-src", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("img-src", StringComparison.Ordinal));
        Assert.NotEmpty(opened.Console);
    }

    [Fact]
    public void A_missing_chromium_fails_with_instructions()
    {
        var missing = Assert.Throws<InvalidOperationException>(() => Browser.FindChromium(null, ["/nonexistent/chromium"]));
        Assert.Contains("apt-get install -y chromium", missing.Message, StringComparison.Ordinal);
        var misconfigured = Assert.Throws<InvalidOperationException>(() => Browser.FindChromium("/nonexistent/chromium", ["/usr/bin/chromium"]));
        Assert.Contains("HIRING_CHROMIUM=/nonexistent/chromium, but there is no such file", misconfigured.Message, StringComparison.Ordinal);
    }
}
