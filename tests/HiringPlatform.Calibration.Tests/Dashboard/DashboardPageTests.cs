using System.Text.RegularExpressions;
using HiringPlatform.Calibration.Dashboard;
using HiringPlatform.Calibration.Engine.Reports;
using HiringPlatform.Calibration.Reports;
using HiringPlatform.Calibration.Engine.Simulation;
using Xunit;

namespace HiringPlatform.Calibration.Tests.Dashboard;

public partial class DashboardPageTests
{
    private static SeasonDashboard Season => SeasonDashboard.Instance;

    [GeneratedRegex("<g class=\"severity-row\" data-interviewer=\"([^\"]*)\" data-status=\"([a-z]+)\"")]
    private static partial Regex SeverityRow();

    [Fact]
    public void Page_has_one_severity_row_per_interviewer_harshest_first()
    {
        var html = DashboardPage.Render(Season.Model(compliance: false));

        var rows = SeverityRow().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(Season.Report.Interviewers.Select(i => i.Id).Order(StringComparer.Ordinal), rows.Order(StringComparer.Ordinal));
        var expected = Season.Report.Interviewers.OrderByDescending(i => i.Severity ?? double.NegativeInfinity).ThenBy(i => i.Id, StringComparer.Ordinal).Select(i => i.Id);
        Assert.Equal(expected, rows);
    }

    [Fact]
    public void Severity_rows_are_grouped_by_component_when_there_are_several_and_unestimable_ones_say_so()
    {
        var model = Season.Model(compliance: false);
        var ids = model.Report.Interviewers.Select(i => i.Id).ToList();
        var alone = ids[^1];
        var report = model.Report with
        {
            Interviewers = model.Report.Interviewers.Select((i, n) =>
                i.Id == alone ? i with { ComponentId = 3, Severity = null, SeverityLow90 = null, SeverityHigh90 = null, SeveritySe = null }
                : i with { ComponentId = n % 2 == 0 ? 1 : 2 }).ToList(),
        };
        var html = DashboardPage.Render(model with { Report = report });

        Assert.Equal(3, Regex.Count(html, "<g class=\"component-group\""));
        Assert.Equal(ids.Count, SeverityRow().Matches(html).Count);
        var order = Regex.Matches(html, "<g class=\"(?:component-group\" data-component=\"(\\d+)|severity-row\" data-interviewer=\"[^\"]*\" data-status=\"[a-z]+\" data-component=\"(\\d+))")
            .Select(m => m.Groups[1].Success ? "header " + m.Groups[1].Value : m.Groups[2].Value)
            .ToList();
        // Each header is followed by the rows of its component only, components in order.
        var current = "";
        foreach (var item in order)
        {
            if (item.StartsWith("header ", StringComparison.Ordinal))
            {
                Assert.True(string.CompareOrdinal(item[7..], current) > 0);
                current = item[7..];
            }
            else
            {
                Assert.Equal(current, item);
            }
        }

        var row = html[SeverityRow().Matches(html).Single(m => m.Groups[1].Value == alone).Index..];
        Assert.Contains("class=\"not-estimable\"", row[..row.IndexOf("</g>", StringComparison.Ordinal)], StringComparison.Ordinal);
    }

    [Fact]
    public void The_planted_severe_interviewer_is_marked_with_its_flag_and_status()
    {
        var severe = Season.Planted(PlantedKinds.Severe);
        var flag = Assert.Single(Season.Flags, f => f.InterviewerId == severe && f.Detector == "severe");
        var html = DashboardPage.Render(Season.Model(compliance: false));

        var row = SeverityRow().Matches(html).Single(m => m.Groups[1].Value == severe);
        Assert.Equal(flag.Status.Name(), row.Groups[2].Value);
        var group = html[row.Index..html.IndexOf("</g>", row.Index, StringComparison.Ordinal)];
        Assert.Contains("class=\"flag-names\"", group, StringComparison.Ordinal);
        Assert.Contains("severe", group[group.IndexOf("class=\"flag-names\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains(flag.Status == DashboardPage.Actionable ? "#c62828" : "#d97706", group, StringComparison.Ordinal);
        // Harshest rows come first: the planted severe interviewer (+0.8 logit) is among the top three.
        Assert.Contains(severe, SeverityRow().Matches(html).Take(3).Select(m => m.Groups[1].Value));
        // And it is in the flag list with its evidence links.
        Assert.Matches($"<tr class=\"flag-row\" data-interviewer=\"{severe}\" data-detector=\"severe\" data-status=\"{flag.Status.Name()}\">", html);
        Assert.Contains($"href=\"/api/v1/scorecards/by-interview/{flag.Evidence[0].Label}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Flags_are_actionable_only_when_they_held_in_the_previous_window_and_the_page_shows_both_kinds()
    {
        Assert.Contains(Season.Flags, f => f.Status == DashboardPage.Actionable);
        var html = DashboardPage.Render(Season.Model(compliance: true));

        var start = html.IndexOf("id=\"flag-table\"", StringComparison.Ordinal);
        var table = html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
        foreach (var status in new[] { DashboardPage.Actionable, DashboardPage.Watch })
        {
            Assert.Equal(
                Season.Flags.Count(f => f.Status == status && !DashboardPage.IsComplianceDetector(f.Detector)),
                Regex.Count(table, $"<tr class=\"flag-row\" data-interviewer=\"[^\"]*\" data-detector=\"[^\"]*\" data-status=\"{status.Name()}\">"));
            Assert.Equal(
                Season.Flags.Count(f => f.Status == status && DashboardPage.IsComplianceDetector(f.Detector)),
                Regex.Count(GroupFlagTable(html), $"data-status=\"{status.Name()}\""));
        }

        // Severity rows take the worst status of the interviewer's flags.
        foreach (var m in SeverityRow().Matches(html).Cast<Match>())
        {
            var own = Season.Flags.Where(f => f.InterviewerId == m.Groups[1].Value).ToList();
            var expected = own.Count == 0 ? "none" : (own.Any(f => f.Status == DashboardPage.Actionable) ? DashboardPage.Actionable : DashboardPage.Watch).Name();
            Assert.Equal(expected, m.Groups[2].Value);
        }
    }

    [Fact]
    public void The_cog_shows_one_over_probed_competency_in_the_heatmap()
    {
        var cog = Season.Planted(PlantedKinds.Cog);
        var html = DashboardPage.Render(Season.Model(compliance: false));

        var gaps = Regex.Matches(html, $"<rect class=\"heat-cell\" data-interviewer=\"{cog}\" data-competency=\"([^\"]+)\" data-probed=\"([^\"]+)\" data-blueprint=\"([^\"]+)\" data-gap=\"([^\"]+)\"")
            .Select(m => (Competency: m.Groups[1].Value, Probed: double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        Assert.NotEmpty(gaps);
        Assert.Single(gaps, g => g.Probed >= 0.75);
        // The heatmap's first row is the cog (rows with the largest gap first).
        Assert.Equal(cog, Regex.Match(html, "<g class=\"coverage-row\" data-interviewer=\"([^\"]*)\"").Groups[1].Value);
        Assert.Contains("id=\"coverage-legend\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Hostile_ids_and_texts_are_html_encoded_and_unsafe_links_stay_text()
    {
        const string Hostile = "<script>alert('x')</script>\"&";
        var model = Season.Model(compliance: true);
        var victim = model.Report.Interviewers[0].Id;
        string Rename(string id) => id == victim ? Hostile : id;
        var report = model.Report with
        {
            Interviewers = model.Report.Interviewers.Select(i => i with { Id = Rename(i.Id), Explanation = i.Explanation + " <img src=x>" }).ToList(),
            Warnings = [.. model.Report.Warnings, "<b>bold</b> warning"],
        };
        var flags = model.Flags
            .Select(f => f with { InterviewerId = Rename(f.InterviewerId) })
            .Append(new FlagState(Hostile, "halo", "<i>", "<u>", DashboardPage.Watch, "reason </td><script>x</script>", 0.5, 0.01,
                [new EvidenceLink("<evil>", "javascript:alert(1)"), new EvidenceLink("ok", "/api/v1/scorecards/x?a=1&b=2"), new EvidenceLink("other site", "//evil.example/x")]))
            .ToList();
        var coverage = model.Coverage with { Rows = model.Coverage.Rows.Select(r => r with { InterviewerId = Rename(r.InterviewerId) }).ToList() };
        var html = DashboardPage.Render(model with
        {
            RatingSet = "</title><script>alert(2)</script>",
            Report = report,
            Flags = flags,
            Coverage = coverage,
            WhatIf = [new WhatIfCandidate("<cand>", "<hire>", 2, 3, 2.5, 3.5, true)],
        });

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>bold", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<evil>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<cand>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("href=\"//evil", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;", html, StringComparison.Ordinal);
        Assert.Contains("data-interviewer=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/v1/scorecards/x?a=1&amp;b=2\"", html, StringComparison.Ordinal);
        Assert.Contains("<span>&lt;evil&gt;</span>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Compliance_sections_are_hidden_without_the_role()
    {
        var groupBiased = Season.Planted(PlantedKinds.Drf);
        Assert.Contains(Season.Flags, f => f.InterviewerId == groupBiased && f.Detector == "group-bias");
        var without = DashboardPage.Render(Season.Model(compliance: false));
        var with = DashboardPage.Render(Season.Model(compliance: true));

        Assert.DoesNotContain("id=\"group-bias\"", without, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"adverse-impact\"", without, StringComparison.Ordinal);
        Assert.DoesNotContain("data-detector=\"group-bias\"", without, StringComparison.Ordinal);
        Assert.DoesNotContain("data-detector=\"adverse-impact\"", without, StringComparison.Ordinal);
        Assert.DoesNotContain("against:", without, StringComparison.Ordinal);
        Assert.DoesNotContain("favours:", without, StringComparison.Ordinal);
        Assert.Contains("id=\"compliance-restricted\"", without, StringComparison.Ordinal);
        Assert.Contains("shown only to the compliance role", without, StringComparison.Ordinal);

        Assert.Contains("id=\"group-bias\"", with, StringComparison.Ordinal);
        Assert.Contains("id=\"adverse-impact\"", with, StringComparison.Ordinal);
        Assert.Contains($"data-interviewer=\"{groupBiased}\" data-detector=\"group-bias\"", GroupFlagTable(with), StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"compliance-restricted\"", with, StringComparison.Ordinal);
        // Never per candidate: no candidate id appears in the compliance sections.
        var compliance = with[with.IndexOf("id=\"group-bias\"", StringComparison.Ordinal)..with.IndexOf("id=\"detectors\"", StringComparison.Ordinal)];
        Assert.DoesNotMatch("n[0-9]{6}", compliance);
        // Not even through evidence: the interviews behind a group flag would reveal their candidates' groups.
        Assert.NotEmpty(Season.Flags.Single(f => f.InterviewerId == groupBiased && f.Detector == "group-bias").Evidence);
        Assert.DoesNotMatch("i[0-9]{7}", compliance);
        Assert.Contains("class=\"note withheld\"", compliance, StringComparison.Ordinal);
    }

    [Fact]
    public void Adverse_impact_comparisons_with_small_groups_are_suppressed()
    {
        var model = Season.Model(compliance: true);
        var small = new ImpactReport("coding", "B", "A", 6, 1, 40, 20, 0.33, 0.05, 1.9, -1.2, -1.1, 0.2, 2.1, true, false);
        var large = new ImpactReport("overall", "B", "A", 300, 100, 320, 160, 0.6667, 0.55, 0.8, -3.2, -3.1, 0.0011, 50.4, true, false);
        var html = DashboardPage.Render(model with { Report = model.Report with { AdverseImpact = [small, large] } });

        var smallRow = Regex.Match(html, "<tr class=\"impact-row\" data-scope=\"coding\">.*?</tr>").Value;
        Assert.Contains("suppressed", smallRow, StringComparison.Ordinal);
        Assert.DoesNotContain("1/6", smallRow, StringComparison.Ordinal);
        Assert.DoesNotContain("0.33", smallRow, StringComparison.Ordinal);
        var largeRow = Regex.Match(html, "<tr class=\"impact-row\" data-scope=\"overall\">.*?</tr>").Value;
        Assert.Contains("100/300", largeRow, StringComparison.Ordinal);
        Assert.Contains("0.67 [0.55, 0.80]", largeRow, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_is_self_contained_with_header_reliability_and_what_if()
    {
        var model = Season.Model(compliance: false);
        var html = DashboardPage.Render(model);

        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("(src|href)=\"https?:", html);
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.DoesNotContain("@font-face", html, StringComparison.Ordinal);
        Assert.Contains($"<code title=\"{model.InputHash}\">", html, StringComparison.Ordinal);
        Assert.Contains(model.ConfigVersion, html, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2026-03-01T00:00:00Z\">2026-03-01 00:00 UTC</time>", html, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2025-09-01T00:00:00Z\">", html, StringComparison.Ordinal);
        Assert.Contains("<time datetime=\"2026-03-01T06:30:00Z\">", html, StringComparison.Ordinal);
        var r = model.Report.Reliability;
        Assert.NotNull(r.Icc1Ci95);
        Assert.Contains(FormattableString.Invariant($"95% interval {r.Icc1Ci95[0]:0.00} to {r.Icc1Ci95[1]:0.00}"), html, StringComparison.Ordinal);
        Assert.Contains(FormattableString.Invariant($"id=\"icc1-after\" data-value=\"{r.Icc1AfterCalibration:0.####}\""), html, StringComparison.Ordinal);
        Assert.Contains(FormattableString.Invariant($"id=\"alpha-ordinal\" data-value=\"{r.AlphaOrdinal:0.####}\""), html, StringComparison.Ordinal);
        // Only the flipping candidates are listed.
        Assert.Equal(2, Regex.Count(html, "<tr class=\"what-if-row\""));
        Assert.Contains("data-candidate=\"n000123\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-candidate=\"n000042\"", html, StringComparison.Ordinal);
    }

    private static string GroupFlagTable(string html)
    {
        var start = html.IndexOf("id=\"group-flag-table\"", StringComparison.Ordinal);
        return start < 0 ? "" : html[start..html.IndexOf("</table>", start, StringComparison.Ordinal)];
    }
}
