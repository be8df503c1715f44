using Grader.Grading.Comparing;
using Grader.Grading.Suites;

namespace Grader.Grading.Tests.Comparing;

/// <summary>The first difference as facts feedback renders in the reader's language, per compare mode.</summary>
public class OutputDifferenceTests
{
    public static TheoryData<CompareMode, string, string, OutputDifference> Differences => new()
    {
        { CompareMode.Exact, "a\nHello, World!\n", "a\nHello World!\n", new OutputDifference(DifferenceKinds.Line, 2, "Hello, World!", "Hello World!") },
        { CompareMode.Exact, "a\nb\n", "a\n", new OutputDifference(DifferenceKinds.Line, 2, "b", "") },
        { CompareMode.Exact, "3\n", "3", new OutputDifference(DifferenceKinds.MissingFinalNewline) },
        { CompareMode.Trim, "3\n", "3  \n4\n", new OutputDifference(DifferenceKinds.Line, 2, null, "4") },
        { CompareMode.Tokens, "1 2\n3\n", "1 2\n4\n", new OutputDifference(DifferenceKinds.Line, 2, "3", "4") },
        { CompareMode.Float, "3.14\n", "3.2\n", new OutputDifference(DifferenceKinds.Line, 1, "3.14", "3.2") },
        { CompareMode.Regex, "^\\d+$", "twelve\n", new OutputDifference(DifferenceKinds.Pattern, 1, null, "twelve") },
        { CompareMode.UnorderedLines, "a\nb\n", "b\n", new OutputDifference(DifferenceKinds.MissingLine, Expected: "a") },
        { CompareMode.UnorderedLines, "a\n", "a\nc\n", new OutputDifference(DifferenceKinds.UnexpectedLine, Actual: "c") },
        // A prompt or a label printed before the right answer (issue 17): the fix is to print less.
        { CompareMode.Tokens, "3\n", "두 수를 입력하세요\n3\n", new OutputDifference(DifferenceKinds.ExtraLeadingText, 1, Actual: "두 수를 입력하세요") },
        { CompareMode.Exact, "3\n", "합: 3\n", new OutputDifference(DifferenceKinds.ExtraLeadingText, 1, Actual: "합:") },
        { CompareMode.Float, "0.5\n", "답은 0.5000001\n", new OutputDifference(DifferenceKinds.ExtraLeadingText, 1, Actual: "답은") },
    };

    [Theory]
    [MemberData(nameof(Differences))]
    public void Each_mode_names_its_first_difference(CompareMode mode, string expected, string actual, OutputDifference difference) =>
        Assert.Equal(difference, OutputComparer.Compare(mode, expected, actual).Difference);

    [Fact]
    public void A_tab_is_shown_escaped_and_a_long_line_is_cut_around_the_difference()
    {
        var expected = new string('x', 60) + "A" + new string('y', 60);
        var actual = new string('x', 60) + "B\t" + new string('y', 59);

        var difference = OutputComparer.Compare(CompareMode.Exact, expected, actual).Difference!;

        Assert.StartsWith("…", difference.Actual);
        Assert.Contains("B\\t", difference.Actual);
        Assert.EndsWith("…", difference.Actual);
    }

    [Fact]
    public void A_return_value_difference_shows_both_whole_values()
    {
        using var expected = System.Text.Json.JsonDocument.Parse("[1, 2]");

        var difference = ValueComparer.Compare(expected.RootElement, "[1, 3]").Difference;

        Assert.Equal(new OutputDifference(DifferenceKinds.Value, Expected: "[1, 2]", Actual: "[1, 3]"), difference);
    }
}
