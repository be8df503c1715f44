using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Grader.Core.Domain;
using Grader.Tests.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Tests.Courses;

/// <summary>`POST /api/courses/{id}/roster`: a class list as CSV, all or nothing.</summary>
public sealed class RosterImportTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly Classroom _classroom = new(api);

    private async Task<(GraderClient Teacher, Guid CourseId)> CourseAsync()
    {
        var (_, teacher) = await _classroom.UserAsync("teacher", "김선생");
        return (teacher, await Classroom.CreateAsync(teacher, "/api/courses", new { name = "정보 1반", kind = "credit" }));
    }

    private static async Task<(HttpStatusCode Status, JsonNode Body)> UploadAsync(GraderClient teacher, Guid courseId, byte[] csv)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "명단.csv");
        var response = await teacher.Http.PostAsync($"/api/courses/{courseId}/roster", form);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static byte[] Utf8WithBom(string text) => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(text)];

    [Fact]
    public async Task Creates_the_accounts_enrols_them_and_shows_their_first_credentials_once()
    {
        var (teacher, courseId) = await CourseAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        // 이서연 studies in another course of this teacher's already: the roster brings her in as she is.
        var earlierCourse = await Classroom.CreateAsync(teacher, "/api/courses", new { name = "정보 0반", kind = "credit" });
        var existingId = (await Classroom.EnrolAsync(teacher, earlierCourse, $"1,seoyeon-{tag},이서연\n"))[$"seoyeon-{tag}"];
        var csv = Utf8WithBom($"학번,아이디,이름\r\n20301,minjun-{tag},김민준\r\n20302,seoyeon-{tag},이서연\r\n20303,jiho-{tag},\"남궁, 지호\"\r\n");

        var (status, body) = await UploadAsync(teacher, courseId, csv);

        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal(2, body["created"]!.GetValue<int>());
        Assert.Equal(1, body["enrolled"]!.GetValue<int>());
        var students = body["students"]!.AsArray();
        Assert.Equal(["created", "enrolled", "created"], students.Select(s => s!["outcome"]!.GetValue<string>()));
        Assert.Equal("남궁, 지호", students[2]!["name"]!.GetValue<string>());
        Assert.Equal(existingId, students[1]!["userId"]!.GetValue<Guid>());
        Assert.Null(students[1]!["token"]);

        var minjun = students[0]!;
        var me = await teacher.As(minjun["token"]!.GetValue<string>()).GetOkAsync("/api/users/me");
        Assert.Equal("김민준", me["name"]!.GetValue<string>());
        var password = minjun["password"]!.GetValue<string>();
        var stored = await api.WithDbAsync(db => db.Users.SingleAsync(u => u.Login == $"minjun-{tag}"));
        Assert.Equal("20301", stored.StudentNumber);
        Assert.Equal(Role.Student, stored.Role);
        Assert.Equal(PasswordVerificationResult.Success, new PasswordHasher<User>().VerifyHashedPassword(stored, stored.PasswordHash!, password));

        var members = await teacher.GetOkAsync($"/api/courses/{courseId}/members");
        Assert.Equal(3, members.AsArray().Count(m => m!["role"]!.GetValue<string>() == "student"));

        var (again, againBody) = await UploadAsync(teacher, courseId, csv);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(3, againBody["alreadyEnrolled"]!.GetValue<int>());
        Assert.All(againBody["students"]!.AsArray(), s => Assert.Null(s!["password"]));
    }

    [Fact]
    public async Task A_bad_row_is_refused_by_line_and_nothing_is_stored()
    {
        var (teacher, courseId) = await CourseAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var csv = Encoding.UTF8.GetBytes($"학번,아이디,이름\n20301,minjun-{tag},김민준\n20302,,이서연\n20301,jiho-{tag},박지호\n");

        var (status, body) = await UploadAsync(teacher, courseId, csv);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("roster.invalid", body["code"]!.GetValue<string>());
        Assert.Equal([3, 4], body["lines"]!.AsArray().Select(l => l!.GetValue<int>()));
        Assert.NotNull(body["errors"]!["line 3: login"]);
        Assert.NotNull(body["errors"]!["line 4: studentNumber"]);
        Assert.Contains("3, 4", body["detail"]!.GetValue<string>());
        Assert.False(await api.WithDbAsync(db => db.Users.AnyAsync(u => u.Login.EndsWith(tag))));
        Assert.DoesNotContain((await teacher.GetOkAsync($"/api/courses/{courseId}/members")).AsArray(),
            m => m!["role"]!.GetValue<string>() == "student");
    }

    [Fact]
    public async Task A_login_that_belongs_to_someone_else_is_refused()
    {
        var (teacher, courseId) = await CourseAsync();
        var tag = Guid.NewGuid().ToString("N")[..6];
        await _classroom.Admin.CreateUserAsync($"kim-{tag}", "김선생", "teacher");

        var (status, body) = await UploadAsync(teacher, courseId, Encoding.UTF8.GetBytes($"1,ok-{tag},나은\n2,kim-{tag},김민준\n"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(["선생님의 과목에 없는 계정이 쓰는 아이디입니다. 다른 아이디를 쓰거나, 같은 학생이면 관리자에게 등록을 부탁하세요."],
            body["errors"]!["line 2: login"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.False(await api.WithDbAsync(db => db.Users.AnyAsync(u => u.Login == $"ok-{tag}")));
    }

    [Fact]
    public async Task An_Excel_CP949_file_is_refused_naming_the_line_in_English_when_asked()
    {
        var (teacher, courseId) = await CourseAsync();
        byte[] cp949 = [.. "1,minjun,"u8, 0xB1, 0xE8, (byte)'\n'];
        byte[] csv = [.. "학번,아이디,이름\n"u8, .. cp949];
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/courses/{courseId}/roster") { Content = new ByteArrayContent(csv) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        request.Headers.AcceptLanguage.ParseAdd("en");

        var response = await teacher.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(["Not UTF-8: in Excel, save as 'CSV UTF-8'."], body["errors"]!["line 2: file"]!.AsArray().Select(e => e!.GetValue<string>()));
    }

    [Fact]
    public async Task Another_teachers_course_is_not_found()
    {
        var (_, courseId) = await CourseAsync();
        var (_, stranger) = await _classroom.UserAsync("teacher");

        var (status, _) = await UploadAsync(stranger, courseId, Encoding.UTF8.GetBytes("1,someone,누군가\n"));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.False(await api.WithDbAsync(db => db.Users.AnyAsync(u => u.Login == "someone")));
    }
}
