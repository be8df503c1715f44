using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Grader.Core.Domain;
using Grader.Tests.Shared;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Tests.Users;

/// <summary>`POST /api/users/csv` (issue 18): an admin's table of accounts creates all of them or none.</summary>
public sealed class AccountsImportTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private readonly Classroom _classroom = new(api);

    private static async Task<(HttpStatusCode Status, JsonNode? Body)> UploadAsync(GraderClient caller, string csv)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "계정.csv");
        var response = await caller.Http.PostAsync("/api/users/csv", form);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    [Fact]
    public async Task A_header_may_reorder_the_columns_and_every_account_gets_a_first_password_that_signs_in()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];

        var (status, body) = await UploadAsync(api.Admin,
            $"역할,이름,아이디,학번\nteacher,김선생,kim-{tag},\nstudent,이학생,lee-{tag},20301\ndesigner,박설계,park-{tag},\n");

        Assert.Equal(HttpStatusCode.OK, status);
        var accounts = body!["accounts"]!.AsArray();
        Assert.Equal([$"kim-{tag}", $"lee-{tag}", $"park-{tag}"], accounts.Select(a => a!["login"]!.GetValue<string>()));
        Assert.Equal(["teacher", "student", "designer"], accounts.Select(a => a!["role"]!.GetValue<string>()));
        var users = await api.WithDbAsync(db => db.Users.AsNoTracking().Where(u => u.Login.EndsWith(tag)).OrderBy(u => u.Login).ToListAsync());
        Assert.Equal([Role.Teacher, Role.Student, Role.Designer], users.Select(u => u.Role));
        Assert.Equal([null, "20301", null], users.Select(u => u.StudentNumber));
        var hasher = new PasswordHasher<User>();
        foreach (var (user, shown) in users.Zip(accounts))
        {
            var password = shown!["password"]!.GetValue<string>();
            Assert.Equal(PasswordVerificationResult.Success, hasher.VerifyHashedPassword(user, user.PasswordHash!, password));
            Assert.DoesNotContain(password, user.PasswordHash!);
        }
    }

    [Fact]
    public async Task One_bad_line_refuses_the_file_naming_every_line_and_stores_no_account()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        await api.Admin.CreateUserAsync($"taken-{tag}", "먼저 온 사람", "teacher");

        var (status, body) = await UploadAsync(api.Admin,
            $"ok-{tag},좋은줄,teacher\nbad-{tag},역할틀림,principal\ntaken-{tag},겹침,student\nok-{tag},같은아이디,student\nnul-{tag},널\u0000문자,student\n");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal("accounts.invalid", body!["code"]!.GetValue<string>());
        var errors = body["errors"]!.AsObject().Select(e => e.Key).Order().ToList();
        Assert.Equal(["line 2: role", "line 4: login", "line 5: name"], errors);
        // The login the school already has is checked once the file itself is sound: fixing the file then names it.
        Assert.False(await api.WithDbAsync(db => db.Users.AnyAsync(u => u.Login == $"ok-{tag}" || u.Login == $"bad-{tag}")));

        (status, body) = await UploadAsync(api.Admin, $"ok-{tag},좋은줄,teacher\ntaken-{tag},겹침,student\n");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Equal(["이미 사용 중인 아이디입니다."], body!["errors"]!["line 2: login"]!.AsArray().Select(e => e!.GetValue<string>()));
        Assert.False(await api.WithDbAsync(db => db.Users.AnyAsync(u => u.Login == $"ok-{tag}")));
    }

    [Fact]
    public async Task A_teacher_may_not_create_accounts_from_a_file()
    {
        var (_, teacher) = await _classroom.UserAsync("teacher");
        var tag = Guid.NewGuid().ToString("N")[..6];

        var (status, _) = await UploadAsync(teacher, $"sneaky-{tag},몰래,admin\n");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.False(await api.WithDbAsync(db => db.Users.AnyAsync(u => u.Login == $"sneaky-{tag}")));
    }
}
