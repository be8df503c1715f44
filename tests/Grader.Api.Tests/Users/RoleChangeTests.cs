using System.Net;
using Grader.Core.Domain;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Tests.Users;

/// <summary>`PUT /api/users/{id}/role` (issue 18): admins only, a role that exists, and never an admin's own.</summary>
public sealed class RoleChangeTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task An_admin_changes_a_role_and_unknown_roles_self_demotion_and_teachers_are_refused()
    {
        var (id, token) = await api.Admin.CreateUserAsync($"role-{Guid.NewGuid():N}"[..20], "최선생", "teacher");

        var (status, body, _) = await api.Admin.SendAsync(HttpMethod.Put, $"/api/users/{id}/role", new { role = "designer" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("designer", body!["role"]!.GetValue<string>());

        (status, body, _) = await api.Admin.SendAsync(HttpMethod.Put, $"/api/users/{id}/role", new { role = "principal" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.NotNull(body!["errors"]!["role"]);

        var (_, me, _) = await api.Admin.SendAsync(HttpMethod.Get, "/api/users/me");
        var adminId = me!["id"]!.GetValue<Guid>();
        (status, _, _) = await api.Admin.SendAsync(HttpMethod.Put, $"/api/users/{adminId}/role", new { role = "teacher" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);

        (status, _, _) = await api.Admin.As(token).SendAsync(HttpMethod.Put, $"/api/users/{id}/role", new { role = "admin" });
        Assert.Equal(HttpStatusCode.Forbidden, status);

        Assert.Equal(Role.Designer, await api.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.Role).SingleAsync()));
        Assert.Equal(Role.Admin, await api.WithDbAsync(db => db.Users.Where(u => u.Id == adminId).Select(u => u.Role).SingleAsync()));
    }
}
