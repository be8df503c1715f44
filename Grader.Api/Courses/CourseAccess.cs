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

    /// <summary>
    /// The student accounts a teacher may bring into another course of theirs: those already studying in one of
    /// their courses (for an admin, every student account). Any other existing account joins through an admin, so
    /// no teacher reaches another teacher's students by an id or a login.
    /// </summary>
    public static IQueryable<User> StudentsTaughtBy(this GraderDbContext db, ClaimsPrincipal user)
    {
        var students = db.Users.Where(u => u.Role == Role.Student);
        if (user.IsAdmin()) return students;
        var taught = db.Courses.TaughtBy(user).Select(c => c.Id);
        return students.Where(u => db.CourseMembers.Any(m => m.UserId == u.Id && m.Role == MemberRole.Student && taught.Contains(m.CourseId)));
    }

    /// <summary>
    /// The accounts whose password the caller may set: for an admin every one; for a teacher a student account
    /// in at least one course, every course of which this teacher teaches (one shared with another teacher's
    /// course is neither teacher's alone).
    /// </summary>
    public static IQueryable<User> PasswordsSetBy(this GraderDbContext db, ClaimsPrincipal user)
    {
        if (user.IsAdmin()) return db.Users;
        var taught = db.Courses.TaughtBy(user).Select(c => c.Id);
        return db.Users.Where(u => u.Role == Role.Student
            && db.CourseMembers.Any(m => m.UserId == u.Id)
            && !db.CourseMembers.Any(m => m.UserId == u.Id && !taught.Contains(m.CourseId)));
    }
}
