using Grader.Api.Gradebook;
using Grader.Api.Submissions;
using Grader.Api.Suites;
using Grader.Api.Users;
using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Core.Gradebook;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Pages.Teacher;

public sealed record AssignmentWork(Guid AssignmentId, string Title, IReadOnlyList<SubmissionView> Submissions);

/// <summary>
/// One student of a course, for its teacher: remedial record and narrative note, a password reset, and every
/// submission by assignment. Saving goes through the API's own endpoints, so the checks are the same.
/// </summary>
public sealed class StudentModel(GraderDbContext db, SuiteSummaries suites, IPasswordHasher<User> passwords, TimeProvider clock) : PageModel
{
    public Guid CourseId { get; private set; }

    public string CourseName { get; private set; } = "";

    public bool CreditCourse { get; private set; }

    public StudentRecordView Record { get; private set; } = null!;

    public IReadOnlyList<AssignmentWork> Work { get; private set; } = [];

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public string? Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid courseId, Guid studentId, string? saved, CancellationToken ct)
    {
        Saved = saved;
        return await LoadAsync(courseId, studentId, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRecordAsync(Guid courseId, Guid studentId, int hoursRun, int hoursAttended,
        bool completed, bool extraLearningCompleted, string? narrativeNote, CancellationToken ct)
    {
        var request = new StudentRecordRequest(new RemedialRecord(hoursRun, hoursAttended, completed), extraLearningCompleted, narrativeNote);
        var result = await GradebookApi.SetStudentAsync(courseId, studentId, request, User, db, ct);
        return await AfterAsync(result.Result, courseId, studentId, "record", ct);
    }

    public async Task<IActionResult> OnPostPasswordAsync(Guid courseId, Guid studentId, string? password, CancellationToken ct)
    {
        // Only a student of this course: the endpoint alone would also let the teacher reach their other courses' students.
        if (!await LoadAsync(courseId, studentId, ct)) return NotFound();
        var result = await UsersApi.SetPasswordAsync(studentId, new SetPasswordRequest(password), User, db, passwords, ct);
        return await AfterAsync(result.Result, courseId, studentId, "password", ct);
    }

    private async Task<IActionResult> AfterAsync(IResult result, Guid courseId, Guid studentId, string what, CancellationToken ct)
    {
        if (result is ProblemHttpResult { StatusCode: StatusCodes.Status404NotFound }) return NotFound();
        if (result is not ProblemHttpResult problem) return Redirect($"/teacher/courses/{courseId}/students/{studentId}?saved={what}");
        Problems = Ui.Lines(problem.ProblemDetails);
        await LoadAsync(courseId, studentId, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid courseId, Guid studentId, CancellationToken ct)
    {
        if ((await GradebookApi.GetStudentAsync(courseId, studentId, User, db, ct)).Result is not Ok<StudentRecordView> record)
            return false;
        Record = record.Value!;
        CourseId = courseId;
        var course = await db.Courses.Where(c => c.Id == courseId).Select(c => new { c.Name, c.Kind }).SingleAsync(ct);
        CourseName = course.Name;
        CreditCourse = course.Kind == CourseKind.Credit;

        var assignments = await db.Assignments.Where(a => a.CourseId == courseId).OrderBy(a => a.DueAt)
            .Select(a => new { a.Id, a.Title }).ToListAsync(ct);
        var work = new List<AssignmentWork>();
        foreach (var a in assignments)
        {
            var found = await SubmissionReads.ForAssignmentAsync(db, suites, a.Id, User, studentId, clock.GetUtcNow(), ct);
            work.Add(new AssignmentWork(a.Id, a.Title, found!.Submissions));
        }
        Work = work;
        return true;
    }
}
