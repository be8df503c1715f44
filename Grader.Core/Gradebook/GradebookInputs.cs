using System.Text.Json.Serialization;
using Grader.Grading;

namespace Grader.Core.Gradebook;

/// <summary>The city programme's course kinds (SPEC.md, "Courses and assignments").</summary>
[JsonConverter(typeof(WireEnumConverter<CourseKind>))]
public enum CourseKind
{
    Convergence,
    Credit,
    General,
}

/// <summary>A credit course's subject type (SPEC.md, "Courses and assignments"); it decides the credit rule from 2026.</summary>
[JsonConverter(typeof(WireEnumConverter<SubjectType>))]
public enum SubjectType
{
    /// <summary>공통과목: the credit also needs a rate of at least 40 %.</summary>
    Common,
    /// <summary>선택과목 (정보 and the AI subjects): from 학년도 2026 the credit is earned on attendance alone.</summary>
    Elective,
}

/// <summary>Which of a student's graded submissions counts for an assignment.</summary>
[JsonConverter(typeof(WireEnumConverter<ScorePolicy>))]
public enum ScorePolicy
{
    /// <summary>The highest score after the late penalty.</summary>
    Best,
    /// <summary>The last graded submission by <c>submittedAt</c>, late penalty applied.</summary>
    Latest,
}

/// <summary>A course as the gradebook needs it; the caller loads it, so the rules stay free of the database.</summary>
/// <param name="SessionsHeld">Class sessions held so far; the two-thirds attendance rule counts against it.</param>
/// <param name="Closed">The teacher has finalised the course: a credit student still below 40 % without
/// completed remedial instruction is then <see cref="GradebookStatus.Incomplete"/> instead of <see cref="GradebookStatus.Remedial"/>.</param>
/// <param name="SubjectType">Read in credit courses only; with <paramref name="SchoolYear"/> (학년도) it picks the credit rule.</param>
public sealed record GradebookCourse(
    CourseKind Kind,
    SubjectType SubjectType,
    int SchoolYear,
    bool FreeSemester,
    CutScores CutScores,
    int SessionsHeld,
    bool Closed,
    IReadOnlyList<GradebookAssignment> Assignments);

/// <param name="Weight">Relative weight in the achievement rate; 0 lists the assignment (practice) without weighting it.</param>
/// <param name="Area">The NEIS 평가영역 the teacher put it in; null: an area of its own, named by its title.</param>
public sealed record GradebookAssignment(
    Guid Id,
    string Title,
    decimal Weight,
    decimal MaxScore,
    ScorePolicy ScorePolicy,
    DateTimeOffset DueAt,
    LatePolicy LatePolicy,
    string? Area = null)
{
    /// <summary>Whether the assignment takes part in the achievement rate: it needs weight and points to divide by.</summary>
    public bool IsWeighted => Weight > 0 && MaxScore > 0;

    /// <summary>
    /// The student's counted score for this assignment from their graded submissions (others' assignments are ignored),
    /// late penalty applied; null when no submission counts. Under <see cref="ScorePolicy.Latest"/> a tie on
    /// <c>submittedAt</c> goes to the higher score, so the result never depends on the order of the input.
    /// </summary>
    public decimal? CountedScore(IEnumerable<GradedSubmission> submissions) => Counted(submissions)?.Score;

    /// <summary>
    /// The submission whose score counts (one of <paramref name="submissions"/>, for a page to show its tests) with
    /// that score; under <see cref="ScorePolicy.Best"/> a tie goes to the later one.
    /// </summary>
    public (GradedSubmission Submission, decimal Score)? Counted(IEnumerable<GradedSubmission> submissions)
    {
        var counted = submissions
            .Where(s => s.AssignmentId == Id)
            .Select(s => (Submission: s, Score: LatePolicy.PenalisedScore(s.Score, s.SubmittedAt, DueAt)))
            .Where(s => s.Score is not null)
            .Select(s => (s.Submission, Score: s.Score!.Value))
            .ToList();
        if (counted.Count == 0) return null;
        return ScorePolicy switch
        {
            ScorePolicy.Best => counted.OrderBy(s => s.Score).ThenBy(s => s.Submission.SubmittedAt).Last(),
            ScorePolicy.Latest => counted.OrderBy(s => s.Submission.SubmittedAt).ThenBy(s => s.Score).Last(),
        };
    }
}

/// <param name="NarrativeNote">The teacher's narrative evaluation; the only assessment a free-semester course shows.</param>
/// <param name="RemedialCompleted">The teacher recorded remedial instruction (최소 성취수준 보장지도) as completed.</param>
/// <param name="ExtraLearningCompleted">The teacher recorded the extra learning for short attendance (추가학습) as completed.</param>
/// <param name="Submissions">The student's graded submissions only; queued, running and failed ones have no score.</param>
/// <param name="StudentNumber">The roster's 학번; NEIS's 반 and 번호 come from it.</param>
public sealed record GradebookStudent(
    Guid Id,
    string Name,
    string Login,
    string? StudentNumber,
    int SessionsAttended,
    bool RemedialCompleted,
    bool ExtraLearningCompleted,
    string? NarrativeNote,
    IReadOnlyList<GradedSubmission> Submissions);

public sealed record GradedSubmission(Guid AssignmentId, decimal Score, DateTimeOffset SubmittedAt);
