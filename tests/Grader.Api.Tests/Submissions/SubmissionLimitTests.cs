using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Grader.Api.Tests.Pages;
using Grader.Tests.Shared;

namespace Grader.Api.Tests.Submissions;

/// <summary>
/// Issue 13 items 6, 7 and 8: what is stored stays under the upload limit however far a project inflates, and the
/// per-student rate limit and an assignment's submission cap hold whichever way a student submits (the API or the
/// web form) and however many requests arrive at once.
/// </summary>
public sealed class SubmissionLimitTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Password = "bada-2026!";

    private const string Program = "print(input())\n";

    /// <summary>More than the default burst, so a loop that never meets the limit ends and fails.</summary>
    private const int Attempts = 30;

    private readonly Classroom _classroom = new(api);

    [Fact]
    public async Task A_student_refused_by_the_api_is_refused_by_the_web_form()
    {
        var (assignmentId, student, browser) = await StudentAsync();
        Assert.True(await SubmitUntilRefusedAsync(() => ApiSubmitAsync(student, assignmentId)));

        var form = await FormSubmitAsync(browser, assignmentId);
        Assert.Equal(HttpStatusCode.TooManyRequests, form.StatusCode);
        Assert.Contains("너무 자주 제출했습니다", await form.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_student_refused_by_the_web_form_is_refused_by_the_api()
    {
        var (assignmentId, student, browser) = await StudentAsync();
        Assert.True(await SubmitUntilRefusedAsync(() => FormSubmitAsync(browser, assignmentId)));

        var (status, body, response) = await student.SendAsync(HttpMethod.Post, Path(assignmentId), new { language = "python", source = Program });
        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("too_many", body!["code"]!.GetValue<string>());
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Eight_concurrent_submissions_to_a_one_submission_assignment_store_one()
    {
        var (assignmentId, student, _) = await StudentAsync(maxSubmissions: 1);

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            student.SendAsync(HttpMethod.Post, Path(assignmentId), new { language = "python", source = Program })));

        Assert.Single(answers, a => a.Status == HttpStatusCode.Accepted);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Accepted), a =>
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, a.Status);
            Assert.Equal("submission.limit", a.Body!["code"]!.GetValue<string>());
        });
        Assert.Equal(1, await api.WithDbAsync(db => Task.FromResult(db.Submissions.Count(s => s.AssignmentId == assignmentId))));
    }

    [Fact]
    public async Task An_sb3_whose_project_json_inflates_past_the_upload_limit_is_refused_naming_the_file()
    {
        var (assignmentId, student, _) = await StudentAsync(language: "scratch");
        using var form = new MultipartFormDataContent { { new ByteArrayContent(InflatingProject.Sb3(47 * 1024 * 1024)), "file", "game.sb3" } };

        var response = await student.Http.PostAsync(Path(assignmentId), form);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.NotNull(problem["errors"]!["file"]);
        Assert.StartsWith("game.sb3 ", problem["detail"]!.GetValue<string>());
        Assert.Equal(0, await api.WithDbAsync(db => Task.FromResult(db.Submissions.Count(s => s.AssignmentId == assignmentId))));
    }

    /// <summary>Submits until one is answered 429 (true), or gives up after more than the burst (false).</summary>
    private static async Task<bool> SubmitUntilRefusedAsync(Func<Task<HttpResponseMessage>> submit)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            using var answer = await submit();
            if (answer.StatusCode == HttpStatusCode.TooManyRequests) return true;
            Assert.True(answer.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.Redirect, $"{(int)answer.StatusCode}");
        }
        return false;
    }

    private static Task<HttpResponseMessage> ApiSubmitAsync(GraderClient student, Guid assignmentId) =>
        student.Http.PostAsJsonAsync(Path(assignmentId), new { language = "python", source = Program });

    private static async Task<HttpResponseMessage> FormSubmitAsync(HttpClient browser, Guid assignmentId)
    {
        var page = $"/student/assignments/{assignmentId}";
        return await PageForms.PostAsync(browser, page, await PageForms.TokenAsync(browser, page), ("Source", Program));
    }

    private static string Path(Guid assignmentId) => $"/api/assignments/{assignmentId}/submissions";

    /// <summary>A student enrolled in a course with one assignment, with an API client and a signed-in browser.</summary>
    private async Task<(Guid AssignmentId, GraderClient Api, HttpClient Browser)> StudentAsync(
        int? maxSubmissions = null, string language = "python")
    {
        var (_, teacher) = await _classroom.UserAsync("teacher");
        var login = $"s{Guid.NewGuid():N}"[..20];
        var created = await _classroom.Admin.PostOkAsync("/api/users", new { login, name = "김바다", role = "student", password = Password });
        var studentId = created["id"]!.GetValue<Guid>();
        var courseId = await Classroom.CreateAsync(teacher, "/api/courses", new { name = "정보", kind = "credit" });
        await _classroom.Admin.PostOkAsync($"/api/courses/{courseId}/members", new { userId = studentId });
        var assignmentId = await Classroom.CreateAsync(teacher, $"/api/courses/{courseId}/assignments",
            new { title = "따라 말하기", suiteId = await _classroom.SuiteAsync(language), dueAt = DateTimeOffset.UtcNow.AddDays(7), maxSubmissions });
        var browser = PageForms.Browser(api);
        Assert.Equal(HttpStatusCode.Redirect, (await PageForms.SignInAsync(browser, login, Password)).StatusCode);
        return (assignmentId, _classroom.Admin.As(created["token"]!.GetValue<string>()), browser);
    }
}
