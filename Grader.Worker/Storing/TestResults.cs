using Grader.Core.Domain;
using Grader.Grading;

namespace Grader.Worker.Storing;

internal static class TestResults
{
    /// <summary>Stored stdout per test is capped: it is feedback, not an archive.</summary>
    private const int StoredStdoutChars = 4000;

    public static SubmissionTestResult From(Guid submissionId, TestOutcome outcome) => new()
    {
        Figures = outcome.Figures?.Select((figure, number) => new SubmissionFigure
        {
            SubmissionId = submissionId, TestIndex = outcome.Index, Number = number, Name = figure.Name, Png = figure.Png,
        }).ToList() ?? [],
        FigureCount = outcome.Figures?.Count ?? 0,
        SubmissionId = submissionId,
        Index = outcome.Index,
        Name = outcome.Name,
        Verdict = outcome.Verdict,
        Points = outcome.Points,
        MaxPoints = outcome.MaxPoints,
        TimeMs = outcome.TimeMs,
        Visibility = outcome.Visibility,
        // A missing required construct is not an output that differs: it has its own message.
        MessageCode = outcome is { Verdict: Verdict.WrongAnswer, Difference.Kind: BlockProgramScore.RequirementKind }
            ? BlockProgramScore.RequirementKind : outcome.Verdict.ToWire(),
        MessageDetail = Feedback(outcome)?.ToJson(),
        Stdout = outcome.Stdout.Length > StoredStdoutChars ? outcome.Stdout[..StoredStdoutChars] : outcome.Stdout,
    };

    private static TestFeedback? Feedback(TestOutcome outcome) => outcome switch
    {
        { Error: { } e } => new TestFeedback(Line: e.Line, Column: e.Column, ErrorType: e.Type, ErrorMessage: e.Message),
        { Difference: { } d } => new TestFeedback(Line: d.Line, Expected: d.Expected, Actual: d.Actual, Note: d.Message, Kind: d.Kind),
        _ => null,
    };
}
