namespace HiringPlatform.Calibration.Tests;

using System.Text.Json;
using HiringPlatform.Calibration.Reports;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit;

/// <summary>Where a report keeps its large parts, and what the next report reads of it instead of analysing again.</summary>
[Collection(CalibrationCollection.Name)]
public sealed class ReportStorageTests(CalibrationFixture calibration)
{
    private IDocumentStore Store => calibration.Host.Services.GetRequiredService<IDocumentStore>();

    private static Guid Id(JsonElement report) => report.GetProperty("summary").GetProperty("id").GetGuid();

    [Fact]
    public async Task The_next_months_report_reads_flag_persistence_from_the_stored_analysis_of_the_same_window()
    {
        // The season lies wholly in the window ending a month ago, and so in the previous window of the report ending now:
        // the same input, which the first report analysed and stored.
        var first = await calibration.ReportAsync(new { windowEnd = calibration.SeasonEnd });
        var second = await calibration.ReportAsync(new { });
        Assert.Equal("completed", CalibrationFixture.Status(second));

        await using var session = Store.QuerySession();
        var completed = (await session.Events.FetchStreamAsync(Id(second))).Select(e => e.Data).OfType<ReportCompleted>().Single();
        var readFrom = Assert.Single(completed.PersistenceReadFrom);
        var source = await session.LoadAsync<ReportRun>(readFrom);
        Assert.NotNull(source);
        Assert.Equal(ReportStatus.Completed, source.Status);
        Assert.True(source.CompletedAt <= Moment(second, "requestedAt"), "persistence read from a report completed before this one was requested");

        // The flags it read made the second report's flags actionable, as an analysis of the previous window would have.
        Assert.Contains(second.GetProperty("flags").EnumerateArray(), f => f.GetProperty("status").GetString() == "actionable");
        Assert.All(first.GetProperty("flags").EnumerateArray(), f => Assert.Equal("watch", f.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_reports_engine_report_and_input_files_are_compressed_rows_of_their_own_table_not_its_document()
    {
        var report = await calibration.ReportAsync(new { windowEnd = calibration.SeasonEnd });
        var id = Id(report);

        var schema = Store.Options.DatabaseSchemaName;
        await using var connection = new NpgsqlConnection(calibration.Infrastructure.Postgres);
        await connection.OpenAsync();
        await using var files = new NpgsqlCommand($"select name, length, octet_length(content) from {schema}.{ReportFiles.TableName} where report_id = $1 order by name", connection);
        files.Parameters.Add(new NpgsqlParameter { Value = id });
        var rows = new List<(string Name, long Length, int Stored)>();
        await using (var reader = await files.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt32(2)));
            }
        }
        Assert.Equal([ReportFiles.Blueprints, ReportFiles.Candidates, ReportFiles.Ratings, ReportFiles.Report], rows.Select(r => r.Name));
        var ratings = rows.Single(r => r.Name == ReportFiles.Ratings);
        Assert.True(ratings.Stored < ratings.Length / 3, $"ratings.csv stored in {ratings.Stored} bytes for {ratings.Length}");

        await using var document = new NpgsqlCommand($"select octet_length(data::text) from {schema}.mt_doc_reportcontent where id = $1", connection);
        document.Parameters.Add(new NpgsqlParameter { Value = id });
        var documentBytes = (int)(await document.ExecuteScalarAsync())!;
        Assert.True(documentBytes < ratings.Length / 4, $"the content document holds {documentBytes} bytes, the ratings alone are {ratings.Length}");

        // Readers get the files back as they were written.
        using var client = calibration.Analyst();
        var csv = await client.GetStringAsync($"/api/v1/calibration/reports/{id}/input/ratings.csv");
        Assert.Equal(ratings.Length, System.Text.Encoding.UTF8.GetByteCount(csv));
        Assert.StartsWith("candidate_id,", csv, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Array, report.GetProperty("report").GetProperty("interviewers").ValueKind);
    }

    private static DateTimeOffset Moment(JsonElement report, string name) => report.GetProperty("summary").GetProperty(name).GetDateTimeOffset();
}
