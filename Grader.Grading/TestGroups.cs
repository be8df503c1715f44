using Grader.Grading.Suites;

namespace Grader.Grading;

/// <summary>
/// How one group of tests (a subtask) went: its points when every test in it passed, else none. <see cref="Verdict"/>
/// is the first verdict of its tests that is not passed, else passed; null while some of its tests have no result yet.
/// </summary>
public sealed record GroupOutcome(string Name, Verdict? Verdict, decimal Points, int MaxPoints, IReadOnlyList<string> Tests);

/// <summary>
/// A suite's groups and the rule that scores them, as Kattis's default grader does for a scoring problem's subtask
/// (<c>grader_flags: min</c> over accept/reject scores, and a group that is not accepted scores nothing): all or nothing.
/// One rule for grading and for reading a stored grade, so the score and what feedback shows always agree.
/// </summary>
public sealed class TestGroups
{
    private readonly IReadOnlyList<(SuiteGroup Group, IReadOnlyList<string> Tests)> _groups;

    private TestGroups(IReadOnlyList<(SuiteGroup, IReadOnlyList<string>)> groups) => _groups = groups;

    public static TestGroups Of(SuiteDefinition suite) => new(
        (suite.Groups ?? []).Select(g => (g, (IReadOnlyList<string>)[.. suite.Tests.Where(t => t.Group == g.Name).Select(t => t.Name)])).ToList());

    /// <summary>Each group's outcome from its tests' verdicts by test name (a test without a verdict has not finished).</summary>
    public IReadOnlyList<GroupOutcome> Judge(IReadOnlyDictionary<string, Verdict> verdicts) => _groups.Select(entry =>
    {
        var (group, tests) = entry;
        var known = tests.Where(verdicts.ContainsKey).Select(t => (Verdict?)verdicts[t]).ToList();
        var verdict = known.FirstOrDefault(v => v != Verdict.Passed) ?? (known.Count == tests.Count ? Verdict.Passed : null);
        return new GroupOutcome(group.Name, verdict, verdict == Verdict.Passed ? group.Points : 0, group.Points, tests);
    }).ToList();
}
