namespace HiringPlatform.Scheduling.Interviewers;

using System.Globalization;
using System.Xml;

/// <summary>
/// Busy periods from an iCalendar (RFC 5545) text: FREEBUSY lines of VFREEBUSY components (busy
/// types only, periods as start/end or start/duration) and VEVENTs (DTSTART with DTEND or
/// DURATION; UTC, TZID or floating times, the latter in the interviewer's zone; all-day dates;
/// transparent and cancelled events skipped). A small subset, parsed here rather than with a library.
/// </summary>
public static class ICalendarBusy
{
    public static (List<BusyBlock> Busy, List<string> Errors) Parse(string text, TimeZoneInfo zone)
    {
        var busy = new List<BusyBlock>();
        var errors = new List<string>();
        var lines = Unfold(text);
        if (lines.Count == 0 || !lines[0].Equals("BEGIN:VCALENDAR", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add("Not an iCalendar text: it must start with BEGIN:VCALENDAR.");
            return (busy, errors);
        }
        Dictionary<string, (Dictionary<string, string> Parameters, string Value)>? evt = null;
        var inFreeBusy = false;
        foreach (var (line, number) in lines.Select((l, i) => (l, i + 1)))
        {
            var (name, parameters, value) = Split(line);
            switch (name)
            {
                case "BEGIN" when value.Equals("VEVENT", StringComparison.OrdinalIgnoreCase):
                    evt = new Dictionary<string, (Dictionary<string, string>, string)>(StringComparer.OrdinalIgnoreCase);
                    break;
                case "END" when value.Equals("VEVENT", StringComparison.OrdinalIgnoreCase) && evt is not null:
                    Event(evt, zone, busy, errors, number);
                    evt = null;
                    break;
                case "BEGIN" when value.Equals("VFREEBUSY", StringComparison.OrdinalIgnoreCase):
                    inFreeBusy = true;
                    break;
                case "END" when value.Equals("VFREEBUSY", StringComparison.OrdinalIgnoreCase):
                    inFreeBusy = false;
                    break;
                case "FREEBUSY" when inFreeBusy:
                    var type = parameters.GetValueOrDefault("FBTYPE", "BUSY").ToUpperInvariant();
                    if (type is "FREE")
                    {
                        break;
                    }
                    foreach (var period in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        var parts = period.Split('/');
                        if (parts.Length != 2 || Time(parts[0], null, zone) is not { } start
                            || (parts[1].StartsWith('P') ? Add(start, parts[1]) : Time(parts[1], null, zone)) is not { } end)
                        {
                            errors.Add($"Line {number}: malformed FREEBUSY period '{period}'.");
                            continue;
                        }
                        Add(busy, errors, start, end, number);
                    }
                    break;
                default:
                    if (evt is not null && name.Length > 0)
                    {
                        evt[name] = (parameters, value);
                    }
                    break;
            }
        }
        return (busy, errors);
    }

    /// <summary>Overlapping or touching periods joined, in order (calendars overlap; busy blocks may not).</summary>
    public static List<BusyBlock> Merge(IEnumerable<BusyBlock> blocks)
    {
        var merged = new List<BusyBlock>();
        foreach (var block in blocks.OrderBy(b => b.StartsAt))
        {
            if (merged.Count > 0 && block.StartsAt <= merged[^1].EndsAt)
            {
                if (block.EndsAt > merged[^1].EndsAt)
                {
                    merged[^1] = merged[^1] with { EndsAt = block.EndsAt };
                }
            }
            else
            {
                merged.Add(block);
            }
        }
        return merged;
    }

    private static void Event(Dictionary<string, (Dictionary<string, string> Parameters, string Value)> evt, TimeZoneInfo zone,
        List<BusyBlock> busy, List<string> errors, int number)
    {
        if (evt.TryGetValue("TRANSP", out var transp) && transp.Value.Equals("TRANSPARENT", StringComparison.OrdinalIgnoreCase)
            || evt.TryGetValue("STATUS", out var status) && status.Value.Equals("CANCELLED", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }
        if (!evt.TryGetValue("DTSTART", out var dtStart))
        {
            errors.Add($"Line {number}: a VEVENT without DTSTART.");
            return;
        }
        var allDay = dtStart.Parameters.GetValueOrDefault("VALUE", "").Equals("DATE", StringComparison.OrdinalIgnoreCase)
            || dtStart.Value.Length == 8;
        var start = Time(dtStart.Value, dtStart.Parameters.GetValueOrDefault("TZID"), zone);
        DateTimeOffset? end = evt.TryGetValue("DTEND", out var dtEnd)
            ? Time(dtEnd.Value, dtEnd.Parameters.GetValueOrDefault("TZID"), zone)
            : evt.TryGetValue("DURATION", out var duration) && start is { } s ? Add(s, duration.Value)
            : allDay && start is { } day ? Add(day, "P1D") : null;
        if (start is null || end is null)
        {
            errors.Add($"Line {number}: a VEVENT with a malformed DTSTART, DTEND or DURATION.");
            return;
        }
        Add(busy, errors, start.Value, end.Value, number);
    }

    private static void Add(List<BusyBlock> busy, List<string> errors, DateTimeOffset start, DateTimeOffset end, int number)
    {
        if (end <= start)
        {
            errors.Add($"Line {number}: a busy period that ends before it starts.");
            return;
        }
        busy.Add(new BusyBlock(start.ToUniversalTime(), end.ToUniversalTime()));
    }

    private static DateTimeOffset? Time(string value, string? tzid, TimeZoneInfo zone)
    {
        string[] formats = ["yyyyMMdd'T'HHmmss'Z'", "yyyyMMdd'T'HHmmss", "yyyyMMdd"];
        if (!DateTime.TryParseExact(value.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            return null;
        }
        if (value.Trim().EndsWith('Z'))
        {
            return new DateTimeOffset(DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified), TimeSpan.Zero);
        }
        var local = tzid is null ? zone : SchedulingVocabulary.Zone(tzid.Trim('"'));
        if (local is null)
        {
            return null;
        }
        var unspecified = DateTime.SpecifyKind(parsed, DateTimeKind.Unspecified);
        if (local.IsInvalidTime(unspecified))
        {
            unspecified = unspecified.AddHours(1);
        }
        return new DateTimeOffset(unspecified, local.GetUtcOffset(unspecified));
    }

    private static DateTimeOffset? Add(DateTimeOffset start, string duration)
    {
        try
        {
            return start + XmlConvert.ToTimeSpan(duration.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static List<string> Unfold(string text)
    {
        var lines = new List<string>();
        foreach (var raw in text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (raw.Length > 0 && (raw[0] == ' ' || raw[0] == '\t') && lines.Count > 0)
            {
                lines[^1] += raw[1..];
            }
            else if (raw.Trim().Length > 0)
            {
                lines.Add(raw.TrimEnd());
            }
        }
        return lines;
    }

    private static (string Name, Dictionary<string, string> Parameters, string Value) Split(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return ("", [], "");
        }
        var head = line[..colon].Split(';');
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in head.Skip(1))
        {
            var eq = p.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                parameters[p[..eq]] = p[(eq + 1)..];
            }
        }
        return (head[0].ToUpperInvariant(), parameters, line[(colon + 1)..]);
    }
}
