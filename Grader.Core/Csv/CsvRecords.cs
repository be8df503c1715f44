using System.Text;

namespace Grader.Core.Csv;

/// <summary>One record of a CSV file, with the line it starts on so a problem can name it.</summary>
public sealed record CsvRecord(int Line, List<string> Fields);

/// <summary>Reads CSV text the way spreadsheets write it, for every upload that takes a table.</summary>
public static class CsvRecords
{
    /// <summary>
    /// RFC 4180 records (CRLF, LF or CR line ends; quoted fields may hold commas, quotes and line breaks), and the
    /// line of a quote that never closes (null when all close).
    /// </summary>
    public static (List<CsvRecord> Records, int? UnclosedQuoteLine) Read(string text)
    {
        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoteLine = 0;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n' || (c == '\r' && !(i + 1 < text.Length && text[i + 1] == '\n'))) line++;
            if (quoted)
            {
                if (c != '"')
                {
                    field.Append(c);
                }
                else if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else
                {
                    quoted = false;
                }
            }
            else if (c == '"') { quoted = true; quoteLine = line; }
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { i++; line++; }
                fields.Add(field.ToString());
                field.Clear();
                records.Add(new CsvRecord(recordLine, fields));
                fields = [];
                recordLine = line;
            }
            else
            {
                field.Append(c);
            }
        }
        if (quoted) return (records, quoteLine);
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            records.Add(new CsvRecord(recordLine, fields));
        }
        return (records, null);
    }
}
