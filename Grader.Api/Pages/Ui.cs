using System.Globalization;
using Grader.Api.Infrastructure;
using Grader.Core.Gradebook;
using Microsoft.AspNetCore.Mvc;

namespace Grader.Api.Pages;

/// <summary>
/// The pages' words in Korean (the default) and English, written side by side where they are used,
/// and the names of verdicts, statuses and levels a child or a teacher reads.
/// </summary>
public static class Ui
{
    /// <summary>Korean schools keep Korea's time; the due dates a child reads are in it.</summary>
    private static readonly TimeZoneInfo SchoolTime = TimeZoneInfo.FindSystemTimeZoneById("Asia/Seoul");

    public static string T(string korean, string english) => Messages.IsEnglish ? english : korean;

    public static string HtmlLang => Messages.IsEnglish ? "en" : "ko";

    public static string When(DateTimeOffset at) =>
        TimeZoneInfo.ConvertTime(at, SchoolTime).ToString(Messages.IsEnglish ? "yyyy-MM-dd HH:mm" : "yyyy년 M월 d일 HH:mm",
            CultureInfo.InvariantCulture);

    public static string Verdict(string? verdict) => verdict switch
    {
        "passed" => T("통과", "Passed"),
        "wrong_answer" => T("틀린 답", "Wrong answer"),
        "presentation_error" => T("출력 형식 다름", "Presentation error"),
        "time_limit_exceeded" => T("시간 초과", "Time limit exceeded"),
        "memory_limit_exceeded" => T("메모리 초과", "Memory limit exceeded"),
        "output_limit_exceeded" => T("출력 초과", "Output limit exceeded"),
        "runtime_error" => T("실행 오류", "Runtime error"),
        "compile_error" => T("문법 오류", "Syntax error"),
        "unsupported" => T("채점할 수 없음", "Unsupported"),
        "internal_error" => T("채점기 오류", "Grader error"),
        null => "",
        var other => other,
    };

    public static string SubmissionStatus(string status) => status switch
    {
        "queued" => T("채점 기다리는 중", "Waiting to be graded"),
        "running" => T("채점하는 중", "Being graded"),
        "graded" => T("채점 끝", "Graded"),
        "failed" => T("채점하지 못함 (선생님께 알려 주세요)", "Could not be graded (tell your teacher)"),
        var other => other,
    };

    public static string Visibility(string visibility) => visibility switch
    {
        "visible" => T("공개", "Visible"),
        "hidden" => T("비공개", "Hidden"),
        "after_due" => T("마감 후 공개", "Shown after the due date"),
        var other => other,
    };

    public static string Language(string language) => language switch
    {
        "python" => "Python",
        "scratch" => T("스크래치", "Scratch"),
        "entry" => T("엔트리", "Entry"),
        "blockly" => T("블록리", "Blockly"),
        var other => other,
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

    /// <summary>The status's wire name ("remedial_completed"), for styles and tests.</summary>
    public static string WireName(Core.Gradebook.GradebookStatus status) =>
        System.Text.Json.JsonSerializer.Serialize(status).Trim('"');

    public static string Score(decimal? score) => score?.ToString("0.##", CultureInfo.InvariantCulture) ?? "–";
}
