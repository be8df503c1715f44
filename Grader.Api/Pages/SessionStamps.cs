using System.Security.Claims;
using Grader.Core.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Pages;

/// <summary>
/// A page session holds while its account's security stamp is the one it signed in with. A password or role
/// change renews the stamp, so every session signed in before it ends at its next request instead of living on
/// for its sliding eight hours. One primary-key read per page request.
/// </summary>
public static class SessionStamps
{
    public const string ClaimType = "grader.security_stamp";

    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var signedInWith = principal?.FindFirstValue(ClaimType);
        if (Guid.TryParse(principal?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) && signedInWith is not null)
        {
            var db = context.HttpContext.RequestServices.GetRequiredService<GraderDbContext>();
            var current = await db.Users.Where(u => u.Id == id).Select(u => (Guid?)u.SecurityStamp)
                .FirstOrDefaultAsync(context.HttpContext.RequestAborted);
            if (current?.ToString() == signedInWith) return;
        }
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(WebPages.CookieScheme);
    }
}
