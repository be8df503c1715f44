using System.Text.RegularExpressions;
using Grader.Grading.Suites;

namespace Grader.Grading.Comparing;

/// <summary>
/// Compares a program's stdout with the expected text by a test's <see cref="CompareMode"/>. CRLF counts as LF
/// everywhere. Layout-sensitive modes (exact, trim) answer presentation_error when the tokens are right.
/// </summary>
public static class OutputComparer
{
    private const int ShownChars = 40;

    public static ComparisonResult Compare(SuiteTest test, string expected, string actual) =>
        Compare(test.Compare, expected, actual, test.Tolerance, test.CaseSensitive);

    /// <param name="tolerance">For <see cref="CompareMode.Float"/>; <see cref="FloatTolerance.Default"/> when null.</param>
    /// <param name="caseSensitive">For <see cref="CompareMode.Tokens"/>: false compares tokens ignoring case, as the judges' default does.</param>
    public static ComparisonResult Compare(CompareMode mode, string expected, string actual, FloatTolerance? tolerance = null,
        bool caseSensitive = true)
    {
        var tokens = caseSensitive ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        expected = Normalize(expected);
        actual = Normalize(actual);
        var result = mode switch
        {
            CompareMode.Exact => CompareLayout(expected, actual, ExactLines),
            CompareMode.Trim => CompareLayout(expected, actual, TrimmedLines),
            CompareMode.Tokens => CompareTokens(expected, actual, tolerance: null, tokens),
            CompareMode.Float => CompareTokens(expected, actual, tolerance ?? FloatTolerance.Default, StringComparison.Ordinal),
            CompareMode.Regex => ComparePattern(expected, actual),
            CompareMode.UnorderedLines => CompareUnorderedLines(expected, actual),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, null),
        };
        var lineModes = mode is not (CompareMode.Regex or CompareMode.UnorderedLines);
        return result.Verdict == Verdict.WrongAnswer && lineModes
            && ExtraLeadingText(expected, actual, mode == CompareMode.Float ? tolerance ?? FloatTolerance.Default : null, tokens) is { } extra
            ? result with { FirstDifference = $"the right answer comes after extra text: {Show(extra.Actual)}", Difference = extra }
            : result;
    }

    /// <summary>
    /// The whole expected answer printed after something more, as when a child prints a prompt (print("숫자?")) or a
    /// label (print("합:", a + b)): worth its own feedback, since the fix is to print less, not to compute otherwise.
    /// </summary>
    private static OutputDifference? ExtraLeadingText(string expected, string actual, FloatTolerance? tolerance, StringComparison comparison)
    {
        var want = Tokens(expected);
        var got = Tokens(actual);
        var extra = got.Count - want.Count;
        if (want.Count == 0 || extra <= 0) return null;
        for (var i = 0; i < want.Count; i++)
            if (!TokensEqual(want[i].Text, got[extra + i].Text, tolerance, comparison)) return null;
        return new OutputDifference(DifferenceKinds.ExtraLeadingText, got[0].Line,
            Actual: Excerpt(string.Join(' ', got.Take(extra).Select(t => t.Text))));
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").TrimStart('\uFEFF');

    private static string[] ExactLines(string text) => text.Split('\n');

    /// <summary>Lines without trailing white space, and without the blank lines at the end.</summary>
    private static string[] TrimmedLines(string text)
    {
        var lines = text.Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return [.. lines];
    }

    private static ComparisonResult CompareLayout(string expected, string actual, Func<string, string[]> lines)
    {
        var expectedLines = lines(expected);
        var actualLines = lines(actual);
        if (expectedLines.SequenceEqual(actualLines, StringComparer.Ordinal)) return ComparisonResult.Pass;

        var tokensMatch = CompareTokens(expected, actual, tolerance: null, StringComparison.Ordinal).Passed;
        var (description, difference) = FirstLineDifference(expectedLines, actualLines);
        return new ComparisonResult(tokensMatch ? Verdict.PresentationError : Verdict.WrongAnswer, description, difference);
    }

    private static (string, OutputDifference) FirstLineDifference(string[] expected, string[] actual)
    {
        // Only the final newline differs: "3\n" against "3" would otherwise read as a missing empty line.
        if (string.Join('\n', expected).TrimEnd('\n') == string.Join('\n', actual).TrimEnd('\n'))
        {
            return expected.Length > actual.Length
                ? ("the output should end with a newline", new OutputDifference(DifferenceKinds.MissingFinalNewline))
                : ("the output has extra newlines at the end", new OutputDifference(DifferenceKinds.ExtraFinalNewlines));
        }

        var line = 0;
        while (line < expected.Length && line < actual.Length && expected[line] == actual[line]) line++;
        var expectedLine = line < expected.Length ? expected[line] : null;
        var actualLine = line < actual.Length ? actual[line] : null;
        var from = expectedLine is not null && actualLine is not null ? FirstDifferingChar(expectedLine, actualLine) : 0;
        return ($"line {line + 1}: expected {Show(expectedLine, from)}, got {Show(actualLine, from)}",
            new OutputDifference(DifferenceKinds.Line, line + 1, Excerpt(expectedLine, from), Excerpt(actualLine, from)));
    }

    private static ComparisonResult CompareTokens(string expected, string actual, FloatTolerance? tolerance, StringComparison comparison)
    {
        var expectedTokens = Tokens(expected);
        var actualTokens = Tokens(actual);
        for (var i = 0; i < Math.Max(expectedTokens.Count, actualTokens.Count); i++)
        {
            var want = i < expectedTokens.Count ? expectedTokens[i] : default;
            var got = i < actualTokens.Count ? actualTokens[i] : default;
            if (want.Text is not null && got.Text is not null && TokensEqual(want.Text, got.Text, tolerance, comparison)) continue;
            var line = got.Text is not null ? got.Line : want.Line;
            return ComparisonResult.Wrong($"line {line}: expected {Show(want.Text)}, got {Show(got.Text)}",
                new OutputDifference(DifferenceKinds.Line, line, Excerpt(want.Text), Excerpt(got.Text)));
        }
        return ComparisonResult.Pass;
    }

    private static bool TokensEqual(string expected, string actual, FloatTolerance? tolerance, StringComparison comparison) =>
        string.Equals(expected, actual, comparison)
        || (tolerance is not null
            && Numbers.TryParse(expected, out var want)
            && Numbers.TryParse(actual, out var got)
            && Numbers.Close(want, got, tolerance));

    /// <summary>White-space separated tokens with the (1-based) line each starts on.</summary>
    private static List<(string Text, int Line)> Tokens(string text)
    {
        var tokens = new List<(string, int)>();
        var line = 1;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var atSpace = i == text.Length || char.IsWhiteSpace(text[i]);
            if (atSpace && start >= 0)
            {
                tokens.Add((text[start..i], line));
                start = -1;
            }
            else if (!atSpace && start < 0)
            {
                start = i;
            }

            if (i < text.Length && text[i] == '\n') line++;
        }
        return tokens;
    }

    private static ComparisonResult ComparePattern(string pattern, string actual)
    {
        Regex regex;
        try
        {
            regex = OutputPattern.Create(pattern);
        }
        catch (ArgumentException e)
        {
            // The parser refuses such patterns; reaching here means a stored suite bypassed it.
            return new ComparisonResult(Verdict.InternalError, $"the expected pattern does not compile: {e.Message}");
        }
        try
        {
            var firstLine = actual.Split('\n')[0];
            return regex.IsMatch(actual.TrimEnd())
                ? ComparisonResult.Pass
                : ComparisonResult.Wrong($"the output does not match the expected pattern (line 1: {Show(firstLine)})",
                    new OutputDifference(DifferenceKinds.Pattern, 1, Actual: Excerpt(firstLine)));
        }
        catch (RegexMatchTimeoutException)
        {
            return ComparisonResult.Wrong("the output could not be matched against the expected pattern in time",
                new OutputDifference(DifferenceKinds.Pattern));
        }
    }

    private static ComparisonResult CompareUnorderedLines(string expected, string actual)
    {
        var remaining = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in NonEmptyTrimmedLines(expected))
            remaining[line] = remaining.GetValueOrDefault(line) + 1;

        var unexpected = new List<string>();
        foreach (var line in NonEmptyTrimmedLines(actual))
        {
            if (remaining.GetValueOrDefault(line) > 0) remaining[line]--;
            else unexpected.Add(line);
        }
        var missing = NonEmptyTrimmedLines(expected).FirstOrDefault(l => remaining[l] > 0);
        if (missing is not null)
        {
            return ComparisonResult.Wrong($"missing line {Show(missing)}",
                new OutputDifference(DifferenceKinds.MissingLine, Expected: Excerpt(missing)));
        }

        return unexpected.Count > 0
            ? ComparisonResult.Wrong($"unexpected line {Show(unexpected[0])}",
                new OutputDifference(DifferenceKinds.UnexpectedLine, Actual: Excerpt(unexpected[0])))
            : ComparisonResult.Pass;
    }

    private static IEnumerable<string> NonEmptyTrimmedLines(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    private static int FirstDifferingChar(string a, string b)
    {
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i]) i++;
        return i;
    }

    private static string Show(string? text, int from = 0) =>
        Excerpt(text, from) is { } excerpt ? $"\"{excerpt}\"" : "end of output";

    /// <summary>
    /// Tabs and other controls escaped so a stray space or tab is visible, cut to a window around
    /// <paramref name="from"/> so a long line still shows where it differs; null past the end of the output.
    /// </summary>
    internal static string? Excerpt(string? text, int from = 0)
    {
        if (text is null) return null;
        var start = from > ShownChars / 2 ? from - ShownChars / 4 : 0;
        var window = text.Length - start > ShownChars ? text.Substring(start, ShownChars) + "…" : text[start..];
        var escaped = string.Concat(window.Select(c => c switch
        {
            '\t' => "\\t",
            '\r' => "\\r",
            '"' => "\\\"",
            _ when char.IsControl(c) => $"\\u{(int)c:x4}",
            _ => c.ToString(),
        }));
        return $"{(start > 0 ? "…" : "")}{escaped}";
    }
}
