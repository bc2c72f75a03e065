namespace HiringPlatform.Scheduling.Interviewers;

using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using HiringPlatform.Scheduling.Interviews.Assignment;

/// <summary>Where an interviewer is for one interview type: shadow, then reverse shadow, then qualified.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TrainingStage>))]
public enum TrainingStage
{
    [JsonStringEnumMemberName("shadow")]
    Shadow,

    [JsonStringEnumMemberName("reverse-shadow")]
    ReverseShadow,

    [JsonStringEnumMemberName("qualified")]
    Qualified,
}

/// <summary>How many sessions each training stage needs before the next (Scheduling:Training).</summary>
public sealed class TrainingOptions
{
    public const string Section = "Scheduling:Training";

    [Range(1, 50)]
    public int ShadowSessions { get; set; } = 3;

    [Range(1, 50)]
    public int ReverseShadowSessions { get; set; } = 2;

    public int SessionsFor(TrainingStage stage) => stage switch
    {
        TrainingStage.Shadow => ShadowSessions,
        TrainingStage.ReverseShadow => ReverseShadowSessions,
        _ => 0,
    };

    public static string Name(TrainingStage stage) => stage switch
    {
        TrainingStage.Shadow => "shadow",
        TrainingStage.ReverseShadow => "reverse-shadow",
        _ => "qualified",
    };

    public static TrainingStage? Parse(string? stage) => stage switch
    {
        "shadow" => TrainingStage.Shadow,
        "reverse-shadow" => TrainingStage.ReverseShadow,
        "qualified" => TrainingStage.Qualified,
        _ => null,
    };

    /// <summary>The stages by name, in order.</summary>
    public static readonly IReadOnlyList<string> Names = [.. Enum.GetValues<TrainingStage>().Select(Name)];
}

/// <summary>
/// When an interviewer works, in their own zone: the days and the local hours. An interview must
/// start and end within one working day.
/// </summary>
public sealed record WorkingHours(IReadOnlyList<DayOfWeek> Days, TimeOnly Start, TimeOnly End)
{
    public static readonly WorkingHours Default = new(
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        new TimeOnly(9, 0), new TimeOnly(17, 0));

    public bool Covers(TimeRange time, TimeZoneInfo zone)
    {
        var (start, end) = (time.Start, time.End);
        var localStart = TimeZoneInfo.ConvertTime(start, zone).DateTime;
        var localEnd = TimeZoneInfo.ConvertTime(end, zone).DateTime;
        if (localStart.Date != localEnd.Date || !Days.Contains(localStart.DayOfWeek))
        {
            return false;
        }
        return TimeOnly.FromDateTime(localStart) >= Start && TimeOnly.FromDateTime(localEnd) <= End;
    }

    public static DateOnly MondayOf(DateTime local)
    {
        var date = DateOnly.FromDateTime(local);
        return date.AddDays(-(((int)date.DayOfWeek + 6) % 7));
    }
}
