using System.Globalization;
using Grader.Api.Courses;
using Grader.Api.Infrastructure;
using Grader.Core.Data;
using Grader.Core.Gradebook;
using Grader.Grading;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Pages.Teacher;

/// <summary>
/// `/teacher/courses/new` and `/teacher/courses/{id}/edit`: the fields of `POST /api/courses`, checked by the API's
/// own handlers (<see cref="CourseSettings"/>), each refusal shown beside its field.
/// </summary>
public sealed class CourseFormModel(GraderDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>The edited course; null on the new-course page.</summary>
    public Guid? CourseId { get; private set; }

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? Credits { get; set; }
    [BindProperty] public string? SubjectType { get; set; }
    [BindProperty] public string? SchoolYear { get; set; }
    [BindProperty] public string? CutA { get; set; }
    [BindProperty] public string? CutB { get; set; }
    [BindProperty] public string? CutC { get; set; }
    [BindProperty] public string? CutD { get; set; }
    [BindProperty] public bool FreeSemester { get; set; }

    /// <summary>Messages by the API's field name (name, kind, credits, cutScores, subjectType, schoolYear).</summary>
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public string? Title { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (id is null)
        {
            Show(new CourseSettings("", CourseKind.General, 0, CutScores.Default, false, null, CreditRules.SchoolYearAt(clock.GetUtcNow())));
            return Page();
        }
        var course = await db.Courses.AsNoTracking().TaughtBy(User).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (course is null) return NotFound();
        CourseId = id;
        Title = course.Name;
        Show(new CourseSettings(course.Name, course.Kind, course.Credits, course.CutScores, course.FreeSemester, course.SubjectType, course.SchoolYear));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        CourseId = id;
        var errors = new FieldErrors();
        var credits = Number("credits", Credits, errors);
        var schoolYear = Number("schoolYear", SchoolYear, errors);
        var cuts = new[] { CutA, CutB, CutC, CutD }
            .Select(cut => decimal.TryParse(cut, NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : (decimal?)null)
            .ToArray();
        // Blank cut scores are not the defaults here: the form shows them filled, so a blank one is a mistake.
        if (cuts.Any(c => c is null)) errors.Add("cutScores", "cuts.invalid");
        var request = new CreateCourseRequest(Name, Kind, credits,
            cuts.All(c => c is not null) ? new CutScoresDto(cuts[0]!.Value, cuts[1]!.Value, cuts[2]!.Value, cuts[3]!.Value) : null,
            FreeSemester, string.IsNullOrEmpty(SubjectType) ? null : SubjectType, schoolYear);
        if (errors.Any)
        {
            // A number that is not one: show it with the API's other refusals and store nothing.
            CourseSettings.Check(request, errors, clock.GetUtcNow());
            return Refuse(errors.ToProblem());
        }

        IResult result = id is { } courseId
            ? (await CoursesApi.UpdateAsync(courseId, request, User, db, clock, ct)).Result
            : (await CoursesApi.CreateAsync(request, User, db, clock, ct)).Result;
        return result switch
        {
            ProblemHttpResult { StatusCode: StatusCodes.Status404NotFound } => NotFound(),
            ProblemHttpResult problem => Refuse(problem),
            Created<CourseView> created => Redirect($"/teacher/courses/{created.Value!.Id}"),
            _ => Redirect($"/teacher/courses/{id}?saved=true"),
        };
    }

    private PageResult Refuse(ProblemHttpResult problem)
    {
        if (problem.ProblemDetails is HttpValidationProblemDetails invalid) Errors = invalid.Errors;
        return Page();
    }

    private void Show(CourseSettings settings)
    {
        Name = settings.Name;
        Kind = settings.Kind.ToWire();
        Credits = settings.Credits.ToString(CultureInfo.InvariantCulture);
        SubjectType = settings.SubjectType?.ToWire() ?? "";
        SchoolYear = settings.SchoolYear.ToString(CultureInfo.InvariantCulture);
        (CutA, CutB, CutC, CutD) = (Ui.Score(settings.CutScores.A), Ui.Score(settings.CutScores.B),
            Ui.Score(settings.CutScores.C), Ui.Score(settings.CutScores.D));
        FreeSemester = settings.FreeSemester;
    }

    /// <summary>A blank field is left out (the API's default); anything else must be a whole number.</summary>
    internal static int? Number(string field, string? text, FieldErrors errors)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        errors.Add(field, "field.invalid");
        return null;
    }
}
