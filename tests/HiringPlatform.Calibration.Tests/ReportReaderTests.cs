namespace HiringPlatform.Calibration.Tests;

using System.Security.Claims;
using HiringPlatform.Calibration.Dashboard;
using HiringPlatform.Calibration.Reports;
using HiringPlatform.ServiceDefaults.Security;
using Xunit;

public sealed class ReportReaderTests
{
    private static FlagState Flag(string detector) => new("i1", detector, null, null, FlagStatus.Watch, "reason", 0.5, 0.01, []);

    private static ClaimsPrincipal User(params string[] roles) =>
        new(new ClaimsIdentity(roles.Select(r => new Claim(ClaimTypes.Role, r)), "test"));

    [Fact]
    public void Only_the_compliance_role_sees_group_bias_and_adverse_impact()
    {
        Assert.True(ReportReader.Of(User(Roles.Compliance)).SeesGroupFindings);
        Assert.False(ReportReader.Of(User(Roles.Analyst, Roles.Admin)).SeesGroupFindings);

        foreach (var detector in new[] { "group-bias", "adverse-impact" })
        {
            Assert.True(ReportReader.IsGroupFinding(detector));
            Assert.True(ReportReader.Compliance.Sees(detector));
            Assert.False(ReportReader.WithoutCompliance.Sees(detector));
        }

        Assert.True(ReportReader.WithoutCompliance.Sees("severe"));
        Assert.False(ReportReader.IsGroupFinding("cog-in-a-machine"));
    }

    [Fact]
    public void A_reader_without_compliance_gets_the_flags_without_the_group_findings()
    {
        IReadOnlyList<FlagState> flags = [Flag("severe"), Flag("group-bias"), Flag("halo"), Flag("adverse-impact")];

        Assert.Same(flags, ReportReader.Compliance.Visible(flags));
        Assert.Equal(["severe", "halo"], ReportReader.WithoutCompliance.Visible(flags).Select(f => f.Detector));
    }
}
