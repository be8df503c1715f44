using System.Text;
using System.Text.RegularExpressions;
using Grader.Core.Csv;
using Grader.Grading.Text;

namespace Grader.Api.Courses;

/// <summary>A student of a roster file, with the line the record starts on so a problem can name it.</summary>
public sealed record RosterEntry(int Line, string StudentNumber, string Login, string Name);

/// <summary>What is wrong with one line of a roster file: the column (or "file") and a message code.</summary>
public sealed record RosterProblem(int Line, string Column, string Code);

/// <summary>
/// Reads a class roster: RFC 4180 CSV in UTF-8 with or without a byte-order mark, one student per record with
/// student number, login and name. A first record made of column names (학번/아이디/이름, or English) is a
/// header and may order the columns freely; without one the order is student number, login, name. The whole
/// file is checked before anything is stored, so every problem comes back at once, each naming its line.
/// </summary>
public static partial class RosterCsv
{
    public const int MaxBytes = 1024 * 1024;
    /// <summary>A school year's worth; each new account costs a PBKDF2 hash, so the upload stays within seconds.</summary>
    public const int MaxStudents = 300;

    public const string StudentNumberColumn = "studentNumber";
    public const string LoginColumn = "login";
    public const string NameColumn = "name";

    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly byte[] s_byteOrderMark = [0xEF, 0xBB, 0xBF];

    /// <summary>Header words per column, compared without case, spaces, dots, dashes or underscores.</summary>
    private static readonly Dictionary<string, string> s_headerWords = new()
    {
        ["학번"] = StudentNumberColumn, ["번호"] = StudentNumberColumn, ["studentnumber"] = StudentNumberColumn,
        ["number"] = StudentNumberColumn, ["no"] = StudentNumberColumn,
        ["아이디"] = LoginColumn, ["로그인"] = LoginColumn, ["login"] = LoginColumn, ["id"] = LoginColumn, ["userid"] = LoginColumn,
        ["이름"] = NameColumn, ["성명"] = NameColumn, ["name"] = NameColumn,
    };

    private static readonly string[] s_positionalColumns = [StudentNumberColumn, LoginColumn, NameColumn];

    /// <summary>Logins are typed by children on school tablets: ASCII letters, digits, dot, dash, underscore.</summary>
    [GeneratedRegex("^[A-Za-z0-9._-]{2,64}$")]
    private static partial Regex LoginPattern();

    public static (IReadOnlyList<RosterEntry> Entries, IReadOnlyList<RosterProblem> Problems) Read(byte[] bytes)
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
            return ([], [new RosterProblem(line, "file", "roster.encoding")]);
        }

        var (records, unclosedQuoteLine) = CsvRecords.Read(text);
        if (unclosedQuoteLine is { } open) return ([], [new RosterProblem(open, "file", "roster.quote")]);
        records = records.Where(r => r.Fields.Any(f => !string.IsNullOrWhiteSpace(f))).ToList();
        if (records.Count == 0) return ([], [new RosterProblem(1, "file", "roster.empty")]);

        var problems = new List<RosterProblem>();
        var columns = HeaderColumns(records[0].Fields);
        if (columns is not null)
        {
            foreach (var missing in s_positionalColumns.Where(c => !columns.Contains(c)))
                problems.Add(new RosterProblem(records[0].Line, missing, "roster.column_missing"));
            records.RemoveAt(0);
            if (problems.Count > 0) return ([], problems);
        }
        if (records.Count == 0) return ([], [new RosterProblem(1, "file", "roster.empty")]);
        if (records.Count > MaxStudents) return ([], [new RosterProblem(records[MaxStudents].Line, "file", "roster.too_many")]);

        var entries = new List<RosterEntry>();
        var seenLogins = new Dictionary<string, int>(StringComparer.Ordinal);
        var seenNumbers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (line, fields) in records)
        {
            string Field(string column)
            {
                var index = Array.IndexOf(columns ?? s_positionalColumns, column);
                return index >= 0 && index < fields.Count ? fields[index].Trim() : "";
            }
            var entry = new RosterEntry(line, Field(StudentNumberColumn), Field(LoginColumn), Field(NameColumn));
            problems.AddRange(Check(entry, seenLogins, seenNumbers));
            entries.Add(entry);
        }
        return problems.Count > 0 ? ([], problems) : (entries, []);
    }

    /// <summary>One student typed into the course page's form, checked as a roster line of its own.</summary>
    public static IReadOnlyList<RosterProblem> Check(RosterEntry entry) => Check(entry, [], []).ToList();

    private static IEnumerable<RosterProblem> Check(RosterEntry entry, Dictionary<string, int> seenLogins, Dictionary<string, int> seenNumbers)
    {
        if (entry.StudentNumber.Length == 0) yield return new(entry.Line, StudentNumberColumn, "field.required");
        else if (entry.StudentNumber.Length > 20) yield return new(entry.Line, StudentNumberColumn, "field.too_long");
        else if (!seenNumbers.TryAdd(entry.StudentNumber, entry.Line)) yield return new(entry.Line, StudentNumberColumn, "roster.duplicate");

        if (entry.Login.Length == 0) yield return new(entry.Line, LoginColumn, "field.required");
        else if (!LoginPattern().IsMatch(entry.Login)) yield return new(entry.Line, LoginColumn, "login.format");
        else if (!seenLogins.TryAdd(entry.Login, entry.Line)) yield return new(entry.Line, LoginColumn, "roster.duplicate");

        if (entry.Name.Length == 0) yield return new(entry.Line, NameColumn, "field.required");
        else if (entry.Name.Length > 100) yield return new(entry.Line, NameColumn, "field.too_long");

        foreach (var (column, value) in new[] { (StudentNumberColumn, entry.StudentNumber), (NameColumn, entry.Name) })
            if (StorableText.HasUnstorable(value)) yield return new(entry.Line, column, "field.unstorable");
    }

    /// <summary>The column of each field when the record is a header (a field names a known column); otherwise null.</summary>
    private static string?[]? HeaderColumns(IReadOnlyList<string> fields)
    {
        var columns = fields.Select(f => s_headerWords.GetValueOrDefault(Normalise(f))).ToArray();
        return columns.Any(c => c is not null) ? columns : null;
    }

    private static string Normalise(string field) =>
        string.Concat(field.Where(c => !char.IsWhiteSpace(c) && c is not ('_' or '-' or '.'))).ToLowerInvariant();
}
