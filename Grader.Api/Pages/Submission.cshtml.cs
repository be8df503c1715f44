using Grader.Api.Submissions;
using Grader.Api.Suites;
using Grader.Core.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grader.Api.Pages;

/// <summary>
/// One submission's result, for its student and the course's teachers (a trial: for its suite's designers), with what each may see
/// (<see cref="SubmissionViews"/>). While it is being graded the page fetches <c>?handler=result</c> every second.
/// </summary>
public sealed class SubmissionModel(GraderDbContext db, SuiteSummaries suites, TimeProvider clock) : PageModel
{
    public SubmissionView Submission { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetResultAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Partial("_Result", Submission) : NotFound();

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var found = await SubmissionReads.FindAsync(db, suites, id, User, clock.GetUtcNow(), ct);
        if (found is null) return false;
        Submission = found;
        return true;
    }
}
