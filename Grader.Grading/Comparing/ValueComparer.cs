using System.Text.Json;
using Grader.Grading.Suites;

namespace Grader.Grading.Comparing;

/// <summary>
/// Compares a <c>call</c> test's expected value with the function's return value (JSON text from the harness).
/// Numbers compare by value (5 equals 5.0), within the tolerance when one is given; lists and objects structurally.
/// </summary>
public static class ValueComparer
{
    private const int ShownChars = 40;

    public static bool Matches(JsonElement expected, string? actualJson, FloatTolerance? tolerance = null) =>
        Compare(expected, actualJson, tolerance).Passed;

    public static ComparisonResult Compare(JsonElement expected, string? actualJson, FloatTolerance? tolerance = null)
    {
        if (actualJson is null)
            return ComparisonResult.Wrong("the function returned no value", ValueDifference(expected, null));
        JsonElement actual;
        try
        {
            using var document = JsonDocument.Parse(actualJson);
            actual = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            // Python's json.dumps writes NaN and Infinity, which are not JSON.
            return ComparisonResult.Wrong($"the return value {Show(actualJson)} cannot be read as JSON", ValueDifference(expected, actualJson));
        }
        return Compare(expected, actual, tolerance);
    }

    public static ComparisonResult Compare(JsonElement expected, JsonElement actual, FloatTolerance? tolerance = null) =>
        Difference(expected, actual, tolerance, "") is { } difference
            ? ComparisonResult.Wrong(difference, ValueDifference(expected, actual.GetRawText()))
            : ComparisonResult.Pass;

    /// <summary>The whole values, as a child reads them more easily than a path into them.</summary>
    private static OutputDifference ValueDifference(JsonElement expected, string? actualJson) =>
        new(DifferenceKinds.Value, Expected: OutputComparer.Excerpt(expected.GetRawText()), Actual: OutputComparer.Excerpt(actualJson));

    private static string? Difference(JsonElement expected, JsonElement actual, FloatTolerance? tolerance, string path)
    {
        var at = path.Length == 0 ? "" : $"at {path}: ";
        switch (expected.ValueKind)
        {
            case JsonValueKind.Number when actual.ValueKind == JsonValueKind.Number:
                return NumbersEqual(expected, actual, tolerance) ? null : $"{at}expected {Show(expected)}, got {Show(actual)}";
            case JsonValueKind.Array when actual.ValueKind == JsonValueKind.Array:
                var expectedLength = expected.GetArrayLength();
                if (expectedLength != actual.GetArrayLength())
                    return $"{at}expected a list of {expectedLength} items, got {actual.GetArrayLength()}";
                return expected.EnumerateArray().Zip(actual.EnumerateArray())
                    .Select((pair, i) => Difference(pair.First, pair.Second, tolerance, $"{path}[{i}]"))
                    .FirstOrDefault(d => d is not null);
            case JsonValueKind.Object when actual.ValueKind == JsonValueKind.Object:
                foreach (var property in expected.EnumerateObject())
                {
                    if (!actual.TryGetProperty(property.Name, out var actualValue)) return $"{at}missing key {JsonSerializer.Serialize(property.Name)}";
                    if (Difference(property.Value, actualValue, tolerance, $"{path}[{JsonSerializer.Serialize(property.Name)}]") is { } d)
                        return d;
                }
                var extra = actual.EnumerateObject().FirstOrDefault(p => !expected.TryGetProperty(p.Name, out _));
                return extra.Value.ValueKind == JsonValueKind.Undefined ? null : $"{at}unexpected key {JsonSerializer.Serialize(extra.Name)}";
            case JsonValueKind.String when actual.ValueKind == JsonValueKind.String:
                return expected.GetString() == actual.GetString() ? null : $"{at}expected {Show(expected)}, got {Show(actual)}";
            default:
                // true, false and null are their own kinds; any other mix of kinds differs.
                return expected.ValueKind == actual.ValueKind ? null : $"{at}expected {Show(expected)}, got {Show(actual)}";
        }
    }

    private static bool NumbersEqual(JsonElement expected, JsonElement actual, FloatTolerance? tolerance)
    {
        if (tolerance is null && expected.TryGetDecimal(out var want) && actual.TryGetDecimal(out var got)) return want == got;
        if (expected.TryGetDouble(out var wantDouble) && actual.TryGetDouble(out var gotDouble)
            && double.IsFinite(wantDouble) && double.IsFinite(gotDouble))
        {
            return tolerance is null ? wantDouble == gotDouble : Numbers.Close(wantDouble, gotDouble, tolerance);
        }
        // Past double's range (Python's 10**400): only the same digits are equal.
        return expected.GetRawText() == actual.GetRawText();
    }

    private static string Show(JsonElement value) => Show(value.GetRawText());

    private static string Show(string text) => text.Length > ShownChars ? text[..ShownChars] + "…" : text;
}
