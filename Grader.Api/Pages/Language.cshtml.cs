using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grader.Api.Pages;

/// <summary>The language switch: remembers the choice in the culture cookie that request localisation reads.</summary>
public sealed class LanguageModel(TimeProvider clock) : PageModel
{
    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        var chosen = culture == "en" ? "en" : "ko";
        Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = clock.GetUtcNow().AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
