using System.Security.Claims;
using Grader.Api.Infrastructure;
using Grader.Core.Data;
using Grader.Core.Domain;

namespace Grader.Api.Courses;

/// <summary>Ownership lives in the query: a course that is not the caller's is simply not found.</summary>
public static class CourseAccess
{
    public static IQueryable<Course> TaughtBy(this IQueryable<Course> courses, ClaimsPrincipal user)
    {
        if (user.IsAdmin()) return courses;
        var id = user.Id();
        return courses.Where(c => c.Members.Any(m => m.UserId == id && m.Role == MemberRole.Teacher));
    }

    public static IQueryable<Course> AttendedBy(this IQueryable<Course> courses, ClaimsPrincipal user)
    {
        var id = user.Id();
        return courses.Where(c => c.Members.Any(m => m.UserId == id));
    }

    public static IQueryable<Course> VisibleTo(this IQueryable<Course> courses, ClaimsPrincipal user) =>
        user.IsAdmin() ? courses : courses.AttendedBy(user);

    public static IQueryable<Course> Taught(this GraderDbContext db, ClaimsPrincipal user) => db.Courses.TaughtBy(user);
}
