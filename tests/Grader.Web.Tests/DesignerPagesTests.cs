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
