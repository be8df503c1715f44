using Grader.Api.Assignments;
using Grader.Api.Gradebook;
using Grader.Api.Submissions;
using Grader.Core.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Pages.Teacher;

/// <summary>
/// `/teacher/assignments/{id}/regrade/{previewId}`: a regrade preview (<see cref="RegradePreviewsApi"/>) while it
/// grades, then whose score, rate, level and credit the move would change; applying or cancelling goes through the
/// API's own handlers, so the page cannot do what the API refuses.
/// </summary>
public sealed class RegradeModel(GraderDbContext db, GradebookQuery gradebooks) : PageModel
{
    public RegradePreviewView Preview { get; private set; } = null!;
    public string AssignmentTitle { get; private set; } = "";
    public bool CreditCourse { get; private set; }
    /// <summary>Why applying was refused (the assignment moved meanwhile, grading kept changing the submissions).</summary>
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid previewId, CancellationToken ct) =>
        await LoadAsync(id, previewId, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetChangesAsync(Guid id, Guid previewId, CancellationToken ct) =>
        await LoadAsync(id, previewId, ct) ? Partial("_RegradeChanges", this) : NotFound();

    public async Task<IActionResult> OnPostApplyAsync(Guid id, Guid previewId, [FromServices] SubmissionEnqueuer enqueuer,
        [FromServices] TimeProvider clock, CancellationToken ct)
    {
        var result = (await RegradePreviewsApi.ApplyAsync(id, previewId, User, db, enqueuer, clock, ct)).Result;
        if (result is Ok<SuiteMoveView> moved) return Redirect($"/teacher/assignments/{id}?regrading={moved.Value!.Regrading}");
        if (result is ProblemHttpResult { StatusCode: StatusCodes.Status404NotFound } || !await LoadAsync(id, previewId, ct))
            return NotFound();
        Refusal = ((ProblemHttpResult)result).ProblemDetails.Title;
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid id, Guid previewId, CancellationToken ct) =>
        (await RegradePreviewsApi.CancelAsync(id, previewId, User, db, ct)).Result is NoContent
            ? Redirect($"/teacher/assignments/{id}")
            : NotFound();

    private async Task<bool> LoadAsync(Guid id, Guid previewId, CancellationToken ct)
    {
        if ((await RegradePreviewsApi.GetAsync(id, previewId, User, db, gradebooks, ct)).Result is not Ok<RegradePreviewView> found)
            return false;
        Preview = found.Value!;
        var assignment = await db.Assignments.AsNoTracking().Where(a => a.Id == id)
            .Select(a => new { a.Title, a.Course!.Kind }).FirstAsync(ct);
        (AssignmentTitle, CreditCourse) = (assignment.Title, assignment.Kind == Core.Gradebook.CourseKind.Credit);
        return true;
    }
}
