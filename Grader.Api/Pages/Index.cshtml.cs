using Grader.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grader.Api.Pages;

/// <summary>The home page sends each person to their own pages; an admin, who may do everything, picks.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet()
    {
        if (User.IsInRole(nameof(Role.Student))) return RedirectToPage("/Student/Index");
        if (User.IsInRole(nameof(Role.Teacher))) return RedirectToPage("/Teacher/Index");
        if (User.IsInRole(nameof(Role.Designer))) return RedirectToPage("/Designer/Index");
        return Page();
    }
}
