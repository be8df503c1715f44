using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Grader.Api.Tests.Pages;

/// <summary>Password guessing on the sign-in page is slowed per login; the rest of the class signs in as usual.</summary>
public sealed class SignInThrottleTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Password = "bada-2026!";

    [Fact]
    public async Task Signing_in_right_counts_nothing()
    {
        var student = await CreateStudentAsync();
        using var browser = api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        for (var attempt = 1; attempt <= 12; attempt++)
            Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(browser, student, Password)).StatusCode);
    }

    [Fact]
    public async Task After_ten_failures_a_login_must_wait_while_another_login_signs_in()
    {
        var guessed = await CreateStudentAsync();
        var classmate = await CreateStudentAsync();
        using var browser = api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var wrong = await SignInAsync(browser, guessed, $"guess-{attempt}");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("아이디나 비밀번호가 맞지 않습니다", await wrong.Content.ReadAsStringAsync());
        }

        // The eleventh is refused before the password is looked at, the right one included.
        var refused = await SignInAsync(browser, guessed, Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("너무 여러 번", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(browser, guessed.ToUpperInvariant(), Password)).StatusCode);

        var signedIn = await SignInAsync(browser, classmate, Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/student")).StatusCode);
    }

    private async Task<string> CreateStudentAsync()
    {
        var login = $"s{Guid.NewGuid():N}"[..20];
        await api.Admin.PostOkAsync("/api/users", new { login, name = "김바다", role = "student", password = Password });
        return login;
    }

    /// <summary>The sign-in form as a browser sends it: with the anti-forgery token of the page it came from (the
    /// test client keeps cookies, as a browser does).</summary>
    private static async Task<HttpResponseMessage> SignInAsync(HttpClient browser, string login, string password)
    {
        var form = await browser.GetAsync("/signin");
        var html = await form.Content.ReadAsStringAsync();
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/signin")
        {
            Content = new FormUrlEncodedContent([new("Login", login), new("Password", password), new("__RequestVerificationToken", token)]),
        };
        return await browser.SendAsync(post);
    }
}
