using System.Net;
using System.Text.Json.Nodes;
using Grader.Tests.Shared;

namespace Grader.Api.Tests.Gradebook;

/// <summary>Issue 5: the gradebook over HTTP, from courses, rosters, attendance and graded submissions in PostgreSQL.</summary>
public sealed class GradebookApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly Classroom _classroom = new(api);

    private static TimeSpan OnTime => TimeSpan.FromHours(-1);

    [Fact]
    public async Task Credit_course_gives_every_status_as_JSON_and_CSV()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (_, teacher) = await _classroom.UserAsync("teacher", "김선생");
        var suiteId = await _classroom.SuiteAsync();
        var courseId = await Classroom.CreateAsync(teacher, "/api/courses", new { name = "정보 2반", kind = "credit", credits = 2, subjectType = "common" });
        var sum = await Classroom.CreateAsync(teacher, $"/api/courses/{courseId}/assignments",
            new { title = "두 수의 합", suiteId, dueAt = Classroom.DueAt, scorePolicy = "best" });
        var loop = await Classroom.CreateAsync(teacher, $"/api/courses/{courseId}/assignments",
            new { title = "반복문", suiteId, dueAt = Classroom.DueAt.AddDays(1), scorePolicy = "latest",
                  latePenalty = new { mode = "penalty", percentPerDay = 10, floorPercent = 50 } });
        var ids = await Classroom.EnrolAsync(teacher, courseId,
            $"""
            학번,아이디,이름
            10101,minjun-{tag},김민준
            10102,seoyeon-{tag},이서연
            10103,jiho-{tag},박지호
            10104,yuna-{tag},최유나
            10105,haneul-{tag},정하늘
            10106,doyun-{tag},강도윤
            """);
        Guid Id(string name) => ids[$"{name}-{tag}"];

        // 김민준: best of 7 and 9; latest of an on-time 10 and a 10 one day late (−10 %) counts 9: exactly 90 % → A.
        await _classroom.GradedAsync(sum, Id("minjun"), 7, OnTime);
        await _classroom.GradedAsync(sum, Id("minjun"), 9, OnTime + TimeSpan.FromMinutes(5));
        await _classroom.GradedAsync(loop, Id("minjun"), 10, OnTime);
        await _classroom.GradedAsync(loop, Id("minjun"), 10, TimeSpan.FromHours(3));
        // 이서연 35 %, 최유나 39.95 %: below 40 → I and remedial while the course is open.
        await _classroom.GradedAsync(sum, Id("seoyeon"), 3, OnTime);
        await _classroom.GradedAsync(loop, Id("seoyeon"), 4, OnTime);
        await _classroom.GradedAsync(sum, Id("yuna"), 3.99m, OnTime);
        await _classroom.GradedAsync(loop, Id("yuna"), 4, OnTime);
        // 박지호 20 %, but completes remedial instruction: E and the credit.
        await _classroom.GradedAsync(sum, Id("jiho"), 2, OnTime);
        await _classroom.GradedAsync(loop, Id("jiho"), 2, OnTime);
        // 정하늘 100 % with 9 of 15 sessions: short of two thirds.
        await _classroom.GradedAsync(sum, Id("haneul"), 10, OnTime);
        await _classroom.GradedAsync(loop, Id("haneul"), 10, OnTime);
        // 강도윤 exactly 40 % with exactly 10 of 15 sessions: E and the credit.
        await _classroom.GradedAsync(sum, Id("doyun"), 4, OnTime);
        await _classroom.GradedAsync(loop, Id("doyun"), 4, OnTime);

        var attended = new Dictionary<string, int> { ["minjun"] = 15, ["seoyeon"] = 12, ["jiho"] = 14, ["yuna"] = 11, ["haneul"] = 9, ["doyun"] = 10 };
        var (attendance, _, _) = await teacher.SendAsync(HttpMethod.Put, $"/api/courses/{courseId}/attendance", new
        {
            sessionsHeld = 15,
            students = attended.Select(a => new { userId = Id(a.Key), sessionsAttended = a.Value }),
        });
        Assert.Equal(HttpStatusCode.NoContent, attendance);
        var (remedial, remedialBody, _) = await teacher.SendAsync(HttpMethod.Put, $"/api/courses/{courseId}/students/{Id("jiho")}", new
        {
            remedial = new { hoursRun = 10, hoursAttended = 10, completed = true },
            narrativeNote = "보충 지도 10시간 이수",
        });
        Assert.Equal(HttpStatusCode.OK, remedial);
        Assert.True(remedialBody!["remedial"]!["completed"]!.GetValue<bool>());

        var open = await teacher.GetOkAsync($"/api/courses/{courseId}/gradebook");
        Assert.Equal("credit", open["course"]!["kind"]!.GetValue<string>());
        Assert.Equal(["두 수의 합", "반복문"], open["assignments"]!.AsArray().Select(a => a!["title"]!.GetValue<string>()));
        Assert.Equal(
            [
                "김민준 9 9 90 A 15 True completed",
                "이서연 3 4 35 I 12 False remedial",
                "박지호 2 2 20 E 14 True remedial_completed",
                "최유나 3.99 4 39.95 I 11 False remedial",
                "정하늘 10 10 100 A 9 False attendance_short",
                "강도윤 4 4 40 E 10 True completed",
            ],
            open["rows"]!.AsArray().Select(Describe));
        Assert.Equal("보충 지도 10시간 이수", open["rows"]![2]!["narrativeNote"]!.GetValue<string>());
        Assert.All(open["rows"]!.AsArray(), r => Assert.Equal(15, r!["attendance"]!["sessionsHeld"]!.GetValue<int>()));

        var summary = open["summary"]!;
        Assert.Equal(6, summary["studentCount"]!.GetValue<int>());
        Assert.Equal(54.16m, summary["meanAchievementRate"]!.GetValue<decimal>()); // 324.95 / 6 = 54.158…, rounded half up
        Assert.Equal(["A 2 33.3", "B 0 0", "C 0 0", "D 0 0", "E 2 33.3", "I 2 33.3"],
            summary["levelShares"]!.AsArray().Select(s => $"{s!["level"]} {s["count"]} {s["percent"]}"));

        var (close, _, _) = await teacher.SendAsync(HttpMethod.Post, $"/api/courses/{courseId}/close");
        Assert.Equal(HttpStatusCode.NoContent, close);
        var closed = await teacher.GetOkAsync($"/api/courses/{courseId}/gradebook");
        Assert.True(closed["course"]!["closed"]!.GetValue<bool>());
        Assert.Equal(["completed", "incomplete", "remedial_completed", "incomplete", "attendance_short", "completed"],
            closed["rows"]!.AsArray().Select(r => r!["status"]!.GetValue<string>()));

        var (csv, response) = await Classroom.CsvAsync(teacher, $"/api/courses/{courseId}/gradebook", "ko");
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("정보 2반 성적표.csv", response.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Contains("filename*=UTF-8''%EC%A0%95%EB%B3%B4%202%EB%B0%98%20%EC%84%B1%EC%A0%81%ED%91%9C.csv",
            response.Content.Headers.GetValues("Content-Disposition").Single());
        Assert.Equal(
            [
                "이름,아이디,두 수의 합,반복문,성취율(%),성취도,출석 일수,수업 일수,학점 취득,상태,최소 성취수준 미도달,서술형 평가",
                $"김민준,minjun-{tag},9,9,90,A,15,15,예,이수,,",
                $"이서연,seoyeon-{tag},3,4,35,I,12,15,아니요,미이수,,",
                $"박지호,jiho-{tag},2,2,20,E,14,15,예,보충 지도 완료,,보충 지도 10시간 이수",
                $"최유나,yuna-{tag},3.99,4,39.95,I,11,15,아니요,미이수,,",
                $"정하늘,haneul-{tag},10,10,100,A,9,15,아니요,출석 미달(추가학습),,",
                $"강도윤,doyun-{tag},4,4,40,E,10,15,예,이수,,",
            ],
            csv);

        var (english, englishResponse) = await Classroom.CsvAsync(teacher, $"/api/courses/{courseId}/gradebook", "en");
        Assert.StartsWith("Name,Login,", english[0]);
        Assert.EndsWith(",No,Incomplete,,", english[2]);
        Assert.Equal("정보 2반 gradebook.csv", englishResponse.Content.Headers.ContentDisposition!.FileNameStar);
    }

    [Fact]
    public async Task Convergence_course_gives_A_to_E_and_no_credit()
    {
        var (teacher, courseId, ids, assignment) = await SingleAssignmentCourseAsync(new { name = "AI 융합 1반", kind = "convergence" });
        await _classroom.GradedAsync(assignment, ids[0], 9.5m, OnTime);
        await _classroom.GradedAsync(assignment, ids[1], 1, OnTime);

        var gradebook = await teacher.GetOkAsync($"/api/courses/{courseId}/gradebook");

        Assert.Equal(["가은 9.5 95 A 0 - completed", "나래 1 10 E 0 - completed"], gradebook["rows"]!.AsArray().Select(Describe));
        Assert.Equal(["A", "B", "C", "D", "E"], gradebook["summary"]!["levelShares"]!.AsArray().Select(s => s!["level"]!.GetValue<string>()));
        Assert.Equal(52.5m, gradebook["summary"]!["meanAchievementRate"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Free_semester_course_shows_no_level_only_the_narrative_note()
    {
        var (teacher, courseId, ids, assignment) = await SingleAssignmentCourseAsync(
            new { name = "자유학기 코딩", kind = "convergence", freeSemester = true });
        await _classroom.GradedAsync(assignment, ids[0], 8, OnTime);
        var (noted, _, _) = await teacher.SendAsync(HttpMethod.Put, $"/api/courses/{courseId}/students/{ids[0]}",
            new { narrativeNote = "반복문으로 별 찍기를 스스로 완성함" });
        Assert.Equal(HttpStatusCode.OK, noted);

        var gradebook = await teacher.GetOkAsync($"/api/courses/{courseId}/gradebook");

        var rows = gradebook["rows"]!.AsArray();
        Assert.All(rows, r => Assert.Null(r!["level"]));
        Assert.Equal("반복문으로 별 찍기를 스스로 완성함", rows[0]!["narrativeNote"]!.GetValue<string>());
        Assert.Null(rows[1]!["narrativeNote"]);
        Assert.Empty(gradebook["summary"]!["levelShares"]!.AsArray());
        Assert.True(gradebook["course"]!["freeSemester"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Remedial_records_are_checked_before_they_are_stored()
    {
        var (teacher, courseId, ids, _) = await SingleAssignmentCourseAsync(new { name = "일반 파이썬", kind = "general" });
        var path = $"/api/courses/{courseId}/students/{ids[0]}";

        var (outsideCredit, body, _) = await teacher.SendAsync(HttpMethod.Put, path,
            new { remedial = new { hoursRun = 4, hoursAttended = 4, completed = true } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, outsideCredit);
        Assert.NotNull(body!["errors"]!["remedial"]);

        var stored = await teacher.GetOkAsync(path);
        Assert.Equal(0, stored["remedial"]!["hoursRun"]!.GetValue<int>());

        var creditId = await Classroom.CreateAsync(teacher, "/api/courses", new { name = "학점제", kind = "credit" });
        await teacher.PostOkAsync($"/api/courses/{creditId}/members", new { userId = ids[0], role = "student" });
        var (unfinished, unfinishedBody, _) = await teacher.SendAsync(HttpMethod.Put, $"/api/courses/{creditId}/students/{ids[0]}",
            new { remedial = new { hoursRun = 10, hoursAttended = 6, completed = true } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unfinished);
        Assert.NotNull(unfinishedBody!["errors"]!["remedial.completed"]);
    }

    [Theory]
    [InlineData("credit", 40, HttpStatusCode.UnprocessableEntity)]  // D must stay above the fixed E cut of 40
    [InlineData("credit", 41, HttpStatusCode.Created)]
    [InlineData("convergence", 40, HttpStatusCode.Created)]
    public async Task Cut_scores_are_checked_for_the_course_kind(string kind, int d, HttpStatusCode expected)
    {
        var (_, teacher) = await _classroom.UserAsync("teacher");
        var (status, body, _) = await teacher.SendAsync(HttpMethod.Post, "/api/courses",
            new { name = "기준 점수", kind, cutScores = new { a = 90, b = 80, c = 70, d } });
        Assert.True(expected == status, body?.ToJsonString());
        if (expected == HttpStatusCode.UnprocessableEntity) Assert.NotNull(body!["errors"]!["cutScores"]);
    }

    [Fact]
    public async Task OpenAPI_document_describes_the_gradebook_roster_and_record_endpoints()
    {
        var paths = (await _classroom.Admin.GetOkAsync("/openapi/v1.json"))["paths"]!;

        var gradebook = paths["/api/courses/{id}/gradebook"]!["get"]!["responses"]!["200"]!["content"]!;
        Assert.NotNull(gradebook["application/json"]);
        Assert.NotNull(gradebook["text/csv"]);
        Assert.NotNull(paths["/api/courses/{id}/roster"]?["post"]);
        Assert.NotNull(paths["/api/courses/{id}/students/{userId}"]?["put"]?["requestBody"]);
        Assert.NotNull(paths["/api/courses/{id}/close"]?["post"]);
    }

    /// <summary>A course with one assignment out of 10 and two students, 가은 and 나래, in that order.</summary>
    private async Task<(GraderClient Teacher, Guid CourseId, Guid[] Students, Guid Assignment)> SingleAssignmentCourseAsync(object course)
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var (_, teacher) = await _classroom.UserAsync("teacher");
        var suiteId = await _classroom.SuiteAsync();
        var courseId = await Classroom.CreateAsync(teacher, "/api/courses", course);
        var assignment = await Classroom.CreateAsync(teacher, $"/api/courses/{courseId}/assignments",
            new { title = "과제", suiteId, dueAt = Classroom.DueAt });
        var ids = await Classroom.EnrolAsync(teacher, courseId, $"1,ga-{tag},가은\n2,na-{tag},나래\n");
        return (teacher, courseId, [ids[$"ga-{tag}"], ids[$"na-{tag}"]], assignment);
    }

    /// <summary>"name scores… rate level attended creditEarned status", so a row reads in one line; "-" for null.</summary>
    private static string Describe(JsonNode? row) =>
        string.Join(' ',
        [
            row!["name"]!.GetValue<string>(),
            .. row["scores"]!.AsArray().Select(s => s!["score"]?.ToJsonString() ?? "-"),
            row["achievementRate"]?.ToJsonString() ?? "-",
            row["level"]?.GetValue<string>() ?? "-",
            row["attendance"]!["sessionsAttended"]!.ToJsonString(),
            row["creditEarned"]?.GetValue<bool>().ToString() ?? "-",
            row["status"]!.GetValue<string>(),
        ]);
}
