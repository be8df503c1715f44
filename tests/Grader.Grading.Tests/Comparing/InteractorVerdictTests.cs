using Grader.Grading.Comparing;
using Grader.Grading.Running;

namespace Grader.Grading.Tests.Comparing;

/// <summary>
/// Who decides an interactive test (README, "Interactive tests"): the program's limits first, its crash when it ended
/// first, then a broken interactor, then the interactor's exit code and share.
/// </summary>
public class InteractorVerdictTests
{
    private static SandboxTestResult Side(RunOutcome outcome, int? exitCode, string stderr = "") =>
        new(0, outcome, exitCode, 10, 10, 1000, [], stderr, null, null);

    private static readonly SandboxTestResult s_exited = Side(RunOutcome.Exited, 0);
    private static readonly SandboxTestResult s_crashed = Side(RunOutcome.RuntimeError, 1);

    public static TheoryData<SandboxTestResult, SandboxTestResult, bool, Verdict, decimal> Cases => new()
    {
        { s_exited, Side(RunOutcome.Exited, 0), true, Verdict.Passed, 1 },
        { s_exited, Side(RunOutcome.Exited, 1), true, Verdict.WrongAnswer, 0 },
        { s_exited, Side(RunOutcome.Exited, 0, "points: 0.5\n"), true, Verdict.WrongAnswer, 0.5m },
        { s_exited, Side(RunOutcome.Exited, 1, "nearly\npoints: 0.25\n"), true, Verdict.WrongAnswer, 0.25m },
        { s_exited, Side(RunOutcome.Exited, 0, "points: 2\n"), true, Verdict.InternalError, 0 },
        { s_exited, Side(RunOutcome.Exited, 2), true, Verdict.InternalError, 0 },
        { s_exited, Side(RunOutcome.RuntimeError, 1), false, Verdict.InternalError, 0 },
        // The program's limits decide whoever ended first.
        { Side(RunOutcome.OutputLimit, null), Side(RunOutcome.Exited, 1), false, Verdict.OutputLimitExceeded, 0 },
        { Side(RunOutcome.TimeLimit, null), Side(RunOutcome.RuntimeError, 1), true, Verdict.TimeLimitExceeded, 0 },
        // A crash before the interactor ended is the program's; after a wrong answer it changes nothing; after a pass it does.
        { s_crashed, Side(RunOutcome.RuntimeError, 1), true, Verdict.RuntimeError, 0 },
        { s_crashed, Side(RunOutcome.Exited, 1), false, Verdict.WrongAnswer, 0 },
        { s_crashed, Side(RunOutcome.Exited, 0), false, Verdict.RuntimeError, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_verdict_follows_the_order_of_who_decides(SandboxTestResult program, SandboxTestResult interactor,
        bool programEndedFirst, Verdict verdict, decimal fraction)
    {
        var judgement = Interactor.Judge(new InteractiveSandboxResult(program, interactor, programEndedFirst));

        Assert.Equal((verdict, fraction), (judgement.Verdict, judgement.Fraction));
    }
}
