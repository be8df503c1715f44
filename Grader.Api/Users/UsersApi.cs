using Grader.Api.Infrastructure;
using Grader.Core.Data;
using Grader.Core.Domain;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Users;

public sealed record CreateUserRequest(string? Login, string? Name, string? Role, string? StudentNumber);

public sealed record CreatedUser(Guid Id, string Login, string Name, string Role, string Token);

public sealed record UserView(Guid Id, string Login, string Name, string Role);

public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/users").WithTags("Users");
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin);
        group.MapGet("/me", MeAsync).RequireAuthorization();
        return routes;
    }

    private static async Task<Results<Created<CreatedUser>, ProblemHttpResult>> CreateAsync(
        CreateUserRequest request, GraderDbContext db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new FieldErrors();
        errors.Required("login", request.Login, 64);
        errors.Required("name", request.Name);
        if (!EnumNames.TryParse(request.Role, out Role role)) errors.Add("role", "role.invalid");
        if (errors.Any) return errors.ToProblem();

        if (await db.Users.AnyAsync(u => u.Login == request.Login, ct))
            return errors.Add("login", "login.taken").ToProblem();

        var token = Tokens.Create();
        var user = new User
        {
            Login = request.Login!.Trim(),
            Name = request.Name!.Trim(),
            Role = role,
            StudentNumber = request.StudentNumber,
            TokenHash = Tokens.Hash(token),
            CreatedAt = clock.GetUtcNow(),
        };
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/users/{user.Id}",
            new CreatedUser(user.Id, user.Login, user.Name, RoleName(user.Role), token));
    }

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> MeAsync(
        System.Security.Claims.ClaimsPrincipal principal, GraderDbContext db, CancellationToken ct)
    {
        var id = principal.Id();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        return user is null ? Problems.NotFound() : TypedResults.Ok(new UserView(user.Id, user.Login, user.Name, RoleName(user.Role)));
    }

    public static string RoleName(Role role) => role.ToString().ToLowerInvariant();
}
