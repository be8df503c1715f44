using Grader.Api.Infrastructure;
using Grader.Api.Suites;
using Grader.Core.Data;
using Grader.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Pages.Designer;

public sealed record SuiteUse(Guid AssignmentId, string Course, string Assignment);

public sealed record SuiteRow(Guid Id, string Slug, int Version, string Title, ValidationStatus Status,
    DateTimeOffset CreatedAt, IReadOnlyList<SuiteUse> UsedBy);

/// <summary>Upload a suite, and every version of the designer's suites with its validation and the assignments that use it.</summary>
public sealed class IndexModel(GraderDbContext db, SuiteStore store) : PageModel
{
    public IReadOnlyList<SuiteRow> Suites { get; private set; } = [];

    [BindProperty] public IFormFile? Upload { get; set; }

    /// <summary>What is wrong with a refused upload, one line per problem, each naming its place.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Suites = await ListAsync(db, db.DesignedBy(User), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is not { Length: > 0 })
        {
            Problems = [Ui.T("올릴 파일을 고르세요.", "Choose a file to upload.")];
        }
        else if (Upload.Length > SuitesApi.MaxUploadBytes)
        {
            Problems = [Messages.Text("too_large")];
        }
        else
        {
            using var buffer = new MemoryStream();
            await Upload.CopyToAsync(buffer, ct);
            var published = await store.PublishAsync(buffer.ToArray(), User, ct);
            if (published.Stored is { } suite) return Redirect($"/designer/suites/{suite.Id}");
            Problems = published.SlugTaken
                ? [Messages.Text("suite.slug_taken")]
                : published.Problems.Select(p => $"{p.Where}: {SuiteUploads.Describe(p)}").ToList();
        }
        Suites = await ListAsync(db, db.DesignedBy(User), ct);
        return Page();
    }

    /// <summary>The <paramref name="suites"/> versions as rows, each with the assignments that use it.</summary>
    public static Task<List<SuiteRow>> ListAsync(GraderDbContext db, IQueryable<Suite> suites, CancellationToken ct) =>
        suites.AsNoTracking()
            .OrderBy(s => s.Slug).ThenByDescending(s => s.Version)
            .Select(s => new SuiteRow(s.Id, s.Slug, s.Version, s.Title, s.ValidationStatus, s.CreatedAt,
                db.Assignments.Where(a => a.SuiteId == s.Id).OrderBy(a => a.Course!.Name).ThenBy(a => a.Title)
                    .Select(a => new SuiteUse(a.Id, a.Course!.Name, a.Title)).ToList()))
            .ToListAsync(ct);
}
