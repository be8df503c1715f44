using System.Security.Claims;
using System.Text.Json;
using Grader.Api.Courses;
using Grader.Api.Infrastructure;
using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Core.Jobs;
using Grader.Runners.Suites;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Submissions;

public sealed record SourceSubmission(string? Language, string? Source);

public static class SubmissionsApi
{
    public static IEndpointRouteBuilder MapSubmissions(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api").WithTags("Submissions").RequireAuthorization();
        group.MapPost("/assignments/{id:guid}/submissions", SubmitAsync)
            .RequireAuthorization(Policies.Students)
            .WithName("Submit")
            .DisableAntiforgery()
            .RequireRateLimiting(SubmissionRateLimit.Policy)
            .WithUploadLimit(SubmissionIntake.MaxUploadBytes)
            .WithDescription("Body: JSON {language, source}, or multipart/form-data with one `file`.");
        group.MapGet("/assignments/{id:guid}/submissions", ListAsync);
        group.MapGet("/submissions/{id:guid}", GetAsync).WithName("GetSubmission");
        return routes;
    }

    private static async Task<Results<AcceptedAtRoute<SubmissionView>, Accepted<SubmissionView>, ProblemHttpResult>> SubmitAsync(
        Guid id, HttpRequest http, ClaimsPrincipal user, GraderDbContext db, IBackgroundJobClient jobs,
        TimeProvider clock, CancellationToken ct)
    {
        var studentId = user.Id();
        var assignment = await db.Assignments.Include(a => a.Suite)
            .FirstOrDefaultAsync(a => a.Id == id && db.CourseMembers.Any(m =>
                m.CourseId == a.CourseId && m.UserId == studentId && m.Role == MemberRole.Student), ct);
        if (assignment is null) return Problems.NotFound();

        var (program, problem) = await ReadProgramAsync(http, ct);
        if (problem is not null) return Refuse(problem);

        var suite = SuiteJson.Deserialize(assignment.Suite!.DefinitionJson);
        if (!suite.Languages.Any(l => l.ToWire() == program!.Language))
            return Refuse(new IntakeProblem("submission.language", program!.Language));

        var now = clock.GetUtcNow();
        if (!assignment.LatePolicy.Accepts(now, assignment.DueAt))
            return Problems.Status(StatusCodes.Status422UnprocessableEntity, "submission.late");
        if (assignment.MaxSubmissions is { } max &&
            await db.Submissions.CountAsync(s => s.AssignmentId == id && s.StudentId == studentId, ct) >= max)
            return Problems.Status(StatusCodes.Status422UnprocessableEntity, "submission.limit");

        var submission = new Submission
        {
            AssignmentId = id,
            StudentId = studentId,
            Language = program!.Language,
            FileName = program.FileName,
            Content = program.Content,
            Status = SubmissionStatus.Queued,
            MaxScore = suite.MaxScore,
            SuiteId = assignment.SuiteId,
            Late = now > assignment.DueAt,
            SubmittedAt = now,
        };
        db.Submissions.Add(submission);
        // Commit first, then enqueue: a crash in between leaves a queued submission the sweeper re-enqueues.
        await db.SaveChangesAsync(ct);
        jobs.Enqueue<IGradingJob>(job => job.GradeSubmissionAsync(submission.Id, CancellationToken.None));

        return TypedResults.AcceptedAtRoute(SubmissionViews.For(submission, false, assignment.DueAt, now),
            "GetSubmission", new { id = submission.Id });
    }

    private static async Task<(IncomingProgram?, IntakeProblem?)> ReadProgramAsync(HttpRequest http, CancellationToken ct)
    {
        if (http.HasFormContentType)
        {
            var form = await http.ReadFormAsync(ct);
            if (form.Files.GetFile("file") is not { } file) return (null, new IntakeProblem("field.required", "file"));
            if (file.Length > SubmissionIntake.MaxUploadBytes) return (null, new IntakeProblem("too_large", file.FileName));
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            return SubmissionIntake.FromFile(file.FileName, buffer.ToArray());
        }
        if (http.HasJsonContentType())
        {
            try
            {
                var body = await http.ReadFromJsonAsync<SourceSubmission>(ct);
                return SubmissionIntake.FromSource(body?.Language, body?.Source);
            }
            catch (JsonException)
            {
                return (null, new IntakeProblem("bad_request", "body"));
            }
        }
        return (null, new IntakeProblem("bad_request", "Content-Type"));
    }

    private static ProblemHttpResult Refuse(IntakeProblem problem)
    {
        if (problem.Code == "bad_request") return Problems.Status(StatusCodes.Status400BadRequest, "bad_request", problem.Detail);
        if (problem.Code == "too_large") return Problems.Status(StatusCodes.Status413PayloadTooLarge, "too_large", problem.Detail);
        var result = Problems.Invalid(new() { ["file"] = [problem.Code] }, problem.Code);
        result.ProblemDetails.Detail = problem.Detail;
        return result;
    }

    private static async Task<Results<Ok<List<SubmissionView>>, ProblemHttpResult>> ListAsync(
        Guid id, ClaimsPrincipal user, GraderDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var assignment = await db.Assignments.AsNoTracking()
            .FirstOrDefaultAsync(a => a.Id == id && db.Courses.VisibleTo(user).Any(c => c.Id == a.CourseId), ct);
        if (assignment is null) return Problems.NotFound();
        var teaches = await db.Courses.TaughtBy(user).AnyAsync(c => c.Id == assignment.CourseId, ct);
        var userId = user.Id();
        var submissions = await db.Submissions.AsNoTracking().Include(s => s.Tests).Include(s => s.History)
            .Where(s => s.AssignmentId == id && (teaches || s.StudentId == userId))
            .OrderByDescending(s => s.SubmittedAt).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(submissions.Select(s => SubmissionViews.For(s, teaches, assignment.DueAt, now)).ToList());
    }

    private static async Task<Results<Ok<SubmissionView>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, GraderDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var userId = user.Id();
        var taught = db.Courses.TaughtBy(user).Select(c => c.Id);
        var found = await db.Submissions.AsNoTracking().Include(s => s.Tests).Include(s => s.History)
            .Where(s => s.Id == id && (s.StudentId == userId || taught.Contains(s.Assignment!.CourseId)))
            .Select(s => new { Submission = s, s.Assignment!.DueAt, Teaches = taught.Contains(s.Assignment.CourseId) })
            .FirstOrDefaultAsync(ct);
        return found is null
            ? Problems.NotFound()
            : TypedResults.Ok(SubmissionViews.For(found.Submission, found.Teaches, found.DueAt, clock.GetUtcNow()));
    }
}
