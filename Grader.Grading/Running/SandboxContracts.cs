using System.Text.Json.Nodes;
using Grader.Grading.Suites;

namespace Grader.Grading.Running;

/// <summary>One test as the sandbox runs it: input and limits only. Expected output never comes here.</summary>
public sealed record SandboxTest(
    int Index,
    byte[] Stdin,
    double CpuSeconds,
    double WallSeconds,
    int MemoryMb,
    FunctionCallSpec? Call = null,
    // The program's command-line arguments (an interactor's input file).
    IReadOnlyList<string>? Args = null);

public sealed record FunctionCallSpec(string Function, JsonArray Args);

/// <summary>
/// Everything one container needs: the program's files, the tests' inputs, and how to run them. RuntimeStart bounds
/// what the container does once before the first test (a block runtime's start), outside every test's limits.
/// </summary>
public sealed record SandboxRequest(
    ProgramLanguage Language,
    IReadOnlyDictionary<string, byte[]> Files,
    IReadOnlyList<SandboxTest> Tests,
    bool PromptsAreOutput,
    string Label,
    string Entry = "main.py",
    RuntimeStartLimits? RuntimeStart = null,
    // Told each test's result the moment the harness reports it, before the run ends (so a student can watch the
    // tests finish one by one); never for a test the sandbox gave up on. Must not block.
    Action<SandboxTestResult>? OnReported = null,
    // A runner image other than the language's, by its name in the suite (SuiteImages), e.g. python-data.
    string? Image = null);

/// <summary>
/// An interactive test: the student's program and the designer's interactor, one test each, run at the same time in
/// containers of their own, each one's stdout being the other's stdin (connected through the worker, nothing shared).
/// </summary>
public sealed record InteractiveSandboxRequest(SandboxRequest Program, SandboxRequest Interactor);

/// <summary>
/// How both sides ended. <see cref="ProgramEndedFirst"/>: the program's container ended before the interactor's
/// (the interactor then read the end of its input), so a program that crashed is not blamed on the interactor.
/// </summary>
public sealed record InteractiveSandboxResult(SandboxTestResult Program, SandboxTestResult Interactor, bool ProgramEndedFirst);

/// <summary>CPU and wall seconds a runtime may take to start, once per container.</summary>
public sealed record RuntimeStartLimits(double CpuSeconds, double WallSeconds);

/// <summary>How one test ended inside the sandbox, as the in-container harness reported it.</summary>
public enum RunOutcome
{
    Exited,          // process ended; ExitCode tells success
    RuntimeError,    // uncaught exception or killed by a signal
    CompileError,    // syntax error before anything ran
    TimeLimit,       // CPU rlimit or wall clock
    MemoryLimit,     // MemoryError, address-space limit or the kernel OOM killer
    OutputLimit,     // stdout passed its cap and the program was stopped
    Internal,        // the harness itself failed, or the container died without a report
}

public sealed record ProgramError(string Type, string Message, int? Line, int? Column);

public sealed record SandboxTestResult(
    int Index,
    RunOutcome Outcome,
    int? ExitCode,
    int CpuMs,
    int WallMs,
    long MaxRssKb,
    byte[] Stdout,
    string Stderr,
    ProgramError? Error,
    string? ReturnValueJson,
    // What the program wrote besides its output: predictions.csv (null when it wrote none) and its figures.
    byte[]? Predictions = null,
    IReadOnlyList<SandboxFigure>? Figures = null);

public interface ISandbox
{
    /// <summary>Runs every test of one submission in one fresh container and removes it, whatever happens.</summary>
    Task<IReadOnlyList<SandboxTestResult>> RunAsync(SandboxRequest request, CancellationToken cancellationToken);

    /// <summary>Runs both sides of an interactive test at once, piping each one's output into the other.</summary>
    Task<InteractiveSandboxResult> RunInteractiveAsync(InteractiveSandboxRequest request, CancellationToken cancellationToken);
}
