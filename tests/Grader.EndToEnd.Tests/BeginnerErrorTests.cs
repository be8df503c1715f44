using Grader.Tests.Shared;

namespace Grader.EndToEnd.Tests;

/// <summary>
/// Issue 17: the commonest beginner errors, from real programs run in the real sandbox, explained in 해요체 with the
/// line and what to try; a hidden test's explanation never says more than its verdict.
/// </summary>
public sealed class BeginnerErrorTests(GraderStack stack) : IClassFixture<GraderStack>
{
    private readonly object _suite = new
    {
        slug = "beginner-" + Guid.NewGuid().ToString("N")[..8],
        title = "두 수의 합",
        languages = new[] { "python" },
        limits = new { timeSeconds = 1, memoryMb = 64 },
        tests = new object[]
        {
            new { name = "예시", points = 1, visibility = "visible", stdin = "1 2\n", expectedStdout = "3\n" },
            new { name = "숨은 테스트", points = 1, visibility = "hidden", stdin = "4 5\n", expectedStdout = "9\n" },
        },
    };

    [Theory]
    [InlineData("a, b = map(int, input().split())\npritn(a + b)\n", "runtime_error", "'pritn'라는 이름을 몰라요 (2번째 줄)")]
    [InlineData("a, b = map(int, input().split())\nif a:\nprint(a + b)\n", "compile_error", "들여쓰기가 맞지 않아요 (3번째 줄)")]
    [InlineData("a, b = map(int, input().split()\nprint(a + b)\n", "compile_error", "읽을 수 없는 부분이 있어요 (1번째 줄). 괄호의 짝이")]
    [InlineData("a = input()\nprint(a + 1)\n", "runtime_error", "글자(문자열)와 숫자를 +로 더하려고 했어요 (2번째 줄)")]
    [InlineData("n = int(input())\nprint(n)\n", "runtime_error", "숫자가 아닌 글자를 숫자로 바꾸려고 했어요 (1번째 줄)")]
    [InlineData("a, b = map(int, input().split())\ncount = 0\nprint((a + b) // count)\n", "runtime_error", "0으로 나누었어요 (3번째 줄)")]
    [InlineData("a = int(input().split()[0])\nb = int(input())\nprint(a + b)\n", "runtime_error", "input()이 더 읽을 줄이 없었어요 (2번째 줄)")]
    [InlineData("while True:\n    pass\n", "time_limit_exceeded", "끝나지 않는 반복이 있을 거예요")]
    [InlineData("a, b = map(int, input().split())\nprint('두 수의 합은')\nprint(a + b)\n", "wrong_answer", "그 앞에 다른 글자가 더 나왔어요 (1번째 줄): \"두 수의 합은\"")]
    public async Task A_beginners_error_is_explained_with_its_line_and_what_to_try(string program, string verdict, string explanation)
    {
        var (student, assignmentId) = await stack.ClassroomAsync(_suite);

        var submitted = await student.SubmitSourceAsync(assignmentId, program);
        var result = await student.WaitGradedAsync(submitted["id"]!.GetValue<Guid>(), TimeSpan.FromSeconds(60));

        var visible = result["tests"]![0]!;
        Assert.Equal(verdict, visible["verdict"]!.GetValue<string>());
        var text = visible["explanation"]?.GetValue<string>();
        Assert.True(text?.Contains(explanation) == true, $"{text}\n{result.ToJsonString()}");
        Assert.EndsWith("요.", text); // 해요체, a sentence to act on
        // The input a ValueError quotes is the test's data: not repeated.
        Assert.DoesNotContain("1 2", text);

        var hidden = result["tests"]![1]!;
        Assert.Equal(verdict, hidden["verdict"]!.GetValue<string>());
        if (verdict == "time_limit_exceeded") Assert.Equal(text, hidden["explanation"]!.GetValue<string>()); // the verdict alone says so
        else Assert.Null(hidden["explanation"]);
        Assert.DoesNotContain("4 5", hidden.ToJsonString());
        Assert.DoesNotContain("\"9", hidden.ToJsonString());
    }
}
