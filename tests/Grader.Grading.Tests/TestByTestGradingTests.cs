using System.Text;
using Grader.Grading.Running;
using Grader.Grading.Suites;

namespace Grader.Grading.Tests;

/// <summary>
/// Issue 17: outcomes reach the caller test by test while the sandbox still runs, each judged once, and the report
/// still holds every test (a test the sandbox gave up on only there).
/// </summary>
public class TestByTestGradingTests
{
    private static readonly SuiteDefinition s_suite = SuiteParser.Parse(Encoding.UTF8.GetBytes("""
        {"slug": "sum", "title": "합", "languages": ["python"], "tests": [
          {"name": "a", "points": 1, "visibility": "visible", "stdin": "1 2\n", "expectedStdout": "3\n"},
          {"name": "b", "points": 1, "stdin": "2 2\n", "expectedStdout": "4\n"},
          {"name": "c", "points": 1, "stdin": "3 3\n", "expectedStdout": "6\n"}]}
        """)).Suite!;

    private static readonly ProgramFiles s_program = new(ProgramLanguage.Python, new Dictionary<string, byte[]> { ["main.py"] = "print(1)"u8.ToArray() });

    /// <summary>Prints the right sums for the first two tests, reported as a harness reports them, and gives up on the third.</summary>
    private sealed class TwoOfThreeSandbox : ISandbox
    {
        public Task<IReadOnlyList<SandboxTestResult>> RunAsync(SandboxRequest request, CancellationToken cancellationToken)
        {
            var results = new List<SandboxTestResult>();
            foreach (var test in request.Tests)
            {
                var sum = Encoding.UTF8.GetString(test.Stdin).Split(' ').Sum(int.Parse);
                var result = test.Index < 2
                    ? new SandboxTestResult(test.Index, RunOutcome.Exited, 0, 5, 5, 1000, Encoding.UTF8.GetBytes($"{sum}\n"), "", null, null)
                    : new SandboxTestResult(test.Index, RunOutcome.Internal, null, 0, 0, 0, [], "",
                        new ProgramError("SandboxError", "gave up", null, null), null);
                results.Add(result);
                if (test.Index < 2) request.OnReported?.Invoke(result);
            }
            return Task.FromResult<IReadOnlyList<SandboxTestResult>>(results);
        }

        public Task<InteractiveSandboxResult> RunInteractiveAsync(InteractiveSandboxRequest request, CancellationToken cancellationToken) =>
            throw new NotSupportedException("This suite has no interactive test.");
    }

    [Fact]
    public async Task Each_reported_test_is_judged_once_and_handed_over()
    {
        var handed = new List<TestOutcome>();
        var report = await new SubmissionGrader(new TwoOfThreeSandbox()).GradeAsync(s_program, s_suite,
            new Dictionary<string, byte[]>(), "t", CancellationToken.None, (outcome, _) =>
            {
                handed.Add(outcome);
                return Task.CompletedTask;
            });

        Assert.Equal([0, 1], handed.Select(o => o.Index));
        Assert.All(handed, o => Assert.Equal(Verdict.Passed, o.Verdict));
        Assert.Equal([Verdict.Passed, Verdict.Passed, Verdict.InternalError], report.Tests.Select(t => t.Verdict));
        Assert.Same(handed[0], report.Tests[0]); // judged once, not again for the report
        Assert.Same(handed[1], report.Tests[1]);
    }

    [Fact]
    public async Task Without_a_listener_the_report_is_the_same()
    {
        var report = await new SubmissionGrader(new TwoOfThreeSandbox()).GradeAsync(s_program, s_suite,
            new Dictionary<string, byte[]>(), "t", CancellationToken.None);

        Assert.Equal([Verdict.Passed, Verdict.Passed, Verdict.InternalError], report.Tests.Select(t => t.Verdict));
        Assert.Equal(2m, report.Score);
    }
}
