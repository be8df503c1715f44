using System.Security.Claims;
using System.Text.Encodings.Web;
using Grader.Core.Data;
using Grader.Core.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Grader.Api.Infrastructure;

/// <summary>Authenticates `Authorization: Bearer &lt;token&gt;` against the stored SHA-256 of each user's token.</summary>
internal sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    GraderDbContext db,
    IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return AuthenticateResult.NoResult();

        var hash = Tokens.Hash(header["Bearer ".Length..].Trim());
        var user = await db.Users.AsNoTracking()
            .Where(u => u.TokenHash == hash)
            .Select(u => new { u.Id, u.Login, u.Role })
            .FirstOrDefaultAsync(Context.RequestAborted);
        if (user is null)
            return AuthenticateResult.Fail("unknown token");

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
                new Claim(ClaimTypes.Name, user.Login),
                new Claim(ClaimTypes.Role, user.Role.ToString()),
            ], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteProblem(StatusCodes.Status401Unauthorized, "auth.required");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblem(StatusCodes.Status403Forbidden, "auth.forbidden");

    private async Task WriteProblem(int status, string code)
    {
        Response.StatusCode = status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = Messages.Text(code) },
        });
    }
}

public static class CurrentUser
{
    public static Guid Id(this ClaimsPrincipal user) =>
        Guid.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("not signed in"));

    public static Role Role(this ClaimsPrincipal user) =>
        Enum.Parse<Role>(user.FindFirstValue(ClaimTypes.Role) ?? throw new InvalidOperationException("not signed in"));

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(nameof(Core.Domain.Role.Admin));
}

public static class Policies
{
    public const string Admin = "admin";
    public const string Staff = "staff";         // teachers and admins
    public const string Designers = "designers"; // designers and admins
    public const string Students = "students";
}
