using Grader.Grading.Comparing;
using Grader.Grading.Suites;

namespace Grader.Grading.Tests.Comparing;

/// <summary>Each metric against values worked out by hand on a few lines.</summary>
public sealed class MetricScorerTests
{
    [Theory]
    // 3 of 4 right.
    [InlineData(MetricKind.Accuracy, "a\nb\na\nc\n", "a\nb\nb\nc\n", 0.75)]
    // Numbers compare as numbers: 1.0 is 1; CRLF and a trailing blank line are fine.
    [InlineData(MetricKind.Accuracy, "1\n0\n", "1.0\r\n0\r\n\r\n", 1.0)]
    // Class 1: TP 2, 3 labelled, 3 predicted → 4/6; class 0: TP 1, 2 and 2 → 2/4; macro (2/3 + 1/2) / 2.
    [InlineData(MetricKind.F1, "1\n1\n0\n0\n1\n", "1\n0\n0\n1\n1\n", 7.0 / 12)]
    // Errors 1, 0, 2: squares average 5/3.
    [InlineData(MetricKind.Rmse, "1\n2\n3\n", "2\n2\n5\n", 1.2909944487358056)]
    [InlineData(MetricKind.Mae, "1\n2\n3\n", "2\n2\n5\n", 1.0)]
    [InlineData(MetricKind.Mae, "1.5\n-2\n", "1\n-2.5\n", 0.5)]
    public void A_metric_has_the_hand_computed_value(MetricKind kind, string labels, string predictions, double expected)
    {
        var (value, problem) = MetricScorer.Measure(kind, labels, predictions);

        Assert.Null(problem);
        Assert.Equal(expected, value!.Value, 12);
    }

    [Theory]
    [InlineData(MetricKind.Accuracy, "a\nb\n", "a\n", "1 predictions for 2 labels")]
    [InlineData(MetricKind.Rmse, "1\n2\n", "1\ntwo\n", "line 2 is not a number")]
    public void Predictions_that_cannot_be_scored_say_why(MetricKind kind, string labels, string predictions, string reason)
    {
        Assert.Equal((null, reason), MetricScorer.Measure(kind, labels, predictions));
    }

    [Theory]
    // Accuracy and F1 must reach the threshold; errors must stay at or under it.
    [InlineData(MetricKind.Accuracy, 0.8, 0.8, 1)]
    [InlineData(MetricKind.F1, 0.8, 0.79, 0)]
    [InlineData(MetricKind.Rmse, 1.0, 1.0, 1)]
    [InlineData(MetricKind.Mae, 1.0, 1.2, 0)]
    public void A_threshold_gives_all_or_nothing(MetricKind kind, double threshold, double value, int fraction)
    {
        Assert.Equal(fraction, MetricScorer.Fraction(new SuiteMetric(kind, "labels.txt", Threshold: threshold), value));
    }

    [Theory]
    // Halfway from 0.5 to 0.9 is 0.7; outside the scale the share stops at 0 and 1.
    [InlineData(MetricKind.Accuracy, 0.5, 0.9, 0.8, 0.75)]
    [InlineData(MetricKind.Accuracy, 0.5, 0.9, 0.3, 0)]
    [InlineData(MetricKind.Accuracy, 0.5, 0.9, 0.95, 1)]
    // For an error the scale runs downwards: 2 earns nothing, 0 everything.
    [InlineData(MetricKind.Rmse, 2, 0, 0.5, 0.75)]
    public void A_scale_gives_a_linear_share(MetricKind kind, double zero, double full, double value, double fraction)
    {
        var metric = new SuiteMetric(kind, "labels.txt", Scale: new MetricScale(zero, full));

        Assert.Equal(fraction, (double)MetricScorer.Fraction(metric, value), 12);
    }
}
