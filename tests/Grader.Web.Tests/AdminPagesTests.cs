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

    /// <summary>
    /// Issue 18: an admin creates accounts from a CSV file: three lines make three accounts whose slips' passwords sign
    /// them in; a file with one bad line creates none and names the line beside the file field.
    /// </summary>
    [Fact]
    public async Task An_admin_creates_accounts_from_a_csv_and_a_file_with_one_bad_line_creates_none()
    {
        var tag = WebTestData.Tag();
        await WebTestData.CreateUserAsync(stack.Admin, $"admin-csv-{tag}", "관리자", "admin");
        var page = await chromium.NewPageAsync(stack.Api.BaseAddress);
        await WebTestData.SignInAsync(page, $"admin-csv-{tag}");
        await page.GotoAsync("/admin/users");

        await UploadAsync(page, $"good-{tag},좋은줄,teacher\nrole-{tag},역할틀림,principal\n");
        var lineError = page.Locator("#error-lines");
        await lineError.WaitForAsync();
        Assert.Contains("line 2: role", await lineError.InnerTextAsync());
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM users WHERE login IN ('good-' || @p, 'role-' || @p)", tag));
        await Chromium.ScreenshotAsync(page, "admin-accounts-csv-refused");

        await UploadAsync(page, $"아이디,이름,역할\nt1-{tag},김교사,teacher\nd1-{tag},박설계,designer\ns1-{tag},이학생,student\n");
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        var slips = page.Locator(".slip");
        Assert.Equal(3, await slips.CountAsync());
        await Chromium.ScreenshotAsync(page, "admin-accounts-csv-slips");
        var landings = new Dictionary<string, string> { ["t1"] = "/teacher", ["d1"] = "/designer", ["s1"] = "/student" };
        foreach (var (prefix, landing) in landings)
        {
            var password = await page.Locator($".slip[data-login='{prefix}-{tag}'] .slip-password").InnerTextAsync();
            var account = await chromium.NewPageAsync(stack.Api.BaseAddress);
            await WebTestData.SignInAsync(account, $"{prefix}-{tag}", password);
            Assert.EndsWith(landing, new Uri(account.Url).AbsolutePath);
        }
    }

    private static async Task UploadAsync(IPage page, string csv)
    {
        await page.GetByLabel("계정 파일").SetInputFilesAsync(new FilePayload
        {
            Name = "계정.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes(csv),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "파일 올리기" }).ClickAsync();
    }

    private async Task<long> CountAsync(string sql, string parameter) =>
        (long)(await WebTestData.ScalarAsync(stack.Database.ConnectionString, sql, parameter))!;
}
