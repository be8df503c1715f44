using Grader.Tests.Shared;

namespace Grader.EndToEnd.Tests;

/// <summary>
/// Issue 17: each test's result is stored as soon as it is judged, so the student's view fills in test by test
/// while the submission is still running; the grade then replaces those rows once, with nothing counted twice.
/// </summary>
public sealed class TestProgressTests(GraderStack stack) : IClassFixture<GraderStack>
{
    [Fact]
    public async Task A_running_submission_shows_the_tests_already_judged()
    {
        var (student, assignmentId) = await stack.ClassroomAsync(new
        {
            slug = "progress-" + Guid.NewGuid().ToString("N")[..8],
            title = "천천히 더하기",
            languages = new[] { "python" },
            limits = new { timeSeconds = 2, memoryMb = 64 },
            tests = new object[]
            {
                new { name = "첫째", points = 1, visibility = "visible", stdin = "1 2\n", expectedStdout = "3\n" },
                new { name = "둘째", points = 1, visibility = "hidden", stdin = "3 4\n", expectedStdout = "7\n" },
                new { name = "셋째", points = 1, visibility = "visible", stdin = "5 6\n", expectedStdout = "11\n" },
            },
        });
        // Sleeping is wall time, not CPU: each test takes a second and a half, well inside its limits.
        var submitted = await student.SubmitSourceAsync(assignmentId, "import time\ntime.sleep(1.5)\nprint(sum(map(int, input().split())))\n");
        var id = submitted["id"]!.GetValue<Guid>();

        var seen = new List<(string Status, int Tests)>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        string status;
        do
        {
            var view = await student.GetOkAsync($"/api/submissions/{id}");
            status = view["status"]!.GetValue<string>();
            var tests = view["tests"]!.AsArray();
            seen.Add((status, tests.Count));
            if (status == "running")
            {
                Assert.All(tests, t => Assert.Equal("passed", t!["verdict"]!.GetValue<string>()));
                Assert.Null(view["score"]); // the score comes with the grade
            }
            await Task.Delay(100);
        } while (status is "queued" or "running" && DateTime.UtcNow < deadline);

        Assert.Equal("graded", status);
        Assert.Contains(seen, s => s is { Status: "running", Tests: > 0 and < 3 });
        var graded = await student.GetOkAsync($"/api/submissions/{id}");
        Assert.Equal(3m, graded["score"]!.GetValue<decimal>());
        Assert.Equal(["첫째", "둘째", "셋째"], graded["tests"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()));
    }
}
