namespace HiringPlatform.Calibration.Tests;

using HiringPlatform.Calibration.Reports;
using Xunit;

public sealed class ReportRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_empty_request_is_the_platform_as_of_now_over_the_six_months_before_with_the_current_configuration()
    {
        var (request, errors) = RequestReport.Decide(new ReportRequest(), Now);

        Assert.Empty(errors);
        Assert.Equal("platform", request!.RatingSet);
        Assert.Equal(Now, request.AsOf);
        Assert.Equal(Now, request.WindowEnd);
        Assert.Equal(Now.AddMonths(-6), request.WindowStart);
        Assert.Equal(ReportConfigs.Current.Version, request.ConfigVersion);
    }

    [Fact]
    public void The_same_moment_window_and_configuration_give_the_same_key_and_any_difference_another()
    {
        var a = RequestReport.Decide(new ReportRequest(AsOf: Now.AddDays(-1)), Now).Request!;
        var b = RequestReport.Decide(new ReportRequest(AsOf: Now.AddDays(-1).ToOffset(TimeSpan.FromHours(2))), Now.AddHours(5)).Request!;
        var c = RequestReport.Decide(new ReportRequest(AsOf: Now.AddDays(-1), WindowMonths: 3), Now).Request!;
        var d = RequestReport.Decide(new ReportRequest(AsOf: Now.AddDays(-1), WindowEnd: Now.AddDays(-2)), Now).Request!;

        Assert.Equal(a.Key, b.Key);
        Assert.NotEqual(a.Key, c.Key);
        Assert.NotEqual(a.Key, d.Key);
    }

    [Theory]
    [InlineData("asOf")]
    [InlineData("windowMonths")]
    [InlineData("windowEnd")]
    [InlineData("configVersion")]
    [InlineData("ratingSet")]
    public void Each_invalid_field_is_named(string field)
    {
        var request = field switch
        {
            "asOf" => new ReportRequest(AsOf: Now.AddDays(1)),
            "windowMonths" => new ReportRequest(WindowMonths: 0),
            "windowEnd" => new ReportRequest(AsOf: Now.AddDays(-2), WindowEnd: Now.AddDays(-1)),
            "configVersion" => new ReportRequest(ConfigVersion: "calibration-config/1999"),
            _ => new ReportRequest(RatingSet: "somewhere-else"),
        };

        var (valid, errors) = RequestReport.Decide(request, Now);

        Assert.Null(valid);
        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void The_cut_is_the_score_that_best_reproduces_the_decisions()
    {
        var cut = WhatIf.Cut([(1.5, false), (2.0, false), (2.5, false), (3.0, true), (3.5, true), (2.2, true)]);
        // 2.75 misclassifies only 2.2; every other cut misclassifies more.
        Assert.Equal(2.75, cut);
        Assert.Null(WhatIf.Cut([(1.0, true), (2.0, true)]));
    }

    [Fact]
    public void Among_equally_good_cuts_the_middle_one_is_taken()
    {
        // Perfectly separated: every cut between 2.0 and 3.0 works; only the midpoint 2.5 is between them.
        Assert.Equal(2.5, WhatIf.Cut([(1.0, false), (2.0, false), (3.0, true), (4.0, true)]));
    }
}
