using Grader.Tests.Shared;
using Microsoft.Playwright;

namespace Grader.Web.Tests;

/// <summary>Issue 8: a student signs in, hands in a Python file and a Scratch project, and watches both get graded.</summary>
[Collection(WebCollection.Name)]
public sealed class StudentPagesTests(GraderStack stack, Chromium chromium)
{
    private static readonly TimeSpan s_gradingTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_student_submits_python_and_scratch_and_sees_both_graded()
    {
        var tag = WebTestData.Tag();
        var admin = stack.Admin;
        var (_, courseId, _) = await WebTestData.CourseAsync(admin, tag, "AI 융합 1반", "convergence");
        var (studentId, _) = await WebTestData.CreateUserAsync(admin, $"student-{tag}", "이하늘", "student");
        await WebTestData.EnrolAsync(admin, courseId, studentId);

        var page = await chromium.NewPageAsync(stack.Api.BaseAddress);
        await WebTestData.SignInAsync(page, $"student-{tag}");
        Assert.EndsWith("/student", page.Url);
        await Chromium.ScreenshotAsync(page, "student-home");
        await page.GetByRole(AriaRole.Link, new() { Name = "두 배로 만들기" }).ClickAsync();

        // Python, from a file the student picks.
        await page.GetByLabel("파일 고르기").SetInputFilesAsync(new FilePayload
        {
            Name = "double.py", MimeType = "text/x-python", Buffer = "n = int(input('숫자를 입력하세요: '))\nprint(n * 2)\n"u8.ToArray(),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "파일 제출" }).ClickAsync();
        await WaitGradedAsync(page);
        await AssertResultAsync(page, "10 / 10", ("스물하나", "passed"), ("오십", "passed"));
        await Chromium.ScreenshotAsync(page, "student-python-result");

        // A Scratch project (.sb3) to the same assignment.
        await page.GetByRole(AriaRole.Link, new() { Name = "과제로 돌아가기" }).ClickAsync();
        // SCRATCH SUBMISSIONS: needs .sb3 intake (the block-program helper's work) in SubmissionIntake.
        await page.GetByLabel("파일 고르기").SetInputFilesAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "double.sb3"));
        await page.GetByRole(AriaRole.Button, new() { Name = "파일 제출" }).ClickAsync();
        await WaitGradedAsync(page);
        await AssertResultAsync(page, "10 / 10", ("스물하나", "passed"), ("오십", "passed"));
        Assert.Equal(1, await page.Locator("#profile").CountAsync()); // a block program's computational-thinking profile
        await Chromium.ScreenshotAsync(page, "student-scratch-result");

        // Python written in the editor that is wrong: the visible test names the first differing line, the hidden one shows no output.
        await page.GetByRole(AriaRole.Link, new() { Name = "과제로 돌아가기" }).ClickAsync();
        await page.Locator(".cm-content").ClickAsync();
        await page.Keyboard.InsertTextAsync("n = int(input())\nprint(n + 2)\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "코드 제출" }).ClickAsync();
        await WaitGradedAsync(page);
        await AssertResultAsync(page, "0 / 10", ("스물하나", "wrong_answer"), ("오십", "wrong_answer"));
        var visible = await page.Locator("li[data-test='스물하나']").InnerTextAsync();
        Assert.Contains("1번째 줄", visible);
        Assert.Contains("42", visible);
        Assert.Contains("23", visible);
        Assert.Equal(0, await page.Locator("li[data-test='오십'] details").CountAsync());
        Assert.DoesNotContain("100", await page.Locator("li[data-test='오십']").InnerTextAsync());

        // The assignment page lists all three submissions, newest first.
        await page.GetByRole(AriaRole.Link, new() { Name = "과제로 돌아가기" }).ClickAsync();
        var rows = page.Locator("table tbody tr");
        Assert.Equal(3, await rows.CountAsync());
        Assert.Contains("스크래치", await rows.Nth(1).InnerTextAsync());
        await Chromium.ScreenshotAsync(page, "student-assignment");

        // The English switch is remembered for the next pages; at 200 % zoom on a tablet the page still reflows.
        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "My submissions" }).WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "My assignments" }).ClickAsync();
        await page.GetByRole(AriaRole.Heading, new() { Name = "My assignments" }).WaitForAsync();
        await page.SetViewportSizeAsync(512, 768);
        await Chromium.ScreenshotAsync(page, "student-home-english-200-percent");
    }

    [Fact]
    public async Task The_same_form_sent_twice_makes_one_submission()
    {
        var tag = WebTestData.Tag();
        var (_, courseId, assignmentId) = await WebTestData.CourseAsync(stack.Admin, tag, "AI 융합 2반", "convergence");
        var (studentId, student) = await WebTestData.CreateUserAsync(stack.Admin, $"student-{tag}", "김바다", "student");
        await WebTestData.EnrolAsync(stack.Admin, courseId, studentId);
        var page = await chromium.NewPageAsync(stack.Api.BaseAddress);
        await WebTestData.SignInAsync(page, $"student-{tag}");
        await page.GetByRole(AriaRole.Link, new() { Name = "두 배로 만들기" }).ClickAsync();
        await page.Locator(".cm-content").ClickAsync();
        await page.Keyboard.InsertTextAsync("print(int(input()) * 2)\n");

        // What a double click or a reload that posts again sends: the form as shown, twice, with the page's cookie.
        var landedOn = await page.EvaluateAsync<string[]>("""
            async () => {
                const form = document.querySelector('form[enctype="multipart/form-data"]');
                const urls = [];
                for (let i = 0; i < 2; i++)
                    urls.push((await fetch(form.action, { method: 'POST', body: new FormData(form) })).url);
                return urls;
            }
            """);

        Assert.Contains("/submissions/", landedOn[0]);
        Assert.Equal(landedOn[0], landedOn[1]);
        var submissions = await student.GetOkAsync($"/api/assignments/{assignmentId}/submissions");
        Assert.Single(submissions.AsArray());

        // The form shown again carries a new key: the next press is a new submission.
        await page.ReloadAsync();
        await page.Locator(".cm-content").ClickAsync();
        await page.Keyboard.InsertTextAsync("print(int(input()) * 2)\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "코드 제출" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/submissions/") && url != landedOn[0]);
        Assert.Equal(2, (await student.GetOkAsync($"/api/assignments/{assignmentId}/submissions")).AsArray().Count);
    }

    [Fact]
    public async Task A_bar_chart_the_students_program_saves_appears_on_the_result_page()
    {
        var tag = WebTestData.Tag();
        var admin = stack.Admin;
        var (_, courseId, assignmentId) = await WebTestData.CourseAsync(admin, tag, "인공지능 기초", "general", new
        {
            slug = $"chart-{tag}",
            title = "막대그래프 그리기",
            languages = new[] { "python" },
            image = "python-data",
            limits = new { timeSeconds = 10, memoryMb = 512 },
            tests = new object[] { new { name = "그래프", points = 10, visibility = "visible", stdin = "", expectedStdout = "saved\n" } },
        });
        var (studentId, _) = await WebTestData.CreateUserAsync(admin, $"student-{tag}", "정다온", "student");
        await WebTestData.EnrolAsync(admin, courseId, studentId);
        var page = await chromium.NewPageAsync(stack.Api.BaseAddress);
        await WebTestData.SignInAsync(page, $"student-{tag}");

        await page.GotoAsync($"/student/assignments/{assignmentId}");
        await page.Locator(".cm-content").ClickAsync();
        await page.Keyboard.InsertTextAsync(
            "import matplotlib.pyplot as plt\nplt.bar(['A', 'B', 'C'], [3, 5, 2])\nplt.savefig('chart.png')\nprint('saved')\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "코드 제출" }).ClickAsync();
        await WaitGradedAsync(page);

        await AssertResultAsync(page, "10 / 10", ("그래프", "passed"));
        var figure = page.Locator("li[data-test='그래프'] img[data-figure='0']");
        Assert.Equal("'그래프' 테스트에서 프로그램이 저장한 그림 1", await figure.GetAttributeAsync("alt"));
        // Loaded and decoded by the browser through the page's own session: matplotlib's 640 pixels wide.
        await page.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await figure.ElementHandleAsync());
        Assert.Equal(640, await figure.EvaluateAsync<int>("img => img.naturalWidth"));
        await Chromium.ScreenshotAsync(page, "student-figure-result");
    }

    /// <summary>The result section replaces itself until grading ends; no reload by the test.</summary>
    private async Task WaitGradedAsync(IPage page)
    {
        await page.WaitForLoadStateAsync();
        if (!page.Url.Contains("/submissions/"))
            Assert.Fail($"not accepted: {await page.Locator("main").InnerTextAsync()}");
        try
        {
            await page.Locator("#result[data-status='graded']").WaitForAsync(new() { Timeout = (float)s_gradingTimeout.TotalMilliseconds });
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"not graded: {await page.Locator("main").InnerTextAsync()}\n{stack.Logs()}");
        }
    }

    private static async Task AssertResultAsync(IPage page, string score, params (string Test, string Verdict)[] tests)
    {
        Assert.Contains(score, await page.Locator("#result dl").InnerTextAsync());
        foreach (var (test, verdict) in tests)
            Assert.Equal(verdict, await page.Locator($"li[data-test='{test}']").GetAttributeAsync("data-verdict"));
    }
}
