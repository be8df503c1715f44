namespace Grader.Runners.Checking;

/// <summary>
/// A comparison's verdict (passed, wrong_answer or presentation_error), and for a failure a short description
/// of the first difference, fit to show a student on a visible test.
/// </summary>
public sealed record ComparisonResult(Verdict Verdict, string? FirstDifference)
{
    public static readonly ComparisonResult Pass = new(Verdict.Passed, null);

    public bool Passed => Verdict == Verdict.Passed;

    internal static ComparisonResult Wrong(string difference) => new(Verdict.WrongAnswer, difference);
}
