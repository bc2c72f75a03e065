namespace HiringPlatform.Calibration.Reports;

using System.Text.Json.Serialization;

/// <summary>
/// A flag's persistence status (docs/calibration-method.md §4.8): actionable when the same interviewer, detector and
/// scope was also flagged in the previous window, otherwise watch. Stored and answered as "watch" / "actionable".
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<FlagStatus>))]
public enum FlagStatus
{
    [JsonStringEnumMemberName(FlagStatusNames.Watch)]
    Watch,

    [JsonStringEnumMemberName(FlagStatusNames.Actionable)]
    Actionable,
}

public static class FlagStatusNames
{
    public const string Watch = "watch";
    public const string Actionable = "actionable";

    /// <summary>The status of a flag found in this window, given whether it held in the previous one too.</summary>
    public static FlagStatus Persistence(bool heldInPreviousWindow) => heldInPreviousWindow ? FlagStatus.Actionable : FlagStatus.Watch;

    /// <summary>The status as the JSON and the dashboard's <c>data-status</c> and CSS classes spell it.</summary>
    public static string Name(this FlagStatus status) => status == FlagStatus.Actionable ? Actionable : Watch;
}
