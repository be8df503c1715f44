using System.Security.Claims;
using Grader.Api.Courses;
using Grader.Api.Suites;
using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Core.Gradebook;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Gradebook;

/// <summary>The course a gradebook belongs to, as its readers need to label it.</summary>
/// <param name="SubjectType">Credit courses only; null in the others.</param>
public sealed record GradebookCourseInfo(Guid Id, string Name, CourseKind Kind, int Credits, bool FreeSemester,
    SubjectType? SubjectType, int SchoolYear, bool Closed, CutScores CutScores);

/// <summary>Scores to count in place of the stored ones for one assignment graded against another suite version.</summary>
/// <param name="BySubmission">Each graded submission's score against <paramref name="SuiteId"/>; one missing keeps its stored score.</param>
public sealed record RegradeScores(Guid AssignmentId, Guid SuiteId, IReadOnlyDictionary<Guid, decimal> BySubmission);

public sealed record CourseGradebook(GradebookCourseInfo Course, Core.Gradebook.Gradebook Gradebook);

/// <summary>A course's 예방지도 list at an instant.</summary>
public sealed record CourseGuidance(GradebookCourseInfo Course, DateTimeOffset AsOf, IReadOnlyList<GuidanceEntry> Students);

/// <summary>
/// Loads a course's students, assignments and graded submissions for someone who teaches it (or an admin) and
/// applies the rules of <see cref="GradebookCalculator"/>. Shared by the API and the web pages.
/// </summary>
public sealed class GradebookQuery(GraderDbContext db, SuiteSummaries suites)
{
    /// <summary>The gradebook, or null when the course does not exist or <paramref name="user"/> does not teach it.</summary>
    public async Task<CourseGradebook?> LoadAsync(Guid courseId, ClaimsPrincipal user, CancellationToken ct) =>
        await LoadInputsAsync(courseId, user, null, ct) is { } found
            ? new CourseGradebook(found.Info, GradebookCalculator.Compute(found.Now.Course, found.Now.Students))
            : null;

    /// <summary>The 예방지도 list at <paramref name="now"/>, or null like <see cref="LoadAsync"/>.</summary>
    public async Task<CourseGuidance?> LoadGuidanceAsync(Guid courseId, ClaimsPrincipal user, DateTimeOffset now, CancellationToken ct) =>
        await LoadInputsAsync(courseId, user, null, ct) is { } found
            ? new CourseGuidance(found.Info, now, PreventiveGuidance.Compute(found.Now.Course, found.Now.Students, now))
            : null;

    /// <summary>The gradebook now and as it would be after <paramref name="regrade"/>, from one read of the course's
    /// rows; null like <see cref="LoadAsync"/>.</summary>
    public async Task<(CourseGradebook Now, CourseGradebook After)?> LoadWithRegradeAsync(Guid courseId, ClaimsPrincipal user,
        RegradeScores regrade, CancellationToken ct) =>
        await LoadInputsAsync(courseId, user, regrade, ct) is { AsIf: { } asIf } found
            ? (new CourseGradebook(found.Info, GradebookCalculator.Compute(found.Now.Course, found.Now.Students)),
                new CourseGradebook(found.Info, GradebookCalculator.Compute(asIf.Course, asIf.Students)))
            : null;

    private sealed record Variant(GradebookCourse Course, IReadOnlyList<GradebookStudent> Students);

    /// <param name="AsIf">With a regrade: the same rows with its scores and its suite's maximum in place.</param>
    private sealed record Inputs(GradebookCourseInfo Info, Variant Now, Variant? AsIf);

    private async Task<Inputs?> LoadInputsAsync(Guid courseId, ClaimsPrincipal user, RegradeScores? regrade, CancellationToken ct)
    {
        var course = await db.Courses.AsNoTracking().TaughtBy(user).FirstOrDefaultAsync(c => c.Id == courseId, ct);
        if (course is null) return null;

        var assignments = await db.Assignments.AsNoTracking()
            .Where(a => a.CourseId == courseId)
            .OrderBy(a => a.DueAt).ThenBy(a => a.CreatedAt)
            .Select(a => new { a.Id, a.Title, a.Area, a.Weight, a.ScorePolicy, a.DueAt, a.LatePolicy, a.SuiteId })
            .ToListAsync(ct);
        var members = await db.CourseMembers.AsNoTracking()
            .Where(m => m.CourseId == courseId && m.Role == MemberRole.Student)
            .Select(m => new
            {
                m.UserId, m.User!.Name, m.User.Login, m.User.StudentNumber,
                m.SessionsAttended, m.RemedialCompleted, m.ExtraLearningCompleted, m.NarrativeNote,
            })
            .ToListAsync(ct);
        var submissions = await db.Submissions.AsNoTracking()
            .Where(s => s.Assignment!.CourseId == courseId && s.Status == SubmissionStatus.Graded && s.Score != null)
            .Select(s => new { s.Id, s.StudentId, AssignmentId = s.AssignmentId!.Value, Score = s.Score!.Value, s.SubmittedAt })
            .ToListAsync(ct);
        var suiteIds = assignments.Select(a => a.SuiteId).ToHashSet();
        if (regrade is not null) suiteIds.Add(regrade.SuiteId);
        var maxScores = new Dictionary<Guid, decimal>();
        foreach (var suiteId in suiteIds) maxScores[suiteId] = (await suites.ForAsync(db, suiteId, ct)).MaxScore;

        Variant Build(RegradeScores? asIf)
        {
            bool Regraded(Guid assignmentId) => asIf is not null && assignmentId == asIf.AssignmentId;
            var scores = submissions.ToLookup(s => s.StudentId, s => new GradedSubmission(s.AssignmentId,
                Regraded(s.AssignmentId) && asIf!.BySubmission.TryGetValue(s.Id, out var after) ? after : s.Score,
                s.SubmittedAt));
            var graded = assignments.Select(a => new GradebookAssignment(a.Id, a.Title, a.Weight,
                maxScores[Regraded(a.Id) ? asIf!.SuiteId : a.SuiteId], a.ScorePolicy, a.DueAt, a.LatePolicy, a.Area)).ToList();
            var input = new GradebookCourse(course.Kind, course.SubjectType ?? SubjectType.Elective, course.SchoolYear,
                course.FreeSemester, course.CutScores, course.SessionsHeld, course.Closed, graded);
            // Class lists in Korean schools run by student number; students without one follow, by name.
            var students = members
                .OrderBy(m => m.StudentNumber is null).ThenBy(m => m.StudentNumber, StringComparer.Ordinal)
                .ThenBy(m => m.Name, StringComparer.Ordinal).ThenBy(m => m.Login, StringComparer.Ordinal)
                .Select(m => new GradebookStudent(m.UserId, m.Name, m.Login, m.StudentNumber, m.SessionsAttended, m.RemedialCompleted,
                    m.ExtraLearningCompleted, m.NarrativeNote, scores[m.UserId].ToList()))
                .ToList();
            return new Variant(input, students);
        }

        return new Inputs(
            new GradebookCourseInfo(course.Id, course.Name, course.Kind, course.Credits, course.FreeSemester,
                course.SubjectType, course.SchoolYear, course.Closed, course.CutScores),
            Build(null), regrade is null ? null : Build(regrade));
    }
}
