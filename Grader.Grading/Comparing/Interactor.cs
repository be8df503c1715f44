using System.Globalization;
using Grader.Grading.Running;
using Grader.Grading.Suites;

namespace Grader.Grading.Comparing;

/// <summary>
/// Runs an interactive test (SPEC.md "Test suites", <c>interactive</c>): the program and the designer's interactor at
/// once, each in a container of its own, the program's stdout being the interactor's stdin and back. The interactor
/// reads the test's input from the file its first argument names and decides: exit code 0 passed, 1 wrong answer; a
/// last stderr line <c>points: 0.5</c> gives a share. An interactor that crashes, ends any other way or passes its own
/// limits is an internal error for that test.
/// </summary>
internal sealed class Interactor(ISandbox sandbox)
{
    public const string Script = "interactor.py";
    public const string InputFile = "input.txt";
    private const double CpuSeconds = 10;
    private const int MemoryMb = 256;

    /// <summary>The interactor's wall clock runs this much past the program's, so a program that stops answering
    /// is the program's time limit, not the interactor's.</summary>
    private const double WallGraceSeconds = 5;

    private const string PointsPrefix = "points:";

    /// <param name="program">The program's side: its files and its one test (no stdin: the interactor talks).</param>
    public async Task<(SandboxTestResult Program, Judgement Judgement)> RunAsync(SuiteTest test, SandboxRequest program,
        IReadOnlyDictionary<string, byte[]> suiteFiles, CancellationToken cancellationToken)
    {
        var files = new Dictionary<string, byte[]>
        {
            [Script] = suiteFiles[test.Interactive!.File],
            [InputFile] = SuiteFiles.StdinBytes(test, suiteFiles),
        };
        var interactor = new SandboxRequest(ProgramLanguage.Python, files,
            [new SandboxTest(0, [], CpuSeconds, program.Tests[0].WallSeconds + WallGraceSeconds, MemoryMb, Args: [InputFile])],
            PromptsAreOutput: true, $"{program.Label}-interactor", Entry: Script);
        var run = await sandbox.RunInteractiveAsync(new InteractiveSandboxRequest(program, interactor), cancellationToken);
        return (run.Program, Judge(run));
    }

    /// <summary>
    /// The program's own limits decide first, and so does its crash when it ended before the interactor did; an
    /// interactor that already gave its verdict is not overruled by how the program then ends (reading past the
    /// input it was left with), unless it passed the program.
    /// </summary>
    internal static Judgement Judge(InteractiveSandboxResult run)
    {
        var programFailure = SubmissionGrader.RunVerdict(run.Program);
        if (programFailure is { } failed && (failed != Verdict.RuntimeError || run.ProgramEndedFirst))
            return ProgramFailed(failed, run.Program);
        var decided = Read(run.Interactor);
        return programFailure is { } crashed && decided.Verdict == Verdict.Passed ? ProgramFailed(crashed, run.Program) : decided;
    }

    private static Judgement ProgramFailed(Verdict verdict, SandboxTestResult program) =>
        new(verdict, 0, null, null, program.Error ?? SubmissionGrader.ExitError(verdict, program));

    private static Judgement Read(SandboxTestResult interactor)
    {
        if (interactor.Outcome != RunOutcome.Exited || interactor.ExitCode is not (0 or 1))
        {
            return Failed(interactor.Error is { } e
                ? $"the interactor failed with {e.Type}{(e.Line is { } line ? $" on line {line}" : "")}: {e.Message}"
                : $"the interactor ended with {interactor.Outcome.ToString().ToLowerInvariant()}, exit code {interactor.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
        }

        var accepted = interactor.ExitCode == 0;
        var lastLine = interactor.Stderr.Split('\n').LastOrDefault(l => l.Trim().Length > 0)?.Trim();
        decimal? share = null;
        if (lastLine is not null && lastLine.StartsWith(PointsPrefix, StringComparison.Ordinal))
        {
            if (!decimal.TryParse(lastLine[PointsPrefix.Length..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                || value is < 0 or > 1)
            {
                return Failed($"the interactor's last stderr line is not \"points: \" and a share from 0 to 1: {lastLine}");
            }

            share = value;
        }

        var fraction = share ?? (accepted ? 1 : 0);
        return accepted && fraction == 1
            ? new Judgement(Verdict.Passed, 1, null, null, null)
            : new Judgement(Verdict.WrongAnswer, fraction,
                $"interactor: exit code {interactor.ExitCode}, points {fraction.ToString(CultureInfo.InvariantCulture)}", null, null);
    }

    private static Judgement Failed(string why) =>
        new(Verdict.InternalError, 0, why, null, new ProgramError("InteractorError", why, null, null));
}
