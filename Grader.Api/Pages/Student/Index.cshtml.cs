using Grader.Api.Infrastructure;
using Grader.Core.Data;
using Grader.Core.Domain;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Pages.Student;

public sealed record MyAssignment(Guid Id, string Title, DateTimeOffset DueAt, int Submitted, decimal? BestScore, decimal? MaxScore);

public sealed record MyCourse(Guid Id, string Name, IReadOnlyList<MyAssignment> Assignments);

/// <summary>A student's courses with their assignments, due dates and how far the student has got.</summary>
public sealed class IndexModel(GraderDbContext db) : PageModel
{
    public IReadOnlyList<MyCourse> Courses { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var me = User.Id();
        Courses = await db.Courses.AsNoTracking()
            .Where(c => c.Members.Any(m => m.UserId == me && m.Role == MemberRole.Student))
            .OrderBy(c => c.Name)
            .Select(c => new MyCourse(c.Id, c.Name, c.Assignments.OrderBy(a => a.DueAt).Select(a => new MyAssignment(
                a.Id, a.Title, a.DueAt,
                db.Submissions.Count(s => s.AssignmentId == a.Id && s.StudentId == me),
                db.Submissions.Where(s => s.AssignmentId == a.Id && s.StudentId == me).Max(s => s.Score),
                db.Submissions.Where(s => s.AssignmentId == a.Id && s.StudentId == me).Max(s => (decimal?)s.MaxScore))).ToList()))
            .ToListAsync(ct);
    }
}
