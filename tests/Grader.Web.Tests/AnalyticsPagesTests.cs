using Grader.Tests.Shared;
using Microsoft.Playwright;

namespace Grader.Web.Tests;

/// <summary>
/// Issue 18: per assignment a teacher reads the class overview (students × tests, the tests most failed with their
/// commonest wrong outputs) and the similarity report (a planted pair with renamed variables is found, two honest
/// different solutions are not paired, a pair opens side by side); another teacher finds neither page.
/// </summary>
[Collection(WebCollection.Name)]
public sealed class AnalyticsPagesTests(GraderStack stack, Chromium chromium)
{
    private const string Honest = """
        def double(value):
            result = 0
            for _ in range(2):
                result += value
            return result


        number = int(input())
        print(double(number))
        """;

    // Honest with its names renamed and a line of dead code.
    private const string Copied = """
        def dubeul(su):
            hap = 0
            for _ in range(2):
                hap += su
            return hap

        n = int(input())
        unused = 0
        print(dubeul(n))
        """;

    private const string OtherHonest = """
        import sys
        text = sys.stdin.readline().strip()
        digits = int(text)
        answer = digits * 2
        if answer >= 0:
            print(answer)
        else:
            print(str(answer))
        """;

    [Fact]
    public async Task A_teacher_reads_the_class_overview_and_the_similarity_report_and_another_teacher_finds_neither()
    {
        var tag = WebTestData.Tag();
        var admin = stack.Admin;
        var (_, courseId, assignmentId) = await WebTestData.CourseAsync(admin, tag, "정보 분석반", "general");
        var programs = new (string Login, string Name, string Source)[]
        {
            ($"honest-{tag}", "가온", Honest),
            ($"copy-{tag}", "나래", Copied),
            ($"other-{tag}", "다솜", OtherHonest),
            // Two different programs wrong the same way: one more than the number.
            ($"wrong1-{tag}", "라온", "print(int(input()) + 1)\n"),
            ($"wrong2-{tag}", "마루", "x = input()\nx = int(x)\nx += 1\nprint(x)\n"),
        };
        var submitted = new List<(GraderClient Student, Guid Id)>();
        foreach (var (login, name, source) in programs)
        {
            var (studentId, student) = await WebTestData.CreateUserAsync(admin, login, name, "student");
            await WebTestData.EnrolAsync(admin, courseId, studentId);
            submitted.Add((student, (await student.SubmitSourceAsync(assignmentId, source))["id"]!.GetValue<Guid>()));
        }
        foreach (var (student, id) in submitted) await student.WaitGradedAsync(id, TimeSpan.FromSeconds(120));

        var page = await chromium.NewPageAsync(stack.Api.BaseAddress);
        await WebTestData.SignInAsync(page, $"teacher-{tag}");
        await page.GetByRole(AriaRole.Link, new() { Name = "정보 분석반" }).ClickAsync();
        await page.Locator($"#assignment-analysis li[data-assignment='{assignmentId}']").GetByRole(AriaRole.Link, new() { Name = "반 전체 결과" }).ClickAsync();

        // Students × tests: each cell the verdict of the counted submission.
        Assert.Equal("passed", await Cell(page, $"honest-{tag}", "스물하나"));
        Assert.Equal("passed", await Cell(page, $"honest-{tag}", "오십"));
        Assert.Equal("wrong_answer", await Cell(page, $"wrong1-{tag}", "스물하나"));
        Assert.Equal("wrong_answer", await Cell(page, $"wrong2-{tag}", "오십"));
        // Both tests failed by two; their wrong outputs grouped, the hidden test's too (teachers only).
        var visible = page.Locator("section.failed-test[data-test='스물하나']");
        await Assertions.Expect(visible.Locator("h3")).ToContainTextAsync("5명 중 2명 틀림");
        var grouped = visible.Locator("li.wrong-output").First;
        Assert.Equal("2", await grouped.GetAttributeAsync("data-count"));
        await Assertions.Expect(grouped.Locator("pre")).ToHaveTextAsync("22");
        await Assertions.Expect(grouped).ToContainTextAsync("라온, 마루");
        await Assertions.Expect(page.Locator("section.failed-test[data-test='오십'] li.wrong-output pre").First).ToHaveTextAsync("51");
        await Chromium.ScreenshotAsync(page, "teacher-class-overview");

        await page.GetByRole(AriaRole.Link, new() { Name = "비슷한 제출" }).ClickAsync();
        var pairs = page.Locator("#pairs tbody tr");
        await Assertions.Expect(page.Locator($"#pairs tr[data-pair='honest-{tag} copy-{tag}'], #pairs tr[data-pair='copy-{tag} honest-{tag}']")).ToHaveCountAsync(1);
        foreach (var row in await pairs.AllAsync())
        {
            var pair = await row.GetAttributeAsync("data-pair");
            Assert.False(pair!.Contains($"honest-{tag}") && pair.Contains($"other-{tag}"), $"honest solutions paired: {pair}");
        }
        await page.Locator($"#pairs tr:has-text('copy-{tag}')").GetByRole(AriaRole.Button, new() { Name = "나란히 보기" }).First.ClickAsync();
        var sides = page.Locator(".side-by-side section");
        await Assertions.Expect(sides).ToHaveCountAsync(2);
        await Assertions.Expect(sides.Nth(0).Locator("mark").First).ToBeVisibleAsync();
        var marked = string.Concat(await page.Locator(".side-by-side mark").AllInnerTextsAsync());
        Assert.Contains("for _ in range(2):", marked);
        Assert.Contains("hap += su", marked);
        await Chromium.ScreenshotAsync(page, "teacher-similarity");

        // Starter code too long for the comparison: said beside the field, and the report still shown.
        await page.GetByLabel("나눠 준 시작 코드", new() { Exact = false }).FillAsync(new string('x', 20_001));
        await page.GetByRole(AriaRole.Button, new() { Name = "다시 비교" }).ClickAsync();
        await Assertions.Expect(page.Locator("#starter-error")).ToContainTextAsync("20,000자까지");
        await Assertions.Expect(page.Locator("#pairs")).ToBeVisibleAsync();

        var (_, _) = await WebTestData.CreateUserAsync(admin, $"stranger-{tag}", "남선생", "teacher");
        var stranger = await chromium.NewPageAsync(stack.Api.BaseAddress);
        await WebTestData.SignInAsync(stranger, $"stranger-{tag}");
        foreach (var path in new[] { "overview", "similarity" })
        {
            var response = await stranger.GotoAsync($"/teacher/assignments/{assignmentId}/{path}");
            Assert.Equal(404, response!.Status);
        }
    }

    [Fact]
    public async Task The_result_page_and_the_class_overview_show_a_full_group_and_a_group_scoring_nothing()
    {
        var tag = WebTestData.Tag();
        var admin = stack.Admin;
        var (_, courseId, _) = await WebTestData.CourseAsync(admin, tag, "정보 부분 문제반", "general");
        var (_, designer) = await WebTestData.CreateUserAsync(admin, $"groups-designer-{tag}", "조설계", "designer");
        var suiteId = await designer.CreateSuiteAsync(new
        {
            slug = $"groups-{tag}", title = "부분 문제", languages = new[] { "python" },
            groups = new Dictionary<string, int> { ["small"] = 3, ["large"] = 7 },
            tests = new object[]
            {
                new { name = "small-1", group = "small", stdin = "small-1\n", expectedStdout = "1\n" },
                new { name = "small-2", group = "small", stdin = "small-2\n", expectedStdout = "2\n" },
                new { name = "large-1", group = "large", stdin = "large-1\n", expectedStdout = "10\n" },
                new { name = "large-2", group = "large", stdin = "large-2\n", expectedStdout = "20\n" },
            },
        });
        // (The admin assigns it: the set-up did not keep the teacher's token; admins may act in every course.)
        var assignment = await admin.PostOkAsync($"/api/courses/{courseId}/assignments",
            new { title = "부분 문제", suiteId, dueAt = DateTimeOffset.UtcNow.AddDays(7) });
        var assignmentId = assignment["id"]!.GetValue<Guid>();
        var (studentId, student) = await WebTestData.CreateUserAsync(admin, $"grouped-{tag}", "바다", "student");
        await WebTestData.EnrolAsync(admin, courseId, studentId);
        // Right on both small tests and on one of the two large ones: the large group scores nothing.
        var program = "print({'small-1': 1, 'small-2': 2, 'large-1': 10, 'large-2': 21}[input()])\n";
        var id = (await student.SubmitSourceAsync(assignmentId, program))["id"]!.GetValue<Guid>();
        await student.WaitGradedAsync(id, TimeSpan.FromSeconds(120));

        var child = await chromium.NewPageAsync(stack.Api.BaseAddress);
        await WebTestData.SignInAsync(child, $"grouped-{tag}");
        await child.GotoAsync($"/submissions/{id}");
        Assert.Equal("passed", await child.Locator("li[data-group='small']").GetAttributeAsync("data-verdict"));
        Assert.Equal("wrong_answer", await child.Locator("li[data-group='large']").GetAttributeAsync("data-verdict"));
        Assert.Contains("3 / 10", await child.Locator("#result dl").InnerTextAsync());
        await Chromium.ScreenshotAsync(child, "student-groups-result");

        var page = await chromium.NewPageAsync(stack.Api.BaseAddress);
        await WebTestData.SignInAsync(page, $"teacher-{tag}");
        await page.GotoAsync($"/teacher/assignments/{assignmentId}/overview");
        var row = page.Locator($"#overview tr[data-student='grouped-{tag}']");
        Assert.Equal("passed", await row.Locator("td[data-group='small']").GetAttributeAsync("data-verdict"));
        Assert.Equal("3 / 3", (await row.Locator("td[data-group='small']").InnerTextAsync()).Trim());
        Assert.Equal("wrong_answer", await row.Locator("td[data-group='large']").GetAttributeAsync("data-verdict"));
        Assert.Equal("0 / 7", (await row.Locator("td[data-group='large']").InnerTextAsync()).Trim());
        Assert.Equal("passed", await Cell(page, $"grouped-{tag}", "large-1"));
        await Chromium.ScreenshotAsync(page, "teacher-groups-overview");
    }

    private static Task<string?> Cell(IPage page, string login, string test) =>
        page.Locator($"#overview tr[data-student='{login}'] td[data-test='{test}']").GetAttributeAsync("data-verdict");
}
