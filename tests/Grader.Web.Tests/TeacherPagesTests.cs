using Grader.Tests.Shared;
using Microsoft.Playwright;

namespace Grader.Web.Tests;

/// <summary>
/// Issue 8: a teacher signs in, reads the gradebook of a credit course with the right levels, enters attendance,
/// records a completed remedial course and downloads the CSV.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class TeacherPagesTests(GraderStack stack, Chromium chromium)
{
    [Fact]
    public async Task A_teacher_sees_levels_enters_attendance_and_remedial_work_and_downloads_the_csv()
    {
        var tag = WebTestData.Tag();
        var admin = stack.Admin;
        var (teacher, courseId, assignmentId) = await WebTestData.CourseAsync(admin, tag, "정보 (학점제)", "credit");

        // Full marks (A), only the visible 4 of 10 points (40 %: E), and nothing at all (I, remedial).
        var programs = new (string Login, string Name, string? Source)[]
        {
            ($"a-{tag}", "가온", "print(int(input()) * 2)\n"),
            ($"e-{tag}", "나래", "input()\nprint(42)\n"),
            ($"i-{tag}", "다솜", null),
        };
        var studentIds = new Dictionary<string, Guid>();
        foreach (var (login, name, source) in programs)
        {
            var (studentId, student) = await WebTestData.CreateUserAsync(admin, login, name, "student");
            await WebTestData.EnrolAsync(admin, courseId, studentId);
            studentIds[login] = studentId;
            if (source is null) continue;
            var submitted = await student.SubmitSourceAsync(assignmentId, source);
            await student.WaitGradedAsync(submitted["id"]!.GetValue<Guid>(), TimeSpan.FromSeconds(90));
        }

        var page = await chromium.NewPageAsync(stack.Api.BaseAddress);
        await WebTestData.SignInAsync(page, $"teacher-{tag}");
        Assert.EndsWith("/teacher", page.Url);
        await page.GetByRole(AriaRole.Link, new() { Name = "정보 (학점제)" }).ClickAsync();

        await AssertRowAsync(page, $"a-{tag}", "A", "completed");
        await AssertRowAsync(page, $"e-{tag}", "E", "completed");
        await AssertRowAsync(page, $"i-{tag}", "I", "remedial");

        // Attendance: 나래 came to 6 of 10 sessions, under two thirds.
        await page.GetByLabel("지금까지 수업한 날 수").FillAsync("10");
        await page.GetByLabel("가온").FillAsync("10");
        await page.GetByLabel("나래").FillAsync("6");
        await page.GetByLabel("다솜").FillAsync("9");
        await page.GetByRole(AriaRole.Button, new() { Name = "출석 저장" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        await AssertRowAsync(page, $"e-{tag}", "E", "attendance_short");

        // 다솜 completes the remedial instruction: level E and the credit.
        await page.Locator($"tr[data-student='i-{tag}'] a").ClickAsync();
        await page.GetByLabel("보충 지도 운영 시간").FillAsync("8");
        await page.GetByLabel("보충 지도 참여 시간").FillAsync("8");
        await page.GetByLabel("보충 지도 이수 완료").CheckAsync();
        await page.GetByLabel("서술형 평가", new() { Exact = true }).FillAsync("보충 지도에 성실히 참여하여 반복문을 익힘.");
        await page.GetByRole(AriaRole.Button, new() { Name = "저장", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        await Chromium.ScreenshotAsync(page, "teacher-student");

        // A forgotten password: the teacher sets a new one, a stranger teacher cannot, and 다솜 signs in with it.
        await page.GetByLabel("새 비밀번호 (6자 이상)").FillAsync("dasom-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "비밀번호 바꾸기" }).ClickAsync();
        // Its own notice: the record's "저장했습니다." is already on the page, and waiting on any status let 다솜 sign in first.
        await page.GetByRole(AriaRole.Status).Filter(new() { HasText = "비밀번호를 바꿨습니다" }).WaitForAsync();
        var (_, stranger) = await WebTestData.CreateUserAsync(admin, $"stranger-{tag}", "남선생", "teacher");
        var (strangerStatus, _, _) = await stranger.SendAsync(HttpMethod.Post, $"/api/users/{studentIds[$"i-{tag}"]}/password", new { password = "stolen-123" });
        Assert.Equal(System.Net.HttpStatusCode.NotFound, strangerStatus);
        var dasom = await chromium.NewPageAsync(stack.Api.BaseAddress);
        await WebTestData.SignInAsync(dasom, $"i-{tag}", "dasom-2026");
        Assert.EndsWith("/student", dasom.Url);
        await page.GetByRole(AriaRole.Link, new() { Name = "정보 (학점제) 성적표로" }).ClickAsync();
        await AssertRowAsync(page, $"i-{tag}", "E", "remedial_completed");
        await Chromium.ScreenshotAsync(page, "teacher-gradebook");

        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(AriaRole.Link, new() { Name = "CSV로 내려받기 (엑셀)" }).ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename);
        var csv = await File.ReadAllBytesAsync(await download.PathAsync());
        Assert.Equal([0xEF, 0xBB, 0xBF], csv[..3]); // the BOM Excel needs for Korean
        var lines = System.Text.Encoding.UTF8.GetString(csv[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("성취도", lines[0]);
        Assert.Contains(lines, l => l.Contains("가온") && l.Contains(",A,"));
        Assert.Contains(lines, l => l.Contains("다솜") && l.Contains("보충 지도 완료"));
    }

    private static async Task AssertRowAsync(IPage page, string login, string level, string status)
    {
        var row = page.Locator($"#gradebook tr[data-student='{login}']");
        Assert.Equal(level, await row.Locator("td[data-level]").GetAttributeAsync("data-level"));
        Assert.Equal(status, await row.Locator("[data-status]").GetAttributeAsync("data-status"));
    }
}
