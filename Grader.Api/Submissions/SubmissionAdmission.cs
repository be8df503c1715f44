using System.Security.Claims;
using Grader.Api.Suites;
using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Grading;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Submissions;

/// <summary>A submission an attempt to submit was answered with: made now, or <c>Replayed</c> from its idempotency key.</summary>
public sealed record SubmitOutcome(Submission Submission, bool Replayed);

/// <summary>
/// Where a program goes: an assignment, or a designer's trial of a suite version, which has no assignment
/// (<see cref="Submission.AssignmentId"/>) and so none of an assignment's due date, closing or cap either.
/// </summary>
public sealed record SubmissionTarget(Guid SuiteId, Assignment? Assignment)
{
    public static SubmissionTarget Of(Assignment assignment) => new(assignment.SuiteId, assignment);

    public static SubmissionTarget Trial(Suite suite) => new(suite.Id, null);

    /// <summary>Whether an earlier submission went here. An assignment's may since have moved to another version.</summary>
    public bool Holds(Submission submission) => Assignment is { } assignment
        ? submission.AssignmentId == assignment.Id
        : submission.AssignmentId is null && submission.SuiteId == SuiteId;
}

/// <summary>
/// The one way a program becomes a queued submission, shared by the API and the web pages so both refuse the same
/// things for the same reasons and draw on the same rate limit: a student's to an assignment, and a designer's trial.
/// </summary>
public sealed class SubmissionAdmission(
    GraderDbContext db, SuiteSummaries suites, SubmissionEnqueuer enqueuer, SubmissionRateLimit rateLimit, TimeProvider clock)
{
    /// <summary>The assignment, when the student is enrolled in its course; otherwise null (404).</summary>
    public Task<Assignment?> FindForStudentAsync(Guid assignmentId, Guid studentId, CancellationToken ct) =>
        db.Assignments
            .FirstOrDefaultAsync(a => a.Id == assignmentId && db.CourseMembers.Any(m =>
                m.CourseId == a.CourseId && m.UserId == studentId && m.Role == MemberRole.Student), ct);

    /// <summary>The suite version, when the user may try it (<see cref="SuiteAccess.DesignedBy"/>), whatever its
    /// validation says; otherwise null (404).</summary>
    public Task<Suite?> FindForTrialAsync(Guid suiteId, ClaimsPrincipal user, CancellationToken ct) =>
        db.DesignedBy(user).AsNoTracking().FirstOrDefaultAsync(s => s.Id == suiteId, ct);

    /// <summary>Reads an uploaded file under the size cap, then lets <see cref="SubmissionIntake"/> decide its language.</summary>
    public static async Task<Intake<IncomingProgram>> ReadFileAsync(IFormFile file, CancellationToken ct)
    {
        if (file.Length > SubmissionIntake.MaxUploadBytes) return new IntakeRefusal(IntakeRefusalKind.TooLarge, file.FileName);
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        return SubmissionIntake.FromFile(file.FileName, buffer.ToArray());
    }

    /// <summary>
    /// Takes a permit from the student's rate limit (before reading, so refused attempts count too), reads the
    /// program with <paramref name="read"/>, answers a repeated <paramref name="idempotencyKey"/> with its
    /// submission, then checks the language, the due date and the submission count, stores and enqueues.
    /// Refusals store nothing.
    /// </summary>
    public async Task<Intake<SubmitOutcome>> SubmitAsync(SubmissionTarget target, Guid studentId,
        Func<Task<Intake<IncomingProgram>>> read, string? idempotencyKey, CancellationToken ct)
    {
        if (rateLimit.TryTake(studentId) is { } limited) return limited;
        if ((await read()).IsRefused(out var unreadable, out var program)) return unreadable;
        return await IdempotentSubmissions.SubmitOnceAsync(db, target, studentId, program,
            idempotencyKey, () => StoreAsync(target, studentId, program, idempotencyKey, ct), ct);
    }

    /// <param name="idempotencyKey">Kept with the submission so a retried request finds it (<see cref="IdempotentSubmissions"/>).</param>
    private async Task<Intake<Submission>> StoreAsync(
        SubmissionTarget target, Guid studentId, IncomingProgram program, string? idempotencyKey, CancellationToken ct)
    {
        var suite = await suites.ForAsync(db, target.SuiteId, ct);
        if (!suite.Languages.Contains(program.Language))
            return new IntakeRefusal(IntakeRefusalKind.LanguageNotAccepted, program.Language.ToWire());

        var now = clock.GetUtcNow();
        var assignment = target.Assignment;
        if (assignment is { ClosedAt: not null })
            return new IntakeRefusal(IntakeRefusalKind.Closed, assignment.Title);
        if (assignment is not null && !assignment.LatePolicy.Accepts(now, assignment.DueAt))
            return new IntakeRefusal(IntakeRefusalKind.Late, assignment.Title);

        var submission = new Submission
        {
            AssignmentId = assignment?.Id,
            StudentId = studentId,
            Language = program.Language,
            FileName = program.FileName,
            Content = program.Content,
            MaxScore = suite.MaxScore,
            SuiteId = target.SuiteId,
            Late = now > assignment?.DueAt,
            SubmittedAt = now,
            IdempotencyKey = idempotencyKey,
        };
        if (!await TryInsertUnderCapAsync(assignment, studentId, submission, ct))
            return new IntakeRefusal(IntakeRefusalKind.LimitReached, assignment!.Title);
        // Committed first, then enqueued: a crash in between leaves a queued submission the sweeper re-enqueues.
        enqueuer.Enqueue(submission.Id);
        return submission;
    }

    /// <summary>
    /// Counts and inserts under a transaction-scoped advisory lock on (assignment, student): a count then an insert
    /// without it let 8 concurrent requests under <c>maxSubmissions: 1</c> store up to 7. False when the cap is used up.
    /// </summary>
    private Task<bool> TryInsertUnderCapAsync(Assignment? assignment, Guid studentId, Submission submission, CancellationToken ct) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            if (assignment?.MaxSubmissions is { } max)
            {
                var lockName = $"submission-cap:{assignment.Id}:{studentId}";
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended({lockName}, 0))", ct);
                if (await db.Submissions.CountAsync(s => s.AssignmentId == assignment.Id && s.StudentId == studentId, ct) >= max)
                    return false;
            }
            db.Submissions.Add(submission);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return true;
        });
}
