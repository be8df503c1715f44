using System.Security.Claims;
using Grader.Api.Infrastructure;
using Grader.Core.Data;
using Grader.Core.Domain;

namespace Grader.Api.Suites;

/// <summary>Ownership of suites in the query, as <see cref="Courses.CourseAccess"/> does for courses.</summary>
public static class SuiteAccess
{
    /// <summary>
    /// The suite versions a designer may open, edit and try: every version of a slug whose first version they
    /// wrote (a slug is its first designer's, <see cref="SuiteStore"/>); for an admin, all of them; for anyone else
    /// none, whatever they once wrote (the trial page and its API are open to every signed-in role and answer 404).
    /// </summary>
    public static IQueryable<Suite> DesignedBy(this GraderDbContext db, ClaimsPrincipal user)
    {
        if (user.IsAdmin()) return db.Suites;
        if (!user.IsInRole(nameof(Role.Designer))) return db.Suites.Where(_ => false);
        var id = user.Id();
        return db.Suites.Where(s => db.Suites.Any(first => first.Slug == s.Slug && first.Version == 1 && first.CreatedById == id));
    }
}
