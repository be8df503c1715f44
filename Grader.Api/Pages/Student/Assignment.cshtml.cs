using Grader.Api.Infrastructure;
using Grader.Api.Submissions;
using Grader.Api.Suites;
using Grader.Core.Data;
using Microsoft.AspNetCore.Mvc;

namespace Grader.Api.Pages.Student;

/// <summary>One assignment: hand in a file or pasted Python, and the student's earlier submissions.</summary>
public sealed class AssignmentModel(GraderDbContext db, SuiteSummaries suites, SubmissionAdmission admission, TimeProvider clock) : SubmitPageModel
{
    public AssignmentSubmissions Found { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var assignment = await admission.FindForStudentAsync(id, User.Id(), ct);
        if (assignment is null) return NotFound();
        return await SubmitAsync((read, key) => admission.SubmitAsync(SubmissionTarget.Of(assignment), User.Id(), read, key, ct),
            () => LoadAsync(id, ct), ct);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var found = await SubmissionReads.ForAssignmentAsync(db, suites, id, User, null, clock.GetUtcNow(), ct);
        if (found is null) return false;
        Found = found;
        await ShowFormAsync(db, found.Assignment.Suite!, found.Assignment.DueAt, ct);
        return true;
    }
}
