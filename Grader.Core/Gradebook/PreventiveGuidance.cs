using System.Text.Json.Serialization;
using Grader.Grading;

namespace Grader.Core.Gradebook;

/// <summary>Why a student is on the 예방지도 list.</summary>
[JsonConverter(typeof(WireEnumConverter<GuidanceReason>))]
public enum GuidanceReason
{
    /// <summary>The rate over the assignments due so far is below 40 % in a course whose credit needs it.</summary>
    BelowMinimum,
    /// <summary>Credit course: more than a third of the sessions held so far were missed.</summary>
    AttendanceShort,
    /// <summary>A weighted assignment whose due time has passed has no counted submission.</summary>
    MissingAssignments,
}

public sealed record MissingAssignment(Guid AssignmentId, string Title, DateTimeOffset DueAt);

/// <param name="RateSoFar">The achievement rate over the weighted assignments due so far, rounded half up to 2
/// decimals; null while none is due.</param>
public sealed record GuidanceEntry(
    Guid StudentId,
    string Name,
    string Login,
    decimal? RateSoFar,
    Attendance Attendance,
    IReadOnlyList<GuidanceReason> Reasons,
    IReadOnlyList<MissingAssignment> MissingAssignments);

/// <summary>
/// The 예방지도 list during the term (SPEC.md, "Gradebook"): who needs guidance now, before the credit is lost.
/// Pure like <see cref="GradebookCalculator"/>: the caller passes the course, its students and the instant.
/// </summary>
public static class PreventiveGuidance
{
    /// <summary>
    /// Courses carry no planned number of sessions, so "can no longer reach two thirds" is judged on the sessions
    /// held so far: a student is listed once attended × 3 &lt; held × 2, the credit being lost if the term ended now.
    /// The rate so far counts only assignments already due, so work not yet due does not count as 0.
    /// </summary>
    public static IReadOnlyList<GuidanceEntry> Compute(GradebookCourse course, IReadOnlyList<GradebookStudent> students, DateTimeOffset now)
    {
        var due = course.Assignments.Where(a => a.IsWeighted && a.DueAt <= now).ToList();
        var soFar = GradebookCalculator.Compute(course with { Assignments = due }, students);
        var minimumCounts = course.Kind == CourseKind.Credit && CreditRules.AchievementRequired(course.SubjectType, course.SchoolYear);
        var entries = new List<GuidanceEntry>();
        foreach (var (student, row) in students.Zip(soFar.Rows))
        {
            var missing = due.Where(a => a.CountedScore(student.Submissions) is null)
                .Select(a => new MissingAssignment(a.Id, a.Title, a.DueAt)).ToList();
            var reasons = new List<GuidanceReason>();
            if (minimumCounts && row.AchievementRate < CutScores.CreditMinimumRate && !student.RemedialCompleted)
                reasons.Add(GuidanceReason.BelowMinimum);
            if (course.Kind == CourseKind.Credit && !student.ExtraLearningCompleted
                && !GradebookCalculator.MeetsAttendance(student.SessionsAttended, course.SessionsHeld))
            {
                reasons.Add(GuidanceReason.AttendanceShort);
            }

            if (missing.Count > 0) reasons.Add(GuidanceReason.MissingAssignments);
            if (reasons.Count > 0)
                entries.Add(new GuidanceEntry(student.Id, student.Name, student.Login, row.AchievementRate, row.Attendance, reasons, missing));
        }
        return entries;
    }
}
