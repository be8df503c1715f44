using Grader.Core.Domain;
using Grader.Grading;

namespace Grader.Api.Infrastructure;

/// <summary>
/// Per-verdict feedback short enough for a 12-year-old, in Korean (default) or English: what went wrong and,
/// where the reader may see the test, the first difference. Callers decide what is open (SubmissionViews).
/// </summary>
public static class Feedback
{
    private static readonly Dictionary<string, (string Ko, string En)> s_verdicts = new()
    {
        ["passed"] = ("통과했어요!", "Passed!"),
        ["wrong_answer"] = ("출력이 정답과 달라요.", "The output is not the expected answer."),
        ["presentation_error"] = ("답은 맞지만 줄바꿈이나 띄어쓰기가 달라요.", "Right answer, but the spacing or line breaks differ."),
        ["time_limit_exceeded"] = ("시간 안에 끝나지 않았어요. 끝나지 않는 반복이 있는지 살펴보세요.", "It did not finish in time. Look for a loop that never ends."),
        ["memory_limit_exceeded"] = ("메모리를 너무 많이 썼어요.", "It used too much memory."),
        ["output_limit_exceeded"] = ("출력이 너무 많아요.", "It printed too much."),
        ["runtime_error"] = ("실행 중에 오류가 났어요.", "It stopped with an error."),
        ["compile_error"] = ("문법 오류가 있어요.", "There is a syntax error."),
        ["unsupported"] = ("채점할 수 없는 블록이나 기능을 썼어요.", "It uses a block or feature the grader cannot run."),
        ["requirement"] = ("꼭 써야 하는 블록을 쓰지 않았어요.", "It does not use every block the assignment requires."),
        ["internal_error"] = ("채점기에 문제가 생겼어요. 선생님께 알려 주세요.", "The grader had a problem. Tell your teacher."),
    };

    /// <summary>One test's message; <paramref name="detailJson"/> is null when the reader may not see the test's details.</summary>
    public static string Message(Verdict verdict, string? code, string? detailJson)
    {
        var english = Messages.IsEnglish;
        var key = code ?? verdict.ToWire();
        var text = s_verdicts.TryGetValue(key, out var v) ? (english ? v.En : v.Ko) : key;
        var detail = TestFeedback.FromJson(detailJson);
        return detail is null ? text : $"{text} {Describe(detail, english)}".TrimEnd();
    }

    /// <summary>The whole submission in one line: all passed, or the first test that did not and what went wrong there.</summary>
    public static string Summary(string testName, Verdict verdict, string testMessage) =>
        verdict == Verdict.Passed
            ? Messages.IsEnglish ? "All tests passed!" : "모든 테스트를 통과했어요!"
            : Messages.IsEnglish ? $"Test \"{testName}\": {testMessage}" : $"\"{testName}\" 테스트: {testMessage}";

    private static string Describe(TestFeedback d, bool english)
    {
        if (d.ErrorType is not null)
        {
            var where = d.Line is not { } line ? ""
                : english ? $" on line {line}" + (d.Column is { } c ? $", column {c}" : "")
                : $" ({line}번째 줄" + (d.Column is { } k ? $", {k}번째 칸)" : ")");
            return $"{d.ErrorType}{where}: {d.ErrorMessage}";
        }
        string Shown(string? text) => text is null ? (english ? "(end of output)" : "(출력 끝)") : $"\"{text}\"";
        return d.Kind switch
        {
            "missing_final_newline" => english ? "The last line needs a line break at its end." : "마지막 줄 끝에 줄바꿈이 없어요.",
            "extra_final_newlines" => english ? "There are extra empty lines at the end." : "끝에 빈 줄이 더 있어요.",
            "missing_line" => english ? $"This line is missing: {Shown(d.Expected)}" : $"이 줄이 안 나왔어요: {Shown(d.Expected)}",
            "unexpected_line" => english ? $"This line should not be there: {Shown(d.Actual)}" : $"나오면 안 되는 줄이 있어요: {Shown(d.Actual)}",
            "pattern" when d.Actual is not null => english
                ? $"The output does not have the expected form. First line: {Shown(d.Actual)}"
                : $"출력이 정답 모양과 달라요. 첫 줄: {Shown(d.Actual)}",
            "value" => english
                ? $"The function returned {d.Actual ?? "nothing"}, but {d.Expected} was expected."
                : $"함수가 돌려준 값이 달라요. 정답: {d.Expected}, 내 값: {d.Actual ?? "없음"}",
            "checker" => d.Note ?? "",
            "metric" when d.Actual is null => english ? $"The predictions could not be scored: {d.Note}." : $"예측을 채점할 수 없어요: {d.Note}",
            "metric" => english ? $"Measured {d.Actual}; needed {d.Expected}." : $"측정값 {d.Actual}, 기준 {d.Expected}",
            "extra_leading_text" => english ? $"Extra text before the answer: {Shown(d.Actual)}" : $"정답 앞에 다른 글자가 있어요: {Shown(d.Actual)}",
            // Block programs (BlockProgramScore): constructs the suite requires, and the computational-thinking total.
            "requirement" when !string.IsNullOrEmpty(d.Actual) => english
                ? $"Required: {d.Expected}. Not found: {d.Actual}."
                : $"써야 하는 것: {d.Expected}. 없는 것: {d.Actual}",
            "requirement" => english ? $"Uses everything required: {d.Expected}." : $"꼭 써야 하는 것을 모두 썼어요: {d.Expected}",
            "profile" => english ? $"Computational thinking score {d.Actual}." : $"컴퓨팅 사고력 점수 {d.Actual}",
            // Stored before differences had a kind: a line number means a differing line.
            "line" or null when d.Line is { } l => english
                ? $"Line {l} differs. Expected {Shown(d.Expected)}, yours {Shown(d.Actual)}."
                : $"{l}번째 줄이 달라요. 정답: {Shown(d.Expected)}, 내 출력: {Shown(d.Actual)}",
            _ => d.Note ?? "",
        };
    }
}
