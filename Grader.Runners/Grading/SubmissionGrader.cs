using System.Text;
using System.Text.Json;
using Grader.Runners.Checking;
using Grader.Runners.Sandbox;
using Grader.Runners.Suites;

namespace Grader.Runners.Grading;

/// <summary>A program to grade: its language and files (for Python, <c>main.py</c> and any modules).</summary>
public sealed record ProgramFiles(string Language, IReadOnlyDictionary<string, byte[]> Files);

/// <summary>How one test went, with the facts feedback is made of. Expected output is never included.</summary>
public sealed record TestOutcome(
    int Index,
    string Name,
    Verdict Verdict,
    decimal Points,
    int MaxPoints,
    int TimeMs,
    TestVisibility Visibility,
    string Stdout,
    string? FirstDifference,
    ProgramError? Error);

public sealed record GradingReport(IReadOnlyList<TestOutcome> Tests)
{
    public decimal Score => Tests.Sum(t => t.Points);

    /// <summary>SPEC.md: the first test verdict that is not passed, else passed.</summary>
    public Verdict Verdict => Tests.Select(t => t.Verdict).FirstOrDefault(v => v != Verdict.Passed, Verdict.Passed);
}

/// <summary>
/// Runs a program against a suite: inputs go into one sandbox, outputs come out, and the comparison with the
/// expected output happens here, outside the sandbox.
/// </summary>
public sealed class SubmissionGrader(ISandbox sandbox)
{
    /// <summary>The wall clock a test may take per second of CPU limit: generous, because two cores are shared.</summary>
    private const double WallPerCpuSecond = 3;

    public async Task<GradingReport> GradeAsync(ProgramFiles program, SuiteDefinition suite,
        IReadOnlyDictionary<string, byte[]> suiteFiles, string label, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, byte[]>(program.Files);
        // Data files the program may read sit beside it; expected outputs and checkers never do.
        foreach (var (path, content) in suiteFiles)
            if (!IsExpectationFile(suite, path) && !files.ContainsKey(path))
                files[path] = content;

        var tests = suite.Tests.Select((test, index) =>
        {
            var limits = suite.LimitsFor(test);
            return new SandboxTest(index, StdinOf(test, suiteFiles), limits.TimeSeconds,
                Math.Max(limits.TimeSeconds * WallPerCpuSecond, limits.TimeSeconds + 2), limits.MemoryMb, test.Call);
        }).ToList();

        var request = new SandboxRequest(program.Language, files, tests, suite.PromptsAreOutput, label);
        var results = await sandbox.RunAsync(request, cancellationToken);
        var byIndex = results.ToDictionary(r => r.Index);

        return new GradingReport(suite.Tests.Select((test, index) => byIndex.TryGetValue(index, out var result)
            ? Judge(index, test, result, suiteFiles)
            : new TestOutcome(index, test.Name, Verdict.InternalError, 0, test.Points, 0, test.Visibility, "", null, null))
            .ToList());
    }

    private static TestOutcome Judge(int index, SuiteTest test, SandboxTestResult result, IReadOnlyDictionary<string, byte[]> suiteFiles)
    {
        var stdout = Encoding.UTF8.GetString(result.Stdout);
        var verdict = result.Outcome switch
        {
            RunOutcome.CompileError => Verdict.CompileError,
            RunOutcome.TimeLimit => Verdict.TimeLimitExceeded,
            RunOutcome.MemoryLimit => Verdict.MemoryLimitExceeded,
            RunOutcome.OutputLimit => Verdict.OutputLimitExceeded,
            RunOutcome.RuntimeError => Verdict.RuntimeError,
            RunOutcome.Internal => Verdict.InternalError,
            _ when result.ExitCode != 0 => Verdict.RuntimeError,
            _ => (Verdict?)null,
        };
        string? difference = null;
        if (verdict is null)
        {
            if (test.Call is not null)
                verdict = ValueComparer.Matches(test.Expected!.Value, result.ReturnValueJson, test.Tolerance)
                    ? Verdict.Passed : Verdict.WrongAnswer;
            else
            {
                var comparison = OutputComparer.Compare(test, ExpectedOf(test, suiteFiles), stdout);
                verdict = comparison.Verdict;
                difference = comparison.FirstDifference;
            }
        }
        var error = result.Error ?? (verdict == Verdict.RuntimeError && result.ExitCode is { } code
            ? new ProgramError("SystemExit", $"exit code {code}", null, null) : null);
        return new TestOutcome(index, test.Name, verdict.Value, verdict == Verdict.Passed ? test.Points : 0, test.Points,
            result.CpuMs, test.Visibility, stdout, difference, error);
    }

    private static byte[] StdinOf(SuiteTest test, IReadOnlyDictionary<string, byte[]> files) =>
        test.StdinFile is { } file ? files[file] : Encoding.UTF8.GetBytes(test.Stdin ?? "");

    private static string ExpectedOf(SuiteTest test, IReadOnlyDictionary<string, byte[]> files) =>
        test.ExpectedStdoutFile is { } file ? Encoding.UTF8.GetString(files[file]) : test.ExpectedStdout ?? "";

    private static bool IsExpectationFile(SuiteDefinition suite, string path) =>
        suite.Reference?.File == path
        || suite.Tests.Any(t => t.ExpectedStdoutFile == path || t.Checker == path || t.StdinFile == path);
}
