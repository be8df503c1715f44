using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Tests.Courses;

/// <summary>`PUT /api/courses/{id}`: the rules of creating a course (one validator, shared with the page), on its teacher's course only.</summary>
public sealed class CourseSettingsTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly Classroom _classroom = new(api);

    [Fact]
    public async Task Editing_a_course_checks_what_creating_does_stores_nothing_on_error_and_is_404_to_another_teacher()
    {
        var (_, teacher) = await _classroom.UserAsync("teacher");
        var courseId = await Classroom.CreateAsync(teacher, "/api/courses", new { name = "정보", kind = "credit", credits = 2, subjectType = "common" });

        // A credit course's D at 40 and a subject type on a general course: both refused, field by field, nothing changed.
        var (refused, body, _) = await teacher.SendAsync(HttpMethod.Put, $"/api/courses/{courseId}", new
        {
            name = "정보 Ⅱ", kind = "credit", credits = 3, cutScores = new { a = 90, b = 80, c = 70, d = 40 }, schoolYear = 2027,
        });
        Assert.True(refused == HttpStatusCode.UnprocessableEntity, body?.ToJsonString());
        Assert.NotNull(body!["errors"]!["cutScores"]);
        var (general, generalBody, _) = await teacher.SendAsync(HttpMethod.Put, $"/api/courses/{courseId}",
            new { name = "정보\0", kind = "general", subjectType = "common" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, general);
        Assert.NotNull(generalBody!["errors"]!["subjectType"]);
        Assert.NotNull(generalBody["errors"]!["name"]);
        Assert.Equal("정보 2", await api.WithDbAsync(db => db.Courses.Where(c => c.Id == courseId)
            .Select(c => c.Name + " " + c.Credits).SingleAsync()));

        var (ok, saved, _) = await teacher.SendAsync(HttpMethod.Put, $"/api/courses/{courseId}", new
        {
            name = "정보 Ⅱ", kind = "credit", credits = 3, subjectType = "elective", cutScores = new { a = 90, b = 80, c = 70, d = 50 }, schoolYear = 2027,
        });
        Assert.True(ok == HttpStatusCode.OK, saved?.ToJsonString());
        Assert.Equal("elective", saved!["subjectType"]!.GetValue<string>());
        Assert.Equal(2027, saved["schoolYear"]!.GetValue<int>());

        var (_, stranger) = await _classroom.UserAsync("teacher");
        var (strangerStatus, _, _) = await stranger.SendAsync(HttpMethod.Put, $"/api/courses/{courseId}", new { name = "빼앗음", kind = "general" });
        Assert.Equal(HttpStatusCode.NotFound, strangerStatus);
    }
}
