using System.Globalization;
using Grader.Api.Assignments;
using Grader.Api.Courses;
using Grader.Api.Gradebook;
using Grader.Api.Infrastructure;
using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Grading;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Pages.Teacher;

/// <summary>
/// `/teacher/courses/{courseId}/assignments/new` and `/teacher/assignments/{id}`: the fields of
/// `POST /api/courses/{id}/assignments`, checked by the API's own handlers (<see cref="AssignmentSettings"/>), each
/// refusal beside its field; the edit page also closes the assignment.
/// </summary>
public sealed class AssignmentFormModel(GraderDbContext db, TimeProvider clock) : PageModel
{
    public Guid CourseId { get; private set; }
    public string CourseName { get; private set; } = "";

    /// <summary>The edited assignment; null on the new-assignment page.</summary>
    public Guid? AssignmentId { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>The edited assignment's suite version ("slug v2"); its version moves with a regrade, not here.</summary>
    public string? SuiteName { get; private set; }

    /// <summary>The suite versions one may assign: only those whose validation passed or needs none. On the edit
    /// page, the other such versions of the assignment's suite, which a regrade preview may move it to.</summary>
    public IReadOnlyList<Suite> Suites { get; private set; } = [];

    /// <summary>The version the regrade preview form proposes.</summary>
    [BindProperty] public Guid? RegradeSuiteId { get; set; }

    [BindProperty] public string? Title { get; set; }
    [BindProperty] public Guid? SuiteId { get; set; }
    [BindProperty] public string? DueAt { get; set; }
    [BindProperty] public string? Weight { get; set; }
    [BindProperty] public string? ScorePolicy { get; set; }
    [BindProperty] public string? LateMode { get; set; }
    [BindProperty] public string? PercentPerDay { get; set; }
    [BindProperty] public string? FloorPercent { get; set; }
    [BindProperty] public string? MaxSubmissions { get; set; }
    [BindProperty] public string? Area { get; set; }

    /// <summary>Messages by the API's field name (title, suiteId, dueAt, weight, scorePolicy, latePenalty, …).</summary>
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public async Task<IActionResult> OnGetAsync(Guid? courseId, Guid? id, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, id, ct)) return NotFound();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? courseId, Guid? id, CancellationToken ct)
    {
        if (!await LoadAsync(courseId, id, ct, keepInput: true)) return NotFound();
        var errors = new FieldErrors();
        var dueAt = Ui.FromLocalInput(DueAt);
        if (!string.IsNullOrWhiteSpace(DueAt) && dueAt is null) errors.Add("dueAt", "field.invalid");
        var weight = ParseDecimal("weight", Weight, errors);
        var percent = ParseDecimal("latePenalty", PercentPerDay, errors);
        var floor = ParseDecimal("latePenalty", FloorPercent, errors);
        var cap = CourseFormModel.Number("maxSubmissions", MaxSubmissions, errors);
        var request = new CreateAssignmentRequest(Title, AssignmentId is null ? SuiteId : null, dueAt, weight, ScorePolicy,
            new LatePolicyDto(LateMode, percent, floor), cap, Area);
        if (errors.Any)
        {
            // A number that is not one: show it with the API's other refusals and store nothing.
            AssignmentSettings.Check(request, errors);
            return Refuse(errors.ToProblem());
        }

        IResult result = AssignmentId is { } assignmentId
            ? (await AssignmentsApi.UpdateAsync(assignmentId, request, User, db, ct)).Result
            : (await AssignmentsApi.CreateAsync(CourseId, request, User, db, clock, ct)).Result;
        return result switch
        {
            ProblemHttpResult { StatusCode: StatusCodes.Status404NotFound } => NotFound(),
            ProblemHttpResult problem => Refuse(problem),
            Created<AssignmentView> created => Redirect($"/teacher/assignments/{created.Value!.Id}?saved=true"),
            _ => Redirect($"/teacher/assignments/{AssignmentId}?saved=true"),
        };
    }

    /// <summary>Starts a regrade preview (<see cref="RegradePreviewsApi"/>) and opens it.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(Guid id, [FromServices] IBackgroundJobClient jobs,
        [FromServices] GradebookQuery gradebooks, CancellationToken ct)
    {
        var result = (await RegradePreviewsApi.CreateAsync(id, new RegradePreviewRequest(RegradeSuiteId), User, db, jobs,
            gradebooks, clock, ct)).Result;
        if (result is Created<RegradePreviewView> created) return Redirect($"/teacher/assignments/{id}/regrade/{created.Value!.Id}");
        if (result is ProblemHttpResult { StatusCode: StatusCodes.Status404NotFound } || !await LoadAsync(null, id, ct))
            return NotFound();
        // The refusal sits beside the version picker; the settings form above shows the stored settings.
        var problem = (ProblemHttpResult)result;
        Errors = problem.ProblemDetails is HttpValidationProblemDetails invalid
            ? invalid.Errors.ToDictionary(e => e.Key == "suiteId" ? "regradeSuiteId" : e.Key, e => e.Value)
            : new Dictionary<string, string[]> { ["regradeSuiteId"] = [problem.ProblemDetails.Title!] };
        return Page();
    }

    public async Task<IActionResult> OnPostCloseAsync(Guid id, CancellationToken ct) =>
        (await AssignmentsApi.CloseAsync(id, User, db, clock, ct)).Result is ProblemHttpResult
            ? NotFound()
            : Redirect($"/teacher/assignments/{id}");

    /// <summary>The course (and assignment) when the user teaches it, with the form's fields unless the post is kept.</summary>
    private async Task<bool> LoadAsync(Guid? courseId, Guid? id, CancellationToken ct, bool keepInput = false)
    {
        var taught = db.Taught(User);
        if (id is not null)
        {
            var assignment = await db.Assignments.AsNoTracking().Include(a => a.Suite).Include(a => a.Course)
                .FirstOrDefaultAsync(a => a.Id == id && taught.Select(c => c.Id).Contains(a.CourseId), ct);
            if (assignment is null) return false;
            (AssignmentId, CourseId, CourseName, ClosedAt) = (assignment.Id, assignment.CourseId, assignment.Course!.Name, assignment.ClosedAt);
            SuiteName = $"{assignment.Suite!.Title} ({assignment.Suite.Slug} v{assignment.Suite.Version})";
            Suites = await UsableSuites().Where(s => s.Slug == assignment.Suite.Slug && s.Id != assignment.SuiteId).ToListAsync(ct);
            if (!keepInput) Show(assignment);
            return true;
        }
        var course = await taught.AsNoTracking().FirstOrDefaultAsync(c => c.Id == courseId, ct);
        if (course is null) return false;
        (CourseId, CourseName) = (course.Id, course.Name);
        Suites = await UsableSuites().ToListAsync(ct);
        if (!keepInput)
        {
            // A week from now, at the end of that day in school time: the usual first guess.
            var due = Ui.FromLocalInput(Ui.LocalInput(clock.GetUtcNow().AddDays(7))[..10] + "T23:59")!.Value;
            Show(new Assignment { Title = "", DueAt = due });
        }
        return true;
    }

    private IQueryable<Suite> UsableSuites() =>
        db.Suites.AsNoTracking().Where(s => AssignmentsApi.UsableStatuses.Contains(s.ValidationStatus))
            .OrderBy(s => s.Slug).ThenByDescending(s => s.Version);

    private PageResult Refuse(ProblemHttpResult problem)
    {
        if (problem.ProblemDetails is HttpValidationProblemDetails invalid) Errors = invalid.Errors;
        return Page();
    }

    private void Show(Assignment assignment)
    {
        Title = assignment.Title;
        DueAt = Ui.LocalInput(assignment.DueAt);
        Weight = Ui.Score(assignment.Weight);
        ScorePolicy = assignment.ScorePolicy.ToWire();
        LateMode = assignment.LatePolicy.Mode.ToWire();
        PercentPerDay = Ui.Score(assignment.LatePolicy.PercentPerDay);
        FloorPercent = Ui.Score(assignment.LatePolicy.FloorPercent);
        MaxSubmissions = assignment.MaxSubmissions?.ToString(CultureInfo.InvariantCulture);
        Area = assignment.Area;
    }

    /// <summary>A blank field is left out (the API's default); anything else must be a number.</summary>
    private static decimal? ParseDecimal(string field, string? text, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) return value;
        errors.Add(field, "field.invalid");
        return null;
    }
}
