using System.Text.RegularExpressions;

namespace Grader.Grading.Comparing;

/// <summary>
/// The designer's regex for <c>compare: regex</c>. Non-backtracking, so a student's output cannot make matching
/// take exponential time, with a match timeout on top; the whole output (trailing whitespace aside) must match.
/// </summary>
public static class OutputPattern
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.NonBacktracking;

    /// <summary>Why the pattern cannot be used, or null when it compiles.</summary>
    public static string? Problem(string pattern)
    {
        try
        {
            Create(pattern);
            return null;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            return e.Message;
        }
    }

    public static Regex Create(string pattern)
    {
        // Trailing newlines come from YAML block scalars and files; the output's are trimmed too.
        var trimmed = pattern.TrimEnd('\r', '\n');
        // Compiled alone first: wrapping could turn an unbalanced ")(" into a valid pattern.
        _ = new Regex(trimmed, Options, MatchTimeout);
        return new Regex($@"\A(?:{trimmed})\z", Options, MatchTimeout);
    }
}
