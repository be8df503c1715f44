using Grader.Core.Domain;

namespace Grader.Api.Infrastructure;

/// <summary>Per-verdict feedback short enough for a 12-year-old, in Korean (default) or English.</summary>
public static class Feedback
{
    private static readonly Dictionary<string, (string Ko, string En)> Verdicts = new()
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
        ["internal_error"] = ("채점기에 문제가 생겼어요. 선생님께 알려 주세요.", "The grader had a problem. Tell your teacher."),
    };

    public static string Message(string verdict, string? code, string? detailJson)
    {
        var english = Messages.IsEnglish;
        var text = Verdicts.TryGetValue(code ?? verdict, out var v) ? (english ? v.En : v.Ko) : verdict;
        var detail = TestFeedback.FromJson(detailJson);
        return detail is null ? text : $"{text} {Describe(detail, english)}".TrimEnd();
    }

    private static string Describe(TestFeedback d, bool english)
    {
        if (d.ErrorType is not null)
        {
            var where = d.Line is { } line
                ? english ? $" on line {line}" + (d.Column is { } c ? $", column {c}" : "") : $" ({line}번째 줄" + (d.Column is { } k ? $", {k}번째 칸)" : ")")
                : "";
            return english ? $"{d.ErrorType}{where}: {d.ErrorMessage}" : $"{d.ErrorType}{where}: {d.ErrorMessage}";
        }
        if (d.Line is { } l)
            return english
                ? $"Line {l}: expected \"{d.Expected}\", got \"{d.Actual}\"."
                : $"{l}번째 줄: 정답은 \"{d.Expected}\"인데 \"{d.Actual}\"가 나왔어요.";
        return d.Note ?? "";
    }
}
