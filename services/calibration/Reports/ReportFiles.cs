namespace HiringPlatform.Calibration.Reports;

using System.IO.Compression;
using System.Text;
using Marten;
using Npgsql;
using Weasel.Postgresql;
using Weasel.Postgresql.Tables;

/// <summary>
/// A report's large parts, its engine report (JSON) and its three input files (CSV), kept out of the report's Marten
/// document in a table of their own: one gzip-compressed <c>bytea</c> row per file, written in the transaction that
/// completes the report. A window of 600,000 ratings is about 40 MB of CSV; a jsonb document that size is rewritten
/// whole, parsed on every load and held in memory by every reader, a row is streamed only by who asks for that file.
/// </summary>
public static class ReportFiles
{
    public const string Report = "report.json";
    public const string Ratings = "ratings.csv";
    public const string Candidates = "candidates.csv";
    public const string Blueprints = "blueprints.csv";

    public const string TableName = "calibration_report_file";

    /// <summary>The table, created with the rest of the service's schema (Marten's extended schema objects).</summary>
    public static Table Table(string schema)
    {
        var table = new Table(new PostgresqlObjectName(schema, TableName, SchemaUtils.IdentifierUsage.General));
        table.AddColumn<Guid>("report_id").AsPrimaryKey();
        table.AddColumn("name", "text").AsPrimaryKey();
        table.AddColumn("length", "bigint").NotNull();
        table.AddColumn("content", "bytea").NotNull();
        return table;
    }

    /// <summary>Queues the file's row in the session's transaction (written by <c>SaveChangesAsync</c> with the report's events).</summary>
    public static void Store(IDocumentSession session, Guid reportId, string name, string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        session.QueueSqlCommand(
            $"insert into {session.DocumentStore.Options.DatabaseSchemaName}.{TableName} (report_id, name, length, content) values (?, ?, ?, ?) " +
            "on conflict (report_id, name) do update set length = excluded.length, content = excluded.content",
            reportId, name, (long)bytes.Length, Compress(bytes));
    }

    /// <summary>The file's text, or null when the report has no such file.</summary>
    public static async Task<string?> ReadAsync(IQuerySession session, Guid reportId, string name, CancellationToken token)
    {
        var schema = session.DocumentStore.Options.DatabaseSchemaName;
        await using var connection = session.Database.CreateConnection();
        await connection.OpenAsync(token);
        await using (var command = new NpgsqlCommand($"select content from {schema}.{TableName} where report_id = $1 and name = $2", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = reportId });
            command.Parameters.Add(new NpgsqlParameter { Value = name });
            if (await command.ExecuteScalarAsync(token) is byte[] content)
            {
                return Decompress(content);
            }
        }

        // Reports completed before the files had a table kept them in their content document.
        await using var legacy = new NpgsqlCommand($"select data ->> $2 from {schema}.mt_doc_reportcontent where id = $1", connection);
        legacy.Parameters.Add(new NpgsqlParameter { Value = reportId });
        legacy.Parameters.Add(new NpgsqlParameter { Value = LegacyProperty(name) });
        try
        {
            return await legacy.ExecuteScalarAsync(token) as string;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return null;
        }
    }

    private static string LegacyProperty(string name) => name switch
    {
        Report => "ReportJson",
        Ratings => "Ratings",
        Candidates => "Candidates",
        Blueprints => "Blueprints",
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "not a report file"),
    };

    /// <summary>
    /// Rewrites every stored file called <paramref name="name"/> whose text contains <paramref name="containing"/>
    /// (an erasure removing a name): <paramref name="rewrite"/> gets the text and returns the new one. Returns how many changed.
    /// </summary>
    public static async Task<int> RewriteAsync(IDocumentStore store, string name, string containing, Func<string, string> rewrite,
        CancellationToken token)
    {
        var schema = store.Options.DatabaseSchemaName;
        await using var connection = new NpgsqlConnection(store.Options.Tenancy.Default.Database.CreateConnection().ConnectionString);
        await connection.OpenAsync(token);
        var rows = new List<(Guid Report, string Text)>();
        await using (var read = new NpgsqlCommand($"select report_id, content from {schema}.{TableName} where name = $1", connection))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = name });
            await using var reader = await read.ExecuteReaderAsync(token);
            while (await reader.ReadAsync(token))
            {
                var text = Decompress((byte[])reader[1]);
                if (text.Contains(containing, StringComparison.Ordinal))
                {
                    rows.Add((reader.GetGuid(0), text));
                }
            }
        }
        foreach (var (report, text) in rows)
        {
            var bytes = Encoding.UTF8.GetBytes(rewrite(text));
            await using var write = new NpgsqlCommand(
                $"update {schema}.{TableName} set length = $3, content = $4 where report_id = $1 and name = $2", connection);
            write.Parameters.Add(new NpgsqlParameter { Value = report });
            write.Parameters.Add(new NpgsqlParameter { Value = name });
            write.Parameters.Add(new NpgsqlParameter { Value = (long)bytes.Length });
            write.Parameters.Add(new NpgsqlParameter { Value = Compress(bytes) });
            await write.ExecuteNonQueryAsync(token);
        }
        return rows.Count;
    }

    private static byte[] Compress(byte[] bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }
        return buffer.ToArray();
    }

    private static string Decompress(byte[] content)
    {
        using var gzip = new GZipStream(new MemoryStream(content), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
