using Grader.Api.Courses;
using Grader.Api.Infrastructure;
using Grader.Core.Data;
using Grader.Core.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Pages.Teacher;

/// <summary>
/// Enrolling students in a course: one typed in, or a roster CSV, both through the roster API's rules
/// (<see cref="RosterImport"/>). New accounts' first passwords appear once, as printable slips in the answer to
/// the upload; only their hashes are stored, so no later page can show them again.
/// </summary>
[RequestSizeLimit(RosterCsv.MaxBytes + 64 * 1024)]
public sealed class EnrolModel(GraderDbContext db, IPasswordHasher<User> passwords, TimeProvider clock) : PageModel
{
    public Guid CourseId { get; private set; }

    public string CourseName { get; private set; } = "";

    /// <summary>Set after an enrolment: who was enrolled, with the new accounts' first passwords.</summary>
    public RosterResult? Enrolled { get; private set; }

    /// <summary>Messages by field: the one-student form's studentNumber/login/name, or `line N: column` and `file` for a CSV.</summary>
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    /// <summary>The refusal's summary (for a CSV, the lines to fix).</summary>
    public string? Refusal { get; private set; }

    [BindProperty] public string? StudentNumber { get; set; }
    [BindProperty] public string? Login { get; set; }
    [BindProperty] public string? StudentName { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostCsvAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        return Show((await RosterImport.ImportAsync(id, Request, User, db, passwords, clock, ct)).Result);
    }

    public async Task<IActionResult> OnPostOneAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var entry = new RosterEntry(1, StudentNumber?.Trim() ?? "", Login?.Trim() ?? "", StudentName?.Trim() ?? "");
        var problems = RosterCsv.Check(entry);
        if (problems.Count > 0)
        {
            Errors = problems.GroupBy(p => p.Column).ToDictionary(g => g.Key, g => g.Select(p => Messages.Text(p.Code)).ToArray());
            Refusal = Messages.Text("validation");
            return Page();
        }
        var result = (await RosterImport.EnrolAsync(id, [entry], User, db, passwords, clock, ct)).Result;
        if (result is ProblemHttpResult { ProblemDetails: HttpValidationProblemDetails invalid })
        {
            // The roster's refusals name `line 1: login`; on this form the field is simply login.
            invalid.Errors = invalid.Errors.ToDictionary(e => e.Key.Split(": ").Last(), e => e.Value);
        }
        return Show(result);
    }

    private IActionResult Show(IResult result)
    {
        switch (result)
        {
            case Ok<RosterResult> ok:
                Enrolled = ok.Value;
                // First passwords are in this answer only: no cache, no back-button copy.
                Response.Headers.CacheControl = "no-store";
                return Page();
            case ProblemHttpResult { StatusCode: StatusCodes.Status404NotFound }:
                return NotFound();
            case ProblemHttpResult problem:
                Refusal = problem.ProblemDetails.Detail ?? problem.ProblemDetails.Title;
                Errors = problem.ProblemDetails is HttpValidationProblemDetails invalid ? invalid.Errors : new Dictionary<string, string[]>();
                return Page();
            default:
                throw new InvalidOperationException($"Unexpected roster result {result.GetType()}.");
        }
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var name = await db.Taught(User).Where(c => c.Id == id).Select(c => c.Name).FirstOrDefaultAsync(ct);
        if (name is null) return false;
        (CourseId, CourseName) = (id, name);
        return true;
    }
}
