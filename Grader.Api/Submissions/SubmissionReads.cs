using System.Security.Claims;
using Grader.Api.Courses;
using Grader.Api.Infrastructure;
using Grader.Api.Suites;
using Grader.Core.Data;
using Grader.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Submissions;

/// <summary>An assignment's submissions as one reader may see them, newest first.</summary>
public sealed record AssignmentSubmissions(Assignment Assignment, bool Teaches, IReadOnlyList<SubmissionView> Submissions);

/// <summary>
/// Who may read which submissions, in the query so a stranger's request finds nothing (404); shared by the API and
/// the web pages. What each reader sees of a submission is <see cref="SubmissionViews.For"/>.
/// </summary>
public static class SubmissionReads
{
    /// <summary>
    /// One submission for its student or a teacher of its course; a trial for whoever may try its suite version today,
    /// shown as its student would see it; null for anyone else.
    /// </summary>
    public static async Task<SubmissionView?> FindAsync(
        GraderDbContext db, SuiteSummaries suites, Guid id, ClaimsPrincipal user, DateTimeOffset now, CancellationToken ct)
    {
        var taught = db.Courses.TaughtBy(user).Select(c => c.Id);
        var found = await ReadableBy(db, user).AsNoTracking().Include(s => s.Tests).Include(s => s.History).AsSplitQuery()
            .Where(s => s.Id == id)
            .Select(s => new
            {
                Submission = s, DueAt = (DateTimeOffset?)s.Assignment!.DueAt,
                Teaches = s.AssignmentId != null && taught.Contains(s.Assignment.CourseId),
            })
            .FirstOrDefaultAsync(ct);
        if (found is null) return null;
        var suite = await suites.ForAsync(db, found.Submission.SuiteId, ct);
        return SubmissionViews.For(found.Submission, found.Teaches, found.DueAt ?? SubmissionViews.TrialDueAt, now, suite);
    }

    /// <summary>The user's own trials of a suite version they may try (<see cref="SuiteAccess.DesignedBy"/>), newest first.</summary>
    public static async Task<IReadOnlyList<SubmissionView>> TrialsAsync(
        GraderDbContext db, SuiteSummaries suites, Suite suite, ClaimsPrincipal user, DateTimeOffset now, CancellationToken ct)
    {
        var userId = user.Id();
        var trials = await db.Submissions.AsNoTracking().Include(s => s.Tests)
            .Where(s => s.AssignmentId == null && s.SuiteId == suite.Id && s.StudentId == userId)
            .OrderByDescending(s => s.SubmittedAt).ToListAsync(ct);
        var summary = await suites.ForAsync(db, suite.Id, ct);
        return trials.Select(s => SubmissionViews.For(s, false, SubmissionViews.TrialDueAt, now, summary)).ToList();
    }

    /// <summary>
    /// A picture a test's program saved, for those who may read the submission and see that test's output
    /// (<see cref="SubmissionViews.IsOpen"/>: a student does not see a hidden test's); null for anyone else.
    /// </summary>
    public static async Task<byte[]?> FigureAsync(GraderDbContext db, Guid id, int testIndex, int number,
        ClaimsPrincipal user, DateTimeOffset now, CancellationToken ct)
    {
        var taught = db.Courses.TaughtBy(user).Select(c => c.Id);
        var found = await ReadableBy(db, user).Where(s => s.Id == id)
            .SelectMany(s => s.Tests.Where(t => t.Index == testIndex), (s, t) => new
            {
                t.Visibility,
                DueAt = (DateTimeOffset?)s.Assignment!.DueAt,
                Teaches = s.AssignmentId != null && taught.Contains(s.Assignment.CourseId),
                Png = t.Figures.Where(f => f.Number == number).Select(f => f.Png).FirstOrDefault(),
            })
            .FirstOrDefaultAsync(ct);
        return found?.Png is { } png && SubmissionViews.IsOpen(found.Visibility, found.Teaches, found.DueAt ?? SubmissionViews.TrialDueAt, now)
            ? png : null;
    }

    /// <summary>The submissions a reader may open: their own to an assignment, every one in a course they teach (an
    /// admin: all), and a trial of a suite they may try.</summary>
    private static IQueryable<Submission> ReadableBy(GraderDbContext db, ClaimsPrincipal user)
    {
        var userId = user.Id();
        var taught = db.Courses.TaughtBy(user).Select(c => c.Id);
        var designed = db.DesignedBy(user).Select(s => s.Id);
        return db.Submissions.Where(s => s.AssignmentId == null
            ? designed.Contains(s.SuiteId)
            : s.StudentId == userId || taught.Contains(s.Assignment!.CourseId));
    }

    /// <summary>
    /// A teacher of the course reads every student's submissions to the assignment (or one student's), a student
    /// their own; null when the course is not the reader's.
    /// </summary>
    public static async Task<AssignmentSubmissions?> ForAssignmentAsync(GraderDbContext db, SuiteSummaries suites, Guid assignmentId,
        ClaimsPrincipal user, Guid? studentId, DateTimeOffset now, CancellationToken ct)
    {
        var assignment = await db.Assignments.AsNoTracking().Include(a => a.Suite)
            .FirstOrDefaultAsync(a => a.Id == assignmentId && db.Courses.VisibleTo(user).Any(c => c.Id == a.CourseId), ct);
        if (assignment is null) return null;
        var teaches = await db.Courses.TaughtBy(user).AnyAsync(c => c.Id == assignment.CourseId, ct);
        var reader = teaches ? studentId : user.Id();
        var submissions = await db.Submissions.AsNoTracking().Include(s => s.Tests).Include(s => s.History).AsSplitQuery()
            .Where(s => s.AssignmentId == assignmentId && (reader == null || s.StudentId == reader))
            .OrderByDescending(s => s.SubmittedAt).ToListAsync(ct);
        var views = new List<SubmissionView>(submissions.Count);
        foreach (var s in submissions)
            views.Add(SubmissionViews.For(s, teaches, assignment.DueAt, now, await suites.ForAsync(db, s.SuiteId, ct)));
        return new AssignmentSubmissions(assignment, teaches, views);
    }
}
