using Grader.Api.Infrastructure;
using Grader.Api.Submissions;
using Grader.Api.Suites;
using Grader.Core.Data;
using Grader.Core.Domain;
using Microsoft.AspNetCore.Mvc;

namespace Grader.Api.Pages;

/// <summary>
/// "Try as a student": a suite version's student page (_SubmitForm), validated or not, for whoever may edit the suite
/// (<see cref="SuiteAccess.DesignedBy"/>). What is sent goes through the same intake and grading job as a student's and
/// opens on the same result page, but belongs to no assignment (<see cref="SubmissionTarget.Trial"/>). Outside the
/// Designer folder so that anyone else gets 404 from the query rather than the folder's redirect.
/// </summary>
public sealed class TrialModel(GraderDbContext db, SuiteSummaries suites, SubmissionAdmission admission, TimeProvider clock) : SubmitPageModel
{
    public Suite Suite { get; private set; } = null!;

    /// <summary>The reader's own trials of this version.</summary>
    public IReadOnlyList<SubmissionView> Trials { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var suite = await admission.FindForTrialAsync(id, User, ct);
        if (suite is null) return NotFound();
        return await SubmitAsync((read, key) => admission.SubmitAsync(SubmissionTarget.Trial(suite), User.Id(), read, key, ct),
            () => LoadAsync(id, ct), ct);
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var suite = await admission.FindForTrialAsync(id, User, ct);
        if (suite is null) return false;
        Suite = suite;
        Trials = await SubmissionReads.TrialsAsync(db, suites, suite, User, clock.GetUtcNow(), ct);
        await ShowFormAsync(db, suite, dueAt: null, ct);
        return true;
    }
}
