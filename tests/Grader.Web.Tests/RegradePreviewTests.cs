using System.Net;
using Grader.Tests.Shared;
using Microsoft.Playwright;

namespace Grader.Web.Tests;

/// <summary>
/// Issue 18: before moving an assignment to a new suite version, the teacher's preview lists whose score, rate and
/// level would change and by how much; cancelling leaves every stored row as it was, applying regrades.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class RegradePreviewTests(GraderStack stack, Chromium chromium)
{
    private static readonly TimeSpan s_gradingTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_teacher_previews_a_regrade_cancels_it_leaving_no_trace_then_applies_it()
    {
        var tag = WebTestData.Tag();
        var (_, courseId, assignmentId) = await WebTestData.CourseAsync(stack.Admin, tag, $"인공지능 기초 {tag}", "credit");
        var doubling = await SubmitGradedAsync(courseId, assignmentId, $"doubler-{tag}", "print(int(input()) * 2)\n");
        var constant = await SubmitGradedAsync(courseId, assignmentId, $"constant-{tag}", "print(42)\n");
        Assert.Equal(10m, doubling.Score);
        Assert.Equal(4m, constant.Score);

        // Version 2's hidden test asks 21 too: the program printing 42 gains the hidden 6 points, the doubler keeps 10.
        // (An admin uploads it: the slug is the first designer's, whose token the set-up did not keep.)
        await stack.Admin.CreateSuiteAsync(new
        {
            slug = $"double-{tag}", title = "두 배로 만들기", languages = new[] { "python" },
            tests = new object[]
            {
                new { name = "스물하나", points = 4, visibility = "visible", stdin = "21\n", expectedStdout = "42\n" },
                new { name = "다시 스물하나", points = 6, visibility = "hidden", stdin = "21\n", expectedStdout = "42\n" },
            },
        });

        var page = await chromium.NewPageAsync(stack.Api.BaseAddress);
        await WebTestData.SignInAsync(page, $"teacher-{tag}");
        await page.GotoAsync($"/teacher/assignments/{assignmentId}");
        var offered = await page.Locator("#regrade-version option").AllInnerTextsAsync();
        Assert.Equal([$"두 배로 만들기 (double-{tag} v2)"], offered);

        // A tampered form naming the version the assignment already uses: refused beside the picker, nothing stored.
        var v1 = (string)(await WebTestData.ScalarAsync(stack.Database.ConnectionString,
            "SELECT suite_id::text FROM assignments WHERE id = @p::uuid", assignmentId.ToString()))!;
        await page.Locator("#regrade-version option").EvaluateAsync("(option, id) => option.value = id", v1);
        await page.ClickAsync("#regrade-start");
        var refusal = page.Locator("[data-field='regradeSuiteId']");
        await refusal.WaitForAsync();
        Assert.Contains("이미 이 버전", await refusal.InnerTextAsync());
        Assert.Equal(0L, await PreviewsAsync(assignmentId));

        await PreviewAsync(page);
        await Chromium.ScreenshotAsync(page, "teacher-regrade-preview");
        var rows = page.Locator("#regrade-changes tbody tr");
        Assert.Equal(1, await rows.CountAsync());
        var gain = page.Locator($"#regrade-changes tr[data-student='constant-{tag}']");
        Assert.Equal("4", await gain.Locator("td[data-before]").GetAttributeAsync("data-before"));
        Assert.Equal("10", await gain.Locator("td[data-before]").GetAttributeAsync("data-after"));
        Assert.Contains("40% → 100%", await gain.InnerTextAsync());
        Assert.Contains("(+6)", await gain.InnerTextAsync());
        Assert.Equal(1L, await PreviewsAsync(assignmentId));

        var before = await StoredAsync(assignmentId);
        await page.ClickAsync("#regrade-cancel");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == $"/teacher/assignments/{assignmentId}");
        Assert.Equal(0L, await PreviewsAsync(assignmentId));
        Assert.Equal(0L, (long)(await WebTestData.ScalarAsync(stack.Database.ConnectionString,
            "SELECT count(*) FROM regrade_preview_runs r JOIN submissions s ON s.id = r.submission_id WHERE s.assignment_id = @p::uuid",
            assignmentId.ToString()))!);
        Assert.Equal(before, await StoredAsync(assignmentId));

        await PreviewAsync(page);
        await page.ClickAsync("#regrade-apply");
        await page.Locator("#regrading").WaitForAsync();
        Assert.Contains("2개", await page.Locator("#regrading").InnerTextAsync());
        Assert.Equal(10m, (await constant.Client.WaitGradedAsync(constant.Id, s_gradingTimeout))["score"]!.GetValue<decimal>());
        Assert.Equal(10m, (await doubling.Client.WaitGradedAsync(doubling.Id, s_gradingTimeout))["score"]!.GetValue<decimal>());
        await page.GotoAsync($"/teacher/courses/{courseId}");
        Assert.Contains("100%", await page.Locator($"tr[data-student='constant-{tag}']").InnerTextAsync());

        // Another teacher cannot open the assignment's previews.
        await WebTestData.CreateUserAsync(stack.Admin, $"stranger-{tag}", "남선생", "teacher");
        var stranger = await chromium.NewPageAsync(stack.Api.BaseAddress);
        await WebTestData.SignInAsync(stranger, $"stranger-{tag}");
        Assert.Equal((int)HttpStatusCode.NotFound,
            (await stranger.GotoAsync($"/teacher/assignments/{assignmentId}/regrade/{Guid.NewGuid()}"))!.Status);
    }

    private sealed record GradedSubmission(GraderClient Client, Guid Id, decimal Score);

    private async Task<GradedSubmission> SubmitGradedAsync(Guid courseId, Guid assignmentId, string login, string source)
    {
        var (studentId, student) = await WebTestData.CreateUserAsync(stack.Admin, login, login, "student");
        await WebTestData.EnrolAsync(stack.Admin, courseId, studentId);
        var id = (await student.SubmitSourceAsync(assignmentId, source))["id"]!.GetValue<Guid>();
        var graded = await student.WaitGradedAsync(id, s_gradingTimeout);
        return new GradedSubmission(student, id, graded["score"]!.GetValue<decimal>());
    }

    /// <summary>Starts a preview of the offered version and waits until the page shows what it would change.</summary>
    private static async Task PreviewAsync(IPage page)
    {
        await page.Locator("#regrade-version").SelectOptionAsync(new SelectOptionValue { Index = 0 });
        await page.ClickAsync("#regrade-start");
        await page.WaitForURLAsync(url => url.Contains("/regrade/"));
        await page.Locator("#regrade-progress[data-done='true']").WaitForAsync(new() { Timeout = (float)s_gradingTimeout.TotalMilliseconds });
    }

    private async Task<long> PreviewsAsync(Guid assignmentId) => (long)(await WebTestData.ScalarAsync(stack.Database.ConnectionString,
        "SELECT count(*) FROM regrade_previews WHERE assignment_id = @p::uuid", assignmentId.ToString()))!;

    /// <summary>Every submission's stored grade and the assignment's version, as one text to compare.</summary>
    private async Task<string> StoredAsync(Guid assignmentId) => (string)(await WebTestData.ScalarAsync(stack.Database.ConnectionString,
        "SELECT (SELECT suite_id::text FROM assignments WHERE id = @p::uuid) || ':' || string_agg(id::text || '=' || score::text || '@' || graded_at::text || '/' || status, ',' ORDER BY id) "
        + "FROM submissions WHERE assignment_id = @p::uuid", assignmentId.ToString()))!;
}
