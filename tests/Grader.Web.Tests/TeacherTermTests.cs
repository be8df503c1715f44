using System.IO.Compression;
using System.Text;
using Grader.Tests.Shared;
using Microsoft.Playwright;

namespace Grader.Web.Tests;

/// <summary>
/// Issue 18's term from nothing, in one story on the pages: a teacher signs in, creates a credit course, enrols a
/// roster of 30, creates an assignment from a suite whose reference validated; students sign in with their slips and
/// submit; the teacher reads the class overview and the similarity report (the planted copy found, two honest
/// solutions not paired), previews and applies a regrade to the suite's next version, and downloads CSV and xlsx.
/// The steps' details (refusals, printing, strangers) are the other page tests'; this one shows they chain.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class TeacherTermTests(GraderStack stack, Chromium chromium)
{
    private static readonly TimeSpan s_gradingTimeout = TimeSpan.FromSeconds(90);

    private const string Honest = "def double(value):\n    result = 0\n    for _ in range(2):\n        result += value\n    return result\n\n\nnumber = int(input())\nprint(double(number))\n";
    // Honest with every name changed and a line of dead code: the planted copy.
    private const string Copied = "def dubeul(su):\n    hap = 0\n    for _ in range(2):\n        hap += su\n    return hap\n\nn = int(input())\nunused = 0\nprint(dubeul(n))\n";
    private const string OtherHonest = "import sys\ntext = sys.stdin.readline().strip()\ndigits = int(text)\nanswer = digits * 2\nif answer >= 0:\n    print(answer)\nelse:\n    print(str(answer))\n";
    // Right on the visible test only (21 → 42), wrong on the hidden one until version 2 asks 21 again.
    private const string Constant = "input()\nprint(42)\n";

    [Fact]
    public async Task A_teacher_runs_a_credit_course_term_from_nothing_in_the_browser()
    {
        var tag = WebTestData.Tag();
        var slug = $"term-{tag}";
        await WebTestData.CreateUserAsync(stack.Admin, $"teacher-{tag}", "김선생", "teacher");
        var (_, designer) = await WebTestData.CreateUserAsync(stack.Admin, $"designer-{tag}", "박설계", "designer");
        var v1 = await UploadValidatedAsync(designer, slug, hiddenStdin: "50", hiddenExpected: "100");

        var page = await chromium.NewPageAsync(stack.Api.BaseAddress);
        await WebTestData.SignInAsync(page, $"teacher-{tag}");
        await page.GetByRole(AriaRole.Link, new() { Name = "새 과목 만들기" }).ClickAsync();
        var courseName = $"인공지능 수학 {tag}";
        await page.GetByLabel("과목 이름").FillAsync(courseName);
        await page.GetByLabel("과목 종류").SelectOptionAsync("credit");
        await page.GetByLabel("학점", new() { Exact = true }).FillAsync("2");
        await page.GetByLabel("과목 유형 (학점제 과목만)").SelectOptionAsync("common");
        await page.GetByRole(AriaRole.Button, new() { Name = "과목 만들기" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.EndsWith("/new"));
        var courseUrl = new Uri(page.Url).AbsolutePath;

        var roster = new StringBuilder("이름,학번,아이디\n");
        for (var i = 1; i <= 30; i++) roster.Append($"학생{i},{20100 + i},s{i}-{tag}\n");
        await page.GetByRole(AriaRole.Link, new() { Name = "학생 등록 (한 명 또는 명단 CSV)" }).ClickAsync();
        await page.GetByLabel("명단 파일").SetInputFilesAsync(new FilePayload
        {
            Name = "roster.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(roster.ToString()),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "명단 올리기" }).ClickAsync();
        await page.GetByRole(AriaRole.Status).WaitForAsync();
        Assert.Equal(30, await page.Locator(".slip").CountAsync());
        var programs = new (int Student, string Source)[] { (1, Honest), (2, Copied), (3, OtherHonest), (4, Constant) };
        var passwords = new Dictionary<int, string>();
        foreach (var (student, _) in programs)
            passwords[student] = await page.Locator($".slip[data-login='s{student}-{tag}'] .slip-password").InnerTextAsync();

        await page.GotoAsync(courseUrl);
        await page.GetByRole(AriaRole.Link, new() { Name = "새 과제" }).ClickAsync();
        await page.GetByLabel("과제 제목", new() { Exact = true }).FillAsync("두 배로 만들기");
        await page.GetByLabel("테스트 묶음과 버전").SelectOptionAsync(v1.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "과제 만들기" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("saved=true"));
        var assignmentPath = new Uri(page.Url).AbsolutePath;

        foreach (var (student, source) in programs)
        {
            var child = await chromium.NewPageAsync(stack.Api.BaseAddress);
            await WebTestData.SignInAsync(child, $"s{student}-{tag}", passwords[student]);
            await child.GetByRole(AriaRole.Link, new() { Name = "두 배로 만들기" }).ClickAsync();
            await child.Locator(".cm-content").ClickAsync();
            await child.Keyboard.InsertTextAsync(source);
            await child.GetByRole(AriaRole.Button, new() { Name = "코드 제출" }).ClickAsync();
            await child.Locator("#result[data-status='graded']").WaitForAsync(new() { Timeout = (float)s_gradingTimeout.TotalMilliseconds });
            await child.CloseAsync();
        }

        await page.GotoAsync(assignmentPath);
        await page.Locator("#assignment-links").GetByRole(AriaRole.Link, new() { Name = "반 전체 결과" }).ClickAsync();
        Assert.Equal("passed", await CellAsync(page, $"s1-{tag}", "오십"));
        Assert.Equal("wrong_answer", await CellAsync(page, $"s4-{tag}", "오십"));
        Assert.Equal("passed", await CellAsync(page, $"s4-{tag}", "스물하나"));
        Assert.Equal(30, await page.Locator("#overview tbody tr").CountAsync());
        await Chromium.ScreenshotAsync(page, "term-overview");

        await page.GetByRole(AriaRole.Link, new() { Name = "비슷한 제출" }).ClickAsync();
        await Assertions.Expect(page.Locator(
            $"#pairs tr[data-pair='s1-{tag} s2-{tag}'], #pairs tr[data-pair='s2-{tag} s1-{tag}']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(
            $"#pairs tr[data-pair='s1-{tag} s3-{tag}'], #pairs tr[data-pair='s3-{tag} s1-{tag}']")).ToHaveCountAsync(0);

        // Version 2 asks 21 in its hidden test too: only the constant program's score moves, 4 → 10.
        await UploadValidatedAsync(designer, slug, hiddenStdin: "21", hiddenExpected: "42");
        await page.GotoAsync(assignmentPath);
        await page.ClickAsync("#regrade-start");
        await page.Locator("#regrade-progress[data-done='true']").WaitForAsync(new() { Timeout = (float)s_gradingTimeout.TotalMilliseconds });
        var changes = page.Locator("#regrade-changes tbody tr");
        Assert.Equal(1, await changes.CountAsync());
        Assert.Equal("10", await page.Locator($"#regrade-changes tr[data-student='s4-{tag}'] td[data-after]").GetAttributeAsync("data-after"));
        await page.ClickAsync("#regrade-apply");
        await page.Locator("#regrading").WaitForAsync();
        await WaitRegradedAsync(assignmentPath.Split('/')[^1]);

        await page.GotoAsync(courseUrl);
        Assert.Contains("100%", await page.Locator($"#gradebook tr[data-student='s4-{tag}']").InnerTextAsync());
        var csv = await DownloadAsync(page, "CSV로 내려받기 (엑셀)");
        var lines = Encoding.UTF8.GetString(csv[3..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(31, lines.Length); // the header and the 30 students
        Assert.Contains(lines, l => l.Contains($"s4-{tag}") && l.Contains(",A,"));
        var xlsx = await DownloadAsync(page, "나이스 수행평가 일괄입력 파일 (xlsx)");
        using var workbook = new ZipArchive(new MemoryStream(xlsx));
        var sheets = string.Concat(workbook.Entries.Where(e => e.FullName.StartsWith("xl/"))
            .Select(e => new StreamReader(e.Open()).ReadToEnd()));
        Assert.Contains("학생4", sheets);
        await Chromium.ScreenshotAsync(page, "term-gradebook");
    }

    /// <summary>A zip with a reference solution, uploaded and waited for until its validation passes.</summary>
    private static async Task<Guid> UploadValidatedAsync(GraderClient designer, string slug, string hiddenStdin, string hiddenExpected)
    {
        var manifest = $$"""
            slug: {{slug}}
            title: 두 배로 만들기
            languages: [python]
            reference: {language: python, file: solution.py}
            tests:
              - {name: 스물하나, points: 4, visibility: visible, stdin: "21\n", expectedStdout: "42\n"}
              - {name: 오십, points: 6, visibility: hidden, stdin: "{{hiddenStdin}}\n", expectedStdout: "{{hiddenExpected}}\n"}
            """;
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, text) in new[] { ("suite.yaml", manifest), ("solution.py", "print(int(input()) * 2)\n") })
            {
                await using var entry = archive.CreateEntry(path).Open();
                await entry.WriteAsync(Encoding.UTF8.GetBytes(text));
            }
        }
        var (status, body) = await designer.UploadSuiteZipAsync(zip.ToArray());
        Assert.True((int)status < 300, body.ToJsonString());
        var id = body["id"]!.GetValue<Guid>();
        var deadline = DateTime.UtcNow + s_gradingTimeout;
        while ((await designer.GetOkAsync($"/api/suites/{id}"))["validation"]!["status"]!.GetValue<string>() != "passed")
        {
            Assert.True(DateTime.UtcNow < deadline, "the reference did not validate");
            await Task.Delay(300);
        }
        return id;
    }

    private async Task WaitRegradedAsync(string assignmentId)
    {
        var deadline = DateTime.UtcNow + s_gradingTimeout;
        while ((long)(await WebTestData.ScalarAsync(stack.Database.ConnectionString,
                   "SELECT count(*) FROM submissions WHERE assignment_id = @p::uuid AND status <> 'Graded'", assignmentId))! > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the regrade did not finish");
            await Task.Delay(300);
        }
    }

    private static async Task<byte[]> DownloadAsync(IPage page, string link)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync());
        return await File.ReadAllBytesAsync(await download.PathAsync());
    }

    private static Task<string?> CellAsync(IPage page, string login, string test) =>
        page.Locator($"#overview tr[data-student='{login}'] td[data-test='{test}']").GetAttributeAsync("data-verdict");
}
