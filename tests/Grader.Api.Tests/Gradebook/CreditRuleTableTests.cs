using System.Net;
using Grader.Core.Gradebook;
using Grader.Tests.Shared;

namespace Grader.Api.Tests.Gradebook;

/// <summary>
/// Issue 15: SPEC's credit rules by 학년도 and subject type, one row per case, each read through the gradebook's
/// JSON and its CSV, from a course created, attended and recorded over HTTP on PostgreSQL.
/// </summary>
public sealed class CreditRuleTableTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly Classroom _classroom = new(api);

    /// <summary>A student's records in a 2-credit course: attended of held sessions, remedial hours, extra learning.</summary>
    public sealed record Case(int SchoolYear, string SubjectType, decimal Score, int Attended, int Held,
        (int Run, int Attended, bool Completed)? Remedial = null, bool ExtraLearning = false, bool Closed = false);

    /// <summary>What the gradebook shows: rate, level, creditEarned, status, belowMinimumAchievement ("-" for null).</summary>
    public sealed record Expected(string Rate, string Level, bool Credit, string Status, string BelowMinimum);

    public static TheoryData<string, Case, Expected> Rules => new()
    {
        // Before 2026 every subject, and common subjects from 2026, need 40 % as well as two-thirds attendance.
        { "2025 elective 39.99", new(2025, "elective", 3.999m, 15, 15), new("39.99", "I", false, "remedial", "-") },
        { "2025 elective 40", new(2025, "elective", 4m, 15, 15), new("40", "E", true, "completed", "-") },
        { "2026 common 39.99", new(2026, "common", 3.999m, 15, 15), new("39.99", "I", false, "remedial", "-") },
        { "2026 common 40", new(2026, "common", 4m, 15, 15), new("40", "E", true, "completed", "-") },
        // Electives from 2026: attendance alone, E the lowest level, below 40 % flagged for 예방지도.
        { "2026 elective 39.99", new(2026, "elective", 3.999m, 15, 15), new("39.99", "E", true, "completed", "true") },
        { "2026 elective 40", new(2026, "elective", 4m, 15, 15), new("40", "E", true, "completed", "false") },
        // Two thirds in integers: 9 of 14 is short, 10 of 15 is enough.
        { "2026 elective 9/14", new(2026, "elective", 9.5m, 9, 14), new("95", "A", false, "attendance_short", "false") },
        { "2026 elective 10/15", new(2026, "elective", 9.5m, 10, 15), new("95", "A", true, "completed", "false") },
        { "2025 common 9/14", new(2025, "common", 9.5m, 9, 14), new("95", "A", false, "attendance_short", "-") },
        { "2025 common 10/15", new(2025, "common", 9.5m, 10, 15), new("95", "A", true, "completed", "-") },
        // Remedial instruction for 2 credits: 6 hours run (3 per credit), 4 of them attended is 2/3.
        { "2026 common remedial 4 of 6", new(2026, "common", 3m, 15, 15, (6, 4, true)), new("30", "E", true, "remedial_completed", "-") },
        { "2024 common remedial 7 of 10", new(2024, "common", 3m, 15, 15, (10, 7, true)), new("30", "E", true, "remedial_completed", "-") },
        // Hours recorded but not (yet) complete: 3 of 6 is below 2/3, still remedial; closed so, the course is not passed.
        { "2026 common remedial 3 of 6", new(2026, "common", 3m, 15, 15, (6, 3, false)), new("30", "I", false, "remedial", "-") },
        { "2026 common 39.99 closed", new(2026, "common", 3.999m, 15, 15, Closed: true), new("39.99", "I", false, "incomplete", "-") },
        // Extra learning completes a short attendance when the rate is met.
        { "2026 elective extra learning", new(2026, "elective", 9.5m, 9, 14, ExtraLearning: true), new("95", "A", true, "extra_learning_completed", "false") },
        { "2025 common extra learning", new(2025, "common", 9.5m, 9, 14, ExtraLearning: true), new("95", "A", true, "extra_learning_completed", "-") },
        // Short on both where both count: each record lifts only its own shortfall, and the credit needs both.
        { "2026 common short and 30, extra learning", new(2026, "common", 3m, 9, 14, ExtraLearning: true), new("30", "I", false, "remedial", "-") },
        { "2026 common short and 30, remedial", new(2026, "common", 3m, 9, 14, (6, 6, true)), new("30", "E", false, "attendance_short", "-") },
        { "2026 common short and 30, both", new(2026, "common", 3m, 9, 14, (6, 6, true), ExtraLearning: true), new("30", "E", true, "remedial_completed", "-") },
        // An elective from 2026 short of attendance and below 40: the attendance alone keeps the credit back.
        { "2026 elective short and 39.99", new(2026, "elective", 3.999m, 9, 14), new("39.99", "E", false, "attendance_short", "true") },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task Credit_rule_of_the_year_and_subject_type_shows_in_JSON_and_CSV(string name, Case given, Expected expected)
    {
        var (teacher, courseId, studentId) = await CourseWithOneStudentAsync(given);
        if (given.Remedial is not null || given.ExtraLearning)
        {
            await RecordAsync(teacher, courseId, studentId, new
            {
                remedial = given.Remedial is { } hours ? new { hoursRun = hours.Run, hoursAttended = hours.Attended, completed = hours.Completed } : null,
                extraLearningCompleted = given.ExtraLearning,
            });
        }

        if (given.Closed)
            Assert.Equal(HttpStatusCode.NoContent, (await teacher.SendAsync(HttpMethod.Post, $"/api/courses/{courseId}/close")).Status);

        var gradebook = await teacher.GetOkAsync($"/api/courses/{courseId}/gradebook");
        Assert.Equal(given.SchoolYear, gradebook["course"]!["schoolYear"]!.GetValue<int>());
        Assert.Equal(given.SubjectType, gradebook["course"]!["subjectType"]!.GetValue<string>());
        var row = gradebook["rows"]!.AsArray().Single()!;
        Assert.True(expected == new Expected(
            row["achievementRate"]!.ToJsonString(),
            row["level"]!.GetValue<string>(),
            row["creditEarned"]!.GetValue<bool>(),
            row["status"]!.GetValue<string>(),
            row["belowMinimumAchievement"]?.ToJsonString() ?? "-"), $"{name}: {row.ToJsonString()}");

        var (csv, _) = await Classroom.CsvAsync(teacher, $"/api/courses/{courseId}/gradebook", "ko");
        var status = Enum.GetValues<GradebookStatus>().Single(s => Ui(s) == expected.Status);
        var belowMinimum = expected.BelowMinimum switch { "true" => "예", "false" => "아니요", _ => "" };
        Assert.Equal(
            $"{expected.Rate},{expected.Level},{given.Attended},{given.Held},{(expected.Credit ? "예" : "아니요")}," +
            $"{GradebookCsvLabels.Korean.Statuses[status]},{belowMinimum},",
            csv[1].Split(',', 4)[3]);
    }

    [Fact]
    public async Task Remedial_instruction_below_two_thirds_or_the_hours_per_credit_is_refused_and_nothing_is_stored()
    {
        foreach (var (year, run, attended) in new[] { (2026, 6, 3), (2026, 5, 5), (2024, 6, 6) })
        {
            var (teacher, courseId, studentId) = await CourseWithOneStudentAsync(new Case(year, "common", 3m, 15, 15));
            var (status, body, _) = await teacher.SendAsync(HttpMethod.Put, $"/api/courses/{courseId}/students/{studentId}",
                new { remedial = new { hoursRun = run, hoursAttended = attended, completed = true } });
            Assert.True(HttpStatusCode.UnprocessableEntity == status, $"{year} {run} {attended}: {body?.ToJsonString()}");
            Assert.NotNull(body!["errors"]!["remedial.completed"]);
            var row = (await teacher.GetOkAsync($"/api/courses/{courseId}/gradebook"))["rows"]![0]!;
            Assert.Equal("remedial", row["status"]!.GetValue<string>());
            var record = await teacher.GetOkAsync($"/api/courses/{courseId}/students/{studentId}");
            Assert.Equal(0, record["remedial"]!["hoursRun"]!.GetValue<int>());
        }
    }

    [Fact]
    public async Task Credit_courses_default_to_elective_in_the_current_school_year()
    {
        var (_, teacher) = await _classroom.UserAsync("teacher");
        var course = await teacher.PostOkAsync("/api/courses", new { name = "정보", kind = "credit" });
        Assert.Equal("elective", course["subjectType"]!.GetValue<string>());
        Assert.Equal(CreditRules.SchoolYearAt(DateTimeOffset.UtcNow), course["schoolYear"]!.GetValue<int>());

        var read = await teacher.GetOkAsync($"/api/courses/{course["id"]}");
        Assert.Equal(("elective", course["schoolYear"]!.GetValue<int>()),
            (read["subjectType"]!.GetValue<string>(), read["schoolYear"]!.GetValue<int>()));

        var general = await teacher.PostOkAsync("/api/courses", new { name = "파이썬", kind = "general", schoolYear = 2025 });
        Assert.Null(general["subjectType"]);
        Assert.Equal(2025, general["schoolYear"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("general", "common", null, "subjectType")]     // a subject type belongs to credit courses only
    [InlineData("convergence", "elective", null, "subjectType")]
    [InlineData("credit", "선택", null, "subjectType")]
    [InlineData("credit", "common", 1999, "schoolYear")]
    public async Task Subject_type_and_school_year_are_checked(string kind, string subjectType, int? schoolYear, string field)
    {
        var (_, teacher) = await _classroom.UserAsync("teacher");
        var before = (await teacher.GetOkAsync("/api/courses")).AsArray().Count;
        var (status, body, _) = await teacher.SendAsync(HttpMethod.Post, "/api/courses", new { name = "과목", kind, subjectType, schoolYear });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.NotNull(body!["errors"]![field]);
        Assert.Equal(before, (await teacher.GetOkAsync("/api/courses")).AsArray().Count);
    }

    /// <summary>A 2-credit course of the case's year and type, one assignment out of 10, one student scored and attended.</summary>
    private async Task<(GraderClient Teacher, Guid CourseId, Guid StudentId)> CourseWithOneStudentAsync(Case given)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (_, teacher) = await _classroom.UserAsync("teacher");
        var suiteId = await _classroom.SuiteAsync();
        var courseId = await Classroom.CreateAsync(teacher, "/api/courses",
            new { name = "정보", kind = "credit", credits = 2, subjectType = given.SubjectType, schoolYear = given.SchoolYear });
        var assignment = await Classroom.CreateAsync(teacher, $"/api/courses/{courseId}/assignments",
            new { title = "과제", suiteId, dueAt = Classroom.DueAt });
        var studentId = (await Classroom.EnrolAsync(teacher, courseId, $"1,ga-{tag},가은\n"))[$"ga-{tag}"];
        await _classroom.GradedAsync(assignment, studentId, given.Score, TimeSpan.FromHours(-1));
        var (attendance, _, _) = await teacher.SendAsync(HttpMethod.Put, $"/api/courses/{courseId}/attendance",
            new { sessionsHeld = given.Held, students = new[] { new { userId = studentId, sessionsAttended = given.Attended } } });
        Assert.Equal(HttpStatusCode.NoContent, attendance);
        return (teacher, courseId, studentId);
    }

    private static async Task RecordAsync(GraderClient teacher, Guid courseId, Guid studentId, object record)
    {
        var (status, body, _) = await teacher.SendAsync(HttpMethod.Put, $"/api/courses/{courseId}/students/{studentId}", record);
        Assert.True(HttpStatusCode.OK == status, body?.ToJsonString());
    }

    private static string Ui(GradebookStatus status) => System.Text.Json.JsonSerializer.Serialize(status).Trim('"');
}
