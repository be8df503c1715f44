using System.Text;
using Grader.Grading.Blocks;
using Grader.Grading.Comparing;
using Grader.Grading.Suites;

namespace Grader.Grading;

/// <summary>
/// What a suite gives a block program for how it is built rather than what it prints: <c>requires</c> (constructs
/// it must use, for <c>requiresPoints</c>) and <c>profilePoints</c> (its computational-thinking profile). Each is one
/// visible line after the tests, so the student sees why.
/// </summary>
public static class BlockProgramScore
{
    public const string ProfileTestName = "computational thinking";

    /// <summary><see cref="OutputDifference.Kind"/> of the two lines, for feedback.</summary>
    public const string RequirementKind = "requirement", ProfileKind = "profile";

    /// <summary>The block program a grader was given: its one file, as BlockProgramReader stored it.</summary>
    public static BlockProgram? ProgramOf(ProgramFiles program) =>
        BlockLanguages.Contains(program.Language) && program.Files.Count == 1
            ? new BlockProgram(program.Language, program.Files.Keys.Single(), Encoding.UTF8.GetString(program.Files.Values.Single()))
            : null;

    public static IEnumerable<TestOutcome> Outcomes(SuiteDefinition suite, BlockProgram program, ComputationalThinkingProfile profile)
    {
        var index = suite.Tests.Count;
        if (suite.Requires is { Count: > 0 } requires)
        {
            var missing = ComputationalThinkingProfile.MissingConstructs(program, requires);
            var points = suite.RequiresPoints ?? 0;
            yield return new TestOutcome(index++, $"requires: {string.Join(", ", requires)}",
                missing.Count == 0 ? Verdict.Passed : Verdict.WrongAnswer, missing.Count == 0 ? points : 0, points, 0,
                TestVisibility.Visible, "", null, null,
                new OutputDifference(RequirementKind, Expected: string.Join(", ", requires), Actual: string.Join(", ", missing)));
        }
        if (suite.ProfilePoints is { } profilePoints)
        {
            // Proportional: every point of the profile's total earns its share, so no single dimension decides.
            yield return new TestOutcome(index, ProfileTestName, Verdict.Passed,
                Math.Round(profilePoints * (decimal)profile.Total / ComputationalThinkingProfile.MaxTotal, 2), profilePoints, 0,
                TestVisibility.Visible, "", null, null,
                new OutputDifference(ProfileKind, Actual: $"{profile.Total}/{ComputationalThinkingProfile.MaxTotal}"));
        }
    }
}
