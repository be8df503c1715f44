using System.Net;
using Grader.Api.Pages;

namespace Grader.Api.Tests.Pages;

/// <summary>Password guessing on the sign-in page is slowed per login; the rest of the class signs in as usual.</summary>
public sealed class SignInThrottleTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Password = "bada-2026!";

    [Fact]
    public async Task Signing_in_right_counts_nothing()
    {
        var student = await CreateStudentAsync();
        using var browser = PageForms.Browser(api);
        for (var attempt = 1; attempt <= 12; attempt++)
            Assert.Equal(HttpStatusCode.Redirect, (await PageForms.SignInAsync(browser, student, Password)).StatusCode);
    }

    [Fact]
    public async Task After_ten_failures_a_login_must_wait_while_another_login_signs_in()
    {
        var guessed = await CreateStudentAsync();
        var classmate = await CreateStudentAsync();
        using var browser = PageForms.Browser(api);

        for (var attempt = 1; attempt <= 10; attempt++)
        {
            var wrong = await PageForms.SignInAsync(browser, guessed, $"guess-{attempt}");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.Contains("아이디나 비밀번호가 맞지 않습니다", await wrong.Content.ReadAsStringAsync());
        }

        // The eleventh is refused before the password is looked at, the right one included.
        var refused = await PageForms.SignInAsync(browser, guessed, Password);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("너무 여러 번", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PageForms.SignInAsync(browser, guessed.ToUpperInvariant(), Password)).StatusCode);

        var signedIn = await PageForms.SignInAsync(browser, classmate, Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/student")).StatusCode);
    }

    [Fact]
    public async Task Thirty_wrong_passwords_sent_at_once_are_at_most_ten_tries()
    {
        var guessed = await CreateStudentAsync();
        var classmate = await CreateStudentAsync();
        using var browser = PageForms.Browser(api);
        using var classmatesBrowser = PageForms.Browser(api);
        var token = await PageForms.TokenAsync(browser, "/signin");
        var classmatesToken = await PageForms.TokenAsync(classmatesBrowser, "/signin");

        // The classmate signs in during the burst: a right password holds a permit only while it is checked.
        var burst = Enumerable.Range(1, 30).Select(n => PageForms.SignInAsync(browser, token, guessed, $"guess-{n}")).ToList();
        var classmateSignIn = PageForms.SignInAsync(classmatesBrowser, classmatesToken, classmate, Password);
        var answers = await Task.WhenAll(burst);

        var tried = answers.Count(a => a.StatusCode == HttpStatusCode.OK);
        Assert.InRange(tried, 1, 10);
        Assert.Equal(30 - tried, answers.Count(a => a.StatusCode == HttpStatusCode.TooManyRequests));
        Assert.Equal(HttpStatusCode.Redirect, (await classmateSignIn).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await PageForms.SignInAsync(browser, guessed, Password)).StatusCode);
    }

    [Fact]
    public void A_permit_comes_back_each_period_and_with_each_right_password()
    {
        var clock = new ManualClock();
        var throttle = new SignInThrottle(clock);
        for (var attempt = 1; attempt <= SignInThrottle.Burst - 1; attempt++) Assert.True(throttle.TryTake("minjun"));
        Assert.True(throttle.TryTake("minjun"));
        throttle.GiveBack("minjun");
        Assert.True(throttle.TryTake("Minjun"));
        Assert.False(throttle.TryTake("minjun"));

        clock.Advance(SignInThrottle.Period - TimeSpan.FromSeconds(1));
        Assert.False(throttle.TryTake("minjun"));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(throttle.TryTake("minjun"));
        Assert.False(throttle.TryTake("minjun"));
        Assert.True(throttle.TryTake("seoyeon"));
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _ticks;

        public void Advance(TimeSpan by) => _ticks += by.Ticks;
    }

    private async Task<string> CreateStudentAsync()
    {
        var login = $"s{Guid.NewGuid():N}"[..20];
        await api.Admin.PostOkAsync("/api/users", new { login, name = "김바다", role = "student", password = Password });
        return login;
    }
}
