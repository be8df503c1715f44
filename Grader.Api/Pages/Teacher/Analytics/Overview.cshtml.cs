using Grader.Api.Analytics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grader.Api.Pages.Teacher.Analytics;

/// <summary>
/// An assignment's class overview (<see cref="AssignmentAnalytics.OverviewAsync"/>): students × tests, the tests
/// most failed and their commonest wrong outputs. Teachers only, so hidden tests' outputs are shown here.
/// </summary>
public sealed class OverviewModel(AssignmentAnalytics analytics) : PageModel
{
    public ClassOverview Overview { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var overview = await analytics.OverviewAsync(id, User, ct);
        if (overview is null) return NotFound();
        Overview = overview;
        return Page();
    }
}
