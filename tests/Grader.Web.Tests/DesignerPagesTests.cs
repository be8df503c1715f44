using System.IO.Compression;
using System.Text;
using Grader.Tests.Shared;
using Microsoft.Playwright;

namespace Grader.Web.Tests;

/// <summary>Issue 8: a designer uploads a suite whose reference solution is wrong and reads which test it failed.</summary>
[Collection(WebCollection.Name)]
public sealed class DesignerPagesTests(GraderStack stack, Chromium chromium)
{
    [Fact]
    public async Task A_designer_uploads_a_suite_and_sees_the_test_its_reference_fails()
    {
        var tag = WebTestData.Tag();
        await WebTestData.CreateUserAsync(stack.Admin, $"designer-{tag}", "박설계", "designer");
        var zip = SuiteZip($"""
            slug: double-{tag}
            title: 두 배로 만들기
            languages: [python]
            reference: {"{"}language: python, file: solution.py{"}"}
            tests:
              - name: small
                points: 5
                visibility: visible
                stdin: "21\n"
                expectedStdout: "42\n"
              - name: large
                points: 5
                visibility: hidden
                stdin: "500\n"
                expectedStdout: "1000\n"
            """,
            // The designer's slip: big numbers come back unchanged.
            "n = int(input())\nprint(n * 2 if n < 100 else n)\n");

        var page = await chromium.NewPageAsync(stack.Api.BaseAddress);
        await WebTestData.SignInAsync(page, $"designer-{tag}");
        Assert.EndsWith("/designer", page.Url);
        await page.GetByLabel("테스트 묶음 파일").SetInputFilesAsync(new FilePayload
        {
            Name = "double.zip", MimeType = "application/zip", Buffer = zip,
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "올리기", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/designer/suites/**");

        // The report section refreshes itself from pending to failed.
        await page.Locator("#validation[data-status='Failed']").WaitForAsync(new() { Timeout = 90_000 });
        var failing = page.Locator("#failures tbody tr");
        Assert.Equal(1, await failing.CountAsync());
        Assert.Equal("large", await failing.First.GetAttributeAsync("data-test"));
        var row = await failing.First.InnerTextAsync();
        Assert.Contains("틀린 답", row);
        Assert.Contains("500", row); // what the reference printed
        await Chromium.ScreenshotAsync(page, "designer-suite-report");

        // The list shows the version as failed, used by no assignment.
        await page.GetByRole(AriaRole.Link, new() { Name = "테스트 묶음 목록" }).ClickAsync();
        var listed = page.Locator("tr", new() { HasText = $"double-{tag}" });
        Assert.Contains("실패", await listed.InnerTextAsync());
        await Chromium.ScreenshotAsync(page, "designer-suites");
    }

    /// <summary>
    /// Issue 18: a designer writes a suite on the page. A slip in a field is refused beside it with nothing stored; the
    /// saved suite's reference fails a test, the designer edits it into a second version, and that one passes. The
    /// designer then tries it as a student: the student's page of it, a program graded on the normal result page, in
    /// no course. Another designer's suite and trial page are not found, nor is the trial's result for a teacher.
    /// </summary>
    [Fact]
    public async Task A_designer_writes_a_suite_on_the_page_sees_its_reference_fail_and_pass_and_tries_it_as_a_student()
    {
        var tag = WebTestData.Tag();
        var (_, designer) = await WebTestData.CreateUserAsync(stack.Admin, $"designer-{tag}", "박설계", "designer");
        var (_, other) = await WebTestData.CreateUserAsync(stack.Admin, $"other-{tag}", "최설계", "designer");
        await WebTestData.CreateUserAsync(stack.Admin, $"teacher-{tag}", "김선생", "teacher");
        var othersSuite = await other.CreateSuiteAsync(WebTestData.DoublingSuite($"others-{tag}"));
        var slug = $"triple-{tag}";

        var page = await chromium.NewPageAsync(stack.Api.BaseAddress);
        await WebTestData.SignInAsync(page, $"designer-{tag}");
        await page.GetByRole(AriaRole.Link, new() { Name = "새 테스트 묶음 쓰기" }).ClickAsync();
        await page.Locator("#Form_Slug").FillAsync(slug);
        await page.Locator("#Form_Title").FillAsync("세 배로 만들기");
        await page.Locator("#Form_Statement").FillAsync("수 하나를 읽고 **세 배**를 출력하세요.");
        await page.Locator("#Form_ReferenceLanguage").SelectOptionAsync("python");
        // The designer's slip: big numbers come back doubled.
        await page.Locator("#Form_ReferenceSource").FillAsync("n = int(input())\nprint(n * 3 if n < 100 else n * 2)\n");
        await FillTestAsync(page, 0, "small", "삼", "visible", "7\n", "21\n");

        // Text where points belong: refused beside the field, the page keeps what was typed, nothing stored.
        await page.GetByRole(AriaRole.Button, new() { Name = "저장", Exact = true }).ClickAsync();
        var pointsError = page.Locator("[data-for='tests[0].points']");
        await pointsError.WaitForAsync();
        Assert.Contains("/designer/suites/new", page.Url);
        Assert.Equal("세 배로 만들기", await page.Locator("#Form_Title").InputValueAsync());
        Assert.Empty((await designer.GetOkAsync($"/api/suites?slug={slug}")).AsArray());
        await Chromium.ScreenshotAsync(page, "designer-editor-refused");

        await page.Locator("#Form_Tests_0__Points").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "테스트 추가" }).ClickAsync();
        await FillTestAsync(page, 1, "large", "7", "hidden", "500\n", "1500\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "저장", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/new"));
        await page.Locator("#validation[data-status='Failed']").WaitForAsync(new() { Timeout = 90_000 });
        Assert.Equal("large", await page.Locator("#failures tbody tr").First.GetAttributeAsync("data-test"));
        Assert.Contains("1000", await page.Locator("#failures").InnerTextAsync()); // what the reference printed

        // Editing fills the form from the stored version; saving makes version 2, which passes.
        await page.GetByRole(AriaRole.Link, new() { Name = "고쳐서 새 버전 만들기" }).ClickAsync();
        Assert.Equal("1500\n", await page.Locator("#Form_Tests_1__ExpectedStdout").InputValueAsync());
        await page.Locator("#Form_ReferenceSource").FillAsync("print(int(input()) * 3)\n");
        await Chromium.ScreenshotAsync(page, "designer-editor");
        await page.GetByRole(AriaRole.Button, new() { Name = "저장", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/edit"));
        await page.Locator("#validation[data-status='Passed']").WaitForAsync(new() { Timeout = 90_000 });
        Assert.Contains("버전 2", await page.Locator("h1").InnerTextAsync());
        var versions = (await designer.GetOkAsync($"/api/suites?slug={slug}")).AsArray();
        Assert.Equal(2, versions.Count);
        Assert.Equal(["passed", "failed"], versions.Select(v => v!["validation"]!["status"]!.GetValue<string>()));
        await Chromium.ScreenshotAsync(page, "designer-suite-passed");

        // Try it as a student: what a student reads (statement, the visible test as an example, languages), then a
        // program written in the editor, graded on the result page.
        await page.GetByRole(AriaRole.Link, new() { Name = "학생으로 해 보기" }).ClickAsync();
        await page.WaitForURLAsync("**/try");
        Assert.Contains("세 배", await page.Locator("#statement").InnerTextAsync());
        Assert.Contains("21", await page.Locator("figure[data-example='small']").InnerTextAsync());
        Assert.Equal(0, await page.Locator("figure[data-example='large']").CountAsync());
        Assert.Contains("Python", await page.Locator("dl.facts").InnerTextAsync());
        await Chromium.ScreenshotAsync(page, "designer-trial");
        await page.Locator(".cm-content").ClickAsync();
        await page.Keyboard.InsertTextAsync("print(int(input()) * 3)\n");
        await page.GetByRole(AriaRole.Button, new() { Name = "코드 제출" }).ClickAsync();
        await page.WaitForURLAsync("**/submissions/**");
        var resultUrl = page.Url;
        await page.Locator("#result[data-status='graded']").WaitForAsync(new() { Timeout = 90_000 });
        Assert.Contains("통과", await page.Locator("#result dl").InnerTextAsync());
        Assert.Contains("10 / 10", await page.Locator("#result dl").InnerTextAsync());
        foreach (var test in new[] { "small", "large" })
            Assert.Equal("passed", await page.Locator($"li[data-test='{test}']").GetAttributeAsync("data-verdict"));
        await Chromium.ScreenshotAsync(page, "designer-trial-result");
        await page.GetByRole(AriaRole.Link, new() { Name = "학생으로 해 보기로 돌아가기" }).ClickAsync();
        Assert.Equal(1, await page.Locator("table tbody tr").CountAsync());
        var trialUrl = page.Url;

        // Another designer's suite: not found, to read, to edit or to try.
        foreach (var path in new[] { $"/designer/suites/{othersSuite}", $"/designer/suites/{othersSuite}/edit", $"/designer/suites/{othersSuite}/try" })
            Assert.Equal(404, (await page.GotoAsync(path))!.Status);
        await page.GotoAsync("/designer");
        Assert.Equal(0, await page.Locator("tr", new() { HasText = $"others-{tag}" }).CountAsync());

        // A teacher finds neither the trial page nor its result.
        var teacher = await chromium.NewPageAsync(stack.Api.BaseAddress);
        await WebTestData.SignInAsync(teacher, $"teacher-{tag}");
        foreach (var path in new[] { trialUrl, resultUrl })
            Assert.Equal(404, (await teacher.GotoAsync(path))!.Status);
    }

    private static async Task FillTestAsync(IPage page, int row, string name, string points, string visibility, string stdin, string expected)
    {
        var prefix = $"#Form_Tests_{row}__";
        await page.Locator(prefix + "Name").FillAsync(name);
        await page.Locator(prefix + "Points").FillAsync(points);
        await page.Locator(prefix + "Visibility").SelectOptionAsync(visibility);
        await page.Locator(prefix + "Stdin").FillAsync(stdin);
        await page.Locator(prefix + "ExpectedStdout").FillAsync(expected);
    }

    private static byte[] SuiteZip(string manifest, string solution)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create))
        {
            foreach (var (name, text) in new[] { ("suite.yaml", manifest), ("solution.py", solution) })
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Encoding.UTF8.GetBytes(text));
            }
        }
        return buffer.ToArray();
    }
}
