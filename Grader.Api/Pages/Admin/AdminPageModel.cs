using Grader.Api.Infrastructure;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grader.Api.Pages.Admin;

/// <summary>
/// The admin pages: signed out goes to sign-in (the folder's policy), anyone signed in but not an admin gets 404,
/// so the pages' existence is not disclosed.
/// </summary>
public abstract class AdminPageModel : PageModel
{
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (!User.IsAdmin())
        {
            context.Result = NotFound();
            return;
        }
        await next();
    }
}
