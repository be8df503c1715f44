using System.Security.Claims;
using Grader.Api.Courses;
using Grader.Api.Infrastructure;
using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Core.Gradebook;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using Microsoft.OpenApi;

namespace Grader.Api.Gradebook;

/// <summary>The gradebook as JSON: the course, the assignment columns, a row per student and the course statistics.</summary>
public sealed record GradebookView(GradebookCourseInfo Course, IReadOnlyList<GradebookColumn> Assignments,
    IReadOnlyList<GradebookRow> Rows, GradebookSummary Summary);

/// <param name="HoursRun">Hours of remedial instruction the course ran; <paramref name="HoursAttended"/> those the student took part in.</param>
public sealed record RemedialRecord(int HoursRun, int HoursAttended, bool Completed);

/// <summary>Replaces a student's remedial record, extra-learning record and narrative note; an omitted record means none.</summary>
public sealed record StudentRecordRequest(RemedialRecord? Remedial, bool? ExtraLearningCompleted, string? NarrativeNote);

public sealed record StudentRecordView(Guid UserId, string Login, string Name, string? StudentNumber, int SessionsAttended,
    RemedialRecord Remedial, bool ExtraLearningCompleted, string? NarrativeNote);

/// <summary>
/// Gradebook endpoints. Only teachers of the course and admins reach them; for anyone else the course is not
/// found (404), students included, so nobody learns which courses exist.
/// </summary>
public static class GradebookApi
{
    private const int MaxNarrativeNoteLength = 2000;
    private const int MaxRemedialHours = 1000;
    private const long MaxNeisBytes = 10 * 1024 * 1024;
    private static readonly MediaTypeHeaderValue s_json = new("application/json");
    private static readonly string[] s_exports = ["text/csv", NeisWorkbook.ContentType];

    public static IEndpointRouteBuilder MapGradebook(this IEndpointRouteBuilder routes)
    {
        var course = routes.MapGroup("/api/courses/{id:guid}").WithTags("Gradebook").RequireAuthorization();
        course.MapGet("/gradebook", GetAsync)
            .WithCsvAlternative()
            .WithDescription("JSON, or with `Accept: text/csv` a CSV file (UTF-8 with BOM) whose headings follow Accept-Language.");
        course.MapPost("/neis", FillNeisAsync).DisableAntiforgery().WithUploadLimit(MaxNeisBytes)
            .WithDescription("Fills the 점수 cells of the teacher's own NEIS 수행평가 template (multipart `file` or an xlsx body) and returns it; each sheet's 영역 names an assignment, students match by 번호 then 성명. 422 on a layout it does not recognise.");
        course.MapGet("/warnings", GetWarningsAsync)
            .WithCsvAlternative()
            .WithDescription("The 예방지도 list now: students below 40 % so far (where the credit needs it), short of two thirds of the sessions held, or missing assignments already due. JSON, or CSV with `Accept: text/csv`.");
        course.MapGet("/students/{userId:guid}", GetStudentAsync);
        course.MapPut("/students/{userId:guid}", SetStudentAsync)
            .WithDescription("Replaces the student's remedial record (credit courses) and narrative note.");
        course.MapPost("/close", CloseAsync)
            .WithDescription("Finalises the course: a credit student still below 40 % without completed remedial instruction becomes incomplete (I).");
        return routes;
    }

    /// <summary>The same 200 as a CSV file; one Produces per status code would replace the JSON schema.</summary>
    private static RouteHandlerBuilder WithCsvAlternative(this RouteHandlerBuilder endpoint) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Responses?["200"].Content?.Add("text/csv", new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
            return Task.CompletedTask;
        });

    private static async Task<Results<Ok<GradebookView>, FileContentHttpResult, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext http, ClaimsPrincipal user, GradebookQuery query, CancellationToken ct)
    {
        var found = await query.LoadAsync(id, user, ct);
        if (found is null) return Problems.NotFound();

        http.Response.Headers.Vary = "Accept, Accept-Language";
        var (course, gradebook) = found;
        switch (PreferredExport(http.Request))
        {
            case NeisWorkbook.ContentType:
                return TypedResults.File(NeisWorkbook.Write(course.Name, gradebook), NeisWorkbook.ContentType, NeisFileName(course.Name));
            case "text/csv":
                var labels = Messages.IsEnglish ? GradebookCsvLabels.English : GradebookCsvLabels.Korean;
                return TypedResults.File(GradebookCsv.Write(gradebook, labels), "text/csv; charset=utf-8", FileName(course.Name));
            default:
                return TypedResults.Ok(new GradebookView(course, gradebook.Assignments, gradebook.Rows, gradebook.Summary));
        }
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> FillNeisAsync(
        Guid id, HttpContext http, ClaimsPrincipal user, GradebookQuery query, CancellationToken ct)
    {
        var found = await query.LoadAsync(id, user, ct);
        if (found is null) return Problems.NotFound();
        var (template, refusal) = await UploadLimits.ReadFileAsync(http.Request, NeisWorkbook.ContentType, MaxNeisBytes, ct);
        if (refusal is not null) return refusal;
        try
        {
            var (filled, count) = NeisWorkbook.Fill(template!, found.Gradebook);
            http.Response.Headers["X-Neis-Filled"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.File(filled, NeisWorkbook.ContentType, NeisFileName(found.Course.Name));
        }
        catch (NeisLayoutException e)
        {
            // The second line says where the layout broke (sheet and row kind), which the teacher needs to fix it.
            return Problems.Invalid(new() { ["file"] = ["neis.layout", e.Message] }, "neis.layout");
        }
    }

    internal static string NeisFileName(string courseName) => $"{SafeFileName(courseName)} {Messages.Text("neis.file_name")}.xlsx";

    private static async Task<Results<Ok<CourseGuidance>, FileContentHttpResult, ProblemHttpResult>> GetWarningsAsync(
        Guid id, HttpContext http, ClaimsPrincipal user, GradebookQuery query, TimeProvider clock, CancellationToken ct)
    {
        var found = await query.LoadGuidanceAsync(id, user, clock.GetUtcNow(), ct);
        if (found is null) return Problems.NotFound();

        http.Response.Headers.Vary = "Accept, Accept-Language";
        if (PreferredExport(http.Request) != "text/csv") return TypedResults.Ok(found);
        return TypedResults.File(GuidanceCsv(found), "text/csv; charset=utf-8", GuidanceFileName(found.Course.Name));
    }

    /// <summary>The 예방지도 list as CSV in the request's language; the teacher's page serves the same file.</summary>
    internal static byte[] GuidanceCsv(CourseGuidance guidance) =>
        GradebookCsv.WriteGuidance(guidance.Students, Messages.IsEnglish ? GuidanceCsvLabels.English : GuidanceCsvLabels.Korean);

    internal static string GuidanceFileName(string courseName) => $"{SafeFileName(courseName)} {Messages.Text("guidance.file_name")}.csv";

    /// <summary>CSV or the NEIS workbook when the client ranks it above JSON (null: JSON); a browser's */* alone still gets JSON.</summary>
    private static string? PreferredExport(HttpRequest request)
    {
        var preferred = request.GetTypedHeaders().Accept
            .Where(a => a.Quality is not 0)
            .OrderByDescending(a => a.Quality ?? 1)
            .FirstOrDefault(a => s_exports.Contains(a.MediaType.Value, StringComparer.OrdinalIgnoreCase) || s_json.IsSubsetOf(a));
        return s_exports.FirstOrDefault(e => preferred is not null && preferred.MediaType.Equals(e, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>"{course} 성적표.csv" with the characters Windows refuses in file names replaced; the framework
    /// writes it as filename* (RFC 5987, UTF-8) with an ASCII fallback.</summary>
    internal static string FileName(string courseName) => $"{SafeFileName(courseName)} {Messages.Text("gradebook.file_name")}.csv";

    private static string SafeFileName(string courseName) =>
        string.Concat(courseName.Select(c => char.IsControl(c) || "\\/:*?\"<>|".Contains(c) ? '_' : c)).Trim();

    // The teacher's pages call these two as well, so a record is read and checked one way.
    internal static async Task<Results<Ok<StudentRecordView>, ProblemHttpResult>> GetStudentAsync(
        Guid id, Guid userId, ClaimsPrincipal user, GraderDbContext db, CancellationToken ct)
    {
        var member = await StudentOf(db, id, userId, user).AsNoTracking().FirstOrDefaultAsync(ct);
        return member is null ? Problems.NotFound() : TypedResults.Ok(ToView(member));
    }

    internal static async Task<Results<Ok<StudentRecordView>, ProblemHttpResult>> SetStudentAsync(
        Guid id, Guid userId, StudentRecordRequest request, ClaimsPrincipal user, GraderDbContext db, CancellationToken ct)
    {
        var member = await StudentOf(db, id, userId, user).FirstOrDefaultAsync(ct);
        if (member is null) return Problems.NotFound();
        var course = await db.Courses.Where(c => c.Id == id).Select(c => new { c.Kind, c.Credits, c.SchoolYear }).SingleAsync(ct);

        var remedial = request.Remedial ?? new RemedialRecord(0, 0, false);
        var extraLearning = request.ExtraLearningCompleted ?? false;
        var errors = new FieldErrors();
        if (remedial.HoursRun is < 0 or > MaxRemedialHours) errors.Add("remedial.hoursRun", "field.invalid");
        if (remedial.HoursAttended is < 0 or > MaxRemedialHours) errors.Add("remedial.hoursAttended", "field.invalid");
        else if (remedial.HoursAttended > remedial.HoursRun) errors.Add("remedial.hoursAttended", "remedial.attended_above_run");
        if (remedial.Completed && !CreditRules.RemedialComplete(remedial.HoursRun, remedial.HoursAttended, course.Credits, course.SchoolYear))
            errors.Add("remedial.completed", "remedial.unfinished");
        if (course.Kind != CourseKind.Credit && remedial != new RemedialRecord(0, 0, false))
            errors.Add("remedial", "remedial.credit_only");
        if (course.Kind != CourseKind.Credit && extraLearning)
            errors.Add("extraLearningCompleted", "extra_learning.credit_only");
        errors.Optional("narrativeNote", request.NarrativeNote, MaxNarrativeNoteLength);
        if (errors.Any) return errors.ToProblem();

        member.RemedialHoursRun = remedial.HoursRun;
        member.RemedialHoursAttended = remedial.HoursAttended;
        member.RemedialCompleted = remedial.Completed;
        member.ExtraLearningCompleted = extraLearning;
        member.NarrativeNote = string.IsNullOrWhiteSpace(request.NarrativeNote) ? null : request.NarrativeNote.Trim();
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(ToView(member));
    }

    /// <summary>Idempotent; records stay editable afterwards, so a remedial course completed later still earns the credit.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> CloseAsync(
        Guid id, ClaimsPrincipal user, GraderDbContext db, CancellationToken ct)
    {
        var closed = await db.Taught(user).Where(c => c.Id == id)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Closed, true), ct);
        return closed == 0 ? Problems.NotFound() : TypedResults.NoContent();
    }

    private static IQueryable<CourseMember> StudentOf(GraderDbContext db, Guid courseId, Guid userId, ClaimsPrincipal user)
    {
        var taught = db.Taught(user).Select(c => c.Id);
        return db.CourseMembers.Include(m => m.User).Where(m =>
            m.CourseId == courseId && m.UserId == userId && m.Role == MemberRole.Student && taught.Contains(m.CourseId));
    }

    private static StudentRecordView ToView(CourseMember m) => new(m.UserId, m.User!.Login, m.User.Name, m.User.StudentNumber,
        m.SessionsAttended, new RemedialRecord(m.RemedialHoursRun, m.RemedialHoursAttended, m.RemedialCompleted), m.ExtraLearningCompleted, m.NarrativeNote);
}
