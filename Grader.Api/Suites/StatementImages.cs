using System.Security.Claims;
using Grader.Api.Courses;
using Grader.Api.Infrastructure;
using Grader.Api.Pages;
using Grader.Core.Data;
using Grader.Core.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Suites;

/// <summary>
/// The pictures of a suite's statement. Outside /api because a page's &lt;img&gt; sends the session cookie, not a
/// bearer token; either signs the reader in. Only files the upload checked as pictures are served, to people who
/// may see the suite or an assignment on it (anyone else: 404).
/// </summary>
public static class StatementImages
{
    public static string Url(Guid suiteId, string path) =>
        $"/suites/{suiteId}/images/{string.Join('/', path.Split('/').Select(Uri.EscapeDataString))}";

    public static IEndpointRouteBuilder MapStatementImages(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/suites/{id:guid}/images/{**path}", GetAsync).WithTags("Suites")
            .RequireAuthorization(WebPages.Policies.PageOrApi)
            .WithDescription("A picture the suite's statement shows (statement HTML links here).");
        return routes;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetAsync(
        Guid id, string path, ClaimsPrincipal user, GraderDbContext db, HttpResponse response, CancellationToken ct)
    {
        var role = user.Role();
        var courses = db.Courses.VisibleTo(user).Select(c => c.Id);
        var image = await db.SuiteFiles.AsNoTracking()
            .Where(f => f.SuiteId == id && f.Path == path && f.ContentType != null
                && (role == Role.Admin || role == Role.Designer
                    || db.Assignments.Any(a => a.SuiteId == f.SuiteId && courses.Contains(a.CourseId))))
            .Select(f => new { f.Content, f.ContentType }).FirstOrDefaultAsync(ct);
        if (image is null) return Problems.NotFound();
        // The type was read from the bytes at upload.
        return StoredPictures.Serve(response, image.Content, image.ContentType!, "private, max-age=86400");
    }
}
