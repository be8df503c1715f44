using System.Net;
using Grader.Api.Tests.Pages;
using Grader.Core.Domain;
using Grader.Grading;
using Grader.Grading.Suites;
using Grader.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using static Grader.Grading.Tests.Suites.SuiteUploads;

namespace Grader.Api.Tests.Suites;

/// <summary>
/// Issue 17: the statement a student reads, its pictures and examples, and a failed test's hint; never a hidden
/// test's data.
/// </summary>
public sealed class StatementTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Password = "bada-2026!";
    private static readonly byte[] s_png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    private readonly Classroom _classroom = new(api);

    private static string Manifest(string slug) => $$"""
        slug: {{slug}}
        title: 두 수의 합
        languages: [python]
        tests:
          - {name: 예시, points: 2, visibility: visible, stdinFile: small.in, expectedStdout: "3\n"}
          - {name: 숨은 테스트, points: 3, visibility: hidden, stdin: "40 2\n", expectedStdout: "42\n", hint: 큰 수도 더해 보세요.}
          - {name: 마감 뒤, points: 1, visibility: after_due, stdin: "7 8\n", expectedStdout: "15\n"}
        """;

    [Fact]
    public async Task A_student_reads_the_statement_its_picture_and_only_the_visible_example()
    {
        var (_, designer) = await _classroom.UserAsync("designer");
        var slug = "sum-" + Guid.NewGuid().ToString("N")[..8];
        var (status, suite) = await designer.UploadSuiteZipAsync(Zip(("suite.yaml", Utf8(Manifest(slug))), ("small.in", Utf8("1 2\n")),
            ("statement.md", Utf8("# 두 수의 합\n\n두 수를 더해요. <script>alert(1)</script>\n\n![더하기](plus.png)\n")), ("plus.png", s_png)));
        Assert.Equal(HttpStatusCode.Created, status);
        var suiteId = suite["id"]!.GetValue<Guid>();
        var (assignmentId, student, _) = await AssignmentAsync(suiteId);

        var assignment = await student.GetOkAsync($"/api/assignments/{assignmentId}");
        var html = assignment["statement"]!.GetValue<string>();
        Assert.Contains("<h1>두 수의 합</h1>", html);
        Assert.DoesNotContain("<script", html);
        var imageUrl = $"/suites/{suiteId}/images/plus.png";
        Assert.Contains($"<img src=\"{imageUrl}\" alt=\"더하기\">", html);
        var example = Assert.Single(assignment["examples"]!.AsArray())!;
        Assert.Equal(("예시", "1 2\n", "3\n"),
            (example["name"]!.GetValue<string>(), example["input"]!.GetValue<string>(), example["expectedOutput"]!.GetValue<string>()));
        var text = assignment.ToJsonString();
        Assert.DoesNotContain("40 2", text);
        Assert.DoesNotContain("7 8", text);

        var image = await student.Http.GetAsync(imageUrl);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal("nosniff", image.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal(s_png, await image.Content.ReadAsByteArrayAsync());

        // Another course's student, and a file of the suite that is not a statement picture, are not found.
        var (_, stranger, _) = await AssignmentAsync(await _classroom.SuiteAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Http.GetAsync(imageUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await student.Http.GetAsync($"/suites/{suiteId}/images/small.in")).StatusCode);
    }

    [Fact]
    public async Task The_page_cookie_fetches_a_picture_for_the_signed_in_student()
    {
        var (_, designer) = await _classroom.UserAsync("designer");
        var (_, suite) = await designer.UploadSuiteZipAsync(Zip(("suite.yaml", Utf8(Manifest("pic-" + Guid.NewGuid().ToString("N")[..8]))),
            ("small.in", Utf8("1 2\n")), ("statement.md", Utf8("![](plus.png)")), ("plus.png", s_png)));
        var suiteId = suite["id"]!.GetValue<Guid>();
        var (assignmentId, _, browser) = await AssignmentAsync(suiteId);

        var page = await (await browser.GetAsync($"/student/assignments/{assignmentId}")).Content.ReadAsStringAsync();
        Assert.Contains($"/suites/{suiteId}/images/plus.png", page);
        var image = await browser.GetAsync($"/suites/{suiteId}/images/plus.png");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("![](plus.svg)", "statement_image_type")]
    [InlineData("![](nowhere.png)", "statement_image_missing")]
    [InlineData("![](http://example.org/plus.png)", "statement_image_outside")]
    [InlineData("더해요\0", "unstorable_text")]
    public async Task A_bad_statement_is_refused_with_422_and_nothing_is_stored(string statement, string code)
    {
        var (_, designer) = await _classroom.UserAsync("designer");
        var slug = "bad-" + Guid.NewGuid().ToString("N")[..8];
        var (status, problem) = await designer.UploadSuiteZipAsync(Zip(("suite.yaml", Utf8(Manifest(slug))), ("small.in", Utf8("1 2\n")),
            ("statement.md", Utf8(statement)), ("plus.svg", Utf8("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"))));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        var messages = problem["errors"]!["statement.md"]!.AsArray().Select(m => m!.GetValue<string>()).ToList();
        Assert.Contains(messages, m => m.Contains(code switch
        {
            "statement_image_type" => "PNG, JPEG, GIF, WebP",
            "statement_image_missing" => "그림이 zip에 없습니다",
            "statement_image_outside" => "zip 안의 파일",
            _ => "NUL",
        }));
        Assert.False(await api.WithDbAsync(db => db.Suites.AnyAsync(s => s.Slug == slug)));
    }

    [Fact]
    public async Task A_failed_hidden_test_shows_its_hint_and_nothing_else_of_the_test()
    {
        var (_, designer) = await _classroom.UserAsync("designer");
        var (_, suite) = await designer.UploadSuiteZipAsync(Zip(("suite.yaml", Utf8(Manifest("hint-" + Guid.NewGuid().ToString("N")[..8]))),
            ("small.in", Utf8("1 2\n"))));
        var (assignmentId, student, _) = await AssignmentAsync(suite["id"]!.GetValue<Guid>());
        var submissionId = await GradedWithHiddenFailureAsync(assignmentId);

        var view = await student.GetOkAsync($"/api/submissions/{submissionId}");
        var tests = view["tests"]!.AsArray();
        Assert.Null(tests[0]!["hint"]); // passed: no hint needed
        var hidden = tests[1]!;
        Assert.Equal("큰 수도 더해 보세요.", hidden["hint"]!.GetValue<string>());
        Assert.Null(hidden["stdout"]);
        Assert.Null(hidden["timeMs"]);
        Assert.Equal("출력이 정답과 달라요.", hidden["message"]!.GetValue<string>()); // the verdict, not the difference
        Assert.DoesNotContain("\"41", view.ToJsonString());
        Assert.DoesNotContain("\"42", hidden.ToJsonString());
    }

    /// <summary>A submission graded as a worker would store it: the visible test passed, the hidden one printed 41.</summary>
    private Task<Guid> GradedWithHiddenFailureAsync(Guid assignmentId) => api.WithDbAsync(async db =>
    {
        var assignment = await db.Assignments.SingleAsync(a => a.Id == assignmentId);
        var studentId = await db.CourseMembers.Where(m => m.CourseId == assignment.CourseId && m.Role == MemberRole.Student)
            .Select(m => m.UserId).SingleAsync();
        var submission = new Submission
        {
            AssignmentId = assignmentId, StudentId = studentId, Language = ProgramLanguage.Python, FileName = "main.py",
            Content = "a, b = map(int, input().split())\nprint(a + b - 1 if a > 9 else a + b)\n"u8.ToArray(),
            MaxScore = 6, SuiteId = assignment.SuiteId, SubmittedAt = DateTimeOffset.UtcNow,
        };
        submission.RecordGrade(
        [
            new SubmissionTestResult { Index = 0, Name = "예시", Verdict = Verdict.Passed, Points = 2, MaxPoints = 2, Visibility = TestVisibility.Visible, Stdout = "3\n" },
            new SubmissionTestResult
            {
                Index = 1, Name = "숨은 테스트", Verdict = Verdict.WrongAnswer, Points = 0, MaxPoints = 3, Visibility = TestVisibility.Hidden, Stdout = "41\n",
                MessageCode = "wrong_answer", MessageDetail = new TestFeedback(Line: 1, Expected: "42", Actual: "41", Kind: "line").ToJson(),
            },
        ], score: 2, Verdict.WrongAnswer, profileJson: null, containerReadyAt: null, testsFinishedAt: DateTimeOffset.UtcNow,
            failureReason: null, now: DateTimeOffset.UtcNow);
        db.Submissions.Add(submission);
        await db.SaveChangesAsync();
        return submission.Id;
    });

    /// <summary>An assignment on the suite in a new course, with one student signed in to the API and to the pages.</summary>
    private async Task<(Guid AssignmentId, GraderClient Student, HttpClient Browser)> AssignmentAsync(Guid suiteId)
    {
        var (_, teacher) = await _classroom.UserAsync("teacher");
        var login = $"s{Guid.NewGuid():N}"[..20];
        var created = await _classroom.Admin.PostOkAsync("/api/users", new { login, name = "김바다", role = "student", password = Password });
        var courseId = await Classroom.CreateAsync(teacher, "/api/courses", new { name = "정보", kind = "general" });
        await _classroom.Admin.PostOkAsync($"/api/courses/{courseId}/members", new { userId = created["id"]!.GetValue<Guid>() });
        var assignmentId = await Classroom.CreateAsync(teacher, $"/api/courses/{courseId}/assignments",
            new { title = "두 수의 합", suiteId, dueAt = DateTimeOffset.UtcNow.AddDays(7) });
        var browser = PageForms.Browser(api);
        Assert.Equal(HttpStatusCode.Redirect, (await PageForms.SignInAsync(browser, login, Password)).StatusCode);
        return (assignmentId, _classroom.Admin.As(created["token"]!.GetValue<string>()), browser);
    }
}
