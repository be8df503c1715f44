using System.Security.Claims;
using Grader.Api.Infrastructure;
using Grader.Core.Data;
using Grader.Core.Domain;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Pages;

public sealed class SignInModel(GraderDbContext db, IPasswordHasher<User> passwords, SignInThrottle throttle) : PageModel
{
    /// <summary>Verified against when the login is unknown, so a wrong login takes as long as a wrong password.</summary>
    private static readonly Lazy<string> s_decoyHash = new(() =>
        new PasswordHasher<User>().HashPassword(null!, Guid.NewGuid().ToString()));

    [BindProperty] public string? Login { get; set; }

    [BindProperty] public string? Password { get; set; }

    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var login = Login?.Trim() ?? "";
        if (!throttle.TryTake(login))
        {
            Error = Messages.Text("signin.throttled");
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }
        var user = await db.Users.FirstOrDefaultAsync(u => u.Login == login, ct);
        var outcome = passwords.VerifyHashedPassword(user!, user?.PasswordHash ?? s_decoyHash.Value, Password ?? "");
        if (user?.PasswordHash is null || outcome == PasswordVerificationResult.Failed)
        {
            // The permit stays taken: a failure counts.
            Error = Messages.Text("signin.failed");
            return Page();
        }
        throttle.GiveBack(login);
        if (outcome == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = passwords.HashPassword(user, Password!);
            await db.SaveChangesAsync(ct);
        }

        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
                new Claim(ClaimTypes.Name, user.Login),
                new Claim(ClaimTypes.GivenName, user.Name),
                new Claim(ClaimTypes.Role, user.Role.ToString()),
                new Claim(SessionStamps.ClaimType, user.SecurityStamp.ToString()),
            ], WebPages.CookieScheme);
        await HttpContext.SignInAsync(WebPages.CookieScheme, new ClaimsPrincipal(identity));
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await HttpContext.SignOutAsync(WebPages.CookieScheme);
        return RedirectToPage("/SignIn");
    }
}
