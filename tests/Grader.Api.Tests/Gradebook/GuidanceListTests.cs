using System.Net;
using System.Text.Json.Nodes;
using Grader.Api.Tests.Pages;
using Grader.Tests.Shared;

namespace Grader.Api.Tests.Gradebook;

/// <summary>Issue 15: the 예방지도 list of a seeded course over HTTP, against a list computed by hand.</summary>
public sealed class GuidanceListTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly Classroom _classroom = new(api);

    private static TimeSpan OnTime => TimeSpan.FromHours(-1);

    /// <summary>Two assignments already due, one due in 2099 (not yet counted), 12 sessions held, seven students.</summary>
    private async Task<(GraderClient Teacher, Guid CourseId, string Tag)> SeededCourseAsync(string subjectType, GraderClient? teacher = null)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        teacher ??= (await _classroom.UserAsync("teacher")).Client;
        var suiteId = await _classroom.SuiteAsync();
        var courseId = await Classroom.CreateAsync(teacher, "/api/courses",
            new { name = "정보 3반", kind = "credit", credits = 2, subjectType, schoolYear = 2026 });
        var first = await Classroom.CreateAsync(teacher, $"/api/courses/{courseId}/assignments", new { title = "과제 1", suiteId, dueAt = Classroom.DueAt });
        var second = await Classroom.CreateAsync(teacher, $"/api/courses/{courseId}/assignments", new { title = "과제 2", suiteId, dueAt = Classroom.DueAt.AddDays(7) });
        await Classroom.CreateAsync(teacher, $"/api/courses/{courseId}/assignments",
            new { title = "과제 3", suiteId, dueAt = new DateTimeOffset(2099, 1, 1, 0, 0, 0, TimeSpan.Zero) });
        var ids = await Classroom.EnrolAsync(teacher, courseId,
            $"1,gaeun-{tag},가은\n2,narae-{tag},나래\n3,dasom-{tag},다솜\n4,raon-{tag},라온\n5,maru-{tag},마루\n6,bada-{tag},바다\n7,sarang-{tag},사랑\n");
        Guid Id(string name) => ids[$"{name}-{tag}"];

        foreach (var (name, one, two) in new (string, decimal?, decimal?)[]
                 { ("gaeun", 10, 10), ("narae", 3, 4), ("dasom", 10, null), ("raon", 10, 10), ("bada", 3, 4), ("sarang", 10, 10) })
        {
            if (one is { } a) await _classroom.GradedAsync(first, Id(name), a, OnTime);
            if (two is { } b) await _classroom.GradedAsync(second, Id(name), b, OnTime);
        }
        var attended = new Dictionary<string, int> { ["gaeun"] = 12, ["narae"] = 12, ["dasom"] = 12, ["raon"] = 7, ["maru"] = 7, ["bada"] = 8, ["sarang"] = 7 };
        var (attendance, _, _) = await teacher.SendAsync(HttpMethod.Put, $"/api/courses/{courseId}/attendance",
            new { sessionsHeld = 12, students = attended.Select(a => new { userId = Id(a.Key), sessionsAttended = a.Value }) });
        Assert.Equal(HttpStatusCode.NoContent, attendance);
        // 바다 has completed remedial instruction (4 of 6 hours), 사랑 the extra learning for short attendance.
        foreach (var (name, record) in new (string, object)[]
                 {
                     ("bada", new { remedial = new { hoursRun = 6, hoursAttended = 4, completed = true } }),
                     ("sarang", new { extraLearningCompleted = true }),
                 })
        {
            var (status, body, _) = await teacher.SendAsync(HttpMethod.Put, $"/api/courses/{courseId}/students/{Id(name)}", record);
            Assert.True(HttpStatusCode.OK == status, body?.ToJsonString());
        }
        return (teacher, courseId, tag);
    }

    [Fact]
    public async Task Common_subject_lists_low_rates_short_attendance_and_missing_work_as_computed_by_hand()
    {
        var (teacher, courseId, tag) = await SeededCourseAsync("common");

        var list = await teacher.GetOkAsync($"/api/courses/{courseId}/warnings");

        // By hand, over 과제 1 and 2 (과제 3 is not due yet), 12 sessions held, two thirds = 8:
        // 가은 100 %, 12 — nothing. 나래 35 % — below 40. 다솜 50 %, 과제 2 missing. 라온 100 %, 7 of 12 — short.
        // 마루 nothing handed in, 7 of 12 — all three. 바다 35 % but remedial completed, 8 of 12 — nothing.
        // 사랑 7 of 12 but extra learning completed — nothing.
        Assert.Equal(
            [
                "나래 35 12 below_minimum |",
                "다솜 50 12 missing_assignments | 과제 2",
                "라온 100 7 attendance_short |",
                "마루 0 7 below_minimum attendance_short missing_assignments | 과제 1 과제 2",
            ],
            list["students"]!.AsArray().Select(Describe));
        Assert.Equal(courseId, list["course"]!["id"]!.GetValue<Guid>());

        var (csv, response) = await Classroom.CsvAsync(teacher, $"/api/courses/{courseId}/warnings", "ko");
        Assert.Equal("정보 3반 예방지도 명단.csv", response.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.Equal(
            [
                "이름,아이디,현재 성취율(%),출석 일수,수업 일수,사유,미제출 과제",
                $"나래,narae-{tag},35,12,12,성취율 40% 미만,",
                $"다솜,dasom-{tag},50,12,12,과제 미제출,과제 2",
                $"라온,raon-{tag},100,7,12,출석 2/3 미달,",
                $"마루,maru-{tag},0,7,12,성취율 40% 미만; 출석 2/3 미달; 과제 미제출,과제 1; 과제 2",
            ],
            csv);
    }

    [Fact]
    public async Task Elective_subject_from_2026_lists_no_one_for_the_rate_alone()
    {
        var (teacher, courseId, _) = await SeededCourseAsync("elective");

        var list = await teacher.GetOkAsync($"/api/courses/{courseId}/warnings");

        Assert.Equal(
            [
                "다솜 50 12 missing_assignments | 과제 2",
                "라온 100 7 attendance_short |",
                "마루 0 7 attendance_short missing_assignments | 과제 1 과제 2",
            ],
            list["students"]!.AsArray().Select(Describe));
    }

    [Fact]
    public async Task Only_the_courses_teachers_and_admins_read_the_list()
    {
        var (teacher, courseId, _) = await SeededCourseAsync("common");
        var (_, stranger) = await _classroom.UserAsync("teacher");
        var (studentId, student) = await _classroom.UserAsync("student");
        await _classroom.Admin.PostOkAsync($"/api/courses/{courseId}/members", new { userId = studentId });
        var path = $"/api/courses/{courseId}/warnings";

        foreach (var outsider in new[] { stranger, student })
        {
            var (status, _, _) = await outsider.SendAsync(HttpMethod.Get, path);
            Assert.Equal(HttpStatusCode.NotFound, status);
        }
        var (adminStatus, _, _) = await _classroom.Admin.SendAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, adminStatus);
        var (ownStatus, _, _) = await teacher.SendAsync(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, ownStatus);
    }

    [Fact]
    public async Task The_teachers_course_page_shows_the_list_and_serves_the_same_CSV()
    {
        var login = $"t-{Guid.NewGuid():N}"[..12];
        var created = await api.Admin.PostOkAsync("/api/users", new { login, name = "김선생", role = "teacher", password = "teach-2026!" });
        var (_, courseId, tag) = await SeededCourseAsync("common", api.Admin.As(created["token"]!.GetValue<string>()));
        using var browser = PageForms.Browser(api);
        Assert.Equal(HttpStatusCode.Redirect, (await PageForms.SignInAsync(browser, login, "teach-2026!")).StatusCode);

        var html = await browser.GetStringAsync($"/teacher/courses/{courseId}");
        var table = html[html.IndexOf("<table id=\"warnings\"", StringComparison.Ordinal)..];
        table = table[..table.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Equal(["narae", "dasom", "raon", "maru"],
            System.Text.RegularExpressions.Regex.Matches(table, "data-student=\"([a-z]+)-").Select(m => m.Groups[1].Value));
        Assert.Contains("성취율 40% 미만, 출석 2/3 미달, 과제 미제출", table);

        var fromPage = await browser.GetByteArrayAsync($"/teacher/courses/{courseId}?handler=warningsCsv");
        var (fromApi, _) = await Classroom.CsvAsync(api.Admin, $"/api/courses/{courseId}/warnings", "ko");
        Assert.Equal(string.Join("\r\n", fromApi) + "\r\n", System.Text.Encoding.UTF8.GetString(fromPage[3..]));
        Assert.Contains($"maru-{tag}", fromApi[^1]);
    }

    /// <summary>"name rateSoFar attended reasons… | missing titles…", so an entry reads in one line.</summary>
    private static string Describe(JsonNode? entry) =>
        string.Join(' ',
        [
            entry!["name"]!.GetValue<string>(),
            entry["rateSoFar"]?.ToJsonString() ?? "-",
            entry["attendance"]!["sessionsAttended"]!.ToJsonString(),
            .. entry["reasons"]!.AsArray().Select(r => r!.GetValue<string>()),
            "|",
            .. entry["missingAssignments"]!.AsArray().Select(a => a!["title"]!.GetValue<string>()),
        ]);
}
