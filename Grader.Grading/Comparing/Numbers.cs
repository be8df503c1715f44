using System.Globalization;
using Grader.Grading.Suites;

namespace Grader.Grading.Comparing;

/// <summary>Reading numbers as programs print them, and telling whether two are close enough.</summary>
internal static class Numbers
{
    /// <summary>Decimal and exponent forms ("1e-06", "2.50", ".5"), and Python's "nan", "inf", "-inf".</summary>
    public static bool TryParse(string token, out double value)
    {
        var sign = token.Length > 0 && token[0] is '+' or '-' ? 1 : 0;
        switch (token[sign..].ToLowerInvariant())
        {
            case "nan":
                value = double.NaN;
                return true;
            case "inf" or "infinity":
                value = token.StartsWith('-') ? double.NegativeInfinity : double.PositiveInfinity;
                return true;
        }
        // No white space, thousands separators or .NET's own "Infinity"/"∞" spellings beyond the ones above.
        return double.TryParse(token, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
            CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
    }

    /// <summary>
    /// Within the absolute OR the relative tolerance (relative to the expected value). NaN matches only NaN,
    /// an infinity only the same infinity.
    /// </summary>
    public static bool Close(double expected, double actual, FloatTolerance tolerance)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual)) return double.IsNaN(expected) && double.IsNaN(actual);
        if (double.IsInfinity(expected) || double.IsInfinity(actual)) return expected == actual;
        var difference = Math.Abs(expected - actual);
        return (tolerance.Absolute is { } absolute && difference <= absolute)
            || (tolerance.Relative is { } relative && difference <= relative * Math.Abs(expected));
    }
}
