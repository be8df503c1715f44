using System.Net;
using Grader.Tests.Shared;

namespace Grader.Api.Tests.Gradebook;

/// <summary>Someone else's course or submission is not found (404), never forbidden: nobody learns it exists.</summary>
public sealed class GradebookAccessTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly Classroom _classroom = new(api);

    private sealed record Course(Guid Id, GraderClient Teacher, Guid StudentId, GraderClient Student, GraderClient Classmate, Guid Submission);

    private async Task<Course> CourseWithASubmissionAsync()
    {
        var (_, teacher) = await _classroom.UserAsync("teacher", "김선생");
        var (studentId, student) = await _classroom.UserAsync("student", "이학생");
        var (classmateId, classmate) = await _classroom.UserAsync("student", "박학생");
        var suiteId = await _classroom.SuiteAsync();
        var courseId = await Classroom.CreateAsync(teacher, "/api/courses", new { name = "정보", kind = "credit" });
        foreach (var id in new[] { studentId, classmateId })
            await _classroom.Admin.PostOkAsync($"/api/courses/{courseId}/members", new { userId = id });
        var assignment = await Classroom.CreateAsync(teacher, $"/api/courses/{courseId}/assignments",
            new { title = "두 수의 합", suiteId, dueAt = Classroom.DueAt });
        var submission = await _classroom.GradedAsync(assignment, studentId, 8, TimeSpan.FromHours(-1));
        return new Course(courseId, teacher, studentId, student, classmate, submission);
    }

    [Fact]
    public async Task A_student_reading_a_classmates_submission_gets_404()
    {
        var course = await CourseWithASubmissionAsync();

        await AssertNotFoundAsync(course.Classmate, HttpMethod.Get, $"/api/submissions/{course.Submission}");

        var own = await course.Student.GetOkAsync($"/api/submissions/{course.Submission}");
        Assert.Equal(8m, own["score"]!.GetValue<decimal>());
        var teachers = await course.Teacher.GetOkAsync($"/api/submissions/{course.Submission}");
        Assert.Equal(8m, teachers["score"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task A_teacher_reading_another_teachers_gradebook_gets_404()
    {
        var course = await CourseWithASubmissionAsync();
        var (_, stranger) = await _classroom.UserAsync("teacher", "최선생");

        await AssertNotFoundAsync(stranger, HttpMethod.Get, $"/api/courses/{course.Id}/gradebook");
        await AssertNotFoundAsync(stranger, HttpMethod.Get, $"/api/courses/{course.Id}/students/{course.StudentId}");
        await AssertNotFoundAsync(stranger, HttpMethod.Put, $"/api/courses/{course.Id}/students/{course.StudentId}", new { narrativeNote = "x" });
        await AssertNotFoundAsync(stranger, HttpMethod.Post, $"/api/courses/{course.Id}/close");
        await AssertNotFoundAsync(stranger, HttpMethod.Get, $"/api/submissions/{course.Submission}");

        Assert.False((await course.Teacher.GetOkAsync($"/api/courses/{course.Id}"))["closed"]!.GetValue<bool>());
        var adminView = await _classroom.Admin.GetOkAsync($"/api/courses/{course.Id}/gradebook");
        Assert.Equal(2, adminView["summary"]!["studentCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_student_reading_their_own_courses_gradebook_gets_404()
    {
        var course = await CourseWithASubmissionAsync();

        await AssertNotFoundAsync(course.Student, HttpMethod.Get, $"/api/courses/{course.Id}/gradebook");
        await AssertNotFoundAsync(course.Student, HttpMethod.Get, $"/api/courses/{course.Id}/students/{course.StudentId}");
        await AssertNotFoundAsync(course.Student, HttpMethod.Post, $"/api/courses/{course.Id}/close");
    }

    private static async Task AssertNotFoundAsync(GraderClient client, HttpMethod method, string path, object? json = null)
    {
        var (status, body, response) = await client.SendAsync(method, path, json);
        Assert.True(status == HttpStatusCode.NotFound, $"{method} {path} answered {(int)status}: {body?.ToJsonString()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
