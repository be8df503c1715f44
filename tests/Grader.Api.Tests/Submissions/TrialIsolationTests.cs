using System.Net;
using Grader.Api.Tests.Pages;

namespace Grader.Api.Tests.Submissions;

/// <summary>
/// Issue 18: a designer's graded trial of the very suite version a course's assignment uses, with the same program a
/// student handed in and a wrong output of its own, reaches none of the teacher's views of that assignment or course.
/// </summary>
public sealed class TrialIsolationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly Classroom _classroom = new(api);

    private const string Password = "hanbit-2026";

    private const string TrialOutput = "trial-only-output";

    /// <summary>Long enough for the similarity report to pair two copies of it.</summary>
    private const string Program = """
        def echo(lines):
            total = 0
            for line in lines:
                total = total + len(line)
                print(line)
            return total

        count = int(input())
        words = [input() for _ in range(count)]
        if echo(words) > 100:
            print("long")
        """;

    [Fact]
    public async Task A_graded_trial_shows_in_no_overview_similarity_report_gradebook_or_list()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var teacherLogin = $"teacher-{tag}";
        var teacher = _classroom.Admin.As((await _classroom.Admin.PostOkAsync("/api/users",
            new { login = teacherLogin, name = "김선생", role = "teacher", password = Password }))["token"]!.GetValue<string>());
        var (studentId, _) = await _classroom.UserAsync("student", "이학생");
        var (designerId, designer) = await _classroom.UserAsync("designer", "박설계");
        var suiteId = await designer.CreateSuiteAsync(Classroom.EchoSuite($"echo-{tag}"));
        var courseId = await Classroom.CreateAsync(teacher, "/api/courses", new { name = "정보", kind = "convergence" });
        await _classroom.Admin.PostOkAsync($"/api/courses/{courseId}/members", new { userId = studentId });
        var assignmentId = await Classroom.CreateAsync(teacher, $"/api/courses/{courseId}/assignments",
            new { title = "따라 말하기", suiteId, dueAt = Classroom.DueAt });
        var studentsId = await _classroom.GradedAsync(assignmentId, studentId, 10, TimeSpan.FromHours(-1), Program);
        var trialId = await _classroom.TrialAsync(suiteId, designerId, Program, TrialOutput);
        // The trial is there and its designer's to read.
        Assert.Equal(TrialOutput, (await designer.GetOkAsync($"/api/submissions/{trialId}"))["tests"]![0]!["stdout"]!.GetValue<string>());

        var browser = PageForms.Browser(api);
        Assert.Equal(HttpStatusCode.Redirect, (await PageForms.SignInAsync(browser, teacherLogin, Password)).StatusCode);
        foreach (var page in new[]
                 {
                     $"/teacher/assignments/{assignmentId}/overview", $"/teacher/assignments/{assignmentId}/similarity",
                     $"/teacher/courses/{courseId}",
                 })
        {
            var response = await browser.GetAsync(page);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {(int)response.StatusCode}");
            Assert.DoesNotContain(TrialOutput, html);
            Assert.DoesNotContain("박설계", html);
            Assert.DoesNotContain(trialId.ToString(), html);
        }

        var (csv, _) = await Classroom.CsvAsync(teacher, $"/api/courses/{courseId}/gradebook", "ko");
        Assert.Equal(2, csv.Length); // the header and the one student
        var listed = await teacher.GetOkAsync($"/api/assignments/{assignmentId}/submissions");
        Assert.Equal([studentsId], listed.AsArray().Select(s => s!["id"]!.GetValue<Guid>()));
    }
}
