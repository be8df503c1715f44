namespace Grader.Grading.Comparing;

/// <summary>
/// A comparison's verdict (passed, wrong_answer or presentation_error), and for a failure a short description
/// of the first difference, fit to show a student on a visible test: as English text for designers' reports
/// (<see cref="FirstDifference"/>) and as facts feedback renders in the reader's language (<see cref="Difference"/>).
/// </summary>
public sealed record ComparisonResult(Verdict Verdict, string? FirstDifference, OutputDifference? Difference = null)
{
    public static readonly ComparisonResult Pass = new(Verdict.Passed, null);

    public bool Passed => Verdict == Verdict.Passed;

    internal static ComparisonResult Wrong(string description, OutputDifference difference) =>
        new(Verdict.WrongAnswer, description, difference);
}

/// <summary>
/// The first difference as language-neutral facts. <see cref="Expected"/> and <see cref="Actual"/> are excerpts
/// (controls escaped, long lines cut around the difference), null where that side has ended.
/// </summary>
public sealed record OutputDifference(string Kind, int? Line = null, string? Expected = null, string? Actual = null, string? Message = null);

/// <summary>What <see cref="OutputDifference.Kind"/> can be; stable, because stored feedback is rendered from it later.</summary>
public static class DifferenceKinds
{
    /// <summary>A line (or, for token modes, a token on that line) differs.</summary>
    public const string Line = "line";
    public const string MissingFinalNewline = "missing_final_newline";
    public const string ExtraFinalNewlines = "extra_final_newlines";
    /// <summary>unordered_lines: an expected line never appeared.</summary>
    public const string MissingLine = "missing_line";
    /// <summary>unordered_lines: a line appeared that was not expected.</summary>
    public const string UnexpectedLine = "unexpected_line";
    /// <summary>regex: the output does not match; Actual is its first line.</summary>
    public const string Pattern = "pattern";
    /// <summary>A call test's return value differs.</summary>
    public const string Value = "value";
    /// <summary>The expected answer came after extra text (Actual, from Line): a prompt or label printed too.</summary>
    public const string ExtraLeadingText = "extra_leading_text";
    /// <summary>A designer's checker scored the output; Message is its message.</summary>
    public const string Checker = "checker";
    /// <summary>A metric test: Actual is the measured value, Expected the metric and what it needed; Message says why
    /// the predictions could not be scored.</summary>
    public const string Metric = "metric";
}
