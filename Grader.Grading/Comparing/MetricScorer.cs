using System.Globalization;
using System.Text;
using Grader.Grading.Running;
using Grader.Grading.Suites;

namespace Grader.Grading.Comparing;

/// <summary>
/// Scores a metric test's predictions (predictions.csv when the program wrote one, else its stdout; one a line) against the suite's labels, outside the
/// sandbox. Accuracy and F1 compare labels as text, or as numbers when both sides are numbers (<c>1</c> = <c>1.0</c>);
/// F1 is the macro average over every class among the labels and predictions (scikit-learn's <c>average="macro"</c>).
/// </summary>
public static class MetricScorer
{
    /// <summary>The metric's value, or null with the reason when the predictions cannot be scored.</summary>
    public static (double? Value, string? Problem) Measure(MetricKind kind, string labelsText, string predictionsText)
    {
        var labels = Lines(labelsText);
        var predictions = Lines(predictionsText);
        if (predictions.Count != labels.Count)
            return (null, $"{predictions.Count} predictions for {labels.Count} labels");
        if (kind is MetricKind.Accuracy or MetricKind.F1)
        {
            var keys = labels.Concat(predictions).Select(Key).ToList();
            var pairs = keys.Take(labels.Count).Zip(keys.Skip(labels.Count)).ToList();
            return (kind == MetricKind.Accuracy ? Accuracy(pairs) : MacroF1(pairs), null);
        }

        var errors = new List<double>(labels.Count);
        for (var i = 0; i < labels.Count; i++)
        {
            if (!TryNumber(predictions[i], out var predicted)) return (null, $"line {i + 1} is not a number");
            if (!TryNumber(labels[i], out var label)) return (null, $"label {i + 1} is not a number");
            errors.Add(predicted - label);
        }
        return (kind == MetricKind.Rmse
            ? Math.Sqrt(errors.Average(e => e * e))
            : errors.Average(Math.Abs), null);
    }

    /// <summary>
    /// The predictions to score: the program's predictions.csv when it wrote one, else its stdout. The file may start
    /// with a byte-order mark (pandas' <c>encoding="utf-8-sig"</c>) and a header line <c>prediction</c>
    /// (<c>DataFrame({"prediction": ...}).to_csv(..., index=False)</c>), which are not predictions.
    /// </summary>
    public static string Predictions(SandboxTestResult result)
    {
        if (result.Predictions is not { } file) return Encoding.UTF8.GetString(result.Stdout);
        var text = Encoding.UTF8.GetString(file).TrimStart('\uFEFF');
        var firstLineEnd = text.IndexOf('\n');
        var firstLine = firstLineEnd < 0 ? text : text[..firstLineEnd];
        return firstLine.Trim().Equals(PredictionsHeader, StringComparison.OrdinalIgnoreCase)
            ? firstLineEnd < 0 ? "" : text[(firstLineEnd + 1)..]
            : text;
    }

    private const string PredictionsHeader = "prediction";

    /// <summary>The share of the test's points the value earns: all or nothing at a threshold, or linear on a scale.</summary>
    public static decimal Fraction(SuiteMetric metric, double value)
    {
        if (metric.Scale is { } scale)
            return (decimal)Math.Clamp((value - scale.Zero) / (scale.Full - scale.Zero), 0, 1);
        var threshold = metric.Threshold!.Value;
        var met = metric.Kind is MetricKind.Accuracy or MetricKind.F1 ? value >= threshold : value <= threshold;
        return met ? 1 : 0;
    }

    private static double Accuracy(List<(string Label, string Predicted)> pairs) =>
        pairs.Count == 0 ? 0 : (double)pairs.Count(p => p.Label == p.Predicted) / pairs.Count;

    private static double MacroF1(List<(string Label, string Predicted)> pairs)
    {
        var classes = pairs.SelectMany(p => new[] { p.Label, p.Predicted }).Distinct(StringComparer.Ordinal).ToList();
        if (classes.Count == 0) return 0;
        return classes.Average(c =>
        {
            var truePositives = pairs.Count(p => p.Label == c && p.Predicted == c);
            var labelled = pairs.Count(p => p.Label == c);
            var predicted = pairs.Count(p => p.Predicted == c);
            return truePositives == 0 ? 0 : 2.0 * truePositives / (labelled + predicted);
        });
    }

    /// <summary>A label as compared: a number in its shortest round-trip form, anything else as trimmed text.</summary>
    private static string Key(string text) =>
        TryNumber(text, out var number) ? number.ToString("R", CultureInfo.InvariantCulture) : text;

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    /// <summary>Trimmed lines without the trailing empty ones (a final newline, or a few).</summary>
    private static List<string> Lines(string text)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return lines;
    }
}
