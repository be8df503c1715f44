using System.Security.Claims;
using Grader.Api.Courses;
using Grader.Api.Infrastructure;
using Grader.Api.Submissions;
using Grader.Api.Suites;
using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Grading;
using Grader.Grading.Suites;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Assignments;

public sealed record LatePolicyDto(string? Mode, decimal? PercentPerDay, decimal? FloorPercent);

public sealed record CreateAssignmentRequest(string? Title, Guid? SuiteId, DateTimeOffset? DueAt, decimal? Weight,
    string? ScorePolicy, LatePolicyDto? LatePenalty, int? MaxSubmissions, string? Area);

/// <summary>The NEIS 평가영역 of some of a course's assignments; a null or blank area makes the assignment an area of its own.</summary>
public sealed record AssignmentAreasRequest(IReadOnlyList<AssignmentArea>? Assignments);

public sealed record AssignmentArea(Guid? AssignmentId, string? Area);

public sealed record MoveSuiteRequest(Guid? SuiteId);

public sealed record AssignmentView(Guid Id, Guid CourseId, string Title, Guid SuiteId, string SuiteSlug, int SuiteVersion,
    DateTimeOffset DueAt, decimal Weight, string ScorePolicy, LatePolicyDto LatePenalty, int? MaxSubmissions,
    IReadOnlyList<string> Languages, string? Area, DateTimeOffset? ClosedAt, string? Statement = null, IReadOnlyList<ExampleView>? Examples = null);

/// <summary>The assignment after a move, and how many of its submissions are being graded again.</summary>
public sealed record SuiteMoveView(AssignmentView Assignment, int Regrading);

public static class AssignmentsApi
{
    public static IEndpointRouteBuilder MapAssignments(this IEndpointRouteBuilder routes)
    {
        var courses = routes.MapGroup("/api/courses/{courseId:guid}/assignments").WithTags("Assignments").RequireAuthorization();
        courses.MapPost("/", CreateAsync).RequireAuthorization(Policies.Staff);
        courses.MapGet("/", ListAsync);
        courses.MapPut("/areas", SetAreasAsync).RequireAuthorization(Policies.Staff)
            .WithDescription("Body: {assignments: [{assignmentId, area}]}. Assignments sharing an area are one NEIS 평가영역 "
                + "of the bulk-entry workbook; a null or blank area makes the assignment an area of its own, named by its title. "
                + "All or nothing; answers the course's assignments.");
        routes.MapGet("/api/assignments/{id:guid}", GetAsync).WithTags("Assignments").RequireAuthorization();
        routes.MapPut("/api/assignments/{id:guid}", UpdateAsync).WithTags("Assignments").RequireAuthorization(Policies.Staff)
            .WithDescription("Body: the fields of POST /api/courses/{courseId}/assignments. suiteId may be left out or be the "
                + "assignment's own; another version is PUT /api/assignments/{id}/suite (it regrades).");
        routes.MapPost("/api/assignments/{id:guid}/close", CloseAsync).WithTags("Assignments").RequireAuthorization(Policies.Staff)
            .WithDescription("From now on no submission is accepted, whatever the late policy; those stored keep counting.");
        routes.MapPut("/api/assignments/{id:guid}/suite", MoveSuiteAsync).WithTags("Assignments")
            .RequireAuthorization(Policies.Staff)
            .WithDescription("Body: {suiteId}, another version of the same suite slug whose validation passed. "
                + "Every submission keeps its grade in its history and is graded again against that version.");
        return routes;
    }

    internal static async Task<Results<Created<AssignmentView>, ProblemHttpResult>> CreateAsync(
        Guid courseId, CreateAssignmentRequest request, ClaimsPrincipal user, GraderDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        if (!await db.Taught(user).AnyAsync(c => c.Id == courseId, ct)) return Problems.NotFound();

        var errors = new FieldErrors();
        var settings = AssignmentSettings.Check(request, errors);
        var suite = await UsableSuiteAsync(db, request.SuiteId, errors, ct);
        if (errors.Any) return errors.ToProblem();

        var assignment = new Assignment { CourseId = courseId, Title = "", SuiteId = suite!.Id, Suite = suite, CreatedAt = clock.GetUtcNow() };
        settings!.ApplyTo(assignment);
        db.Assignments.Add(assignment);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/assignments/{assignment.Id}", ToView(assignment, suite));
    }

    private static async Task<Results<Ok<List<AssignmentView>>, ProblemHttpResult>> ListAsync(
        Guid courseId, ClaimsPrincipal user, GraderDbContext db, CancellationToken ct)
    {
        if (!await db.Courses.VisibleTo(user).AnyAsync(c => c.Id == courseId, ct)) return Problems.NotFound();
        var assignments = await db.Assignments.AsNoTracking().Include(a => a.Suite)
            .Where(a => a.CourseId == courseId).OrderBy(a => a.DueAt).ToListAsync(ct);
        return TypedResults.Ok(assignments.Select(a => ToView(a, a.Suite!)).ToList());
    }

    /// <summary>The teacher's course page posts its area form here too, so areas are checked one way.</summary>
    internal static async Task<Results<Ok<List<AssignmentView>>, ProblemHttpResult>> SetAreasAsync(
        Guid courseId, AssignmentAreasRequest request, ClaimsPrincipal user, GraderDbContext db, CancellationToken ct)
    {
        if (!await db.Taught(user).AnyAsync(c => c.Id == courseId, ct)) return Problems.NotFound();
        var assignments = await db.Assignments.Include(a => a.Suite).Where(a => a.CourseId == courseId).OrderBy(a => a.DueAt).ToListAsync(ct);

        var errors = new FieldErrors();
        var given = request.Assignments ?? [];
        if (request.Assignments is null) errors.Add("assignments", "field.required");
        for (var i = 0; i < given.Count; i++)
        {
            if (given[i].AssignmentId is not { } id || assignments.All(a => a.Id != id))
                errors.Add($"assignments[{i}].assignmentId", "assignment.unknown");
            else if (given.Take(i).Any(g => g.AssignmentId == id))
                errors.Add($"assignments[{i}].assignmentId", "field.duplicate");
            errors.Optional($"assignments[{i}].area", given[i].Area, AssignmentSettings.MaxAreaLength);
        }
        if (errors.Any) return errors.ToProblem();

        foreach (var area in given)
            assignments.Single(a => a.Id == area.AssignmentId).Area = AssignmentSettings.AreaName(area.Area);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(assignments.Select(a => ToView(a, a.Suite!)).ToList());
    }

    private static async Task<Results<Ok<AssignmentView>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, GraderDbContext db, CancellationToken ct)
    {
        var visibleCourses = db.Courses.VisibleTo(user).Select(c => c.Id);
        var assignment = await db.Assignments.AsNoTracking().Include(a => a.Suite)
            .FirstOrDefaultAsync(a => a.Id == id && visibleCourses.Contains(a.CourseId), ct);
        if (assignment is null) return Problems.NotFound();
        // One assignment is read to be worked on: it carries what the student reads (a list does not).
        var statement = await SuiteExamples.ForAsync(db, assignment.Suite!, ct);
        return TypedResults.Ok(ToView(assignment, assignment.Suite!) with { Statement = statement.Html, Examples = statement.Examples });
    }

    internal static async Task<Results<Ok<AssignmentView>, ProblemHttpResult>> UpdateAsync(
        Guid id, CreateAssignmentRequest request, ClaimsPrincipal user, GraderDbContext db, CancellationToken ct)
    {
        var assignment = await TaughtAsync(db, user, id, ct);
        if (assignment is null) return Problems.NotFound();

        var errors = new FieldErrors();
        var settings = AssignmentSettings.Check(request, errors);
        // Another version changes grades already given: that is the suite move, with its regrade, not an edit.
        if (request.SuiteId is { } suiteId && suiteId != assignment.SuiteId) errors.Add("suiteId", "suite.move_instead");
        if (errors.Any) return errors.ToProblem();

        settings!.ApplyTo(assignment);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToView(assignment, assignment.Suite!));
    }

    internal static async Task<Results<Ok<AssignmentView>, ProblemHttpResult>> CloseAsync(
        Guid id, ClaimsPrincipal user, GraderDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var assignment = await TaughtAsync(db, user, id, ct);
        if (assignment is null) return Problems.NotFound();
        // Closing twice keeps the first time: it is when submissions stopped.
        assignment.ClosedAt ??= clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToView(assignment, assignment.Suite!));
    }

    /// <summary>The assignment, tracked, when it is in one of the user's taught courses.</summary>
    private static Task<Assignment?> TaughtAsync(GraderDbContext db, ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var taught = db.Taught(user).Select(c => c.Id);
        return db.Assignments.Include(a => a.Suite).FirstOrDefaultAsync(a => a.Id == id && taught.Contains(a.CourseId), ct);
    }

    private static async Task<Results<Ok<SuiteMoveView>, ProblemHttpResult>> MoveSuiteAsync(
        Guid id, MoveSuiteRequest request, ClaimsPrincipal user, GraderDbContext db, SubmissionEnqueuer enqueuer,
        TimeProvider clock, CancellationToken ct)
    {
        var assignment = await TaughtReadOnlyAsync(db, user, id, ct);
        if (assignment is null) return Problems.NotFound();

        var errors = new FieldErrors();
        var suite = await MoveTargetAsync(db, assignment, request.SuiteId, errors, ct);
        if (errors.Any) return errors.ToProblem();
        return await MoveAsync(db, assignment, suite!, enqueuer, clock, ct);
    }

    /// <summary>The assignment, untracked, when it is in one of the user's taught courses.</summary>
    internal static Task<Assignment?> TaughtReadOnlyAsync(GraderDbContext db, ClaimsPrincipal user, Guid id, CancellationToken ct)
    {
        var taught = db.Taught(user).Select(c => c.Id);
        return db.Assignments.AsNoTracking().Include(a => a.Suite)
            .FirstOrDefaultAsync(a => a.Id == id && taught.Contains(a.CourseId), ct);
    }

    /// <summary>The suite version an assignment may move to (a move, or its preview), else null and a field error.</summary>
    internal static async Task<Suite?> MoveTargetAsync(GraderDbContext db, Assignment assignment, Guid? suiteId,
        FieldErrors errors, CancellationToken ct)
    {
        var suite = await UsableSuiteAsync(db, suiteId, errors, ct);
        // Another slug is another problem: that is a new assignment, not a regrade.
        if (suite is null || suite.Slug == assignment.Suite!.Slug) return suite;
        errors.Add("suiteId", "suite.other_slug");
        return null;
    }

    /// <summary>Moves <paramref name="assignment"/> (untracked) to <paramref name="suite"/> and queues the regrade.</summary>
    internal static async Task<Results<Ok<SuiteMoveView>, ProblemHttpResult>> MoveAsync(GraderDbContext db,
        Assignment assignment, Suite suite, SubmissionEnqueuer enqueuer, TimeProvider clock, CancellationToken ct)
    {
        var regrading = await SuiteMove.MoveAsync(db, assignment.Id, suite, clock.GetUtcNow(), ct);
        if (regrading is null) return Problems.Status(StatusCodes.Status409Conflict, "suite.move_conflict");
        // Committed first, then handed over: a class's regrade does not hold the request for one enqueue each.
        foreach (var submissionId in regrading)
            enqueuer.Enqueue(submissionId);
        assignment.SuiteId = suite.Id;
        return TypedResults.Ok(new SuiteMoveView(ToView(assignment, suite), regrading.Count));
    }

    /// <summary>The suite a request names, when it exists and may be assigned; otherwise null and a field error.</summary>
    private static async Task<Suite?> UsableSuiteAsync(GraderDbContext db, Guid? suiteId, FieldErrors errors, CancellationToken ct)
    {
        if (suiteId is null)
        {
            errors.Add("suiteId", "field.required");
            return null;
        }
        var suite = await db.Suites.FirstOrDefaultAsync(s => s.Id == suiteId, ct);
        if (suite is null) errors.Add("suiteId", "suite.unknown");
        else if (!IsUsable(suite)) errors.Add("suiteId", "suite.not_validated");
        return suite is not null && IsUsable(suite) ? suite : null;
    }

    /// <summary>A suite version can be assigned once its reference passed, or when it has none.</summary>
    public static bool IsUsable(Suite suite) => UsableStatuses.Contains(suite.ValidationStatus);

    /// <summary>The validation states <see cref="IsUsable"/> accepts, for queries listing the suites one may assign.</summary>
    public static readonly ValidationStatus[] UsableStatuses = [ValidationStatus.Passed, ValidationStatus.NotRequired];

    private static AssignmentView ToView(Assignment a, Suite suite) => new(a.Id, a.CourseId, a.Title, a.SuiteId,
        suite.Slug, suite.Version, a.DueAt, a.Weight, a.ScorePolicy.ToWire(),
        new LatePolicyDto(a.LatePolicy.Mode.ToWire(), a.LatePolicy.PercentPerDay, a.LatePolicy.FloorPercent),
        a.MaxSubmissions, SuiteJson.Deserialize(suite.DefinitionJson).Languages.Select(l => l.ToWire()).ToList(), a.Area, a.ClosedAt);
}
