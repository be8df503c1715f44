using Grader.Api.Infrastructure;
using Grader.Core.Domain;
using Grader.Core.Gradebook;

namespace Grader.Api.Courses;

/// <summary>
/// What a course is set up with, checked in one place for `POST`/`PUT /api/courses` and the teacher's course form,
/// so the page and the API refuse the same input with the same messages.
/// </summary>
public sealed record CourseSettings(string Name, CourseKind Kind, int Credits, CutScores CutScores, bool FreeSemester,
    SubjectType? SubjectType, int SchoolYear)
{
    public const int MinSchoolYear = 2000;
    public const int MaxSchoolYear = 2100;
    public const int MaxCredits = 20;

    /// <summary>The request's settings, or null with every problem added to <paramref name="errors"/> by field.</summary>
    public static CourseSettings? Check(CreateCourseRequest request, FieldErrors errors, DateTimeOffset now)
    {
        errors.Required("name", request.Name);
        if (!EnumNames.TryParse(request.Kind, out CourseKind kind))
            errors.Add("kind", "kind.invalid");
        if (request.Credits is < 0 or > MaxCredits) errors.Add("credits", "field.invalid");
        var cuts = request.CutScores is { } c ? new CutScores(c.A, c.B, c.C, c.D) : CutScores.Default;
        if (!cuts.IsValidFor(kind)) errors.Add("cutScores", "cuts.invalid");
        var subjectType = Core.Gradebook.SubjectType.Elective;
        if (request.SubjectType is not null && kind != CourseKind.Credit) errors.Add("subjectType", "subject_type.credit_only");
        else if (request.SubjectType is not null && !EnumNames.TryParse(request.SubjectType, out subjectType))
            errors.Add("subjectType", "subject_type.invalid");
        if (request.SchoolYear is < MinSchoolYear or > MaxSchoolYear) errors.Add("schoolYear", "school_year.invalid");
        if (errors.Any) return null;

        return new CourseSettings(request.Name!.Trim(), kind, request.Credits ?? 0, cuts, request.FreeSemester ?? false,
            kind == CourseKind.Credit ? subjectType : null, request.SchoolYear ?? CreditRules.SchoolYearAt(now));
    }

    public Course NewCourse(Guid createdById, DateTimeOffset createdAt)
    {
        var course = new Course { Name = Name, CreatedById = createdById, CreatedAt = createdAt };
        ApplyTo(course);
        return course;
    }

    public void ApplyTo(Course course)
    {
        course.Name = Name;
        course.Kind = Kind;
        course.Credits = Credits;
        course.CutScores = CutScores;
        course.FreeSemester = FreeSemester;
        course.SubjectType = SubjectType;
        course.SchoolYear = SchoolYear;
    }
}
