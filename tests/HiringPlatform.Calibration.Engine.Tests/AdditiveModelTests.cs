using HiringPlatform.Calibration.Engine.Additive;
using HiringPlatform.Calibration.Engine.Design;
using Xunit;

namespace HiringPlatform.Calibration.Engine.Tests;

public class AdditiveModelTests
{
    private const string Header = "candidate_id,interviewer_id,interview_id,interview_type,competency,rating\n";

    [Fact]
    public void Two_interviewers_of_the_same_candidates_differ_by_their_mean_paired_difference()
    {
        // a: 3, 2, 4 ; b: 2, 2, 3 on the same candidates -> s_a - s_b = 2/3, centred: +1/3 and -1/3.
        var csv = Header + "n1,a,i1,coding,algorithms,3\nn1,b,i2,coding,algorithms,2\nn2,a,i3,coding,algorithms,2\nn2,b,i4,coding,algorithms,2\nn3,a,i5,coding,algorithms,4\nn3,b,i6,coding,algorithms,3\n";
        var data = TestData.FromCsv(csv);
        var fit = AdditiveModel.Fit(data, DesignComponents.Find(data));
        Assert.Equal(1.0 / 3, fit.Interviewers[0].Effect, 12);
        Assert.Equal(-1.0 / 3, fit.Interviewers[1].Effect, 12);

        // Residuals: differences 1, 0, 1 around 2/3; RSS = 2 * (1/9 + 4/9 + 1/9)/... computed via the paired model:
        // e = ±d/2 with d = diff - 2/3 -> RSS = Σ d²/2 = (1/9 + 4/9 + 1/9)/2 = 1/3, df = 6 - 3 - 1 = 2, σ² = 1/6.
        Assert.Equal(1.0 / 6, fit.ResidualVariance, 12);

        // Var(s_a - s_b) = σ²/3 *... with L = [[1.5, -1.5], [-1.5, 1.5]], L⁺ = [[1/6, -1/6], [-1/6, 1/6]] -> SE = sqrt(σ²/6).
        Assert.Equal(Math.Sqrt(1.0 / 36), fit.Interviewers[0].Se, 12);
        Assert.Contains("0.33 points above", fit.Interviewers[0].Explanation, StringComparison.Ordinal);
        Assert.Contains("0.33 points below", fit.Interviewers[1].Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Adding_a_constant_to_one_interviewer_moves_only_that_interviewers_effect()
    {
        var baseData = TestData.Complete([-0.6, -0.2, 0.1, 0.4, 0.7], 50, [0, 0.3], [-1, 0, 1], 31);

        // Shift interviewer r02 by +1 where possible: use the categories 0..3 on a 0-4 scale to stay inside.
        var csv = RaschModelTests.ToCsv(baseData);
        var shifted = string.Join('\n', csv.Split('\n').Select(line =>
        {
            var parts = line.Split(',');
            if (parts.Length == 6 && parts[1] == "r02")
            {
                parts[5] = (int.Parse(parts[5], System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return string.Join(',', parts);
        }));
        var scale = new Import.RatingScale(1, 5);
        var a = TestData.FromCsv(csv, scale: scale);
        var b = TestData.FromCsv(shifted, scale: scale);
        var fa = AdditiveModel.Fit(a, DesignComponents.Find(a));
        var fb = AdditiveModel.Fit(b, DesignComponents.Find(b));
        for (var j = 0; j < 5; j++)
        {
            for (var k = 0; k < 5; k++)
            {
                var before = fa.Interviewers[j].Effect - fa.Interviewers[k].Effect;
                var after = fb.Interviewers[j].Effect - fb.Interviewers[k].Effect;
                var expected = before + (j == 2 ? 1 : 0) - (k == 2 ? 1 : 0);
                Assert.Equal(expected, after, 10);
            }
        }

        for (var c = 0; c < fa.CompetencyEffects.Count; c++)
        {
            Assert.Equal(fa.CompetencyEffects[c], fb.CompetencyEffects[c], 10);
        }
    }

    [Fact]
    public void Shrinkage_pulls_effects_towards_zero_and_keeps_their_order()
    {
        var data = TestData.Complete([-0.8, -0.3, 0, 0.3, 0.8], 40, [0], [-1, 0, 1], 32);
        var fit = AdditiveModel.Fit(data, DesignComponents.Find(data));
        foreach (var i in fit.Interviewers)
        {
            Assert.True(Math.Abs(i.Shrunk) <= Math.Abs(i.Effect) + 1e-12);
            Assert.True(i.ShrunkLow90 <= i.Shrunk && i.Shrunk <= i.ShrunkHigh90);
        }

        var order = fit.Interviewers.OrderBy(i => i.Effect).Select(i => i.Interviewer);
        Assert.Equal(order, fit.Interviewers.OrderBy(i => i.Shrunk).Select(i => i.Interviewer));
        Assert.True(fit.InterviewerVariance > 0);
    }

    [Fact]
    public void Disconnected_interviewer_groups_are_separate_components_and_centred_separately()
    {
        var csv = Header
            + "n1,a,i1,coding,algorithms,3\nn1,b,i2,coding,algorithms,2\nn2,a,i3,coding,algorithms,4\nn2,b,i4,coding,algorithms,2\n"
            + "n3,c,i5,coding,algorithms,1\nn3,d,i6,coding,algorithms,2\nn4,c,i7,coding,algorithms,1\nn4,d,i8,coding,algorithms,3\n"
            + "n5,e,i9,coding,algorithms,4\n";
        var data = TestData.FromCsv(csv);
        var comps = DesignComponents.Find(data);
        Assert.Equal(3, comps.Count);
        Assert.Equal([1, 1, 2, 2, 3], comps.ComponentOfInterviewer);
        Assert.Equal([2, 2, 2, 2, 0], comps.LinkingCandidates);
        var fit = AdditiveModel.Fit(data, comps);
        Assert.Equal(0, fit.Interviewers[0].Effect + fit.Interviewers[1].Effect, 12);
        Assert.Equal(0, fit.Interviewers[2].Effect + fit.Interviewers[3].Effect, 12);
        Assert.Equal(0.75, fit.Interviewers[0].Effect, 12);
        Assert.Equal(-0.75, fit.Interviewers[2].Effect, 12);
        Assert.True(double.IsNaN(fit.Interviewers[4].Se));
    }
}
