using System.Text.Json;
using Grader.Api.Infrastructure;
using Grader.Api.Suites;
using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Grading;
using Grader.Grading.Suites;

namespace Grader.Api.Submissions;

/// <summary>
/// One test as the reader may see it; <see cref="TimeMs"/> is null where the test is closed to the reader.
/// <see cref="Hint"/> is the designer's hint, given when the test did not pass, hidden or not; <see cref="Explanation"/>
/// says what a beginner's error means and what to try (<see cref="Explanations"/>). <see cref="Figures"/> are the
/// addresses of the pictures the program saved, shown where its output is.
/// </summary>
public sealed record TestView(string Name, Verdict Verdict, decimal Points, decimal MaxPoints, int? TimeMs,
    TestVisibility Visibility, string? Message, string? Stdout, string? Hint, string? Explanation, string? Group,
    IReadOnlyList<string> Figures);

/// <summary>A group of tests (a subtask): its points only when all its tests passed; <see cref="Verdict"/> is null while
/// some of them are still running.</summary>
public sealed record GroupView(string Name, Verdict? Verdict, decimal Points, decimal MaxPoints, IReadOnlyList<string> Tests);

public sealed record PhaseView(DateTimeOffset SubmittedAt, DateTimeOffset? StartedAt, DateTimeOffset? ContainerReadyAt,
    DateTimeOffset? TestsFinishedAt, DateTimeOffset? GradedAt);

/// <summary>A grade the submission had before a teacher moved its assignment to another suite version.</summary>
public sealed record GradeHistoryView(Guid SuiteId, decimal? Score, decimal MaxScore, Verdict? Verdict,
    DateTimeOffset? GradedAt, DateTimeOffset ReplacedAt);

/// <summary>A block program's computational-thinking profile (Dr. Scratch's dimensions, 0–3 each; total out of 21).</summary>
public sealed record ProfileView(int Abstraction, int Parallelism, int Logic, int Synchronization, int FlowControl,
    int UserInteractivity, int DataRepresentation, int Total);

/// <summary><see cref="AssignmentId"/> is null for a designer's trial of suite version <see cref="SuiteId"/>.</summary>
public sealed record SubmissionView(Guid Id, Guid? AssignmentId, Guid StudentId, SubmissionStatus Status, ProgramLanguage Language,
    decimal? Score, decimal MaxScore, Verdict? Verdict, DateTimeOffset SubmittedAt, DateTimeOffset? GradedAt, bool Late,
    string? FailureReason, PhaseView Phases, IReadOnlyList<TestView> Tests, Guid SuiteId, string? Message,
    IReadOnlyList<GradeHistoryView> History, ProfileView? Profile, IReadOnlyList<GroupView> Groups);

public static class SubmissionViews
{
    /// <summary>
    /// A trial's due date, for what its result shows: never passed, so the designer sees what a student sees while the
    /// assignment is open (after_due tests closed).
    /// </summary>
    public static readonly DateTimeOffset TrialDueAt = DateTimeOffset.MaxValue;

    /// <summary>
    /// What a reader may see. Teachers see everything; a student sees a hidden test's name, verdict and points
    /// only, and an after_due test likewise until the due date has passed. Not its time either: a program could
    /// spell a hidden input's digits in how long it takes. Hints and groups come from the suite graded against.
    /// </summary>
    /// <summary>Whether the reader sees a test's output (its time, stdout and pictures), not only its verdict.</summary>
    public static bool IsOpen(TestVisibility visibility, bool seesEverything, DateTimeOffset dueAt, DateTimeOffset now) =>
        seesEverything || visibility == TestVisibility.Visible || (visibility == TestVisibility.AfterDue && now > dueAt);

    public static string FigureUrl(Guid submissionId, int testIndex, int number) =>
        $"/api/submissions/{submissionId}/tests/{testIndex}/figures/{number}";

    public static SubmissionView For(Submission s, bool seesEverything, DateTimeOffset dueAt, DateTimeOffset now,
        SuiteSummary? suite = null)
    {
        var groups = suite?.Groups.Judge(s.Tests.ToDictionary(t => t.Name, t => t.Verdict)) ?? [];
        var groupOf = groups.SelectMany(g => g.Tests.Select(test => (test, g.Name))).ToDictionary(p => p.test, p => p.Name);
        var tests = s.Tests.OrderBy(t => t.Index).Select(t =>
        {
            var open = IsOpen(t.Visibility, seesEverything, dueAt, now);
            // An internal error's detail is the grader's own fault (a crashing checker or interactor): the teacher's to
            // read; a student sees the neutral message alone.
            var detail = open && (seesEverything || t.Verdict != Verdict.InternalError) ? t.MessageDetail : null;
            return new TestView(t.Name, t.Verdict, t.Points, t.MaxPoints, open ? t.TimeMs : null, t.Visibility,
                Feedback.Message(t.Verdict, t.MessageCode, detail), open ? t.Stdout : null,
                t.Verdict != Verdict.Passed ? suite?.Hints.GetValueOrDefault(t.Name) : null,
                Explanations.For(t.Verdict, TestFeedback.FromJson(detail)), groupOf.GetValueOrDefault(t.Name),
                open ? [.. Enumerable.Range(0, t.FigureCount).Select(n => FigureUrl(s.Id, t.Index, n))] : []);
        }).ToList();
        var first = tests.FirstOrDefault(t => t.Verdict != Verdict.Passed) ?? tests.FirstOrDefault();
        return new SubmissionView(
            s.Id, s.AssignmentId, s.StudentId, s.Status, s.Language, s.Score, s.MaxScore, s.Verdict, s.SubmittedAt,
            s.GradedAt, s.Late, seesEverything ? s.FailureReason : null,
            new PhaseView(s.SubmittedAt, s.StartedAt, s.ContainerReadyAt, s.TestsFinishedAt, s.GradedAt),
            tests, s.SuiteId,
            s.Status == SubmissionStatus.Graded && first is not null ? Feedback.Summary(first.Name, first.Verdict, first.Message!) : null,
            s.History.OrderBy(h => h.ReplacedAt)
                .Select(h => new GradeHistoryView(h.SuiteId, h.Score, h.MaxScore, h.Verdict, h.GradedAt, h.ReplacedAt)).ToList(),
            s.ProfileJson is null ? null : JsonSerializer.Deserialize<ProfileView>(s.ProfileJson, GraderDbContext.Json),
            groups.Select(g => new GroupView(g.Name, g.Verdict, g.Points, g.MaxPoints, g.Tests)).ToList());
    }
}
