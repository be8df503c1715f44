using System.Net;
using Grader.Tests.Shared;
using Microsoft.Playwright;

namespace Grader.Web.Tests;

/// <summary>
/// Issue 18: a teacher creates an assignment on the page from a validated suite (one that failed validation is not
/// offered), bad input is refused beside its field with nothing stored, then edits and closes it; another teacher gets 404.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class AssignmentFormTests(GraderStack stack, Chromium chromium)
{
    [Fact]
    public async Task A_teacher_creates_edits_and_closes_an_assignment_from_a_validated_suite()
    {
        var tag = WebTestData.Tag();
        var (_, courseId, _) = await WebTestData.CourseAsync(stack.Admin, tag, $"정보 {tag}", "general");
        // A second version whose reference failed: it must not be offered.
        var (_, designer) = await WebTestData.CreateUserAsync(stack.Admin, $"designer2-{tag}", "이설계", "designer");
        await designer.CreateSuiteAsync(WebTestData.DoublingSuite($"failed-{tag}"));
        await WebTestData.ScalarAsync(stack.Database.ConnectionString,
            "UPDATE suites SET validation_status = 'Failed' WHERE slug = @p", $"failed-{tag}");

        var page = await chromium.NewPageAsync(stack.Api.BaseAddress);
        await WebTestData.SignInAsync(page, $"teacher-{tag}");
        await page.GotoAsync($"/teacher/courses/{courseId}");
        await page.GetByRole(AriaRole.Link, new() { Name = "새 과제" }).ClickAsync();
        var offered = await page.Locator("#suiteId option").AllInnerTextsAsync();
        Assert.Contains(offered, o => o.Contains($"double-{tag} v1"));
        Assert.DoesNotContain(offered, o => o.Contains($"failed-{tag}"));

        // A negative penalty per day: refused beside the late-penalty fields, and no assignment row.
        var title = $"두 배 과제 {tag}";
        await page.GetByLabel("과제 제목", new() { Exact = true }).FillAsync(title);
        await page.GetByLabel("테스트 묶음과 버전").SelectOptionAsync(new SelectOptionValue { Label = offered.First(o => o.Contains($"double-{tag} v1")) });
        await page.GetByLabel("처리").SelectOptionAsync("penalty");
        await page.GetByLabel("하루 감점 (%)").FillAsync("-5");
        await page.GetByLabel("제출 횟수 제한 (비우면 없음)").FillAsync("3");
        await page.GetByRole(AriaRole.Button, new() { Name = "과제 만들기" }).ClickAsync();
        var lateError = page.Locator("fieldset [data-field='latePenalty']");
        await lateError.WaitForAsync();
        Assert.Contains("올바르지 않은 값", await lateError.InnerTextAsync());
        Assert.Equal(0L, await CountAsync("SELECT count(*) FROM assignments WHERE title = @p", title));
        await Chromium.ScreenshotAsync(page, "teacher-assignment-refused");

        await page.GetByLabel("하루 감점 (%)").FillAsync("10");
        await page.GetByRole(AriaRole.Button, new() { Name = "과제 만들기" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("saved=true"));
        Assert.Equal(1L, await CountAsync(
            "SELECT count(*) FROM assignments a JOIN suites s ON s.id = a.suite_id WHERE a.title = @p AND a.max_submissions = 3 "
            + $"AND s.slug = 'double-{tag}' AND a.closed_at IS NULL", title));
        var assignmentPath = new Uri(page.Url).AbsolutePath;
        Assert.Equal(2, await page.Locator("#assignment-links a").CountAsync());

        // Editing goes through the same rules: a cap of 0 is refused beside it and the stored cap stays 3.
        await page.GetByLabel("제출 횟수 제한 (비우면 없음)").FillAsync("0");
        await page.GetByRole(AriaRole.Button, new() { Name = "저장", Exact = true }).ClickAsync();
        await page.Locator("[data-field='maxSubmissions']").WaitForAsync();
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM assignments WHERE title = @p AND max_submissions = 3", title));
        await page.GetByLabel("과제 제목", new() { Exact = true }).FillAsync($"{title} 개정");
        await page.GetByLabel("제출 횟수 제한 (비우면 없음)").FillAsync("5");
        await page.GetByRole(AriaRole.Button, new() { Name = "저장", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM assignments WHERE title = @p AND max_submissions = 5", $"{title} 개정"));

        await page.GetByRole(AriaRole.Button, new() { Name = "과제 마감" }).ClickAsync();
        await page.Locator("#closed").WaitForAsync();
        await Chromium.ScreenshotAsync(page, "teacher-assignment-closed");
        Assert.Equal(1L, await CountAsync("SELECT count(*) FROM assignments WHERE title = @p AND closed_at IS NOT NULL", $"{title} 개정"));

        // Another teacher finds neither the assignment nor the course's new-assignment form.
        await WebTestData.CreateUserAsync(stack.Admin, $"stranger-{tag}", "남선생", "teacher");
        var stranger = await chromium.NewPageAsync(stack.Api.BaseAddress);
        await WebTestData.SignInAsync(stranger, $"stranger-{tag}");
        foreach (var path in new[] { assignmentPath, $"/teacher/courses/{courseId}/assignments/new" })
            Assert.Equal((int)HttpStatusCode.NotFound, (await stranger.GotoAsync(path))!.Status);
    }

    private async Task<long> CountAsync(string sql, string parameter) =>
        (long)(await WebTestData.ScalarAsync(stack.Database.ConnectionString, sql, parameter))!;
}
