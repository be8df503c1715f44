using System.Text;
using System.Threading.Channels;
using Grader.Grading.Blocks;
using Grader.Grading.Comparing;
using Grader.Grading.Running;
using Grader.Grading.Suites;

namespace Grader.Grading;

/// <summary>A program to grade: its language and files (for Python, <c>main.py</c> and any modules; for a block
/// program its one file, as BlockProgramReader stored it).</summary>
public sealed record ProgramFiles(ProgramLanguage Language, IReadOnlyDictionary<string, byte[]> Files)
{
    /// <summary>The file the runner starts.</summary>
    public string Entry => BlockLanguages.Contains(Language) ? Files.Keys.Single() : "main.py";
}

/// <summary>
/// How one test went, with the facts feedback is made of. Expected output is never included: the difference
/// holds only excerpts of the first differing line, which feedback shows for visible tests alone.
/// </summary>
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
    ProgramError? Error,
    OutputDifference? Difference = null,
    // The pictures the program saved (ProgramFigures); shown as its output is.
    IReadOnlyList<SandboxFigure>? Figures = null);

/// <summary>The tests' outcomes, the groups' (whose points the grouped tests do not carry) and, for a block program,
/// its computational-thinking profile.</summary>
public sealed record GradingReport(IReadOnlyList<TestOutcome> Tests, ComputationalThinkingProfile? Profile = null,
    IReadOnlyList<GroupOutcome>? Groups = null)
{
    public decimal Score => Tests.Sum(t => t.Points) + (Groups?.Sum(g => g.Points) ?? 0);

    /// <summary>SPEC.md: the first test verdict that is not passed, else passed.</summary>
    public Verdict Verdict => Tests.Select(t => t.Verdict).FirstOrDefault(v => v != Verdict.Passed, Verdict.Passed);
}

/// <summary>
/// Runs a program against a suite: inputs go into one sandbox, outputs come out, and the comparison with the
/// expected output happens here, outside the sandbox. A test with a designer's checker has its output judged
/// by that checker in a container of its own. An interactive test runs afterwards, on its own, beside its interactor.
/// </summary>
public sealed class SubmissionGrader(ISandbox sandbox)
{
    /// <summary>The wall clock a test may take per second of CPU limit: generous, because two cores are shared.</summary>
    private const double WallPerCpuSecond = 3;

    private readonly DesignerChecker _checker = new(sandbox);
    private readonly Interactor _interactor = new(sandbox);

    /// <param name="onJudged">
    /// Called with each test's outcome as soon as it is judged, while later tests still run, one call at a time and
    /// in the order the tests finish; the report still holds every outcome. A test the sandbox gave up on is judged
    /// only for the report.
    /// </param>
    public async Task<GradingReport> GradeAsync(ProgramFiles program, SuiteDefinition suite,
        IReadOnlyDictionary<string, byte[]> suiteFiles, string label, CancellationToken cancellationToken,
        Func<TestOutcome, CancellationToken, Task>? onJudged = null)
    {
        // Data files the program may read sit beside it; expected outputs, checkers and the reference never do.
        var files = new Dictionary<string, byte[]>(program.Files);
        foreach (var (path, content) in SuiteFiles.ProgramDataFiles(suite, suiteFiles))
            files.TryAdd(path, content);

        var tests = suite.Tests.Select((test, index) => (Test: test, Index: index))
            .Where(t => t.Test.Interactive is null)
            .Select(t => SandboxTestOf(suite, t.Index, SuiteFiles.StdinBytes(t.Test, suiteFiles)))
            .ToList();

        // Results reported while the container runs are judged on the way (a checker may take its own container).
        var reported = Channel.CreateUnbounded<SandboxTestResult>(new UnboundedChannelOptions { SingleReader = true });
        var judged = new Dictionary<int, TestOutcome>();
        var judging = onJudged is null ? Task.CompletedTask : Task.Run(async () =>
        {
            await foreach (var early in reported.Reader.ReadAllAsync(cancellationToken))
            {
                var outcome = await JudgeAsync(early.Index, suite.Tests[early.Index], early, suiteFiles, label, cancellationToken);
                judged[early.Index] = outcome;
                await onJudged(outcome, cancellationToken);
            }
        }, cancellationToken);
        var request = new SandboxRequest(program.Language, files, tests, suite.PromptsAreOutput, label, program.Entry,
            BlockLanguages.RuntimeStart(program.Language),
            OnReported: onJudged is null ? null : result => reported.Writer.TryWrite(result), Image: suite.Image);
        IReadOnlyList<SandboxTestResult> results;
        try
        {
            results = await sandbox.RunAsync(request, cancellationToken);
        }
        finally
        {
            reported.Writer.TryComplete();
            await judging;
        }
        var byIndex = results.ToDictionary(r => r.Index);

        // The interactor talks with the program instead of stdin: the program gets no input of the test's.
        foreach (var (test, index) in suite.Tests.Select((test, index) => (test, index)).Where(t => t.test.Interactive is not null))
        {
            var programSide = new SandboxRequest(program.Language, files, [SandboxTestOf(suite, index, [])], suite.PromptsAreOutput,
                $"{label}-interactive-{index}", program.Entry, Image: suite.Image);
            var (result, judgement) = await _interactor.RunAsync(test, programSide, suiteFiles, cancellationToken);
            judged[index] = Outcome(index, test, result, judgement);
            if (onJudged is not null)
                await onJudged(judged[index], cancellationToken);
        }

        var outcomes = new List<TestOutcome>();
        for (var index = 0; index < suite.Tests.Count; index++)
        {
            var test = suite.Tests[index];
            outcomes.Add(judged.TryGetValue(index, out var early) ? early
                : byIndex.TryGetValue(index, out var result)
                ? await JudgeAsync(index, test, result, suiteFiles, label, cancellationToken)
                : new TestOutcome(index, test.Name, Verdict.InternalError, 0, test.Points, 0, test.Visibility, "", null, null));
        }
        var groups = TestGroups.Of(suite).Judge(outcomes.ToDictionary(o => o.Name, o => o.Verdict));
        if (BlockProgramScore.ProgramOf(program) is not { } blockProgram) return new GradingReport(outcomes, Groups: groups);
        var profile = ComputationalThinkingProfile.Of(blockProgram);
        outcomes.AddRange(BlockProgramScore.Outcomes(suite, blockProgram, profile));
        return new GradingReport(outcomes, profile, groups);
    }

    internal static double WallSecondsFor(double cpuSeconds) => Math.Max(cpuSeconds * WallPerCpuSecond, cpuSeconds + 2);

    private static SandboxTest SandboxTestOf(SuiteDefinition suite, int index, byte[] stdin)
    {
        var test = suite.Tests[index];
        var limits = suite.LimitsFor(test);
        return new SandboxTest(index, stdin, limits.TimeSeconds, WallSecondsFor(limits.TimeSeconds), limits.MemoryMb, test.Call);
    }

    private async Task<TestOutcome> JudgeAsync(int index, SuiteTest test, SandboxTestResult result,
        IReadOnlyDictionary<string, byte[]> suiteFiles, string label, CancellationToken cancellationToken)
    {
        var judgement = RunVerdict(result) is { } failed
            ? new Judgement(failed, 0, null, null, result.Error ?? ExitError(failed, result))
            : test.Checker is not null
                ? await _checker.JudgeAsync(test, result, suiteFiles, $"{label}-checker-{index}", cancellationToken)
                : test.Metric is { } metric
                ? Judgement.OfMetric(metric, SuiteFiles.MetricLabels(metric, suiteFiles), MetricScorer.Predictions(result))
                : Judgement.Of(test.Call is not null
                    ? ValueComparer.Compare(test.Expected!.Value, result.ReturnValueJson, test.Tolerance)
                    : OutputComparer.Compare(test, SuiteFiles.ExpectedStdout(test, suiteFiles) ?? "", Encoding.UTF8.GetString(result.Stdout)));
        return Outcome(index, test, result, judgement);
    }

    private static TestOutcome Outcome(int index, SuiteTest test, SandboxTestResult result, Judgement judgement) =>
        new(index, test.Name, judgement.Verdict, Math.Round(test.Points * judgement.Fraction, 2), test.Points,
            result.CpuMs, test.Visibility, Encoding.UTF8.GetString(result.Stdout), judgement.Description, judgement.Error, judgement.Difference,
            result.Figures);

    /// <summary>The verdict when the program did not end normally; null when its output is to be judged.</summary>
    internal static Verdict? RunVerdict(SandboxTestResult result) => result.Outcome switch
    {
        RunOutcome.CompileError => Verdict.CompileError,
        RunOutcome.TimeLimit => Verdict.TimeLimitExceeded,
        RunOutcome.MemoryLimit => Verdict.MemoryLimitExceeded,
        RunOutcome.OutputLimit => Verdict.OutputLimitExceeded,
        RunOutcome.RuntimeError => Verdict.RuntimeError,
        RunOutcome.Internal => Verdict.InternalError,
        _ when result.ExitCode != 0 => Verdict.RuntimeError,
        _ => null,
    };

    internal static ProgramError? ExitError(Verdict verdict, SandboxTestResult result) =>
        verdict == Verdict.RuntimeError && result.ExitCode is { } code ? new ProgramError("SystemExit", $"exit code {code}", null, null) : null;
}

/// <summary>What judging one test's output decided: the verdict, the share of its points, and why.</summary>
internal sealed record Judgement(Verdict Verdict, decimal Fraction, string? Description, OutputDifference? Difference, ProgramError? Error)
{
    public static Judgement Of(ComparisonResult comparison) =>
        new(comparison.Verdict, comparison.Passed ? 1 : 0, comparison.FirstDifference, comparison.Difference, null);

    /// <summary>Full points pass; any less (or predictions that cannot be scored) is a wrong answer with its share.</summary>
    public static Judgement OfMetric(SuiteMetric metric, string labels, string predictions)
    {
        var kind = metric.Kind.ToWire();
        var (value, problem) = MetricScorer.Measure(metric.Kind, labels, predictions);
        if (value is not { } measured)
        {
            return new(Verdict.WrongAnswer, 0, $"{kind}: {problem}",
                new OutputDifference(DifferenceKinds.Metric, Expected: kind, Message: problem), null);
        }
        var fraction = MetricScorer.Fraction(metric, measured);
        var shown = measured.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
        var needed = metric.Scale is { } scale
            ? FormattableString.Invariant($"{scale.Zero} → {scale.Full}")
            : FormattableString.Invariant($"{(metric.Kind is MetricKind.Accuracy or MetricKind.F1 ? "≥" : "≤")} {metric.Threshold}");
        return new(fraction == 1 ? Verdict.Passed : Verdict.WrongAnswer, fraction, $"{kind} {shown} (needed {needed})",
            new OutputDifference(DifferenceKinds.Metric, Expected: $"{kind} {needed}", Actual: shown), null);
    }
}
