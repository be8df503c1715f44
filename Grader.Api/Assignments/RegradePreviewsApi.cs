using System.Security.Claims;
using Grader.Api.Courses;
using Grader.Api.Gradebook;
using Grader.Api.Infrastructure;
using Grader.Api.Submissions;
using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Core.Gradebook;
using Grader.Core.Jobs;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Assignments;

public sealed record RegradePreviewRequest(Guid? SuiteId);

public sealed record SuiteVersionRef(Guid Id, int Version);

/// <summary>Where a student stands in the course: the assignment's counted score and what follows from it.</summary>
public sealed record Standing(decimal? Score, decimal? AchievementRate, Level? Level, bool? CreditEarned, GradebookStatus Status);

public sealed record RegradeChange(Guid StudentId, string Name, string Login, string? StudentNumber, Standing Before, Standing After);

/// <param name="Graded">Runs finished of <paramref name="Runs"/>.</param>
/// <param name="Changes">Once <paramref name="Done"/>, the students whose score, rate, level, credit or status would
/// change; empty before, since a half-graded class would show changes the move would not make.</param>
public sealed record RegradePreviewView(Guid Id, Guid AssignmentId, SuiteVersionRef From, SuiteVersionRef To,
    int Runs, int Graded, bool Done, DateTimeOffset CreatedAt, IReadOnlyList<RegradeChange> Changes);

/// <summary>
/// The regrade preview: before moving an assignment to another suite version, every graded submission is run
/// against that version on the side (<see cref="IGradingJob.PreviewRegradeAsync"/>) and the gradebook is computed as
/// if the move had happened. Applying is the move itself (PUT /api/assignments/{id}/suite); cancelling deletes the
/// preview and its runs, so nothing of it stays. One preview per assignment: a new one replaces the last.
/// </summary>
public static class RegradePreviewsApi
{
    public static IEndpointRouteBuilder MapRegradePreviews(this IEndpointRouteBuilder routes)
    {
        var previews = routes.MapGroup("/api/assignments/{id:guid}/regrade-previews").WithTags("Assignments")
            .RequireAuthorization(Policies.Staff);
        previews.MapPost("/", CreateAsync)
            .WithDescription("Body: {suiteId}, another validated version of the assignment's suite. Grades every graded "
                + "submission against it without changing any; read the result at the Location.");
        previews.MapGet("/{previewId:guid}", GetAsync)
            .WithDescription("Progress, and each student whose score, rate, level or credit the move would change.");
        previews.MapPost("/{previewId:guid}/apply", ApplyAsync)
            .WithDescription("Moves the assignment to the previewed version (it regrades, as PUT /api/assignments/{id}/suite). "
                + "409 regrade.stale when the assignment moved since the preview began.");
        previews.MapDelete("/{previewId:guid}", CancelAsync).WithDescription("Deletes the preview and its runs.");
        return routes;
    }

    internal static async Task<Results<Created<RegradePreviewView>, ProblemHttpResult>> CreateAsync(
        Guid id, RegradePreviewRequest request, ClaimsPrincipal user, GraderDbContext db, IBackgroundJobClient jobs,
        GradebookQuery gradebooks, TimeProvider clock, CancellationToken ct)
    {
        var assignment = await AssignmentsApi.TaughtReadOnlyAsync(db, user, id, ct);
        if (assignment is null) return Problems.NotFound();

        var errors = new FieldErrors();
        var suite = await AssignmentsApi.MoveTargetAsync(db, assignment, request.SuiteId, errors, ct);
        if (suite is not null && suite.Id == assignment.SuiteId)
        {
            errors.Add("suiteId", "regrade.same_version");
            suite = null;
        }
        if (errors.Any) return errors.ToProblem();

        var preview = new RegradePreview
        {
            AssignmentId = id, FromSuiteId = assignment.SuiteId, SuiteId = suite!.Id,
            CreatedById = user.Id(), CreatedAt = clock.GetUtcNow(),
        };
        // The submissions the gradebook counts; one still waiting is graded against the new version by the move anyway.
        var graded = await db.Submissions.Where(s => s.AssignmentId == id && s.Status == SubmissionStatus.Graded)
            .Select(s => s.Id).ToListAsync(ct);
        preview.Runs.AddRange(graded.Select(submissionId => new RegradePreviewRun { SubmissionId = submissionId }));
        await db.RegradePreviews.Where(p => p.AssignmentId == id).ExecuteDeleteAsync(ct);
        db.RegradePreviews.Add(preview);
        await db.SaveChangesAsync(ct);

        try
        {
            foreach (var run in preview.Runs) jobs.EnqueuePreviewRun(run.Id);
        }
        catch (BackgroundJobClientException)
        {
            // A preview some of whose runs were never queued would never finish: none is kept.
            await db.RegradePreviews.Where(p => p.Id == preview.Id).ExecuteDeleteAsync(CancellationToken.None);
            return Problems.Status(StatusCodes.Status503ServiceUnavailable, "unavailable");
        }
        var view = await ViewAsync(db, gradebooks, user, assignment, preview.Id, ct);
        return TypedResults.Created($"/api/assignments/{id}/regrade-previews/{preview.Id}", view!);
    }

    internal static async Task<Results<Ok<RegradePreviewView>, ProblemHttpResult>> GetAsync(
        Guid id, Guid previewId, ClaimsPrincipal user, GraderDbContext db, GradebookQuery gradebooks, CancellationToken ct)
    {
        var assignment = await AssignmentsApi.TaughtReadOnlyAsync(db, user, id, ct);
        var view = assignment is null ? null : await ViewAsync(db, gradebooks, user, assignment, previewId, ct);
        return view is null ? Problems.NotFound() : TypedResults.Ok(view);
    }

    internal static async Task<Results<Ok<SuiteMoveView>, ProblemHttpResult>> ApplyAsync(
        Guid id, Guid previewId, ClaimsPrincipal user, GraderDbContext db, SubmissionEnqueuer enqueuer, TimeProvider clock,
        CancellationToken ct)
    {
        var assignment = await AssignmentsApi.TaughtReadOnlyAsync(db, user, id, ct);
        var preview = assignment is null ? null : await db.RegradePreviews.AsNoTracking()
            .FirstOrDefaultAsync(p => p.Id == previewId && p.AssignmentId == id, ct);
        if (preview is null) return Problems.NotFound();
        // What the teacher read compared against the version the assignment had then, not the one it has now.
        if (preview.FromSuiteId != assignment!.SuiteId) return Problems.Status(StatusCodes.Status409Conflict, "regrade.stale");

        var errors = new FieldErrors();
        var suite = await AssignmentsApi.MoveTargetAsync(db, assignment, preview.SuiteId, errors, ct);
        if (errors.Any) return errors.ToProblem();
        // The move deletes the assignment's previews, this one with them.
        return await AssignmentsApi.MoveAsync(db, assignment, suite!, enqueuer, clock, ct);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> CancelAsync(
        Guid id, Guid previewId, ClaimsPrincipal user, GraderDbContext db, CancellationToken ct)
    {
        var taught = db.Taught(user).Select(c => c.Id);
        var deleted = await db.RegradePreviews
            .Where(p => p.Id == previewId && p.AssignmentId == id
                && db.Assignments.Any(a => a.Id == id && taught.Contains(a.CourseId)))
            .ExecuteDeleteAsync(ct);
        return deleted == 0 ? Problems.NotFound() : TypedResults.NoContent();
    }

    /// <summary>The preview with the gradebook now and as if moved, or null when it is not this assignment's.</summary>
    private static async Task<RegradePreviewView?> ViewAsync(GraderDbContext db, GradebookQuery gradebooks,
        ClaimsPrincipal user, Assignment assignment, Guid previewId, CancellationToken ct)
    {
        var preview = await db.RegradePreviews.AsNoTracking().Include(p => p.Runs).Include(p => p.Suite)
            .FirstOrDefaultAsync(p => p.Id == previewId && p.AssignmentId == assignment.Id, ct);
        if (preview is null) return null;
        var fromVersion = await db.Suites.Where(s => s.Id == preview.FromSuiteId).Select(s => s.Version).FirstAsync(ct);

        var scores = preview.Runs.Where(r => r.IsDone).ToDictionary(r => r.SubmissionId, r => r.Score!.Value);
        var done = scores.Count == preview.Runs.Count;
        var changes = done ? await ChangesAsync(gradebooks, user, assignment, preview.SuiteId, scores, ct) : [];
        return new RegradePreviewView(preview.Id, preview.AssignmentId,
            new SuiteVersionRef(preview.FromSuiteId, fromVersion), new SuiteVersionRef(preview.SuiteId, preview.Suite!.Version),
            preview.Runs.Count, scores.Count, done, preview.CreatedAt, changes);
    }

    private static async Task<List<RegradeChange>> ChangesAsync(GradebookQuery gradebooks, ClaimsPrincipal user,
        Assignment assignment, Guid suiteId, IReadOnlyDictionary<Guid, decimal> scores, CancellationToken ct)
    {
        var (now, after) = (await gradebooks.LoadWithRegradeAsync(assignment.CourseId, user,
            new RegradeScores(assignment.Id, suiteId, scores), ct))!.Value;
        var changes = new List<RegradeChange>();
        foreach (var row in now.Gradebook.Rows)
        {
            var before = StandingOf(row, assignment.Id);
            var afterRow = after.Gradebook.Rows.Single(r => r.StudentId == row.StudentId);
            var changed = StandingOf(afterRow, assignment.Id);
            if (before != changed)
                changes.Add(new RegradeChange(row.StudentId, row.Name, row.Login, row.StudentNumber, before, changed));
        }
        return changes;
    }

    private static Standing StandingOf(GradebookRow row, Guid assignmentId) => new(
        row.Scores.Single(s => s.AssignmentId == assignmentId).Score, row.AchievementRate, row.Level, row.CreditEarned, row.Status);
}
