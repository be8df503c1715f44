using Grader.Api.Suites;
using Grader.Core.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Pages.Designer;

/// <summary>
/// One suite version: its tests, the assignments that use it, and its validation report. While validation is
/// pending the report section fetches <c>?handler=report</c> every second.
/// </summary>
public sealed class SuiteModel(GraderDbContext db) : PageModel
{
    public SuiteRow Row { get; private set; } = null!;

    public SuiteView Suite { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetReportAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Partial("_SuiteReport", this) : NotFound();

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        // Another designer's suite is not found, as another teacher's course is not.
        var suite = await db.DesignedBy(User).AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (suite is null) return false;
        Suite = SuitesApi.ToView(suite);
        Row = (await IndexModel.ListAsync(db, db.Suites.Where(s => s.Id == id), ct)).Single();
        return true;
    }
}
