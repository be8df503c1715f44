using System.Net;
using Grader.Tests.Shared;
using Microsoft.Playwright;

namespace Grader.Web.Tests;

/// <summary>
/// Issue 18: an admin creates a teacher on /admin/users and the password shown once signs that teacher in; a bad
/// login is refused beside its field with nothing stored; the queue page shows the queue; a teacher finds neither page.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class AdminPagesTests(GraderStack stack, Chromium chromium)
{
    [Fact]
    public async Task An_admin_creates_a_teacher_whose_shown_password_signs_them_in_and_a_teacher_gets_404()
    {
        var tag = WebTestData.Tag();
        await WebTestData.CreateUserAsync(stack.Admin, $"admin-{tag}", "관리자", "admin");
        var page = await chromium.NewPageAsync(stack.Api.BaseAddress);
        await WebTestData.SignInAsync(page, $"admin-{tag}");
        await page.GotoAsync("/admin/users");

        // A blank login: refused beside the field, and no account under the name typed.
        await page.GetByLabel("아이디", new() { Exact = true }).FillAsync("   ");
        await page.GetByLabel("이름", new() { Exact = true }).FillAsync($"빈아이디 {tag}");
        await page.GetByLabel("역할", new() { Exact = true }).SelectOptionAsync("teacher");
        await page.GetByRole(AriaRole.Button, new() { Name = "계정 만들기" }).ClickAsync();
        await page.Locator("#create ~ form [data-field='login']").WaitForAsync();
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM users WHERE name = @p", $"빈아이디 {tag}"));
        await Chromium.ScreenshotAsync(page, "admin-user-refused");

        await page.GetByLabel("아이디", new() { Exact = true }).FillAsync($"new-teacher-{tag}");
        await page.GetByLabel("이름", new() { Exact = true }).FillAsync("이선생");
        await page.GetByLabel("역할", new() { Exact = true }).SelectOptionAsync("teacher");
        await page.GetByRole(AriaRole.Button, new() { Name = "계정 만들기" }).ClickAsync();
        var slip = page.Locator($".slip[data-login='new-teacher-{tag}']");
        await slip.WaitForAsync();
        var password = await slip.Locator(".slip-password").InnerTextAsync();
        Assert.Matches("^[a-z2-9]{10}$", password);
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM users WHERE login = @p AND role = 'Teacher'", $"new-teacher-{tag}"));
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM users WHERE password_hash LIKE '%' || @p || '%'", password));
        await page.GotoAsync("/admin/users");
        Assert.DoesNotContain(password, await page.ContentAsync());

        await page.GotoAsync("/admin/queue");
        Assert.Equal(1, await page.Locator("tr[data-status='queued']").CountAsync());

        var teacher = await chromium.NewPageAsync(stack.Api.BaseAddress);
        await WebTestData.SignInAsync(teacher, $"new-teacher-{tag}", password);
        Assert.EndsWith("/teacher", teacher.Url);
        foreach (var path in new[] { "/admin/users", "/admin/queue" })
            Assert.Equal((int)HttpStatusCode.NotFound, (await teacher.GotoAsync(path))!.Status);

        var signedOut = await chromium.NewPageAsync(stack.Api.BaseAddress);
        await signedOut.GotoAsync("/admin/users");
        Assert.EndsWith("/signin", new Uri(signedOut.Url).AbsolutePath);
    }

    private async Task<long> CountAsync(string sql, string parameter) =>
        (long)(await WebTestData.ScalarAsync(stack.Database.ConnectionString, sql, parameter))!;
}
