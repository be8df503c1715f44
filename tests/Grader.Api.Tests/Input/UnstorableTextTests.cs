using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Grader.Tests.Shared;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Tests.Input;

/// <summary>
/// Text that PostgreSQL cannot store (U+0000; a lone surrogate, which JSON's \uD800 escape carries) in any field a
/// person types is refused with 422 naming the field, and nothing is stored. Before, each of these answered 500.
/// </summary>
public sealed class UnstorableTextTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly Classroom _classroom = new(api);

    public static TheoryData<string> Unstorable => ["정보\u00001반", "\u0000"];

    private static void AssertRefused(HttpStatusCode status, JsonNode? body, string field)
    {
        Assert.True(status == HttpStatusCode.UnprocessableEntity, $"{(int)status}: {body?.ToJsonString()}");
        Assert.NotNull(body!["errors"]![field]);
    }

    /// <summary>Sends the JSON text as written, so a lone surrogate escape reaches the server as the client sent it.</summary>
    private static async Task<(HttpStatusCode, JsonNode?)> SendRawAsync(GraderClient client, HttpMethod method, string path, string json)
    {
        using var request = new HttpRequestMessage(method, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        var response = await client.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    /// <summary>A JSON string literal for <paramref name="value"/> with every non-ASCII character escaped, lone surrogates too.</summary>
    private static string Literal(string value) =>
        "\"" + string.Concat(value.Select(c => c < 0x80 && c >= 0x20 && c != '"' && c != '\\' ? c.ToString() : $"\\u{(int)c:x4}")) + "\"";

    [Theory, MemberData(nameof(Unstorable))]
    public async Task A_course_name(string name)
    {
        var (_, teacher) = await _classroom.UserAsync("teacher");
        var (status, body) = await SendRawAsync(teacher, HttpMethod.Post, "/api/courses", $$"""{"name": {{Literal(name)}}, "kind": "general"}""");
        AssertRefused(status, body, "name");
        Assert.Equal(0, await api.WithDbAsync(db => db.Courses.CountAsync(c => c.Name.StartsWith("정보"))));
    }

    [Theory, MemberData(nameof(Unstorable))]
    public async Task A_user_name_login_or_student_number(string text)
    {
        var login = "nul-" + Guid.NewGuid().ToString("N")[..8];
        foreach (var (field, json) in new[]
        {
            ("name", $$"""{"login": "{{login}}", "name": {{Literal(text)}}, "role": "student"}"""),
            ("login", $$"""{"login": {{Literal(login + text)}}, "name": "학생", "role": "student"}"""),
            ("studentNumber", $$"""{"login": "{{login}}", "name": "학생", "role": "student", "studentNumber": {{Literal(text)}}}"""),
        })
        {
            var (status, body) = await SendRawAsync(_classroom.Admin, HttpMethod.Post, "/api/users", json);
            AssertRefused(status, body, field);
        }
        Assert.False(await api.WithDbAsync(db => db.Users.AnyAsync(u => u.Login.StartsWith(login))));
    }

    [Theory, MemberData(nameof(Unstorable))]
    public async Task An_assignment_title(string title)
    {
        var (_, teacher) = await _classroom.UserAsync("teacher");
        var courseId = await Classroom.CreateAsync(teacher, "/api/courses", new { name = "파이썬", kind = "general" });
        var suiteId = await _classroom.SuiteAsync();
        var (status, body) = await SendRawAsync(teacher, HttpMethod.Post, $"/api/courses/{courseId}/assignments",
            $$"""{"title": {{Literal(title)}}, "suiteId": "{{suiteId}}", "dueAt": "2027-01-01T00:00:00Z"}""");
        AssertRefused(status, body, "title");
        Assert.False(await api.WithDbAsync(db => db.Assignments.AnyAsync(a => a.CourseId == courseId)));
    }

    [Theory, MemberData(nameof(Unstorable))]
    public async Task A_narrative_note(string note)
    {
        var (_, teacher) = await _classroom.UserAsync("teacher");
        var courseId = await Classroom.CreateAsync(teacher, "/api/courses", new { name = "자유학기", kind = "convergence", freeSemester = true });
        var tag = Guid.NewGuid().ToString("N")[..6];
        var studentId = (await Classroom.EnrolAsync(teacher, courseId, $"1,note-{tag},학생\n"))[$"note-{tag}"];
        var (status, body) = await SendRawAsync(teacher, HttpMethod.Put, $"/api/courses/{courseId}/students/{studentId}",
            $$"""{"narrativeNote": {{Literal(note)}}}""");
        AssertRefused(status, body, "narrativeNote");
        Assert.Null(await api.WithDbAsync(db => db.CourseMembers.Where(m => m.UserId == studentId).Select(m => m.NarrativeNote).SingleAsync()));
    }

    [Fact]
    public async Task A_roster_name_names_its_line()
    {
        var (_, teacher) = await _classroom.UserAsync("teacher");
        var courseId = await Classroom.CreateAsync(teacher, "/api/courses", new { name = "정보", kind = "credit" });
        var tag = Guid.NewGuid().ToString("N")[..6];
        var response = await teacher.Http.PostAsync($"/api/courses/{courseId}/roster",
            new StringContent($"1,ok-{tag},김민준\n2,nul-{tag},이\0서연\n", Encoding.UTF8, "text/csv"));
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.UnprocessableEntity, body.ToJsonString());
        Assert.Contains("2", body["errors"]!.AsObject().Select(e => e.Key).Single());
        Assert.False(await api.WithDbAsync(db => db.Users.AnyAsync(u => u.Login.EndsWith(tag))));
    }

    [Theory, MemberData(nameof(Unstorable))]
    public async Task A_suite_title_test_name_or_expected_output(string text)
    {
        var (_, designer) = await _classroom.UserAsync("designer");
        var slug = "nul-" + Guid.NewGuid().ToString("N")[..8];
        foreach (var (field, title, expected) in new[] { ("title", Literal(text), "\"1\\n\""), ("expectedStdout", "\"제목\"", Literal(text)) })
        {
            var (status, body) = await SendRawAsync(designer, HttpMethod.Post, "/api/suites", $$"""
                {"slug": "{{slug}}", "title": {{title}}, "languages": ["python"],
                 "tests": [{"name": "one", "points": 1, "stdin": "1\n", "expectedStdout": {{expected}}}]}
                """);
            Assert.True(status == HttpStatusCode.UnprocessableEntity, $"{(int)status}: {body?.ToJsonString()}");
            Assert.True(body!.ToJsonString().Contains(field), body.ToJsonString());
        }
        Assert.False(await api.WithDbAsync(db => db.Suites.AnyAsync(s => s.Slug == slug)));
    }
}
