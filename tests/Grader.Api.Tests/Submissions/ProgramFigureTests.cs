using System.Net;
using Grader.Core.Domain;
using Grader.Grading;
using Grader.Grading.Suites;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Tests.Submissions;

/// <summary>
/// Issue 19: the pictures a program saved are served to whoever may read the submission and see the test's output
/// (its student for a visible test, the course's teacher, an admin); anyone else gets 404.
/// </summary>
public sealed class ProgramFigureTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static readonly byte[] s_png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 7];

    private readonly Classroom _classroom = new(api);

    [Fact]
    public async Task A_figure_is_served_as_png_to_its_student_teacher_and_admin_and_a_stranger_gets_404()
    {
        var (_, teacher) = await _classroom.UserAsync("teacher");
        var (studentId, student) = await _classroom.UserAsync("student");
        var courseId = await Classroom.CreateAsync(teacher, "/api/courses", new { name = "인공지능 기초", kind = "general" });
        await _classroom.Admin.PostOkAsync($"/api/courses/{courseId}/members", new { userId = studentId });
        var assignmentId = await Classroom.CreateAsync(teacher, $"/api/courses/{courseId}/assignments",
            new { title = "막대그래프", suiteId = await _classroom.SuiteAsync(), dueAt = DateTimeOffset.UtcNow.AddDays(7) });
        var submissionId = await GradedWithFiguresAsync(assignmentId, studentId);
        var (_, strangerStudent) = await _classroom.UserAsync("student");
        var (_, strangerTeacher) = await _classroom.UserAsync("teacher");
        var visible = $"/api/submissions/{submissionId}/tests/0/figures/0";
        var hidden = $"/api/submissions/{submissionId}/tests/1/figures/0";

        var view = await student.GetOkAsync($"/api/submissions/{submissionId}");
        Assert.Equal([visible], view["tests"]![0]!["figures"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Empty(view["tests"]![1]!["figures"]!.AsArray());

        var served = await student.Http.GetAsync(visible);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("image/png", served.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", served.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(s_png, await served.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await strangerStudent.Http.GetAsync(visible)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await strangerTeacher.Http.GetAsync(visible)).StatusCode);
        // A hidden test's output is not the student's to see, nor its picture.
        Assert.Equal(HttpStatusCode.NotFound, (await student.Http.GetAsync(hidden)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await teacher.Http.GetAsync(hidden)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _classroom.Admin.Http.GetAsync(hidden)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.Http.GetAsync($"/api/submissions/{submissionId}/tests/0/figures/1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await teacher.Http.GetAsync($"/api/submissions/{Guid.NewGuid()}/tests/0/figures/0")).StatusCode);
    }

    /// <summary>Graded as the worker stores it: a visible and a hidden test, each with one picture.</summary>
    private Task<Guid> GradedWithFiguresAsync(Guid assignmentId, Guid studentId) => api.WithDbAsync(async db =>
    {
        var assignment = await db.Assignments.SingleAsync(a => a.Id == assignmentId);
        var submission = new Submission
        {
            AssignmentId = assignmentId, StudentId = studentId, Language = ProgramLanguage.Python, FileName = "main.py",
            Content = "import matplotlib\n"u8.ToArray(), MaxScore = 10, SuiteId = assignment.SuiteId, SubmittedAt = DateTimeOffset.UtcNow,
        };
        SubmissionTestResult Test(int index, TestVisibility visibility) => new()
        {
            SubmissionId = submission.Id, Index = index, Name = $"t{index}", Verdict = Verdict.Passed, Points = 5, MaxPoints = 5,
            Visibility = visibility, Stdout = "", FigureCount = 1,
            Figures = [new SubmissionFigure { SubmissionId = submission.Id, TestIndex = index, Number = 0, Name = "chart.png", Png = s_png }],
        };
        submission.RecordGrade([Test(0, TestVisibility.Visible), Test(1, TestVisibility.Hidden)], score: 10, Verdict.Passed,
            profileJson: null, containerReadyAt: null, testsFinishedAt: DateTimeOffset.UtcNow, failureReason: null, now: DateTimeOffset.UtcNow);
        db.Submissions.Add(submission);
        await db.SaveChangesAsync();
        return submission.Id;
    });
}
