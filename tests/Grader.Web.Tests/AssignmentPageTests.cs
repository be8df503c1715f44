using System.Net;
using Grader.Tests.Shared;
using Microsoft.Playwright;
using static Grader.Grading.Tests.Suites.SuiteUploads;

namespace Grader.Web.Tests;

/// <summary>
/// Issue 17: a child reads the statement and its example, writes Python in the editor or builds a Blockly program
/// by dragging blocks, and reads each test's result, a failed hidden test's hint and nothing else of it; a
/// statement that tries to run script runs nothing.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class AssignmentPageTests(GraderStack stack, Chromium chromium)
{
    private static readonly TimeSpan s_gradingTimeout = TimeSpan.FromSeconds(90);

    /// <summary>A 96×32 PNG (blue and orange with a plus): a real picture for the statement.</summary>
    private static readonly byte[] s_png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAGAAAAAgCAIAAABiouoDAAAAWUlEQVR42u3YMQ0AIAxFwe4IxAqCEIOrsjLC1pD7eQpu6NBofZZqjShVAAIECBAgQBflMUCAAAECBAgQoH+B8nGAAAEC5EgDAgQIECBAgAB52gMCBAgQoAJtNPaR07CAG44AAAAASUVORK5CYII=");

    private const string Statement = """
        # 두 수의 합

        두 수를 한 줄에 받아서 **합**을 출력하세요.

        ![더하기 그림](plus.png)
        """;

    private static string Manifest(string slug, string languages = "[python]") => $$"""
        slug: {{slug}}
        title: 두 수의 합
        languages: {{languages}}
        limits: {timeSeconds: 5, memoryMb: 256}
        tests:
          - {name: 작은 수, points: 2, visibility: visible, stdin: "1 2\n", expectedStdout: "3\n"}
          - {name: 큰 수, points: 3, visibility: hidden, stdin: "400 25\n", expectedStdout: "425\n", hint: 세 자리 수끼리도 더해 보세요.}
          - {name: 음수, points: 5, visibility: hidden, stdin: "-7 2\n", expectedStdout: "-5\n"}
        """;

    [Fact]
    public async Task A_student_reads_the_statement_writes_python_in_the_editor_and_sees_each_test_pass()
    {
        var (page, _) = await StudentOnAssignmentAsync(Zip(("suite.yaml", Utf8(Manifest($"sum-{WebTestData.Tag()}"))),
            ("statement.md", Utf8(Statement)), ("plus.png", s_png)));

        // The statement, its picture (loaded from the suite) and the visible test as an example; no hidden test's data.
        await page.GetByRole(AriaRole.Heading, new() { Name = "두 수의 합", Level = 1 }).Nth(0).WaitForAsync();
        var picture = page.Locator("#statement img[alt='더하기 그림']");
        Assert.True(await picture.EvaluateAsync<bool>("img => img.complete && img.naturalWidth === 96"));
        var example = await page.Locator("[data-example='작은 수']").InnerTextAsync();
        Assert.Contains("1 2", example);
        Assert.Contains("3", example);
        Assert.DoesNotContain("400 25", await page.Locator("main").InnerTextAsync());

        // Typed into CodeMirror (Python highlighting on), the form sends it.
        var editor = page.Locator(".cm-content[data-testid='python-editor']");
        await editor.ClickAsync();
        // Each test takes a second (sleep is wall time, not CPU), so the page can be seen filling in.
        await page.Keyboard.TypeAsync("# 두 수를 더해요\nimport time\ntime.sleep(1)\na, b = map(int, input().split())\nprint(a + b)\n");
        await Chromium.ScreenshotAsync(page, "student-statement-editor");
        // Python highlighting: the comment is a styled token of its own.
        Assert.Equal("# 두 수를 더해요", await page.Locator(".cm-line span").First.InnerTextAsync());
        // At 200 % zoom the tablet's 1024×768 is 512×384 CSS pixels: the page reflows, nothing scrolls sideways.
        await page.SetViewportSizeAsync(512, 384);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= 512"), "the page scrolls sideways at 200 %");
        await Chromium.ScreenshotAsync(page, "student-assignment-200-percent");
        await page.SetViewportSizeAsync(1024, 768);
        await page.GetByRole(AriaRole.Button, new() { Name = "코드 제출" }).ClickAsync();

        var verdicts = await WatchVerdictsAsync(page, "student-tests-arriving");
        await Chromium.ScreenshotAsync(page, "student-editor-result");
        // Green one by one: the page showed some tests passed while the others were still running.
        Assert.Contains(verdicts, v => v.Length is > 0 and < 3 && v.All(x => x == "passed"));
        Assert.Equal(["passed", "passed", "passed"], verdicts.Last());
        Assert.Contains("10 / 10", await page.Locator("#result dl").InnerTextAsync());
        Assert.Contains("통과했어요!", await page.Locator("li[data-test='작은 수']").InnerTextAsync());
    }

    [Fact]
    public async Task A_failed_hidden_test_shows_its_hint_and_nothing_else_of_the_test()
    {
        var (page, _) = await StudentOnAssignmentAsync(Zip(("suite.yaml", Utf8(Manifest($"hint-{WebTestData.Tag()}")))));

        await page.Locator(".cm-content").ClickAsync();
        // Right for small numbers only: the hidden "큰 수" fails.
        await page.Keyboard.TypeAsync("a, b = map(int, input().split())\nprint(a + b if a < 100 else a - b)\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "코드 제출" }).ClickAsync();
        await WatchVerdictsAsync(page);

        var hidden = page.Locator("li[data-test='큰 수']");
        Assert.Equal("wrong_answer", await hidden.GetAttributeAsync("data-verdict"));
        var text = await hidden.InnerTextAsync();
        Assert.Contains("힌트: 세 자리 수끼리도 더해 보세요.", text);
        foreach (var secret in new[] { "400", "25", "425", "375" }) Assert.DoesNotContain(secret, text);
        Assert.Equal(0, await hidden.Locator("details, pre").CountAsync());
        await Chromium.ScreenshotAsync(page, "student-hidden-hint");
    }

    [Fact]
    public async Task A_student_builds_a_blockly_program_by_dragging_blocks_and_it_is_graded()
    {
        var manifest = $$"""
            slug: hello-{{WebTestData.Tag()}}
            title: 인사하기
            languages: [blockly]
            statement: "'안녕'을 출력하는 블록 프로그램을 만드세요."
            tests:
              - {name: 인사, points: 1, visibility: visible, expectedStdout: "안녕\n"}
            """;
        var (page, _) = await StudentOnAssignmentAsync(Zip(("suite.yaml", Utf8(manifest))), title: "인사하기");

        // The toolbox's 글자 category, then the print block dragged from its flyout onto the workspace.
        await page.Locator("#blockly-workspace").ScrollIntoViewIfNeededAsync();
        await page.Locator(".blocklyToolboxCategory, .blocklyTreeRow").Filter(new() { HasText = "글자" }).First.ClickAsync();
        var print = page.Locator(".blocklyFlyout .blocklyDraggable").Filter(new() { HasText = "출력" }).First;
        var from = (await print.BoundingBoxAsync())!;
        var to = (await page.Locator("#blockly-workspace").BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(from.X + 8, from.Y + from.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(to.X + to.Width * 0.6f, to.Y + to.Height * 0.4f, new() { Steps = 12 });
        await page.Mouse.UpAsync();

        // Its text slot: click, type, Enter.
        await page.Locator("svg.blocklySvg .blocklyBlockCanvas .blocklyEditableField").First.ClickAsync();
        await page.Locator(".blocklyHtmlInput").FillAsync("안녕");
        await page.Keyboard.PressAsync("Enter");
        Assert.Contains("text_print", await page.Locator("#blocks").InputValueAsync());
        await Chromium.ScreenshotAsync(page, "student-blockly-workspace");
        await page.GetByRole(AriaRole.Button, new() { Name = "블록 제출" }).ClickAsync();

        var verdicts = await WatchVerdictsAsync(page);
        Assert.Equal(["passed"], verdicts.Last());
        Assert.Contains("블록리", await page.Locator("#result dl").InnerTextAsync());
        await Chromium.ScreenshotAsync(page, "student-blockly-result");
    }

    [Fact]
    public async Task A_statement_holding_script_or_an_onerror_picture_runs_nothing()
    {
        const string Hostile = """
            # 문제 <script>alert('script')</script>

            <script>alert('block')</script>

            <img src="nowhere.png" onerror="alert('onerror')">

            [눌러 보세요](javascript:alert('link'))

            ![그림](plus.png)
            """;
        var dialogs = new List<string>();
        var (page, response) = await StudentOnAssignmentAsync(
            Zip(("suite.yaml", Utf8(Manifest($"xss-{WebTestData.Tag()}"))), ("statement.md", Utf8(Hostile)), ("plus.png", s_png)),
            onPage: p => p.Dialog += (_, dialog) => { dialogs.Add(dialog.Message); _ = dialog.DismissAsync(); });

        // The javascript: link lost its address to the sanitiser: clicking it goes nowhere.
        await page.Locator("#statement").GetByText("눌러 보세요").ClickAsync();
        await page.WaitForTimeoutAsync(500);
        Assert.Null(await page.Locator("#statement a").Filter(new() { HasText = "눌러 보세요" }).GetAttributeAsync("href"));

        Assert.Empty(dialogs);
        Assert.Equal(0, await page.Locator("#statement script, #statement [onerror]").CountAsync());
        Assert.Contains("<script>alert('block')</script>", await page.Locator("#statement").InnerTextAsync()); // shown as text
        Assert.Contains("script-src 'self'", response.Headers["content-security-policy"]);
        await Chromium.ScreenshotAsync(page, "student-hostile-statement");
    }

    /// <summary>
    /// Records the tests' verdicts each time the result section changes until it is graded: the page fills each test
    /// in as it arrives. The last entry is the graded result.
    /// </summary>
    private async Task<List<string[]>> WatchVerdictsAsync(IPage page, string? partialScreenshot = null)
    {
        await page.WaitForURLAsync(url => url.Contains("/submissions/"));
        var seen = new List<string[]>();
        var deadline = DateTime.UtcNow + s_gradingTimeout;
        while (DateTime.UtcNow < deadline)
        {
            var status = await page.Locator("#result").GetAttributeAsync("data-status");
            var verdicts = (await page.Locator("#result li[data-test]").EvaluateAllAsync<string[]>(
                "items => items.map(i => i.dataset.verdict)")) ?? [];
            if (seen.Count == 0 || !seen[^1].SequenceEqual(verdicts))
            {
                seen.Add(verdicts);
                if (partialScreenshot is not null && status == "running" && verdicts.Length > 0)
                {
                    await Chromium.ScreenshotAsync(page, partialScreenshot);
                    partialScreenshot = null;
                }
            }
            if (status == "graded") return seen;
            await page.WaitForTimeoutAsync(100);
        }
        throw new TimeoutException($"not graded: {await page.Locator("main").InnerTextAsync()}\n{stack.Logs()}");
    }

    /// <summary>A designer uploads the zip, a teacher assigns it, and a signed-in student opens the assignment.</summary>
    private async Task<(IPage Page, IResponse Response)> StudentOnAssignmentAsync(byte[] suiteZip, string title = "두 수의 합",
        Action<IPage>? onPage = null)
    {
        var tag = WebTestData.Tag();
        var admin = stack.Admin;
        var (_, designer) = await WebTestData.CreateUserAsync(admin, $"designer-{tag}", "박설계", "designer");
        var (_, teacher) = await WebTestData.CreateUserAsync(admin, $"teacher-{tag}", "김선생", "teacher");
        var (status, suite) = await designer.UploadSuiteZipAsync(suiteZip);
        Assert.True(status == HttpStatusCode.Created, suite.ToJsonString());
        var course = await teacher.PostOkAsync("/api/courses", new { name = "AI 융합 3반", kind = "convergence" });
        var courseId = course["id"]!.GetValue<Guid>();
        await teacher.PostOkAsync($"/api/courses/{courseId}/assignments",
            new { title, suiteId = suite["id"]!.GetValue<Guid>(), dueAt = DateTimeOffset.UtcNow.AddDays(7) });
        var (studentId, _) = await WebTestData.CreateUserAsync(admin, $"student-{tag}", "이하늘", "student");
        await WebTestData.EnrolAsync(admin, courseId, studentId);

        var page = await chromium.NewPageAsync(stack.Api.BaseAddress);
        onPage?.Invoke(page);
        await WebTestData.SignInAsync(page, $"student-{tag}");
        var opened = await page.RunAndWaitForResponseAsync(() => page.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync(),
            response => response.Url.Contains("/student/assignments/"));
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        return (page, opened);
    }
}
