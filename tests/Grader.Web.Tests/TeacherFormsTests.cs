using System.Net;
using System.Text;
using Grader.Tests.Shared;
using Microsoft.Playwright;

namespace Grader.Web.Tests;

/// <summary>
/// Issue 18: a teacher creates and edits a credit course on the page (bad input refused beside its field, nothing
/// stored), enrols a class of 30 from a roster CSV and reads their first passwords once, on printable slips.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class TeacherFormsTests(GraderStack stack, Chromium chromium)
{
    [Fact]
    public async Task A_teacher_creates_a_credit_course_enrols_a_roster_of_30_and_reads_the_slips_once()
    {
        var tag = WebTestData.Tag();
        await WebTestData.CreateUserAsync(stack.Admin, $"teacher-{tag}", "김선생", "teacher");
        var page = await chromium.NewPageAsync(stack.Api.BaseAddress);
        await WebTestData.SignInAsync(page, $"teacher-{tag}");
        await page.GetByRole(AriaRole.Link, new() { Name = "새 과목 만들기" }).ClickAsync();

        // A credit course's D must be above 40: refused beside the cut scores, and no course row.
        var name = $"정보 {tag}";
        await page.GetByLabel("과목 이름").FillAsync(name);
        await page.GetByLabel("과목 종류").SelectOptionAsync("credit");
        await page.GetByLabel("학점", new() { Exact = true }).FillAsync("3");
        await page.GetByLabel("과목 유형 (학점제 과목만)").SelectOptionAsync("common");
        await page.GetByLabel("D", new() { Exact = true }).FillAsync("30");
        await page.GetByRole(AriaRole.Button, new() { Name = "과목 만들기" }).ClickAsync();
        var cutsError = page.Locator("fieldset [data-field='cutScores']");
        await cutsError.WaitForAsync();
        Assert.Contains("D가 40보다", await cutsError.InnerTextAsync());
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM courses WHERE name = @p", name));
        await Chromium.ScreenshotAsync(page, "teacher-course-refused");

        await page.GetByLabel("D", new() { Exact = true }).FillAsync("50");
        await page.GetByRole(AriaRole.Button, new() { Name = "과목 만들기" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.EndsWith("/new"));
        await Chromium.ScreenshotAsync(page, "teacher-course-created");
        Assert.Equal(1, await CountAsync(
            "SELECT count(*) FROM courses WHERE name = @p AND kind = 'Credit' AND credits = 3 AND subject_type = 'Common'", name));
        var courseUrl = new Uri(page.Url).AbsolutePath;

        // Editing goes through the same rules: a blank name is refused beside it, and the school year stays.
        await page.GetByRole(AriaRole.Link, new() { Name = "과목 설정 바꾸기" }).ClickAsync();
        await page.GetByLabel("과목 이름").FillAsync(" ");
        await page.GetByLabel("학년도").FillAsync("2027");
        await page.GetByRole(AriaRole.Button, new() { Name = "저장", Exact = true }).ClickAsync();
        await page.Locator("[data-field='name']").WaitForAsync();
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM courses WHERE school_year = 2027 AND name = @p", name));
        await page.GetByLabel("과목 이름").FillAsync($"{name} 개정");
        await page.GetByLabel("학년도").FillAsync("2027");
        await page.GetByRole(AriaRole.Button, new() { Name = "저장", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("saved=true"));
        Assert.Equal(1, await CountAsync("SELECT count(*) FROM courses WHERE name = @p AND school_year = 2027", $"{name} 개정"));

        // A roster of 30 with a header, in the order the school's export gives.
        var roster = new StringBuilder("이름,학번,아이디\n");
        for (var i = 1; i <= 30; i++) roster.Append($"학생{i},{10100 + i},s{i}-{tag}\n");
        await page.GetByRole(AriaRole.Link, new() { Name = "학생 등록 (한 명 또는 명단 CSV)" }).ClickAsync();
        await page.GetByLabel("명단 파일").SetInputFilesAsync(new FilePayload
        {
            Name = "roster.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(roster.ToString()),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "명단 올리기" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        var slips = page.Locator(".slip");
        Assert.Equal(30, await slips.CountAsync());
        var password = await page.Locator($".slip[data-login='s7-{tag}'] .slip-password").InnerTextAsync();
        Assert.Matches("^[a-z2-9]{10}$", password);
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.GetByRole(AriaRole.Heading, new() { Name = $"{name} 개정 학생 등록" }).IsVisibleAsync());
        Assert.True(await slips.First.IsVisibleAsync());
        await Chromium.ScreenshotAsync(page, "teacher-roster-slips");
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        // Never shown again, nor stored in clear; the slip's password signs the student in.
        await page.GotoAsync(new Uri(page.Url).AbsolutePath);
        Assert.Equal(0, await slips.CountAsync());
        Assert.DoesNotContain(password, await page.ContentAsync());
        Assert.Equal(0, await CountAsync("SELECT count(*) FROM users WHERE password_hash LIKE '%' || @p || '%'", password));
        Assert.Equal(30, await CountAsync(
            "SELECT count(*) FROM course_members m JOIN users u ON u.id = m.user_id WHERE u.login LIKE 's%-' || @p AND m.role = 'Student'", tag));
        var student = await chromium.NewPageAsync(stack.Api.BaseAddress);
        await WebTestData.SignInAsync(student, $"s7-{tag}", password);
        Assert.EndsWith("/student", student.Url);

        // One more, typed in: a login in use by someone else is refused beside the field and nothing is stored.
        var (_, _) = await WebTestData.CreateUserAsync(stack.Admin, $"other-{tag}", "남학생", "student");
        await page.GetByLabel("학번").FillAsync("10131");
        await page.GetByLabel("아이디", new() { Exact = true }).FillAsync($"other-{tag}");
        await page.GetByLabel("이름", new() { Exact = true }).FillAsync("남학생");
        await page.GetByRole(AriaRole.Button, new() { Name = "등록", Exact = true }).ClickAsync();
        await page.Locator("#one ~ form [data-field='login']").WaitForAsync();
        await page.GetByLabel("아이디", new() { Exact = true }).FillAsync($"s31-{tag}");
        await page.GetByLabel("이름", new() { Exact = true }).FillAsync("학생31");
        await page.GetByRole(AriaRole.Button, new() { Name = "등록", Exact = true }).ClickAsync();
        await page.Locator($".slip[data-login='s31-{tag}']").WaitForAsync();
        Assert.Equal(31, await CountAsync(
            "SELECT count(*) FROM course_members m JOIN users u ON u.id = m.user_id WHERE u.login LIKE 's%-' || @p", tag));

        // Another teacher finds neither the course's settings nor its enrolment.
        await WebTestData.CreateUserAsync(stack.Admin, $"stranger-{tag}", "남선생", "teacher");
        var stranger = await chromium.NewPageAsync(stack.Api.BaseAddress);
        await WebTestData.SignInAsync(stranger, $"stranger-{tag}");
        foreach (var path in new[] { $"{courseUrl}/edit", $"{courseUrl}/enrol" })
            Assert.Equal((int)HttpStatusCode.NotFound, (await stranger.GotoAsync(path))!.Status);
    }

    private async Task<long> CountAsync(string sql, string parameter) =>
        (long)(await WebTestData.ScalarAsync(stack.Database.ConnectionString, sql, parameter))!;
}
