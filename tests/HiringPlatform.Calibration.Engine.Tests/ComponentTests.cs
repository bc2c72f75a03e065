using HiringPlatform.Calibration.Engine.Analysis;
using HiringPlatform.Calibration.Engine.Design;
using Xunit;

namespace HiringPlatform.Calibration.Engine.Tests;

public class ComponentTests
{
    private static string Block(string prefix, int raters, int candidates, int shift, ulong seed)
    {
        var rng = new Statistics.SplitMix64(seed);
        var sb = new System.Text.StringBuilder();
        for (var n = 0; n < candidates; n++)
        {
            var ability = rng.NextNormal();
            for (var j = 0; j < raters; j++)
            {
                var x = Math.Clamp((int)Math.Round(2.5 + ability + (0.3 * j) - (0.2 * raters) + rng.NextNormal() * 0.7) + shift, 1, 4);
                sb.Append(System.Globalization.CultureInfo.InvariantCulture, $"{prefix}n{n:D3},{prefix}r{j},{prefix}i{n}-{j},coding,algorithms,{x}\n");
            }
        }

        return sb.ToString();
    }

    private const string Header = "candidate_id,interviewer_id,interview_id,interview_type,competency,rating\n";

    [Fact]
    public void Two_groups_of_interviewers_without_shared_candidates_are_two_components_even_with_a_shared_competency()
    {
        var data = TestData.FromCsv(Header + Block("a", 4, 40, 0, 1) + Block("b", 3, 40, 0, 2));
        var c = DesignComponents.Find(data);
        Assert.Equal(2, c.Count);
        Assert.Equal([4, 3], c.InterviewersPerComponent);
        Assert.Equal([40, 40], c.CandidatesPerComponent);
    }

    [Fact]
    public void Severities_are_centred_per_component_and_never_influenced_by_another_component()
    {
        var a = TestData.FromCsv(Header + Block("a", 4, 40, 0, 1) + Block("b", 3, 40, 0, 2));
        var b = TestData.FromCsv(Header + Block("a", 4, 40, 0, 1) + Block("b", 3, 40, -1, 2));
        var ra = CalibrationAnalysis.Run(a, null, new AnalysisOptions { Fast = true }).Report;
        var rb = CalibrationAnalysis.Run(b, null, new AnalysisOptions { Fast = true }).Report;
        foreach (var component in new[] { 1, 2 })
        {
            Assert.Equal(0, ra.Interviewers.Where(i => i.ComponentId == component).Sum(i => i.Severity!.Value), 3);
        }

        // Making every rating of component 2 one point lower changes nothing in component 1.
        foreach (var i in ra.Interviewers.Where(i => i.ComponentId == 1))
        {
            Assert.Equal(i.Severity, rb.Interviewers.Single(x => x.Id == i.Id).Severity);
        }

        Assert.Contains(ra.Warnings, w => w.Contains("2 disconnected components", StringComparison.Ordinal));
    }

    [Fact]
    public void Interviewers_with_few_shared_candidates_are_reported_as_weak_links()
    {
        var csv = Header + Block("a", 3, 30, 0, 1)
            + "an000,z,zi1,coding,algorithms,3\nan001,z,zi2,coding,algorithms,2\nlone,z,zi3,coding,algorithms,4\n";
        var report = CalibrationAnalysis.Run(TestData.FromCsv(csv), null, new AnalysisOptions { Fast = true }).Report;
        Assert.Single(report.Components);
        Assert.Equal(["z"], report.Components[0].WeakLinks);
        Assert.Equal(2, report.Interviewers.Single(i => i.Id == "z").LinkingCandidates);
    }

    [Fact]
    public void The_Fiedler_value_of_a_complete_design_equals_the_number_of_candidates()
    {
        // Complete design with n candidates and k raters: L = n (I - 11'/k), eigenvalues 0 and n.
        var data = TestData.Complete([-0.5, 0, 0.5, 0.2], 25, [0], [-1, 0, 1], 3);
        Assert.Equal(25, Linkage.FiedlerValue(data, [0, 1, 2, 3])!.Value, 8);
    }

    [Fact]
    public void Interviewers_nested_in_interview_types_are_reported_as_indeterminate_and_a_crossed_design_is_not()
    {
        var rng = new Statistics.SplitMix64(8);
        var nested = new System.Text.StringBuilder(Header);
        var crossed = new System.Text.StringBuilder(Header);
        for (var n = 0; n < 60; n++)
        {
            foreach (var (type, comps, raters) in new[] { ("coding", new[] { "algorithms", "communication" }, new[] { "a", "b" }), ("system-design", new[] { "distributed-systems", "communication" }, new[] { "c", "d" }) })
            {
                var r = raters[rng.NextInt(2)];
                var any = new[] { "a", "b", "c", "d" }[rng.NextInt(4)];
                foreach (var c in comps)
                {
                    nested.Append(System.Globalization.CultureInfo.InvariantCulture, $"n{n},{r},i{n}{type},{type},{c},{1 + rng.NextInt(4)}\n");
                    crossed.Append(System.Globalization.CultureInfo.InvariantCulture, $"n{n},{any},i{n}{type},{type},{c},{1 + rng.NextInt(4)}\n");
                }
            }
        }

        var a = Additive.AdditiveModel.Fit(TestData.FromCsv(nested.ToString()), DesignComponents.Find(TestData.FromCsv(nested.ToString())));
        // A shared competency links the two types, so the only indeterminacy left is the interviewers' nesting.
        Assert.Equal(1, a.ExtraIndeterminacies);
        var crossedData = TestData.FromCsv(crossed.ToString());
        Assert.Equal(0, Additive.AdditiveModel.Fit(crossedData, DesignComponents.Find(crossedData)).ExtraIndeterminacies);
    }
}
