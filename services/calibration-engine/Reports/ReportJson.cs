using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HiringPlatform.Calibration.Engine.Reports;

/// <summary>Deterministic JSON: camelCase, indented, nulls omitted, LF line endings, trailing newline.</summary>
public static class ReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    public static string Serialize(CalibrationReport report) => JsonSerializer.Serialize(report, Options) + "\n";
}
