namespace HiringPlatform.Calibration.Engine.Import;

/// <summary>A bad input file: the message names the file, the line, the column and what was expected.</summary>
public sealed class CalibrationImportException(string message) : Exception(message)
{
    public static CalibrationImportException At(string file, int line, int column, string columnName, string expected, string found) =>
        new($"{file}:{line}:{column} (column '{columnName}'): expected {expected}, found {Quote(found)}");

    public static CalibrationImportException AtLine(string file, int line, string problem) => new($"{file}:{line}: {problem}");

    private static string Quote(string s) => s.Length == 0 ? "an empty value" : $"'{s}'";
}

/// <summary>One parsed CSV record with the physical line it started on.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>An RFC 4180 CSV file read completely into memory: header plus records. Parsing never half-reads: any error throws before a result exists.</summary>
public sealed class CsvTable
{
    private readonly Dictionary<string, int> _columns;

    private CsvTable(string fileName, IReadOnlyList<string> header, IReadOnlyList<CsvRecord> records)
    {
        FileName = fileName;
        Header = header;
        Records = records;
        _columns = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < header.Count; i++)
        {
            _columns[header[i]] = i;
        }
    }

    public string FileName { get; }

    public IReadOnlyList<string> Header { get; }

    public IReadOnlyList<CsvRecord> Records { get; }

    /// <summary>One field as written in a CSV line: quoted (with doubled quotes) when it holds a comma, quote or line break.</summary>
    public static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    /// <summary>Zero-based column index, or -1.</summary>
    public int IndexOf(string column) => _columns.TryGetValue(column, out var i) ? i : -1;

    public static CsvTable Parse(string fileName, string text, IReadOnlyCollection<string> required, IReadOnlyCollection<string> optional)
    {
        var rows = Tokenize(fileName, text);
        if (rows.Count == 0)
        {
            throw CalibrationImportException.AtLine(fileName, 1, $"expected a header line with the columns {string.Join(", ", required)}, found an empty file");
        }

        var header = rows[0].Fields.Select(h => h.Trim()).ToArray();
        if (header.Length > 0 && header[0].Length > 0 && header[0][0] == '\uFEFF')
        {
            header[0] = header[0][1..];
        }

        var known = required.Concat(optional).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < header.Length; i++)
        {
            if (!known.Contains(header[i]))
            {
                throw CalibrationImportException.At(fileName, 1, i + 1, header[i], $"one of the column names {string.Join(", ", known)}", header[i]);
            }

            if (!seen.Add(header[i]))
            {
                throw CalibrationImportException.At(fileName, 1, i + 1, header[i], "each column name once", header[i]);
            }
        }

        foreach (var r in required)
        {
            if (!seen.Contains(r))
            {
                throw CalibrationImportException.AtLine(fileName, 1, $"missing required column '{r}' in the header (required: {string.Join(", ", required)})");
            }
        }

        var records = new List<CsvRecord>(rows.Count - 1);
        foreach (var row in rows.Skip(1))
        {
            if (row.Fields.Count == 1 && row.Fields[0].Length == 0)
            {
                continue; // blank line
            }

            if (row.Fields.Count != header.Length)
            {
                throw CalibrationImportException.AtLine(fileName, row.Line, $"expected {header.Length} fields as in the header, found {row.Fields.Count}");
            }

            records.Add(row);
        }

        return new CsvTable(fileName, header, records);
    }

    private static List<CsvRecord> Tokenize(string fileName, string text)
    {
        var rows = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new FieldText();
        var line = 1;
        var recordLine = 1;
        var inQuotes = false;
        var fieldWasQuoted = false;
        var i = 0;
        while (i < text.Length)
        {
            var ch = text[i];
            if (inQuotes)
            {
                if (ch == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i += 2;
                        continue;
                    }

                    inQuotes = false;
                    i++;
                    continue;
                }

                if (ch == '\n')
                {
                    line++;
                }

                field.Append(ch);
                i++;
                continue;
            }

            switch (ch)
            {
                case '"' when field.Length == 0 && !fieldWasQuoted:
                    inQuotes = true;
                    fieldWasQuoted = true;
                    i++;
                    break;
                case '"':
                    throw CalibrationImportException.At(fileName, line, fields.Count + 1, $"#{fields.Count + 1}", "a quote only at the start of a field", field.ToString() + "\"");
                case ',':
                    fields.Add(field.Take());
                    fieldWasQuoted = false;
                    i++;
                    break;
                case '\r':
                    i++;
                    break;
                case '\n':
                    fields.Add(field.Take());
                    rows.Add(new CsvRecord(recordLine, fields.ToArray()));
                    fields.Clear();
                    fieldWasQuoted = false;
                    line++;
                    recordLine = line;
                    i++;
                    break;
                default:
                    if (fieldWasQuoted)
                    {
                        throw CalibrationImportException.At(fileName, line, fields.Count + 1, $"#{fields.Count + 1}", "a delimiter after a closing quote", field.ToString() + ch);
                    }

                    field.Append(ch);
                    i++;
                    break;
            }
        }

        if (inQuotes)
        {
            throw CalibrationImportException.AtLine(fileName, recordLine, "expected a closing quote before the end of the file");
        }

        if (field.Length > 0 || fields.Count > 0 || fieldWasQuoted)
        {
            fields.Add(field.Take());
            rows.Add(new CsvRecord(recordLine, fields.ToArray()));
        }

        return rows;
    }

    /// <summary>
    /// The field being read, and every value read so far: a value that repeats (an interviewer's id on each of their
    /// ratings, a scorecard's interview id and time on each of its competencies, the type and competency names) is one
    /// string however often it occurs, so a file of hundreds of thousands of ratings holds its distinct values once.
    /// </summary>
    private sealed class FieldText
    {
        private const int LongestShared = 128;
        private readonly Dictionary<string, string> seen = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> lookup;
        private char[] chars = new char[64];

        public FieldText() => lookup = seen.GetAlternateLookup<ReadOnlySpan<char>>();

        public int Length { get; private set; }

        public void Append(char ch)
        {
            if (Length == chars.Length)
            {
                Array.Resize(ref chars, chars.Length * 2);
            }
            chars[Length++] = ch;
        }

        /// <summary>The field's value (shared with every earlier field of the same text), and an empty field after it.</summary>
        public string Take()
        {
            var span = chars.AsSpan(0, Length);
            Length = 0;
            if (span.Length > LongestShared)
            {
                return new string(span);
            }
            if (!lookup.TryGetValue(span, out var value))
            {
                value = new string(span);
                seen.Add(value, value);
            }
            return value;
        }

        public override string ToString() => new(chars, 0, Length);
    }
}
