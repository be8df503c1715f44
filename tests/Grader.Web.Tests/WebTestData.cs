using Grader.Tests.Shared;
using Microsoft.Playwright;
using Npgsql;

namespace Grader.Web.Tests;

/// <summary>People, courses and suites made through the real API, and signing in as a person would.</summary>
public static class WebTestData
{
    public const string Password = "hanbit-2026";

    /// <summary>Asks for a number, answers its double: a Python or a Scratch program may solve it.</summary>
    public static object DoublingSuite(string slug) => new
    {
        slug,
        title = "두 배로 만들기",
        languages = new[] { "python", "scratch" },
        limits = new { timeSeconds = 5, memoryMb = 256 },
        tests = new object[]
        {
            new { name = "스물하나", points = 4, visibility = "visible", stdin = "21\n", expectedStdout = "42\n" },
            new { name = "오십", points = 6, visibility = "hidden", stdin = "50\n", expectedStdout = "100\n" },
        },
    };

    public static string Tag() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>A user with the shared test password, and an API client holding their bearer token.</summary>
    public static async Task<(Guid Id, GraderClient Api)> CreateUserAsync(GraderClient admin, string login, string name, string role)
    {
        var body = await admin.PostOkAsync("/api/users", new { login, name, role, password = Password });
        return (body["id"]!.GetValue<Guid>(), admin.As(body["token"]!.GetValue<string>()));
    }

    /// <summary>A teacher's course with one assignment on <see cref="DoublingSuite"/> (or another manifest), which a
    /// designer uploaded.</summary>
    public static async Task<(GraderClient Teacher, Guid CourseId, Guid AssignmentId)> CourseAsync(
        GraderClient admin, string tag, string name, string kind, object? suite = null)
    {
        var (_, designer) = await CreateUserAsync(admin, $"designer-{tag}", "박설계", "designer");
        var (_, teacher) = await CreateUserAsync(admin, $"teacher-{tag}", "김선생", "teacher");
        var suiteId = await designer.CreateSuiteAsync(suite ?? DoublingSuite($"double-{tag}"));
        var course = await teacher.PostOkAsync("/api/courses", new
        {
            name, kind, credits = kind == "credit" ? 2 : 0,
            subjectType = kind == "credit" ? "common" : null, // common subjects still need 40 % for the credit
        });
        var courseId = course["id"]!.GetValue<Guid>();
        var assignment = await teacher.PostOkAsync($"/api/courses/{courseId}/assignments",
            new { title = "두 배로 만들기", suiteId, dueAt = DateTimeOffset.UtcNow.AddDays(7) });
        return (teacher, courseId, assignment["id"]!.GetValue<Guid>());
    }

    /// <summary>An admin enrols an account made by an admin: a teacher enrols only students already in their courses.</summary>
    public static Task EnrolAsync(GraderClient admin, Guid courseId, Guid studentId) =>
        admin.PostOkAsync($"/api/courses/{courseId}/members", new { userId = studentId, role = "student" });

    public static async Task SignInAsync(IPage page, string login, string password = Password)
    {
        await page.GotoAsync("/");
        Assert.EndsWith("/signin", new Uri(page.Url).AbsolutePath);
        await Chromium.ScreenshotAsync(page, "signin");
        await page.GetByLabel("아이디").FillAsync(login);
        await page.GetByLabel("비밀번호").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "로그인" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/signin"));
    }

    /// <summary>One SQL statement with one parameter @p, straight on the database: what was stored, not what a page says.</summary>
    public static async Task<object?> ScalarAsync(string connectionString, string sql, string parameter)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("p", parameter);
        return await command.ExecuteScalarAsync();
    }
}
