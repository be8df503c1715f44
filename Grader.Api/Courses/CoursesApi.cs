using System.Security.Claims;
using Grader.Api.Infrastructure;
using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Grading;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Courses;

public sealed record CutScoresDto(decimal A, decimal B, decimal C, decimal D);

public sealed record CreateCourseRequest(string? Name, string? Kind, int? Credits, CutScoresDto? CutScores, bool? FreeSemester,
    string? SubjectType, int? SchoolYear);

/// <param name="SubjectType">"common" or "elective" in credit courses, null in the others.</param>
public sealed record CourseView(Guid Id, string Name, string Kind, int Credits, CutScoresDto CutScores,
    bool FreeSemester, string? SubjectType, int SchoolYear, int SessionsHeld, bool Closed, DateTimeOffset CreatedAt);

public sealed record AddMemberRequest(Guid? UserId, string? Role);

public sealed record MemberView(Guid UserId, string Login, string Name, string Role);

public sealed record AttendanceRequest(int? SessionsHeld, List<StudentAttendance>? Students);

public sealed record StudentAttendance(Guid UserId, int SessionsAttended);

public static class CoursesApi
{
    public static IEndpointRouteBuilder MapCourses(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/courses").WithTags("Courses").RequireAuthorization();
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Staff);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPut("/{id:guid}", UpdateAsync).RequireAuthorization(Policies.Staff)
            .WithDescription("The course's settings, the same body and rules as creating it; a teacher of the course or an admin.");
        group.MapPost("/{id:guid}/members", AddMemberAsync).RequireAuthorization(Policies.Staff);
        group.MapGet("/{id:guid}/members", ListMembersAsync).RequireAuthorization(Policies.Staff);
        group.MapPut("/{id:guid}/attendance", SetAttendanceAsync).RequireAuthorization(Policies.Staff);
        group.MapPost("/{id:guid}/roster", RosterImport.ImportAsync).DisableAntiforgery().WithUploadLimit(RosterCsv.MaxBytes)
            .WithDescription("A CSV class list (multipart `file` or a text/csv body): student number, login, name. Creates the missing student accounts and enrols everyone, all or nothing; new accounts' token and first password appear only in this response.");
        return routes;
    }

    /// <summary>Also what the teacher's new-course form calls.</summary>
    internal static async Task<Results<Created<CourseView>, ProblemHttpResult>> CreateAsync(
        CreateCourseRequest request, ClaimsPrincipal user, GraderDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        var settings = CourseSettings.Check(request, errors, clock.GetUtcNow());
        if (settings is null) return errors.ToProblem();

        var course = settings.NewCourse(user.Id(), clock.GetUtcNow());
        if (!user.IsAdmin())
            course.Members.Add(new CourseMember { UserId = user.Id(), Role = MemberRole.Teacher });
        db.Courses.Add(course);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/courses/{course.Id}", ToView(course));
    }

    /// <summary>Also what the teacher's course form calls when editing.</summary>
    internal static async Task<Results<Ok<CourseView>, ProblemHttpResult>> UpdateAsync(
        Guid id, CreateCourseRequest request, ClaimsPrincipal user, GraderDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var course = await db.Taught(user).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (course is null) return Problems.NotFound();
        var errors = new FieldErrors();
        var settings = CourseSettings.Check(request, errors, clock.GetUtcNow());
        if (settings is null) return errors.ToProblem();
        settings.ApplyTo(course);
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToView(course));
    }

    private static async Task<Ok<List<CourseView>>> ListAsync(ClaimsPrincipal user, GraderDbContext db, CancellationToken ct)
    {
        var courses = await db.Courses.AsNoTracking().VisibleTo(user).OrderBy(c => c.Name).ToListAsync(ct);
        return TypedResults.Ok(courses.Select(ToView).ToList());
    }

    private static async Task<Results<Ok<CourseView>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, GraderDbContext db, CancellationToken ct)
    {
        var course = await db.Courses.AsNoTracking().VisibleTo(user).FirstOrDefaultAsync(c => c.Id == id, ct);
        return course is null ? Problems.NotFound() : TypedResults.Ok(ToView(course));
    }

    /// <summary>
    /// A member takes their account's role: students join as students, teachers as teachers, designers and admins
    /// never. A teacher adds co-teachers and the students they already teach; any other student joins through an
    /// admin. An existing membership is never changed here (409), so no POST demotes a co-teacher.
    /// </summary>
    private static async Task<Results<Created<MemberView>, ProblemHttpResult>> AddMemberAsync(
        Guid id, AddMemberRequest request, ClaimsPrincipal user, GraderDbContext db, CancellationToken ct)
    {
        if (!await db.Taught(user).AnyAsync(c => c.Id == id, ct)) return Problems.NotFound();

        var errors = new FieldErrors();
        MemberRole? asked = null;
        if (request.Role is not null)
        {
            if (EnumNames.TryParse(request.Role, out MemberRole parsed)) asked = parsed;
            else errors.Add("role", "field.invalid");
        }
        var account = request.UserId is { } userId ? await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct) : null;
        var role = account?.Role.InCourses();
        if (request.UserId is null) errors.Add("userId", "field.required");
        else if (account is null) errors.Add("userId", "user.unknown");
        else if (role is null) errors.Add("userId", "member.no_course_role");
        else if (asked is not null && asked != role) errors.Add("role", "member.role_mismatch");
        else if (role == MemberRole.Student && !await db.StudentsTaughtBy(user).AnyAsync(u => u.Id == account.Id, ct))
            errors.Add("userId", "member.admin_only");
        if (errors.Any) return errors.ToProblem();

        if (await db.CourseMembers.AnyAsync(m => m.CourseId == id && m.UserId == account!.Id, ct))
            return Problems.Status(StatusCodes.Status409Conflict, "member.exists");
        db.CourseMembers.Add(new CourseMember { CourseId = id, UserId = account!.Id, Role = role!.Value });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // A concurrent request enrolled them first.
            return Problems.Status(StatusCodes.Status409Conflict, "member.exists");
        }
        return TypedResults.Created($"/api/courses/{id}/members",
            new MemberView(account.Id, account.Login, account.Name, role.Value.ToWire()));
    }

    private static async Task<Results<Ok<List<MemberView>>, ProblemHttpResult>> ListMembersAsync(
        Guid id, ClaimsPrincipal user, GraderDbContext db, CancellationToken ct)
    {
        if (!await db.Taught(user).AnyAsync(c => c.Id == id, ct)) return Problems.NotFound();
        var members = await db.CourseMembers.AsNoTracking().Where(m => m.CourseId == id)
            .OrderBy(m => m.User!.Name)
            .Select(m => new MemberView(m.UserId, m.User!.Login, m.User.Name, m.Role.ToWire()))
            .ToListAsync(ct);
        return TypedResults.Ok(members);
    }

    /// <summary>Also what the teacher's gradebook page calls, so both check attendance the same way.</summary>
    internal static async Task<Results<NoContent, ProblemHttpResult>> SetAttendanceAsync(
        Guid id, AttendanceRequest request, ClaimsPrincipal user, GraderDbContext db, CancellationToken ct)
    {
        var course = await db.Taught(user).Include(c => c.Members).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (course is null) return Problems.NotFound();

        var errors = new FieldErrors();
        if (request.SessionsHeld is not { } held || held < 0) errors.Add("sessionsHeld", "field.invalid");
        var students = request.Students ?? [];
        for (var i = 0; i < students.Count; i++)
        {
            var entry = students[i];
            if (course.Members.All(m => m.UserId != entry.UserId || m.Role != MemberRole.Student))
                errors.Add($"students[{i}].userId", "user.unknown");
            if (entry.SessionsAttended < 0 || entry.SessionsAttended > (request.SessionsHeld ?? 0))
                errors.Add($"students[{i}].sessionsAttended", "field.invalid");
        }
        // Students this request leaves out keep what was recorded; none may stay above the sessions held.
        var named = students.Select(s => s.UserId).ToHashSet();
        if (course.Members.Any(m => m.Role == MemberRole.Student && !named.Contains(m.UserId) && m.SessionsAttended > request.SessionsHeld))
            errors.Add("sessionsHeld", "attendance.below_recorded");
        if (errors.Any) return errors.ToProblem();

        course.SessionsHeld = request.SessionsHeld!.Value;
        foreach (var entry in students)
            course.Members.Single(m => m.UserId == entry.UserId).SessionsAttended = entry.SessionsAttended;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    private static CourseView ToView(Course c) => new(c.Id, c.Name, c.Kind.ToWire(), c.Credits,
        new CutScoresDto(c.CutScores.A, c.CutScores.B, c.CutScores.C, c.CutScores.D),
        c.FreeSemester, c.SubjectType?.ToWire(), c.SchoolYear, c.SessionsHeld, c.Closed, c.CreatedAt);
}
