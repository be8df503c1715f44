using Grader.Api.Courses;
using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Core.Gradebook;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Pages.Teacher;

public sealed record TaughtCourse(Guid Id, string Name, CourseKind Kind, int Students, int Assignments);

/// <summary>The courses a teacher teaches (an admin: every course).</summary>
public sealed class IndexModel(GraderDbContext db) : PageModel
{
    public IReadOnlyList<TaughtCourse> Courses { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) =>
        Courses = await db.Courses.AsNoTracking().TaughtBy(User).OrderBy(c => c.Name)
            .Select(c => new TaughtCourse(c.Id, c.Name, c.Kind,
                c.Members.Count(m => m.Role == MemberRole.Student), c.Assignments.Count))
            .ToListAsync(ct);
}
