using HiringPlatform.Calibration.Engine.Import;
using HiringPlatform.Calibration.Engine.Reliability;
using Xunit;

namespace HiringPlatform.Calibration.Engine.Tests;

public class ReliabilityTests
{
    // Shrout & Fleiss (1979) Table 2: 6 targets x 4 judges.
    private static readonly double[,] ShroutFleiss =
    {
        { 9, 2, 5, 8 }, { 6, 1, 3, 2 }, { 8, 4, 6, 8 }, { 7, 1, 2, 6 }, { 10, 5, 6, 9 }, { 6, 2, 4, 7 },
    };

    [Fact]
    public void Icc_forms_reproduce_the_Shrout_Fleiss_example()
    {
        var icc = IccForms.FromComplete(ShroutFleiss);
        Assert.Equal(0.17, icc.Icc1, 2);
        Assert.Equal(0.29, icc.Icc2, 2);
        Assert.Equal(0.71, icc.Icc3, 2);
        Assert.Equal(0.44, icc.Icc1k, 2);
        Assert.Equal(0.62, icc.Icc2k, 2);
        Assert.Equal(0.91, icc.Icc3k, 2);
    }

    [Fact]
    public void Unbalanced_one_way_icc_equals_the_balanced_form_when_every_target_has_k_ratings()
    {
        var rows = Enumerable.Range(0, 6).Select(i => (IReadOnlyList<double>)Enumerable.Range(0, 4).Select(j => ShroutFleiss[i, j]).ToArray()).ToArray();
        var oneWay = OneWayIcc.From(rows);
        Assert.Equal(4, oneWay.K0, 12);
        Assert.Equal(IccForms.FromComplete(ShroutFleiss).Icc1, oneWay.Icc1, 12);
    }

    [Fact]
    public void Unbalanced_one_way_icc_by_hand()
    {
        // Targets {1,3}, {4,4,5}, {0}: N = 6, n = 3, grand mean 17/6.
        // SSB = 2(2-17/6)^2 + 3(13/3-17/6)^2 + (0-17/6)^2, SSW = 2 + 2/3; MSB = SSB/2, MSW = SSW/3;
        // k0 = (6 - (4+9+1)/6)/2 = 11/6.
        var r = OneWayIcc.From([[1, 3], [4, 4, 5], [0]]);
        var g = 17.0 / 6;
        var ssb = (2 * (2 - g) * (2 - g)) + (3 * ((13.0 / 3) - g) * ((13.0 / 3) - g)) + (g * g);
        var msb = ssb / 2;
        var msw = (2 + (2.0 / 3)) / 3;
        var k0 = 11.0 / 6;
        Assert.Equal(k0, r.K0, 12);
        Assert.Equal((msb - msw) / (msb + ((k0 - 1) * msw)), r.Icc1, 12);
    }

    // Krippendorff (2011), "Computing Krippendorff's alpha-reliability", example with missing data: 4 observers, 12 units.
    private static readonly int?[][] KrippendorffExample =
    [
        [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
        [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
        [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
        [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null],
    ];

    private static IEnumerable<IReadOnlyList<int>> Units() =>
        Enumerable.Range(0, 12).Select(u => (IReadOnlyList<int>)KrippendorffExample.Select(o => o[u]).OfType<int>().ToArray());

    [Theory]
    [InlineData(AlphaMetric.Nominal, 0.743)]
    [InlineData(AlphaMetric.Ordinal, 0.815)]
    [InlineData(AlphaMetric.Interval, 0.849)]
    [InlineData(AlphaMetric.Ratio, 0.797)]
    public void Krippendorff_alpha_reproduces_the_published_example_with_missing_data(AlphaMetric metric, double expected)
    {
        Assert.Equal(expected, KrippendorffAlpha.Compute(Units(), metric), 3);
    }

    [Fact]
    public void Krippendorff_alpha_by_hand_for_two_coders()
    {
        // Units (1,1), (2,2), (1,2): coincidences o11 = 2, o22 = 2, o12 = o21 = 1; n1 = n2 = 3, n = 6.
        // Nominal: Do = 2/6, De = 2*3*3/(6*5) = 0.6, alpha = 1 - (1/3)/0.6 = 4/9.
        Assert.Equal(4.0 / 9, KrippendorffAlpha.Compute([[1, 1], [2, 2], [1, 2]], AlphaMetric.Nominal), 12);

        // Perfect agreement gives 1.
        Assert.Equal(1, KrippendorffAlpha.Compute([[1, 1], [2, 2], [3, 3, 3]], AlphaMetric.Ordinal), 12);
    }

    [Fact]
    public void Bootstrap_intervals_are_reproducible_and_contain_the_estimate()
    {
        var data = TestData.Complete([-0.5, 0, 0.5], 60, [0, 0.2], [-1, 0, 1], 21);
        var a = ReliabilityAnalysis.Compute(data, null, 300, 7);
        var b = ReliabilityAnalysis.Compute(data, null, 300, 7);
        Assert.Equal(a.AlphaOrdinal, b.AlphaOrdinal);
        Assert.NotNull(a.AlphaOrdinal.Ci95);
        Assert.InRange(a.AlphaOrdinal.Value, a.AlphaOrdinal.Ci95!.Low, a.AlphaOrdinal.Ci95.High);
        Assert.InRange(a.Icc1Overall.Value, a.Icc1Overall.Ci95!.Low, a.Icc1Overall.Ci95.High);
        Assert.True(a.Icc1Overall.Value > 0.3, $"icc {a.Icc1Overall.Value}");
        var c = ReliabilityAnalysis.Compute(data, null, 300, 8);
        Assert.NotEqual(a.AlphaOrdinal.Ci95, c.AlphaOrdinal.Ci95);
    }

    [Fact]
    public void Season_alpha_equals_the_direct_computation_over_candidate_competency_units()
    {
        var data = TestData.Complete([-0.5, 0, 0.5], 40, [0, 0.2], [-1, 0, 1], 22);
        var units = data.Observations.GroupBy(o => (o.Candidate, o.Competency)).Select(g => (IReadOnlyList<int>)g.Select(o => o.Category).ToArray());
        var report = ReliabilityAnalysis.Compute(data, null, 0, 1);
        Assert.Equal(KrippendorffAlpha.Compute(units, AlphaMetric.Ordinal), report.AlphaOrdinal.Value, 12);
    }

    [Fact]
    public void Removing_interviewer_effects_raises_icc_when_interviewers_differ_in_severity()
    {
        var data = TestData.Complete([-1.5, 0, 1.5], 80, [0], [-1, 0, 1], 23);
        var rows = RaschModelTests.ToCsv(data).Split('\n').Skip(1).Where(l => l.Length > 0).ToArray();

        // Give each candidate a single, different interviewer per "slot" so that interviewer effects confound ICC(1).
        var effects = data.InterviewerIds.Select((_, j) => (data.Observations.Where(o => o.Interviewer == j).Average(o => o.Category)) - data.Observations.Average(o => o.Category)).ToArray();
        var raw = ReliabilityAnalysis.Compute(data, null, 0, 1);
        var adjusted = ReliabilityAnalysis.Compute(data, effects, 0, 1);
        Assert.True(adjusted.Icc1AfterCalibration.Value > raw.Icc1Overall.Value);
        Assert.NotEmpty(rows);
    }
}
