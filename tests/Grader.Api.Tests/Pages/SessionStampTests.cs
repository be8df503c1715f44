using System.Net;
using Grader.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Tests.Pages;

/// <summary>A password change ends every page session signed in before it (issue 13, item 2).</summary>
public sealed class SessionStampTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string TeacherPassword = "teach-2026!";
    private const string NewPassword = "new-pass-2026";

    private static string Tag() => Guid.NewGuid().ToString("N")[..8];

    private static async Task SignInAsync(HttpClient browser, string login, string password, string home)
    {
        Assert.Equal(HttpStatusCode.Redirect, (await PageForms.SignInAsync(browser, login, password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(home)).StatusCode);
    }

    private static async Task AssertSignedOutAsync(HttpClient browser)
    {
        var response = await browser.GetAsync("/student");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/signin", response.Headers.Location!.AbsolutePath);
    }

    /// <summary>A student made by the admin with a password, signed in on the pages in a browser of their own.</summary>
    private async Task<(Guid Id, HttpClient Browser)> SignedInStudentAsync()
    {
        var login = $"s-{Tag()}";
        var created = await api.Admin.PostOkAsync("/api/users", new { login, name = "김바다", role = "student", password = "first-2026" });
        var browser = PageForms.Browser(api);
        await SignInAsync(browser, login, "first-2026", "/student");
        return (created["id"]!.GetValue<Guid>(), browser);
    }

    [Fact]
    public async Task A_reset_on_the_teachers_page_signs_the_student_out_everywhere()
    {
        var teacherLogin = $"t-{Tag()}";
        var created = await api.Admin.PostOkAsync("/api/users", new { login = teacherLogin, name = "김선생", role = "teacher", password = TeacherPassword });
        var teacher = api.Admin.As(created["token"]!.GetValue<string>());
        var courseId = await Classroom.CreateAsync(teacher, "/api/courses", new { name = "정보", kind = "credit" });
        var (_, roster) = await Classroom.RosterAsync(teacher, courseId, $"1,s-{Tag()},이서연\n");
        var student = roster["students"]![0]!;
        var (studentId, login) = (student["userId"]!.GetValue<Guid>(), student["login"]!.GetValue<string>());
        using var phone = PageForms.Browser(api);
        using var tablet = PageForms.Browser(api);
        using var teachersBrowser = PageForms.Browser(api);
        foreach (var browser in new[] { phone, tablet })
            await SignInAsync(browser, login, student["password"]!.GetValue<string>(), "/student");
        await SignInAsync(teachersBrowser, teacherLogin, TeacherPassword, "/teacher");

        var page = $"/teacher/courses/{courseId}/students/{studentId}";
        var reset = await PageForms.PostAsync(teachersBrowser, $"{page}?handler=Password", await PageForms.TokenAsync(teachersBrowser, page),
            ("password", NewPassword));
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        await AssertSignedOutAsync(phone);
        await AssertSignedOutAsync(tablet);
        Assert.Equal(HttpStatusCode.OK, (await teachersBrowser.GetAsync(page)).StatusCode);
        await SignInAsync(phone, login, NewPassword, "/student");
    }

    [Fact]
    public async Task A_password_set_through_the_API_ends_the_sessions_of_the_old_one()
    {
        var (id, browser) = await SignedInStudentAsync();
        using var _ = browser;

        var (status, _, _) = await api.Admin.SendAsync(HttpMethod.Post, $"/api/users/{id}/password", new { password = NewPassword });
        Assert.Equal(HttpStatusCode.NoContent, status);

        await AssertSignedOutAsync(browser);
    }

    [Fact]
    public async Task A_role_change_saved_by_any_code_ends_the_sessions_too()
    {
        var (id, browser) = await SignedInStudentAsync();
        using var _ = browser;

        // No endpoint changes a role yet: the rule lives in the DbContext's save, so whatever code does it renews the stamp.
        await api.WithDbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == id)).Role = Role.Teacher;
            return await db.SaveChangesAsync();
        });

        await AssertSignedOutAsync(browser);
    }
}
