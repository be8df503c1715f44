using System.Globalization;
using System.Text;

namespace Grader.Core.Gradebook;

/// <summary>Column headings and words of the CSV export; teachers open it in Excel, so it speaks their language.</summary>
public sealed record GradebookCsvLabels(
    string Name,
    string Login,
    string AchievementRate,
    string Level,
    string SessionsAttended,
    string SessionsHeld,
    string CreditEarned,
    string Status,
    string BelowMinimumAchievement,
    string NarrativeNote,
    string Yes,
    string No,
    IReadOnlyDictionary<GradebookStatus, string> Statuses)
{
    public static readonly GradebookCsvLabels Korean = new(
        "이름", "아이디", "성취율(%)", "성취도", "출석 일수", "수업 일수", "학점 취득", "상태", "최소 성취수준 미도달", "서술형 평가", "예", "아니요",
        new Dictionary<GradebookStatus, string>
        {
            [GradebookStatus.Completed] = "이수",
            [GradebookStatus.Remedial] = "보충 지도 중",
            [GradebookStatus.RemedialCompleted] = "보충 지도 완료",
            [GradebookStatus.Incomplete] = "미이수",
            [GradebookStatus.AttendanceShort] = "출석 미달(추가학습)",
            [GradebookStatus.ExtraLearningCompleted] = "추가학습 완료",
        });

    public static readonly GradebookCsvLabels English = new(
        "Name", "Login", "Achievement rate (%)", "Level", "Sessions attended", "Sessions held", "Credit earned",
        "Status", "Below minimum achievement", "Narrative note", "Yes", "No",
        new Dictionary<GradebookStatus, string>
        {
            [GradebookStatus.Completed] = "Completed",
            [GradebookStatus.Remedial] = "Remedial",
            [GradebookStatus.RemedialCompleted] = "Remedial completed",
            [GradebookStatus.Incomplete] = "Incomplete",
            [GradebookStatus.AttendanceShort] = "Attendance short (extra learning)",
            [GradebookStatus.ExtraLearningCompleted] = "Extra learning completed",
        });
}

/// <summary>Column headings and reason names of the 예방지도 list's CSV export.</summary>
public sealed record GuidanceCsvLabels(
    string Name,
    string Login,
    string RateSoFar,
    string SessionsAttended,
    string SessionsHeld,
    string Reasons,
    string MissingAssignments,
    IReadOnlyDictionary<GuidanceReason, string> ReasonNames)
{
    public static readonly GuidanceCsvLabels Korean = new(
        "이름", "아이디", "현재 성취율(%)", "출석 일수", "수업 일수", "사유", "미제출 과제",
        new Dictionary<GuidanceReason, string>
        {
            [GuidanceReason.BelowMinimum] = "성취율 40% 미만",
            [GuidanceReason.AttendanceShort] = "출석 2/3 미달",
            [GuidanceReason.MissingAssignments] = "과제 미제출",
        });

    public static readonly GuidanceCsvLabels English = new(
        "Name", "Login", "Rate so far (%)", "Sessions attended", "Sessions held", "Reasons", "Missing assignments",
        new Dictionary<GuidanceReason, string>
        {
            [GuidanceReason.BelowMinimum] = "Rate below 40 %",
            [GuidanceReason.AttendanceShort] = "Attendance below 2/3",
            [GuidanceReason.MissingAssignments] = "Assignments not handed in",
        });
}

/// <summary>
/// The gradebook as RFC 4180 CSV (CRLF, fields quoted when they hold a comma, quote or line break) in UTF-8
/// with a byte-order mark, without which Excel reads Korean names as mojibake. A row per student; one column
/// per assignment titled with the assignment's title, empty where nothing was submitted.
/// </summary>
public static class GradebookCsv
{
    private static readonly UTF8Encoding s_utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    public static byte[] Write(Gradebook gradebook, GradebookCsvLabels labels)
    {
        var csv = new StringBuilder();
        AppendRecord(csv,
        [
            labels.Name, labels.Login,
            .. gradebook.Assignments.Select(a => a.Title),
            labels.AchievementRate, labels.Level, labels.SessionsAttended, labels.SessionsHeld,
            labels.CreditEarned, labels.Status, labels.BelowMinimumAchievement, labels.NarrativeNote,
        ]);
        foreach (var row in gradebook.Rows)
        {
            AppendRecord(csv,
            [
                row.Name, row.Login,
                .. row.Scores.Select(s => Number(s.Score)),
                Number(row.AchievementRate),
                row.Level?.ToString() ?? "",
                row.Attendance.SessionsAttended.ToString(CultureInfo.InvariantCulture),
                row.Attendance.SessionsHeld.ToString(CultureInfo.InvariantCulture),
                YesNo(row.CreditEarned, labels),
                labels.Statuses[row.Status],
                YesNo(row.BelowMinimumAchievement, labels),
                row.NarrativeNote ?? "",
            ]);
        }
        return Encode(csv);
    }

    /// <summary>The 예방지도 list, a row per student; several reasons or assignments share a cell, separated by "; ".</summary>
    public static byte[] WriteGuidance(IReadOnlyList<GuidanceEntry> entries, GuidanceCsvLabels labels)
    {
        var csv = new StringBuilder();
        AppendRecord(csv,
        [
            labels.Name, labels.Login, labels.RateSoFar, labels.SessionsAttended, labels.SessionsHeld,
            labels.Reasons, labels.MissingAssignments,
        ]);
        foreach (var entry in entries)
        {
            AppendRecord(csv,
            [
                entry.Name, entry.Login, Number(entry.RateSoFar),
                entry.Attendance.SessionsAttended.ToString(CultureInfo.InvariantCulture),
                entry.Attendance.SessionsHeld.ToString(CultureInfo.InvariantCulture),
                string.Join("; ", entry.Reasons.Select(r => labels.ReasonNames[r])),
                string.Join("; ", entry.MissingAssignments.Select(a => a.Title)),
            ]);
        }
        return Encode(csv);
    }

    private static byte[] Encode(StringBuilder csv) => [.. s_utf8WithBom.GetPreamble(), .. s_utf8WithBom.GetBytes(csv.ToString())];

    private static string YesNo(bool? value, GradebookCsvLabels labels) =>
        value switch { true => labels.Yes, false => labels.No, null => "" };

    private static string Number(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static void AppendRecord(StringBuilder csv, IEnumerable<string> fields)
    {
        csv.AppendJoin(',', fields.Select(Field));
        csv.Append("\r\n");
    }

    private static string Field(string value)
    {
        var cell = DefuseFormula(value);
        return cell.AsSpan().IndexOfAny(",\"\r\n") < 0 ? cell : $"\"{cell.Replace("\"", "\"\"")}\"";
    }

    /// <summary>
    /// Excel runs a cell that starts with = + - @ (or a tab or CR) as a formula; a student could name
    /// themselves "=HYPERLINK(…)". A leading apostrophe makes it text (OWASP's CSV-injection advice).
    /// Numbers never start that way here: scores and rates are not negative.
    /// </summary>
    private static string DefuseFormula(string value) =>
        value.Length > 0 && "=+-@\t\r".Contains(value[0]) ? "'" + value : value;
}
