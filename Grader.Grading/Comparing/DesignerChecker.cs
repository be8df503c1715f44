using System.Globalization;
using System.Text;
using System.Text.Json;
using Grader.Grading.Running;
using Grader.Grading.Suites;

namespace Grader.Grading.Comparing;

/// <summary>
/// Runs a test's <c>checker</c>, a designer's Python script, in a container of its own (never the student's):
/// its working folder holds <c>input.txt</c>, <c>expected.txt</c> and <c>actual.txt</c>, and the last line it
/// prints is <c>{"score": 0.0..1.0, "message": "…"}</c>. A checker that crashes or answers anything else is an
/// internal error for that test, which also fails the suite's validation.
/// </summary>
internal sealed class DesignerChecker(ISandbox sandbox)
{
    public const string Script = "checker.py";
    private const double CpuSeconds = 10;
    private const int MemoryMb = 256;
    private const int ShownChars = 200;

    public async Task<Judgement> JudgeAsync(SuiteTest test, SandboxTestResult program,
        IReadOnlyDictionary<string, byte[]> suiteFiles, string label, CancellationToken cancellationToken)
    {
        // A call test's checker reads the values as JSON; an output test's reads the text.
        var expected = test.Call is not null
            ? test.Expected?.GetRawText() ?? ""
            : SuiteFiles.ExpectedStdout(test, suiteFiles) ?? "";
        var actual = test.Call is not null ? Encoding.UTF8.GetBytes(program.ReturnValueJson ?? "") : program.Stdout;
        var files = new Dictionary<string, byte[]>
        {
            [Script] = suiteFiles[test.Checker!],
            ["input.txt"] = SuiteFiles.StdinBytes(test, suiteFiles),
            ["expected.txt"] = Encoding.UTF8.GetBytes(expected),
            ["actual.txt"] = actual,
        };
        var request = new SandboxRequest(ProgramLanguage.Python, files,
            [new SandboxTest(0, [], CpuSeconds, SubmissionGrader.WallSecondsFor(CpuSeconds), MemoryMb)],
            PromptsAreOutput: true, label, Entry: Script);
        var run = (await sandbox.RunAsync(request, cancellationToken))[0];
        return Read(run);
    }

    private static Judgement Read(SandboxTestResult run)
    {
        if (run.Outcome != RunOutcome.Exited || run.ExitCode != 0)
        {
            return Failed(run.Error is { } e
                ? $"the checker failed with {e.Type}{(e.Line is { } line ? $" on line {line}" : "")}: {e.Message}"
                : $"the checker ended with {run.Outcome.ToString().ToLowerInvariant()}, exit code {run.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "none"}");
        }

        var lastLine = Encoding.UTF8.GetString(run.Stdout).Split('\n').LastOrDefault(l => l.Trim().Length > 0)?.Trim();
        if (lastLine is null) return Failed("the checker printed nothing");
        try
        {
            using var document = JsonDocument.Parse(lastLine);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("score", out var scoreElement)
                || !scoreElement.TryGetDecimal(out var score) || score is < 0 or > 1)
            {
                return Failed($"the checker's last line has no \"score\" from 0 to 1: {Cut(lastLine)}");
            }

            var message = root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "";
            return new Judgement(score == 1 ? Verdict.Passed : Verdict.WrongAnswer, score,
                score == 1 ? null : $"checker: score {score.ToString(CultureInfo.InvariantCulture)}, {message}",
                message.Length == 0 ? null : new OutputDifference(DifferenceKinds.Checker, Message: Cut(message)), null);
        }
        catch (JsonException)
        {
            return Failed($"the checker's last line is not JSON: {Cut(lastLine)}");
        }
    }

    private static Judgement Failed(string why) =>
        new(Verdict.InternalError, 0, why, null, new ProgramError("CheckerError", why, null, null));

    private static string Cut(string text) => text.Length > ShownChars ? text[..ShownChars] + "…" : text;
}
