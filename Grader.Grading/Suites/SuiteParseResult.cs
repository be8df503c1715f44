namespace Grader.Grading.Suites;

/// <summary>
/// One reason an upload is refused. <see cref="Where"/> names the place ("suite.yaml:12" or "large.out");
/// <see cref="Field"/> is the manifest path ("tests[2].points") when there is one;
/// <see cref="Code"/> is a stable identifier the API localises; <see cref="Message"/> is English detail.
/// </summary>
public sealed record SuiteProblem(string Where, string Code, string Message, string? Field = null);

/// <summary>Either a suite and the files it names (by their path in the upload), or the problems that refuse it.</summary>
public sealed record SuiteParseResult(
    SuiteDefinition? Suite,
    IReadOnlyDictionary<string, byte[]> Files,
    IReadOnlyList<SuiteProblem> Problems)
{
    public bool IsValid => Suite is not null && Problems.Count == 0;
}
