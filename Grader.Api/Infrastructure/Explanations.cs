using System.Text.RegularExpressions;
using Grader.Core.Domain;
using Grader.Grading;

namespace Grader.Api.Infrastructure;

/// <summary>
/// What a beginner's commonest mistakes mean and what to try, in 해요체 a child can act on (English for the English
/// pages). Read from the facts the runner reported (the error's type, message and line in the student's own file,
/// run_program.py) or the kind of difference, so it holds nothing of a test's data: the input a ValueError quotes
/// is never repeated. Where the reader may not see a test (hidden), only what the verdict alone says is explained.
/// </summary>
public static partial class Explanations
{
    [GeneratedRegex(@"name '(?<name>[^']+)' is not defined")]
    private static partial Regex UndefinedName();

    [GeneratedRegex(@"can only concatenate str \(not ""(int|float)""\) to str|unsupported operand type\(s\) for \+: '(int|float)' and 'str'|must be str, not (int|float)")]
    private static partial Regex StrPlusNumber();

    [GeneratedRegex(@"^invalid literal for int\(\) with base 10|^could not convert string to float")]
    private static partial Regex NotANumber();

    /// <param name="detail">The test's facts, or null where the reader may not see them.</param>
    public static string? For(Verdict verdict, TestFeedback? detail)
    {
        var english = Messages.IsEnglish;
        if (verdict == Verdict.TimeLimitExceeded)
        {
            return english
                ? "The program did not end in time: a loop probably never stops. Check that a while loop's condition becomes false at some point, and that the loop changes the variable the condition tests."
                : "프로그램이 정해진 시간 안에 끝나지 않았어요. 끝나지 않는 반복이 있을 거예요. while 반복의 조건이 언젠가 거짓이 되는지, 반복 안에서 조건에 쓰인 변수가 바뀌는지 확인해 보세요.";
        }

        if (detail is null) return null;
        if (detail.Kind == "extra_leading_text")
        {
            return english
                ? $"The right answer is there, but something else was printed before it{At(detail.Line, true)}: \"{detail.Actual}\". Everything print shows is compared with the answer. Put a prompt inside input(\"...\") instead of print, or remove the extra text."
                : $"정답은 나왔는데 그 앞에 다른 글자가 더 나왔어요{At(detail.Line, false)}: \"{detail.Actual}\". 채점기는 print로 나온 글자를 모두 정답과 비교해요. 안내 문구는 print 대신 input(\"...\") 괄호 안에 쓰거나 지워 보세요.";
        }

        if (detail.ErrorType is not { } type) return null;
        var message = detail.ErrorMessage ?? "";
        var line = At(detail.Line, english);
        return type switch
        {
            "NameError" when UndefinedName().Match(message) is { Success: true } m => english
                ? $"Python does not know the name '{m.Groups["name"].Value}'{line}. Check its spelling (print, input, the variable's name) and that the variable gets a value before it is used."
                : $"파이썬이 '{m.Groups["name"].Value}'라는 이름을 몰라요{line}. 철자가 맞는지(print, input, 변수 이름), 그 변수에 값을 넣는 줄이 쓰는 줄보다 위에 있는지 확인해 보세요.",
            "IndentationError" or "TabError" => english
                ? $"The indentation is not right{line}. Lines in the same block start at the same column; the line after if, for, while or def is indented by 4 spaces. Do not mix tabs and spaces."
                : $"들여쓰기가 맞지 않아요{line}. 같은 덩어리의 줄은 같은 칸에서 시작해야 하고, if·for·while·def 줄 다음 줄은 스페이스 4칸 들여 써요. 탭과 스페이스를 섞지 마세요.",
            "SyntaxError" => english
                ? $"Python cannot read this{line}. {SyntaxTip(message, true)}"
                : $"파이썬이 읽을 수 없는 부분이 있어요{line}. {SyntaxTip(message, false)}",
            "TypeError" when StrPlusNumber().IsMatch(message) => english
                ? $"Text and a number were added with +{line}. What input() gives is text: to compute, turn it into a number with int(input()); to print text with a number, use str(number) or print(text, number) with a comma."
                : $"글자(문자열)와 숫자를 +로 더하려고 했어요{line}. input()으로 받은 값은 글자예요. 계산하려면 int(input())처럼 숫자로 바꾸고, 글자와 숫자를 함께 출력하려면 str(숫자)로 바꾸거나 print(글자, 숫자)처럼 쉼표로 나눠 보세요.",
            "ValueError" when NotANumber().IsMatch(message) => english
                ? $"Text that is not a number was turned into a number{line}. Look at the example input again: when a line holds several numbers, split it first with input().split()."
                : $"숫자가 아닌 글자를 숫자로 바꾸려고 했어요{line}. 예시의 입력이 어떻게 생겼는지 다시 보세요. 한 줄에 수가 여러 개면 input().split()으로 먼저 나눠야 해요.",
            "ZeroDivisionError" => english
                ? $"A number was divided by zero{line}, which cannot be done. Check with if that the divisor is not 0 before dividing."
                : $"0으로 나누었어요{line}. 0으로는 나눌 수 없어요. 나누기 전에 if로 나누는 수가 0이 아닌지 확인해 보세요.",
            "EOFError" => english
                ? $"input() found no more lines to read{line}: the program reads more lines than the test gives. Count the lines of the example input; several values on one line are read with one input().split()."
                : $"input()이 더 읽을 줄이 없었어요{line}. 프로그램이 입력보다 input()을 더 많이 불렀어요. 예시의 입력이 몇 줄인지 세어 보고, 한 줄에 있는 여러 값은 input().split() 한 번으로 읽어 보세요.",
            _ => null,
        };
    }

    private static string SyntaxTip(string message, bool english) => message switch
    {
        _ when message.Contains("was never closed") || message.Contains("unmatched") || message.Contains("does not match") => english
            ? "A bracket has no partner: count the ( and ) on that line."
            : "괄호의 짝이 맞지 않아요. 그 줄의 (와 )의 개수를 세어 보세요.",
        _ when message.Contains("unterminated string") => english
            ? "A quotation mark is not closed: text starts and ends with the same \" or '."
            : "따옴표가 닫히지 않았어요. 글자는 같은 따옴표(\" 또는 ')로 열고 닫아요.",
        _ when message.Contains("expected ':'") => english
            ? "An if, for, while or def line ends with a colon (:)."
            : "if·for·while·def 줄 끝에는 콜론(:)이 있어야 해요.",
        _ => english
            ? "Check that brackets and quotation marks come in pairs and that if, for, while and def lines end with a colon (:)."
            : "괄호와 따옴표가 짝이 맞는지, if·for·while·def 줄 끝에 콜론(:)이 있는지 살펴보세요.",
    };

    private static string At(int? line, bool english) =>
        line is not { } l ? "" : english ? $" (line {l})" : $" ({l}번째 줄)";
}
