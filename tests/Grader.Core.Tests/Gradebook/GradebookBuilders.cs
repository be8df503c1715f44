using Grader.Core.Gradebook;

namespace Grader.Core.Tests.Gradebook;

/// <summary>Small, readable defaults so each test states only what it is about.</summary>
internal static class GradebookBuilders
{
    public static readonly DateTimeOffset DueAt = new(2025, 4, 11, 23, 59, 0, TimeSpan.FromHours(9));

    public static GradebookAssignment Assignment(
        decimal maxScore = 100,
        decimal weight = 1,
        ScorePolicy scorePolicy = ScorePolicy.Best,
        LatePolicy? latePolicy = null,
        string title = "두 수의 합") =>
        new(Guid.NewGuid(), title, weight, maxScore, scorePolicy, DueAt, latePolicy ?? LatePolicy.Accept);

    /// <summary>A course under the rule where the credit also needs 40 % (a common subject) unless told otherwise.</summary>
    public static GradebookCourse Course(CourseKind kind, params GradebookAssignment[] assignments) =>
        new(kind, SubjectType.Common, SchoolYear: 2026, FreeSemester: false, CutScores.Default, SessionsHeld: 15, Closed: false, assignments);

    public static GradebookStudent Student(
        string name = "김민준",
        string login = "minjun",
        int sessionsAttended = 15,
        bool remedialCompleted = false,
        string? narrativeNote = null,
        bool extraLearningCompleted = false,
        params GradedSubmission[] submissions) =>
        new(Guid.NewGuid(), name, login, null, sessionsAttended, remedialCompleted, extraLearningCompleted, narrativeNote, submissions);

    /// <summary>A graded submission an hour before the due time unless <paramref name="afterDue"/> says otherwise.</summary>
    public static GradedSubmission Submission(GradebookAssignment assignment, decimal score, TimeSpan? afterDue = null) =>
        new(assignment.Id, score, DueAt + (afterDue ?? TimeSpan.FromHours(-1)));

    /// <summary>One student's row in a course with a single assignment out of 100 where they scored <paramref name="score"/>.</summary>
    public static GradebookRow RowFor(GradebookCourse courseWithoutAssignments, decimal score, GradebookStudent? student = null)
    {
        var assignment = Assignment();
        var course = courseWithoutAssignments with { Assignments = [assignment] };
        var who = (student ?? Student()) with { Submissions = [Submission(assignment, score)] };
        return GradebookCalculator.Compute(course, [who]).Rows.Single();
    }
}
