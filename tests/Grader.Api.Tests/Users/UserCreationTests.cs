using System.Net;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Tests.Users;

/// <summary>`POST /api/users`: a login names one account, however the requests race or are spaced (issue 13, items 8 and 9).</summary>
public sealed class UserCreationTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Concurrent_creations_of_one_login_make_one_account_and_answer_login_taken_otherwise()
    {
        var login = $"twin-{Guid.NewGuid():N}"[..20];

        var answers = await Task.WhenAll(Enumerable.Range(1, 8).Select(n =>
            api.Admin.SendAsync(HttpMethod.Post, "/api/users", new { login, name = $"학생{n}", role = "student" })));

        Assert.Single(answers, a => a.Status == HttpStatusCode.Created);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.Created), a =>
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, a.Status);
            Assert.Equal("이미 사용 중인 아이디입니다.", a.Body!["errors"]!["login"]![0]!.GetValue<string>());
        });
        Assert.Equal(1, await api.WithDbAsync(db => db.Users.CountAsync(u => u.Login == login)));
    }

    [Fact]
    public async Task A_login_with_surrounding_spaces_is_the_login_without_them()
    {
        var login = $"alice-{Guid.NewGuid():N}"[..20];
        await api.Admin.CreateUserAsync(login, "앨리스", "student");

        var (status, body, _) = await api.Admin.SendAsync(HttpMethod.Post, "/api/users", new { login = $"  {login} ", name = "다른 앨리스", role = "student" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.NotNull(body!["errors"]!["login"]);
        Assert.Equal(1, await api.WithDbAsync(db => db.Users.CountAsync(u => u.Login.Contains(login))));
    }
}
