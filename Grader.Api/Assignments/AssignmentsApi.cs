using System.Security.Claims;
using Grader.Api.Courses;
using Grader.Api.Infrastructure;
using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Core.Gradebook;
using Grader.Runners.Suites;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Assignments;

public sealed record LatePolicyDto(string? Mode, decimal? PercentPerDay, decimal? FloorPercent);

public sealed record CreateAssignmentRequest(string? Title, Guid? SuiteId, DateTimeOffset? DueAt, decimal? Weight,
    string? ScorePolicy, LatePolicyDto? LatePenalty, int? MaxSubmissions);

public sealed record MoveSuiteRequest(Guid? SuiteId);

public sealed record AssignmentView(Guid Id, Guid CourseId, string Title, Guid SuiteId, string SuiteSlug, int SuiteVersion,
    DateTimeOffset DueAt, decimal Weight, string ScorePolicy, LatePolicyDto LatePenalty, int? MaxSubmissions,
    IReadOnlyList<string> Languages);

public static class AssignmentsApi
{
    public static IEndpointRouteBuilder MapAssignments(this IEndpointRouteBuilder routes)
    {
        var courses = routes.MapGroup("/api/courses/{courseId:guid}/assignments").WithTags("Assignments").RequireAuthorization();
        courses.MapPost("/", CreateAsync).RequireAuthorization(Policies.Staff);
        courses.MapGet("/", ListAsync);
        routes.MapGet("/api/assignments/{id:guid}", GetAsync).WithTags("Assignments").RequireAuthorization();
        return routes;
    }

    private static async Task<Results<Created<AssignmentView>, ProblemHttpResult>> CreateAsync(
        Guid courseId, CreateAssignmentRequest request, ClaimsPrincipal user, GraderDbContext db, TimeProvider clock,
        CancellationToken ct)
    {
        if (!await db.Taught(user).AnyAsync(c => c.Id == courseId, ct)) return Problems.NotFound();

        var errors = new FieldErrors();
        errors.Required("title", request.Title);
        if (request.DueAt is null) errors.Add("dueAt", "field.required");
        if (request.Weight is <= 0 or > 1000) errors.Add("weight", "field.invalid");
        if (request.MaxSubmissions is <= 0) errors.Add("maxSubmissions", "field.invalid");
        var policy = ScorePolicy.Best;
        if (request.ScorePolicy is not null && !EnumNames.TryParse(request.ScorePolicy, out policy)) errors.Add("scorePolicy", "field.invalid");
        var late = LatePolicy.Accept;
        if (request.LatePenalty is { } lateDto)
        {
            if (!EnumNames.TryParse(lateDto.Mode ?? "accept", out LateMode mode)) errors.Add("latePenalty.mode", "field.invalid");
            late = new LatePolicy(mode, lateDto.PercentPerDay ?? 0, lateDto.FloorPercent ?? 0);
            if (!late.IsValid) errors.Add("latePenalty", "field.invalid");
        }
        Suite? suite = null;
        if (request.SuiteId is null) errors.Add("suiteId", "field.required");
        else
        {
            suite = await db.Suites.FirstOrDefaultAsync(s => s.Id == request.SuiteId, ct);
            if (suite is null) errors.Add("suiteId", "suite.unknown");
            else if (!IsUsable(suite)) errors.Add("suiteId", "suite.not_validated");
        }
        if (errors.Any) return errors.ToProblem();

        var assignment = new Assignment
        {
            CourseId = courseId,
            Title = request.Title!.Trim(),
            SuiteId = suite!.Id,
            Suite = suite,
            DueAt = request.DueAt!.Value,
            Weight = request.Weight ?? 1,
            ScorePolicy = policy,
            LatePolicy = late,
            MaxSubmissions = request.MaxSubmissions,
            CreatedAt = clock.GetUtcNow(),
        };
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

    private static async Task<Results<Ok<AssignmentView>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, GraderDbContext db, CancellationToken ct)
    {
        var visibleCourses = db.Courses.VisibleTo(user).Select(c => c.Id);
        var assignment = await db.Assignments.AsNoTracking().Include(a => a.Suite)
            .FirstOrDefaultAsync(a => a.Id == id && visibleCourses.Contains(a.CourseId), ct);
        return assignment is null ? Problems.NotFound() : TypedResults.Ok(ToView(assignment, assignment.Suite!));
    }

    /// <summary>A suite version can be assigned once its reference passed, or when it has none.</summary>
    public static bool IsUsable(Suite suite) =>
        suite.ValidationStatus is ValidationStatus.Passed or ValidationStatus.NotRequired;

    private static AssignmentView ToView(Assignment a, Suite suite) => new(a.Id, a.CourseId, a.Title, a.SuiteId,
        suite.Slug, suite.Version, a.DueAt, a.Weight, a.ScorePolicy.ToString().ToLowerInvariant(),
        new LatePolicyDto(a.LatePolicy.Mode.ToString().ToLowerInvariant(), a.LatePolicy.PercentPerDay, a.LatePolicy.FloorPercent),
        a.MaxSubmissions, SuiteJson.Deserialize(suite.DefinitionJson).Languages.Select(l => l.ToWire()).ToList());
}
