using Grader.Grading.Comparing;
using Grader.Grading.Suites;

namespace Grader.Grading.Tests.Comparing;

public class OutputComparerTests
{
    private static ComparisonResult Compare(CompareMode mode, string expected, string actual, FloatTolerance? tolerance = null) =>
        OutputComparer.Compare(mode, expected, actual, tolerance);

    [Theory]
    [InlineData("3\n", "3\n")]
    [InlineData("1 2\n3\n", "1 2\r\n3\r\n")]
    [InlineData("", "")]
    public void Exact_passes_identical_output_with_crlf_counted_as_lf(string expected, string actual) =>
        Assert.Equal(Verdict.Passed, Compare(CompareMode.Exact, expected, actual).Verdict);

    [Fact]
    public void Exact_gives_presentation_error_for_a_missing_final_newline()
    {
        var result = Compare(CompareMode.Exact, "3\n", "3");

        Assert.Equal(Verdict.PresentationError, result.Verdict);
        Assert.Equal("the output should end with a newline", result.FirstDifference);
    }

    [Fact]
    public void Exact_gives_presentation_error_for_right_tokens_in_the_wrong_layout()
    {
        var result = Compare(CompareMode.Exact, "1 2\n3\n", "1  2\n3\n");

        Assert.Equal(Verdict.PresentationError, result.Verdict);
        Assert.Equal("line 1: expected \"1 2\", got \"1  2\"", result.FirstDifference);
    }

    [Fact]
    public void Exact_gives_wrong_answer_when_a_token_differs_and_names_the_line()
    {
        var result = Compare(CompareMode.Exact, "a\nb\n3\n", "a\nb\n4\n");

        Assert.Equal(Verdict.WrongAnswer, result.Verdict);
        Assert.Equal("line 3: expected \"3\", got \"4\"", result.FirstDifference);
    }

    [Fact]
    public void Exact_reports_empty_output_as_ended_early()
    {
        var result = Compare(CompareMode.Exact, "hello\n", "");

        Assert.Equal(Verdict.WrongAnswer, result.Verdict);
        Assert.Equal("line 1: expected \"hello\", got \"\"", result.FirstDifference);
    }

    [Fact]
    public void Exact_shows_tabs_escaped_so_the_difference_is_visible()
    {
        var result = Compare(CompareMode.Exact, "a b\n", "a\tb\n");

        Assert.Equal(Verdict.PresentationError, result.Verdict);
        Assert.Equal("line 1: expected \"a b\", got \"a\\tb\"", result.FirstDifference);
    }

    [Fact]
    public void Long_lines_are_shown_around_where_they_differ_and_cut_short()
    {
        var prefix = new string('x', 100);

        var result = Compare(CompareMode.Exact, prefix + "A" + prefix, prefix + "B" + prefix);

        Assert.Equal(Verdict.WrongAnswer, result.Verdict);
        Assert.Contains("A", result.FirstDifference);
        Assert.Contains("B", result.FirstDifference);
        Assert.Contains("…", result.FirstDifference);
        Assert.True(result.FirstDifference!.Length < 120, result.FirstDifference);
    }

    [Theory]
    [InlineData("1\n2\n", "1   \n2\t\n\n\n")]
    [InlineData("1\n2", "1\r\n2\r\n")]
    [InlineData("", "\n \n")]
    public void Trim_ignores_trailing_white_space_and_trailing_blank_lines(string expected, string actual) =>
        Assert.Equal(Verdict.Passed, Compare(CompareMode.Trim, expected, actual).Verdict);

    [Fact]
    public void Trim_still_minds_leading_white_space_and_blank_lines_between()
    {
        Assert.Equal(Verdict.PresentationError, Compare(CompareMode.Trim, "1\n2\n", "  1\n2\n").Verdict);
        Assert.Equal(Verdict.PresentationError, Compare(CompareMode.Trim, "1\n2\n", "1\n\n2\n").Verdict);
        Assert.Equal(Verdict.WrongAnswer, Compare(CompareMode.Trim, "1\n2\n", "1\n3\n").Verdict);
    }

    [Theory]
    [InlineData("1 2 3\n", "1\n2\n3")]
    [InlineData("3\n", "  3  ")]
    [InlineData("", "\n\n")]
    [InlineData("안녕 세계\n", "안녕\r\n세계\r\n")]
    public void Tokens_ignores_white_space(string expected, string actual) =>
        Assert.Equal(Verdict.Passed, Compare(CompareMode.Tokens, expected, actual).Verdict);

    [Fact]
    public void Tokens_reports_the_first_different_token_on_the_line_of_the_output()
    {
        var result = Compare(CompareMode.Tokens, "1 2 3\n", "1\n2\n4\n");

        Assert.Equal(Verdict.WrongAnswer, result.Verdict);
        Assert.Equal("line 3: expected \"3\", got \"4\"", result.FirstDifference);
    }

    [Fact]
    public void Tokens_reports_missing_and_extra_output()
    {
        Assert.Equal("line 1: expected \"3\", got end of output", Compare(CompareMode.Tokens, "3\n", "").FirstDifference);
        Assert.Equal("line 2: expected end of output, got \"4\"", Compare(CompareMode.Tokens, "3\n", "3\n4\n").FirstDifference);
    }

    [Fact]
    public void Tokens_ignore_case_only_when_the_test_says_so()
    {
        Assert.Equal(Verdict.WrongAnswer, Compare(CompareMode.Tokens, "YES\nPossible\n", "yes possible").Verdict);
        Assert.Equal(Verdict.Passed, OutputComparer.Compare(CompareMode.Tokens, "YES\nPossible\n", "yes possible", caseSensitive: false).Verdict);
        var different = OutputComparer.Compare(CompareMode.Tokens, "YES\n", "no\n", caseSensitive: false);
        Assert.Equal(("line 1: expected \"YES\", got \"no\"", Verdict.WrongAnswer), (different.FirstDifference, different.Verdict));
        // Still the whole answer after a label, with case ignored.
        Assert.Equal(DifferenceKinds.ExtraLeadingText,
            OutputComparer.Compare(CompareMode.Tokens, "YES\n", "Answer: yes\n", caseSensitive: false).Difference?.Kind);
    }

    [Fact]
    public void Tokens_compares_numbers_as_text()
    {
        Assert.Equal(Verdict.WrongAnswer, Compare(CompareMode.Tokens, "3", "3.0").Verdict);
    }

    [Theory]
    [InlineData("0.3333333", "0.33333334")]          // within the default 1e-6
    [InlineData("1e-06", "0.000001")]
    [InlineData("1E+03", "1000")]
    [InlineData("3", "3.0")]
    [InlineData("-2.5e0", "-2.50")]
    [InlineData("nan", "NaN")]
    [InlineData("inf -inf", "Infinity -inf")]
    [InlineData("x = 1.5\n", "x   =   1.5000000001")]
    public void Float_accepts_numbers_within_tolerance_in_any_notation(string expected, string actual) =>
        Assert.Equal(Verdict.Passed, Compare(CompareMode.Float, expected, actual).Verdict);

    [Theory]
    [InlineData("0.333", "0.334")]
    [InlineData("nan", "0")]
    [InlineData("1", "nan")]
    [InlineData("inf", "-inf")]
    [InlineData("x=1.0", "x=1")]    // not a number: compared as text
    [InlineData("1.0", "one")]
    public void Float_refuses_numbers_outside_tolerance_and_different_words(string expected, string actual) =>
        Assert.Equal(Verdict.WrongAnswer, Compare(CompareMode.Float, expected, actual).Verdict);

    [Fact]
    public void Float_accepts_within_absolute_or_relative_tolerance()
    {
        var absoluteOnly = new FloatTolerance(0.01, null);
        var relativeOnly = new FloatTolerance(null, 0.01);

        Assert.Equal(Verdict.Passed, Compare(CompareMode.Float, "1.00", "1.009", absoluteOnly).Verdict);
        Assert.Equal(Verdict.WrongAnswer, Compare(CompareMode.Float, "1000", "1005", absoluteOnly).Verdict);
        Assert.Equal(Verdict.Passed, Compare(CompareMode.Float, "1000", "1005", relativeOnly).Verdict);
        Assert.Equal(Verdict.WrongAnswer, Compare(CompareMode.Float, "0.001", "0.002", relativeOnly).Verdict);
    }

    [Fact]
    public void Comparing_a_suite_test_uses_its_mode_and_tolerance()
    {
        var test = new SuiteTest("t", 1, Compare: CompareMode.Float, Tolerance: new FloatTolerance(0.5, null));

        Assert.True(OutputComparer.Compare(test, "10", "10.4").Passed);
        Assert.False(OutputComparer.Compare(test, "10", "10.6").Passed);
    }

    [Theory]
    [InlineData(@"\d+", "42\n")]
    [InlineData("a|ab", "ab")]                     // the whole output, not the first alternative
    [InlineData("hello, .+!\n", "hello, 세계!\r\n")]
    [InlineData("(?s)start.*end", "start\nmiddle\nend\n")]
    public void Regex_passes_when_the_whole_output_matches(string pattern, string actual) =>
        Assert.Equal(Verdict.Passed, Compare(CompareMode.Regex, pattern, actual).Verdict);

    [Theory]
    [InlineData(@"\d+", "42abc")]
    [InlineData(@"\d+", "x42")]
    [InlineData(@"\d+", "")]
    public void Regex_refuses_a_partial_match(string pattern, string actual)
    {
        var result = Compare(CompareMode.Regex, pattern, actual);

        Assert.Equal(Verdict.WrongAnswer, result.Verdict);
        Assert.StartsWith("the output does not match the expected pattern", result.FirstDifference);
    }

    [Fact]
    public void Regex_that_does_not_compile_is_an_internal_error_not_the_students_fault() =>
        Assert.Equal(Verdict.InternalError, Compare(CompareMode.Regex, "(unclosed", "x").Verdict);

    [Theory]
    [InlineData("b\na\nc\n", "a\nb\nc\n")]
    [InlineData("a\na\nb\n", "  a\n\nb\n a \n")]
    [InlineData("", "\n   \n")]
    public void Unordered_lines_compares_the_multiset_of_trimmed_non_empty_lines(string expected, string actual) =>
        Assert.Equal(Verdict.Passed, Compare(CompareMode.UnorderedLines, expected, actual).Verdict);

    [Fact]
    public void Unordered_lines_reports_a_missing_or_unexpected_line()
    {
        Assert.Equal("missing line \"a\"", Compare(CompareMode.UnorderedLines, "a\na\nb\n", "a\nb\n").FirstDifference);
        Assert.Equal("unexpected line \"c\"", Compare(CompareMode.UnorderedLines, "a\nb\n", "b\nc\na\n").FirstDifference);
    }
}
