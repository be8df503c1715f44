using System.Net;

namespace Grader.Api.Tests.Assignments;

/// <summary>
/// Issue 18: `PUT /api/assignments/{id}` checks what creating does (one validator), keeps the suite version to the
/// regrading move, and `POST /api/assignments/{id}/close` stops submissions whatever the late policy; strangers get 404.
/// </summary>
public sealed class AssignmentEditTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly Classroom _classroom = new(api);

    [Fact]
    public async Task An_edit_is_checked_like_a_creation_and_a_closed_assignment_takes_no_submission()
    {
        var (_, teacher) = await _classroom.UserAsync("teacher");
        var suiteId = await _classroom.SuiteAsync();
        var courseId = await Classroom.CreateAsync(teacher, "/api/courses", new { name = "정보", kind = "general" });
        var dueAt = DateTimeOffset.UtcNow.AddDays(7);
        var id = await Classroom.CreateAsync(teacher, $"/api/courses/{courseId}/assignments",
            new { title = "과제", suiteId, dueAt, latePenalty = new { mode = "accept" } });
        var path = $"/api/assignments/{id}";

        var (status, body, _) = await teacher.SendAsync(HttpMethod.Put, path,
            new { title = "바뀐 과제", dueAt, latePenalty = new { mode = "penalty", percentPerDay = -1 } });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.NotNull(body!["errors"]!["latePenalty"]);
        (status, body, _) = await teacher.SendAsync(HttpMethod.Put, path, new { title = "바뀐 과제", dueAt, suiteId = await _classroom.SuiteAsync() });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.NotNull(body!["errors"]!["suiteId"]);
        Assert.Equal("과제", (await teacher.GetOkAsync(path))["title"]!.GetValue<string>());

        (status, body, _) = await teacher.SendAsync(HttpMethod.Put, path, new { title = "바뀐 과제", dueAt, maxSubmissions = 4 });
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        var stored = await teacher.GetOkAsync(path);
        Assert.Equal(("바뀐 과제", 4), (stored["title"]!.GetValue<string>(), stored["maxSubmissions"]!.GetValue<int>()));

        var (_, stranger) = await _classroom.UserAsync("teacher");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.SendAsync(HttpMethod.Put, path, new { title = "남의 것", dueAt })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.SendAsync(HttpMethod.Post, $"{path}/close", new { })).Status);

        var (studentId, student) = await _classroom.UserAsync("student");
        await _classroom.Admin.PostOkAsync($"/api/courses/{courseId}/members", new { userId = studentId, role = "student" });
        (status, body, _) = await teacher.SendAsync(HttpMethod.Post, $"{path}/close", new { });
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        Assert.NotNull(body!["closedAt"]);
        (status, body, _) = await student.SendAsync(HttpMethod.Post, $"{path}/submissions", new { language = "python", source = "print(input())\n" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("submission.closed", body!["code"]!.GetValue<string>());
    }
}
