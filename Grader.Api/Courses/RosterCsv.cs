using System.Text.RegularExpressions;
using Grader.Api.Infrastructure;
using Grader.Grading.Text;

namespace Grader.Api.Courses;

/// <summary>A student of a roster file, with the line the record starts on so a problem can name it.</summary>
public sealed record RosterEntry(int Line, string StudentNumber, string Login, string Name);

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

    /// <summary>Header words per column; without a header the order is student number, login, name.</summary>
    private static readonly CsvShape s_shape = new([StudentNumberColumn, LoginColumn, NameColumn], new Dictionary<string, string>
    {
        ["학번"] = StudentNumberColumn, ["번호"] = StudentNumberColumn, ["studentnumber"] = StudentNumberColumn,
        ["number"] = StudentNumberColumn, ["no"] = StudentNumberColumn,
        ["아이디"] = LoginColumn, ["로그인"] = LoginColumn, ["login"] = LoginColumn, ["id"] = LoginColumn, ["userid"] = LoginColumn,
        ["이름"] = NameColumn, ["성명"] = NameColumn, ["name"] = NameColumn,
    }, MaxStudents, "roster.empty", "roster.column_missing", "roster.too_many");

    /// <summary>Logins are typed by children on school tablets: ASCII letters, digits, dot, dash, underscore.</summary>
    [GeneratedRegex("^[A-Za-z0-9._-]{2,64}$")]
    private static partial Regex LoginPattern();

    public static (IReadOnlyList<RosterEntry> Entries, IReadOnlyList<CsvProblem> Problems) Read(byte[] bytes)
    {
        var (rows, problems) = CsvUpload.Read(bytes, s_shape);
        if (problems.Length > 0) return ([], problems);
        var entries = rows.Select(r => new RosterEntry(r.Line, r.Values[0], r.Values[1], r.Values[2])).ToList();
        var seenLogins = new Dictionary<string, int>(StringComparer.Ordinal);
        var seenNumbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var entryProblems = entries.SelectMany(e => Check(e, seenLogins, seenNumbers)).ToList();
        return entryProblems.Count > 0 ? ([], entryProblems) : (entries, []);
    }

    /// <summary>One student typed into the course page's form, checked as a roster line of its own.</summary>
    public static IReadOnlyList<CsvProblem> Check(RosterEntry entry) => Check(entry, [], []).ToList();

    private static IEnumerable<CsvProblem> Check(RosterEntry entry, Dictionary<string, int> seenLogins, Dictionary<string, int> seenNumbers)
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
}
