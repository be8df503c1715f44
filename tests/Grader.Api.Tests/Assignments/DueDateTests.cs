using System.Net;

namespace Grader.Api.Tests.Assignments;

public sealed class DueDateTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task A_due_date_in_Korean_time_is_stored_as_the_same_instant()
    {
        var classroom = new Classroom(api);
        var (_, teacher) = await classroom.UserAsync("teacher");
        var suiteId = await classroom.SuiteAsync();
        var courseId = await Classroom.CreateAsync(teacher, "/api/courses", new { name = "정보", kind = "general" });
        var dueAt = new DateTimeOffset(2026, 4, 10, 23, 59, 0, TimeSpan.FromHours(9));

        var (status, body, _) = await teacher.SendAsync(HttpMethod.Post, $"/api/courses/{courseId}/assignments", new { title = "과제", suiteId, dueAt });

        Assert.True(status == HttpStatusCode.Created, body?.ToJsonString());
        var stored = await teacher.GetOkAsync($"/api/assignments/{body!["id"]}");
        Assert.Equal(dueAt, stored["dueAt"]!.GetValue<DateTimeOffset>());
    }
}
