using System.Globalization;
using Grader.Api.Infrastructure;
using Grader.Core.Gradebook;
using Grader.Grading;
using Grader.Grading.Suites;
using Microsoft.AspNetCore.Mvc;

namespace Grader.Api.Pages;

/// <summary>
/// The pages' words in Korean (the default) and English, written side by side where they are used,
/// and the names of verdicts, statuses and levels a child or a teacher reads.
/// </summary>
public static class Ui
{
    /// <summary>Korean schools keep Korea's time; the due dates a child reads are in it.</summary>
    private static readonly TimeZoneInfo s_schoolTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    public static string T(string korean, string english) => Messages.IsEnglish ? english : korean;

    public static string HtmlLang => Messages.IsEnglish ? "en" : "ko";

    public static string When(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, s_schoolTime).ToString(Messages.IsEnglish ? "yyyy-MM-dd HH:mm" : "yyyy년 M월 d일 HH:mm",
            CultureInfo.InvariantCulture);

    /// <summary>A time as a datetime-local input shows it, in school time.</summary>
    public static string LocalInput(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, s_schoolTime).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    /// <summary>What a datetime-local input sent, read as school time; null when it is not one.</summary>
    public static DateTimeOffset? FromLocalInput(string? text)
    {
        return DateTime.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, s_schoolTime.GetUtcOffset(local))
            : null;
    }

    /// <summary>An enum's wire name ("remedial_completed"), for the pages' styles, data attributes and tests.</summary>
    public static string WireName<TEnum>(TEnum value) where TEnum : struct, Enum => value.ToWire();

    public static string Verdict(Grading.Verdict? verdict) => verdict switch
    {
        Grading.Verdict.Passed => T("통과", "Passed"),
        Grading.Verdict.WrongAnswer => T("틀린 답", "Wrong answer"),
        Grading.Verdict.PresentationError => T("출력 형식 다름", "Presentation error"),
        Grading.Verdict.TimeLimitExceeded => T("시간 초과", "Time limit exceeded"),
        Grading.Verdict.MemoryLimitExceeded => T("메모리 초과", "Memory limit exceeded"),
        Grading.Verdict.OutputLimitExceeded => T("출력 초과", "Output limit exceeded"),
        Grading.Verdict.RuntimeError => T("실행 오류", "Runtime error"),
        Grading.Verdict.CompileError => T("문법 오류", "Syntax error"),
        Grading.Verdict.Unsupported => T("채점할 수 없음", "Unsupported"),
        Grading.Verdict.InternalError => T("채점기 오류", "Grader error"),
        null => "",
    };

    /// <summary>A verdict read from a stored JSON document (a validation report).</summary>
    public static string Verdict(string? wire) =>
        WireNames.TryParseWire<Grading.Verdict>(wire, out var verdict) ? Verdict(verdict) : wire ?? "";

    public static string SubmissionStatus(Core.Domain.SubmissionStatus status) => status switch
    {
        Core.Domain.SubmissionStatus.Queued => T("채점 기다리는 중", "Waiting to be graded"),
        Core.Domain.SubmissionStatus.Running => T("채점하는 중", "Being graded"),
        Core.Domain.SubmissionStatus.Graded => T("채점 끝", "Graded"),
        Core.Domain.SubmissionStatus.Failed => T("채점하지 못함 (선생님께 알려 주세요)", "Could not be graded (tell your teacher)"),
    };

    public static string Visibility(TestVisibility visibility) => visibility switch
    {
        TestVisibility.Visible => T("공개", "Visible"),
        TestVisibility.Hidden => T("비공개", "Hidden"),
        TestVisibility.AfterDue => T("마감 후 공개", "Shown after the due date"),
    };

    /// <summary>A visibility read from a stored suite definition.</summary>
    public static string Visibility(string wire) =>
        WireNames.TryParseWire<TestVisibility>(wire, out var visibility) ? Visibility(visibility) : wire;

    public static string Language(ProgramLanguage language) => language switch
    {
        ProgramLanguage.Python => "Python",
        ProgramLanguage.Scratch => T("스크래치", "Scratch"),
        ProgramLanguage.Entry => T("엔트리", "Entry"),
        ProgramLanguage.Blockly => T("블록리", "Blockly"),
    };

    /// <summary>A refusal from an API endpoint the pages share, as lines to show: its title, then each field's errors.</summary>
    public static IReadOnlyList<string> Lines(ProblemDetails problem) =>
        [problem.Title ?? "", .. problem is HttpValidationProblemDetails invalid
            ? invalid.Errors.SelectMany(e => e.Value.Select(message => $"{e.Key}: {message}"))
            : []];

    public static string KindName(Core.Gradebook.CourseKind kind) => kind switch
    {
        Core.Gradebook.CourseKind.Convergence => T("AI 융합 수업", "AI convergence class"),
        Core.Gradebook.CourseKind.Credit => T("학점제 과목", "Credit-system course"),
        _ => T("일반 과목", "General course"),
    };

    public static string SubjectTypeName(Core.Gradebook.SubjectType type) => type switch
    {
        Core.Gradebook.SubjectType.Common => T("공통과목", "common subject"),
        _ => T("선택과목", "elective subject"),
    };

    /// <summary>The gradebook's status names, the same words as the CSV export's.</summary>
    public static string StatusName(Core.Gradebook.GradebookStatus status) =>
        (Messages.IsEnglish ? GradebookCsvLabels.English : GradebookCsvLabels.Korean).Statuses[status];

    /// <summary>The 예방지도 reasons, the same words as the list's CSV export.</summary>
    public static string GuidanceReasonName(Core.Gradebook.GuidanceReason reason) =>
        (Messages.IsEnglish ? GuidanceCsvLabels.English : GuidanceCsvLabels.Korean).ReasonNames[reason];

    public static string Score(decimal? score) => score?.ToString("0.##", CultureInfo.InvariantCulture) ?? "–";

    public static string Rate(decimal? rate) => rate is { } percent ? $"{Score(percent)}%" : "–";

    /// <summary>A credit course's credit; null outside credit courses.</summary>
    public static string CreditName(bool? earned) => earned switch
    {
        true => T("취득", "Earned"),
        false => T("미취득", "Not earned"),
        null => "–",
    };
}
