using System.Text;
using Grader.Core.Csv;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grader.Api.Infrastructure;

/// <summary>What is wrong with one line of an uploaded table: the column (or "file") and a message code.</summary>
public sealed record CsvProblem(int Line, string Column, string Code);

/// <summary>One record of an uploaded table, its fields in the order of <see cref="CsvShape.Columns"/>.</summary>
public sealed record CsvRow(int Line, IReadOnlyList<string> Values);

/// <summary>
/// The columns an upload takes, in the order a file without a header gives them; the header words (compared
/// without case, spaces, dots, dashes or underscores) that name each; and the message codes of a file that lists
/// nothing, lacks a column or lists too many. A header may leave out the <paramref name="OptionalColumns"/> (read as "").
/// </summary>
public sealed record CsvShape(IReadOnlyList<string> Columns, IReadOnlyDictionary<string, string> HeaderWords, int MaxRows,
    string EmptyCode, string ColumnMissingCode, string TooManyCode, IReadOnlyList<string>? OptionalColumns = null);

/// <summary>
/// Reads an uploaded table (a roster, a list of accounts): RFC 4180 CSV in UTF-8 with or without a byte-order mark.
/// A first record with a field naming a known column is a header and may order the columns freely and add others;
/// without one the columns come in the shape's order. Blank records are skipped; fields are trimmed.
/// </summary>
public static class CsvUpload
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly byte[] s_byteOrderMark = [0xEF, 0xBB, 0xBF];

    public static (IReadOnlyList<CsvRow> Rows, CsvProblem[] Problems) Read(byte[] bytes, CsvShape shape)
    {
        var body = bytes.AsSpan().StartsWith(s_byteOrderMark) ? bytes[s_byteOrderMark.Length..] : bytes;
        string text;
        try
        {
            text = s_strictUtf8.GetString(body);
        }
        catch (DecoderFallbackException invalid)
        {
            // Excel's "CSV" in Korean Windows is CP949: say which line holds the first byte that is not UTF-8.
            var line = 1 + body.AsSpan(0, Math.Clamp(invalid.Index, 0, body.Length)).Count((byte)'\n');
            return ([], [new CsvProblem(line, "file", "roster.encoding")]);
        }

        var (records, unclosedQuoteLine) = CsvRecords.Read(text);
        if (unclosedQuoteLine is { } open) return ([], [new CsvProblem(open, "file", "roster.quote")]);
        records = records.Where(r => r.Fields.Any(f => !string.IsNullOrWhiteSpace(f))).ToList();
        if (records.Count == 0) return ([], [new CsvProblem(1, "file", shape.EmptyCode)]);

        var columns = HeaderColumns(records[0].Fields, shape);
        if (columns is not null)
        {
            var missing = shape.Columns.Where(c => !columns.Contains(c) && shape.OptionalColumns?.Contains(c) != true)
                .Select(c => new CsvProblem(records[0].Line, c, shape.ColumnMissingCode)).ToArray();
            if (missing.Length > 0) return ([], missing);
            records.RemoveAt(0);
        }
        if (records.Count == 0) return ([], [new CsvProblem(1, "file", shape.EmptyCode)]);
        if (records.Count > shape.MaxRows) return ([], [new CsvProblem(records[shape.MaxRows].Line, "file", shape.TooManyCode)]);

        var order = columns ?? shape.Columns.ToArray();
        return (records.Select(r => new CsvRow(r.Line, shape.Columns.Select(column =>
        {
            var index = Array.IndexOf(order, column);
            return index >= 0 && index < r.Fields.Count ? r.Fields[index].Trim() : "";
        }).ToList())).ToList(), []);
    }

    /// <summary>422 <paramref name="code"/> with an error per line and column (`line 3: login`), and the lines to fix in `lines`.</summary>
    public static ProblemHttpResult Refuse(IReadOnlyList<CsvProblem> problems, string code)
    {
        var result = Problems.Invalid(
            problems.GroupBy(p => $"line {p.Line}: {p.Column}").ToDictionary(g => g.Key, g => g.Select(p => p.Code).ToArray()),
            code);
        var lines = problems.Select(p => p.Line).Distinct().Order().ToList();
        result.ProblemDetails.Detail = string.Format(Messages.Text("roster.lines"), string.Join(", ", lines));
        result.ProblemDetails.Extensions["lines"] = lines;
        return result;
    }

    /// <summary>The column of each field when the record is a header (a field names a known column); otherwise null.</summary>
    private static string?[]? HeaderColumns(IReadOnlyList<string> fields, CsvShape shape)
    {
        var columns = fields.Select(f => shape.HeaderWords.GetValueOrDefault(Normalise(f))).ToArray();
        return columns.Any(c => c is not null) ? columns : null;
    }

    private static string Normalise(string field) =>
        string.Concat(field.Where(c => !char.IsWhiteSpace(c) && c is not ('_' or '-' or '.'))).ToLowerInvariant();
}
