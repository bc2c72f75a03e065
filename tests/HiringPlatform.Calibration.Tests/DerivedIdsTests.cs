namespace HiringPlatform.Calibration.Tests;

using HiringPlatform.Calibration.Engine.Import;
using HiringPlatform.ServiceDefaults;
using Xunit;

public sealed class DerivedIdsTests
{
    [Fact]
    public void Derived_ids_are_stable_version_8_ids_that_differ_with_their_input()
    {
        var a = Guid.Parse("0190a000-0000-7000-8000-000000000001");
        var b = Guid.Parse("0190a000-0000-7000-8000-000000000002");

        Assert.Equal(DerivedIds.From(a, b), DerivedIds.From(a, b));
        Assert.NotEqual(DerivedIds.From(a, b), DerivedIds.From(b, a));
        Assert.Equal(8, DerivedIds.From(a, b).Version);
        Assert.Equal(8, DerivedIds.From("candidate:n000001").Version);
        Assert.Equal(0b10, DerivedIds.From("candidate:n000001").Variant >> 2);
        Assert.NotEqual(DerivedIds.From("candidate:n000001"), DerivedIds.From("candidate:n000002"));
    }

    [Theory]
    [InlineData("plain")]
    [InlineData("with, comma")]
    [InlineData("with \"quotes\"")]
    [InlineData("two\nlines")]
    public void A_quoted_field_reads_back_as_itself(string value)
    {
        var table = CsvTable.Parse("t.csv", "candidate_id\n" + CsvTable.Quote(value) + "\n", ["candidate_id"], []);
        Assert.Equal(value, Assert.Single(table.Records).Fields[0]);
    }
}
