using Grader.Api.Assignments;
using Grader.Api.Courses;
using Grader.Api.Gradebook;
using Grader.Api.Infrastructure;
using Grader.Core.Data;
using Grader.Core.Gradebook;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Pages.Teacher;

/// <summary>
/// A course's gradebook as a table (computed by <see cref="GradebookQuery"/>, the API's own), its CSV, the 예방지도
/// list with its CSV, attendance entry (checked by the API's attendance endpoint) and the assignments' NEIS areas.
/// </summary>
public sealed class CourseModel(GraderDbContext db, GradebookQuery gradebooks, TimeProvider clock) : PageModel
{
    public CourseGradebook Found { get; private set; } = null!;

    public CourseGuidance Guidance { get; private set; } = null!;

    public int SessionsHeld { get; private set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, bool saved, CancellationToken ct)
    {
        Saved = saved;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnGetCsvAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var labels = Messages.IsEnglish ? GradebookCsvLabels.English : GradebookCsvLabels.Korean;
        return File(GradebookCsv.Write(Found.Gradebook, labels), "text/csv; charset=utf-8", GradebookApi.FileName(Found.Course.Name));
    }

    public async Task<IActionResult> OnGetNeisAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        return File(NeisWorkbook.Write(Found.Course.Name, Found.Gradebook), NeisWorkbook.ContentType, GradebookApi.NeisFileName(Found.Course.Name));
    }

    public async Task<IActionResult> OnGetWarningsCsvAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        return File(GradebookApi.GuidanceCsv(Guidance), "text/csv; charset=utf-8", GradebookApi.GuidanceFileName(Found.Course.Name));
    }

    /// <summary>Form fields: sessionsHeld, and attended[userId] per student.</summary>
    public async Task<IActionResult> OnPostAttendanceAsync(Guid id, int? sessionsHeld, Dictionary<Guid, int> attended, CancellationToken ct)
    {
        var request = new AttendanceRequest(sessionsHeld, attended.Select(a => new StudentAttendance(a.Key, a.Value)).ToList());
        return await ShowAsync(id, (await CoursesApi.SetAttendanceAsync(id, request, User, db, ct)).Result, "attendance", ct);
    }

    /// <summary>Form fields: area[assignmentId] per assignment, blank for an area of its own (checked by the API's area endpoint).</summary>
    public async Task<IActionResult> OnPostAreasAsync(Guid id, Dictionary<Guid, string?> area, CancellationToken ct)
    {
        var request = new AssignmentAreasRequest(area.Select(a => new AssignmentArea(a.Key, a.Value)).ToList());
        return await ShowAsync(id, (await AssignmentsApi.SetAreasAsync(id, request, User, db, ct)).Result, "areas", ct);
    }

    /// <summary>After a form post: the API's refusal on the page, or back to the saved section.</summary>
    private async Task<IActionResult> ShowAsync(Guid id, IResult result, string section, CancellationToken ct)
    {
        if (result is ProblemHttpResult { StatusCode: StatusCodes.Status404NotFound }) return NotFound();
        if (result is ProblemHttpResult problem)
        {
            Problems = Ui.Lines(problem.ProblemDetails);
            await LoadAsync(id, ct);
            return Page();
        }
        return Redirect($"/teacher/courses/{id}?saved=true#{section}");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var found = await gradebooks.LoadAsync(id, User, ct);
        if (found is null) return false;
        Found = found;
        Guidance = (await gradebooks.LoadGuidanceAsync(id, User, clock.GetUtcNow(), ct))!;
        SessionsHeld = await db.Courses.Where(c => c.Id == id).Select(c => c.SessionsHeld).SingleAsync(ct);
        return true;
    }
}
