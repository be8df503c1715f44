using Grader.Api.Suites;
using Grader.Core.Data;
using Grader.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Submissions;

/// <summary>
/// The one way a student's program becomes a queued submission, shared by the API and the web pages so both
/// refuse the same things for the same reasons.
/// </summary>
public sealed class SubmissionQueue(GraderDbContext db, SuiteSummaries suites, SubmissionEnqueuer enqueuer, TimeProvider clock)
{
    /// <summary>The assignment, when the student is enrolled in its course; otherwise null (404).</summary>
    public Task<Assignment?> FindForStudentAsync(Guid assignmentId, Guid studentId, CancellationToken ct) =>
        db.Assignments
            .FirstOrDefaultAsync(a => a.Id == assignmentId && db.CourseMembers.Any(m =>
                m.CourseId == a.CourseId && m.UserId == studentId && m.Role == MemberRole.Student), ct);

    /// <summary>Reads an uploaded file under the size cap, then lets <see cref="SubmissionIntake"/> decide its language.</summary>
    public static async Task<(IncomingProgram?, IntakeProblem?)> ReadFileAsync(IFormFile file, CancellationToken ct)
    {
        if (file.Length > SubmissionIntake.MaxUploadBytes) return (null, new IntakeProblem("too_large", file.FileName));
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return SubmissionIntake.FromFile(file.FileName, buffer.ToArray());
    }

    /// <summary>
    /// Checks the language, the due date and the submission count, then stores and enqueues the program.
    /// Refusals store nothing.
    /// </summary>
    /// <param name="idempotencyKey">Kept with the submission so a retried request finds it (<see cref="IdempotentSubmissions"/>).</param>
    public async Task<(Submission? Submission, IntakeProblem? Problem)> SubmitAsync(
        Assignment assignment, Guid studentId, IncomingProgram program, string? idempotencyKey, CancellationToken ct)
    {
        var suite = await suites.ForAsync(db, assignment.SuiteId, ct);
        if (!suite.Languages.Contains(program.Language))
            return (null, new IntakeProblem("submission.language", program.Language));

        var now = clock.GetUtcNow();
        if (!assignment.LatePolicy.Accepts(now, assignment.DueAt))
            return (null, new IntakeProblem("submission.late", assignment.Title));
        if (assignment.MaxSubmissions is { } max &&
            await db.Submissions.CountAsync(s => s.AssignmentId == assignment.Id && s.StudentId == studentId, ct) >= max)
            return (null, new IntakeProblem("submission.limit", assignment.Title));

        var submission = new Submission
        {
            AssignmentId = assignment.Id,
            StudentId = studentId,
            Language = program.Language,
            FileName = program.FileName,
            Content = program.Content,
            Status = SubmissionStatus.Queued,
            MaxScore = suite.MaxScore,
            SuiteId = assignment.SuiteId,
            Late = now > assignment.DueAt,
            SubmittedAt = now,
            IdempotencyKey = idempotencyKey,
        };
        db.Submissions.Add(submission);
        // Commit first, then enqueue: a crash in between leaves a queued submission the sweeper re-enqueues.
        await db.SaveChangesAsync(ct);
        enqueuer.Enqueue(submission.Id);
        return (submission, null);
    }
}
