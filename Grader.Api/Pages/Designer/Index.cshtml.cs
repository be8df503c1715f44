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

/// <summary>Upload a suite, and every suite version with its validation and the assignments that use it.</summary>
public sealed class IndexModel(GraderDbContext db, SuiteStore store) : PageModel
{
    public IReadOnlyList<SuiteRow> Suites { get; private set; } = [];

    [BindProperty] public IFormFile? Upload { get; set; }

    /// <summary>What is wrong with a refused upload, one line per problem, each naming its place.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Suites = await ListAsync(db, null, ct);

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
            var parsed = SuiteUploads.Parse(buffer.ToArray());
            if (!parsed.IsValid)
                Problems = parsed.Problems.Select(p => $"{p.Where}: {SuiteUploads.Describe(p)}").ToList();
            else if (await store.AddVersionAsync(parsed, User, ct) is { } suite)
                return Redirect($"/designer/suites/{suite.Id}");
            else
                Problems = [Messages.Text("suite.slug_taken")];
        }
        Suites = await ListAsync(db, null, ct);
        return Page();
    }

    /// <summary>Every suite version, or the one <paramref name="suiteId"/> names.</summary>
    public static Task<List<SuiteRow>> ListAsync(GraderDbContext db, Guid? suiteId, CancellationToken ct) =>
        db.Suites.AsNoTracking()
            .Where(s => suiteId == null || s.Id == suiteId)
            .OrderBy(s => s.Slug).ThenByDescending(s => s.Version)
            .Select(s => new SuiteRow(s.Id, s.Slug, s.Version, s.Title, s.ValidationStatus, s.CreatedAt,
                db.Assignments.Where(a => a.SuiteId == s.Id).OrderBy(a => a.Course!.Name).ThenBy(a => a.Title)
                    .Select(a => new SuiteUse(a.Id, a.Course!.Name, a.Title)).ToList()))
            .ToListAsync(ct);
}
