using System.Text.Json;
using Grader.Grading.Comparing;
using Grader.Grading.Suites;

namespace Grader.Grading.Tests.Comparing;

public class ValueComparerTests
{
    private static ComparisonResult Compare(string expected, string? actual, FloatTolerance? tolerance = null) =>
        ValueComparer.Compare(JsonDocument.Parse(expected).RootElement, actual, tolerance);

    [Theory]
    [InlineData("5", "5")]
    [InlineData("5", "5.0")]
    [InlineData("5", "5e0")]
    [InlineData("\"안녕\"", "\"\\uc548\\ub155\"")]
    [InlineData("null", "null")]
    [InlineData("true", "true")]
    [InlineData("[1, [2, 3], {\"a\": null}]", "[1.0, [2, 3], {\"a\": null}]")]
    [InlineData("{\"a\": 1, \"b\": [true]}", "{\"b\": [true], \"a\": 1}")]
    [InlineData("12345678901234567890", "12345678901234567890")]
    public void Equal_values_pass(string expected, string actual) =>
        Assert.True(Compare(expected, actual).Passed);

    [Theory]
    [InlineData("5", "6", "expected 5, got 6")]
    [InlineData("5", "\"5\"", "expected 5, got \"5\"")]
    [InlineData("1", "true", "expected 1, got true")]
    [InlineData("null", "0", "expected null, got 0")]
    [InlineData("0.3", "0.30000000000000004", "expected 0.3, got 0.30000000000000004")]
    [InlineData("[1, 2, 3]", "[1, 2]", "expected a list of 3 items, got 2")]
    [InlineData("[1, [2, 3]]", "[1, [2, 4]]", "at [1][1]: expected 3, got 4")]
    [InlineData("{\"a\": 1}", "{}", "missing key \"a\"")]
    [InlineData("{\"a\": 1}", "{\"a\": 1, \"b\": 2}", "unexpected key \"b\"")]
    [InlineData("{\"a\": {\"b\": 1}}", "{\"a\": {\"b\": 2}}", "at [\"a\"][\"b\"]: expected 1, got 2")]
    public void Different_values_fail_naming_the_first_difference(string expected, string actual, string difference)
    {
        var result = Compare(expected, actual);

        Assert.Equal(Verdict.WrongAnswer, result.Verdict);
        Assert.Equal(difference, result.FirstDifference);
    }

    [Fact]
    public void Numbers_compare_within_the_tolerance_when_one_is_given()
    {
        var tolerance = new FloatTolerance(1e-9, null);

        Assert.True(Compare("0.3", "0.30000000000000004", tolerance).Passed);
        Assert.True(Compare("[0.1, {\"x\": 0.3}]", "[0.1, {\"x\": 0.30000000000000004}]", tolerance).Passed);
        Assert.False(Compare("0.3", "0.31", tolerance).Passed);
    }

    [Fact]
    public void Integers_past_the_range_of_double_compare_by_their_digits()
    {
        var huge = "1" + new string('0', 400);

        Assert.True(Compare(huge, huge).Passed);
        Assert.False(Compare(huge, huge[..^1] + "1").Passed);
        Assert.False(Compare(huge, "1e400", new FloatTolerance(1, 1)).Passed);
    }

    [Fact]
    public void A_missing_or_unreadable_return_value_is_a_wrong_answer()
    {
        Assert.Equal("the function returned no value", Compare("1", null).FirstDifference);
        Assert.Equal(Verdict.WrongAnswer, Compare("1", "NaN").Verdict);
    }

    [Fact]
    public void Matches_agrees_with_compare()
    {
        var expected = JsonDocument.Parse("[1, 2]").RootElement;

        Assert.True(ValueComparer.Matches(expected, "[1, 2.0]"));
        Assert.False(ValueComparer.Matches(expected, "[2, 1]"));
    }
}
