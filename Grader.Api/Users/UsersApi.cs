using System.Security.Claims;
using Grader.Api.Courses;
using Grader.Api.Infrastructure;
using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Grading;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Users;

/// <param name="Password">Optional first password for signing in to the web pages.</param>
public sealed record CreateUserRequest(string? Login, string? Name, string? Role, string? StudentNumber, string? Password);

public sealed record SetPasswordRequest(string? Password);

public sealed record SetRoleRequest(string? Role);

public sealed record CreatedUser(Guid Id, string Login, string Name, string Role, string Token);

public sealed record UserView(Guid Id, string Login, string Name, string Role);

public static class UsersApi
{
    public const int MinPasswordLength = 6;

    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/users").WithTags("Users");
        group.MapPost("/", CreateAsync).RequireAuthorization(Policies.Admin);
        group.MapPost("/csv", AccountsImport.ImportAsync).RequireAuthorization(Policies.Admin).DisableAntiforgery()
            .WithUploadLimit(AccountsImport.MaxBytes)
            .WithDescription("Creates every account of a CSV (login, name, role[, studentNumber]; multipart `file` or a text/csv body) or none: 422 names each line to fix. First passwords and tokens are in this response only.");
        group.MapGet("/me", MeAsync).RequireAuthorization();
        group.MapPost("/{id:guid}/password", SetPasswordAsync).RequireAuthorization(Policies.Staff)
            .WithDescription("Sets or resets the web sign-in password: admins for anyone, a teacher for a student all of whose courses that teacher teaches.");
        group.MapPut("/{id:guid}/role", SetRoleAsync).RequireAuthorization(Policies.Admin)
            .WithDescription("Changes an account's role; the account's page sessions end at their next request.");
        return routes;
    }

    /// <summary>Also called by the admin's users page.</summary>
    internal static async Task<Results<Created<CreatedUser>, ProblemHttpResult>> CreateAsync(
        CreateUserRequest request, GraderDbContext db, IPasswordHasher<User> passwords, TimeProvider clock, CancellationToken ct)
    {
        var errors = Check(request, out var role);
        if (errors.Any) return errors.ToProblem();

        // Stored trimmed, so compared trimmed; case is kept and compared as typed, as sign-in does.
        var login = request.Login!.Trim();
        if (await db.Users.AnyAsync(u => u.Login == login, ct))
            return errors.Add("login", "login.taken").ToProblem();

        var token = Tokens.Create();
        var user = new User
        {
            Login = login,
            Name = request.Name!.Trim(),
            Role = role,
            StudentNumber = request.StudentNumber,
            TokenHash = Tokens.Hash(token),
            CreatedAt = clock.GetUtcNow(),
        };
        if (request.Password is not null) user.PasswordHash = passwords.HashPassword(user, request.Password);
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // A concurrent request took the login between the check and the insert.
            return errors.Add("login", "login.taken").ToProblem();
        }
        return TypedResults.Created($"/api/users/{user.Id}",
            new CreatedUser(user.Id, user.Login, user.Name, user.Role.ToWire(), token));
    }

    /// <summary>What a new account's request must be, before the database is asked: also each line of an accounts CSV.</summary>
    internal static FieldErrors Check(CreateUserRequest request, out Role role)
    {
        var errors = new FieldErrors();
        errors.Required("login", request.Login, 64);
        errors.Required("name", request.Name);
        errors.Optional("studentNumber", request.StudentNumber, 20);
        if (!EnumNames.TryParse(request.Role, out role)) errors.Add("role", "role.invalid");
        if (request.Password is not null) CheckPassword(errors, request.Password);
        return errors;
    }

    private static async Task<Results<Ok<UserView>, ProblemHttpResult>> MeAsync(
        ClaimsPrincipal principal, GraderDbContext db, CancellationToken ct)
    {
        var id = principal.Id();
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, ct);
        return user is null ? Problems.NotFound() : TypedResults.Ok(new UserView(user.Id, user.Login, user.Name, user.Role.ToWire()));
    }

    /// <summary>Also called by the admin's users page.</summary>
    internal static async Task<Results<Ok<UserView>, ProblemHttpResult>> SetRoleAsync(
        Guid id, SetRoleRequest request, ClaimsPrincipal principal, GraderDbContext db, CancellationToken ct)
    {
        if (!EnumNames.TryParse(request.Role, out Role role)) return new FieldErrors().Add("role", "role.invalid").ToProblem();
        // An admin cannot demote themselves: the school would be left without the one account that can undo it.
        if (id == principal.Id() && role != Role.Admin) return new FieldErrors().Add("role", "role.self").ToProblem();
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return Problems.NotFound();
        user.Role = role;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new UserView(user.Id, user.Login, user.Name, user.Role.ToWire()));
    }

    /// <summary>Also called by the teacher's page for a student and the admin's users page.</summary>
    internal static async Task<Results<NoContent, ProblemHttpResult>> SetPasswordAsync(
        Guid id, SetPasswordRequest request, ClaimsPrincipal principal, GraderDbContext db, IPasswordHasher<User> passwords,
        CancellationToken ct)
    {
        var user = await db.PasswordsSetBy(principal).FirstOrDefaultAsync(u => u.Id == id, ct);
        if (user is null) return Problems.NotFound();

        var errors = new FieldErrors();
        CheckPassword(errors, request.Password);
        if (errors.Any) return errors.ToProblem();
        user.PasswordHash = passwords.HashPassword(user, request.Password!);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>Long enough to be more than a guess, short enough for a child to type on a tablet.</summary>
    private static void CheckPassword(FieldErrors errors, string? password)
    {
        if (string.IsNullOrEmpty(password)) errors.Add("password", "field.required");
        else if (password.Length < MinPasswordLength) errors.Add("password", "password.too_short");
        else if (password.Length > 128) errors.Add("password", "field.too_long");
    }
}
