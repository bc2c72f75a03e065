namespace HiringPlatform.Calibration.Tests;

using System.Text.Json;
using System.Text.Json.Serialization;
using HiringPlatform.Calibration.Dashboard;
using HiringPlatform.Calibration.Reports;
using Xunit;

public sealed class FlagStatusTests
{
    private static readonly JsonSerializerOptions Api = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) } };

    [Fact]
    public void A_flag_is_actionable_only_when_it_held_in_the_previous_window()
    {
        Assert.Equal(FlagStatus.Actionable, FlagStatusNames.Persistence(heldInPreviousWindow: true));
        Assert.Equal(FlagStatus.Watch, FlagStatusNames.Persistence(heldInPreviousWindow: false));
        Assert.Equal("actionable", FlagStatus.Actionable.Name());
        Assert.Equal("watch", FlagStatus.Watch.Name());
    }

    [Theory]
    [InlineData(FlagStatus.Watch, "\"watch\"")]
    [InlineData(FlagStatus.Actionable, "\"actionable\"")]
    public void The_status_is_stored_and_answered_as_the_same_strings_as_before(FlagStatus status, string json)
    {
        // Marten's documents and events (plain System.Text.Json) and the API (web options with kebab-case enums) alike.
        Assert.Equal(json, JsonSerializer.Serialize(status));
        Assert.Equal(json, JsonSerializer.Serialize(status, Api));
        Assert.Equal(status, JsonSerializer.Deserialize<FlagStatus>(json));
        var flag = new FlagState("i1", "severe", "harsher", null, status, "reason", 0.8, 0.01, []);
        Assert.Contains($"\"status\":{json}", JsonSerializer.Serialize(flag, Api), StringComparison.Ordinal);
        Assert.Equal(status, JsonSerializer.Deserialize<FlagState>(JsonSerializer.Serialize(flag))!.Status);
    }
}
