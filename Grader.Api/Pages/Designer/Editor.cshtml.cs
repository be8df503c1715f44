using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Grader.Api.Infrastructure;
using Grader.Api.Suites;
using Grader.Core.Data;
using Grader.Core.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Pages.Designer;

/// <summary>
/// Write a suite on a page (<c>/designer/suites/new</c>) or edit a version into the next one
/// (<c>/designer/suites/{id}/edit</c>). The form becomes a manifest (<see cref="SuiteForms"/>) zipped with its files,
/// and <see cref="SuiteStore.PublishAsync"/> parses and stores it exactly as an upload: one parser, one set of rules.
/// </summary>
[RequestSizeLimit(SuitesApi.MaxUploadBytes + FormFraming)]
[RequestFormLimits(MultipartBodyLengthLimit = SuitesApi.MaxUploadBytes + FormFraming, ValueCountLimit = 20_000)]
public sealed partial class EditorModel(GraderDbContext db, SuiteStore store) : PageModel
{
    /// <summary>Room for the form's text fields around the files.</summary>
    private const int FormFraming = 2 * 1024 * 1024;

    public const string EditRoute = "designer/suites/{id:guid}/edit";

    [BindProperty] public SuiteForm Form { get; set; } = new();

    /// <summary>The edited version's files the designer keeps (ticked); only names that version holds count.</summary>
    [BindProperty] public List<string> Keep { get; set; } = [];

    [BindProperty] public List<IFormFile> Upload { get; set; } = [];

    /// <summary>The version being edited; null for a new suite.</summary>
    public Suite? Base { get; private set; }

    /// <summary>The edited version's files the form does not show itself, each with a box to keep it.</summary>
    public IReadOnlyList<string> BaseFiles { get; private set; } = [];

    /// <summary>Problems by the form key they are shown beside ("" above the form).</summary>
    public IReadOnlyList<(string Key, string Message)> Problems { get; private set; } = [];

    public IEnumerable<string> ProblemsAt(string key) => Problems.Where(p => p.Key == key).Select(p => p.Message);

    public async Task<IActionResult> OnGetAsync(Guid? id, CancellationToken ct)
    {
        if (!await LoadBaseAsync(id, ct)) return NotFound();
        if (Base is null)
        {
            Form = new SuiteForm { Languages = ["python"], Tests = [new TestForm()] };
        }
        else
        {
            Form = Edited(Base).Form;
            Keep = [.. BaseFiles];
        }
        return Page();
    }

    /// <summary>One more empty test row, without JavaScript: the form comes back as sent, nothing stored.</summary>
    public async Task<IActionResult> OnPostAddTestAsync(Guid? id, CancellationToken ct)
    {
        if (!await LoadBaseAsync(id, ct)) return NotFound();
        Form.Tests.Add(new TestForm());
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id, CancellationToken ct)
    {
        if (!await LoadBaseAsync(id, ct)) return NotFound();
        var refused = new List<(string Key, string Message)>();
        var (manifest, rowOfTest) = SuiteForms.ToManifest(Form, refused);
        var files = await FilesAsync(refused, ct);
        if (manifest is null || files is null)
        {
            Problems = refused;
            return Page();
        }
        if (files.Values.Sum(f => (long)f.Length) + manifest.Length > SuitesApi.MaxUploadBytes)
        {
            Problems = [(SuiteForms.FilesKey, Messages.Text("too_large"))];
            return Page();
        }

        var published = await store.PublishAsync(Zip(manifest, files), User, ct);
        if (published.Stored is { } suite) return Redirect($"/designer/suites/{suite.Id}");
        Problems = published.SlugTaken
            ? [("slug", Messages.Text("suite.slug_taken"))]
            : published.Problems.Select(p => PlaceOf(p, rowOfTest)).ToList();
        return Page();
    }

    /// <summary>
    /// The form key a parser problem is shown beside: its manifest path with the test's index turned into the form
    /// row's, cut back to the nearest field the form has; a file's problem beside the files; the rest above the form.
    /// </summary>
    private (string Key, string Message) PlaceOf(Grading.Suites.SuiteProblem problem, IReadOnlyList<int> rowOfTest)
    {
        var message = SuiteUploads.Describe(problem);
        if (problem.Field is not { } field)
            return problem.Where.StartsWith("suite.json", StringComparison.Ordinal) ? ("", message) : (SuiteForms.FilesKey, $"{problem.Where}: {message}");
        field = TestIndex().Replace(field, m => $"tests[{rowOfTest[int.Parse(m.Groups[1].Value)]}]");
        var keys = FormKeys();
        for (var key = field; key.Length > 0; key = key[..Math.Max(0, key.LastIndexOfAny(['.', '[']))])
        {
            if (keys.Contains(key)) return (key, message);
        }
        return ("", $"{problem.Field}: {message}");
    }

    private HashSet<string> FormKeys()
    {
        string[] suite = ["slug", "title", "languages", "limits", "limits.timeSeconds", "limits.memoryMb", "promptsAreOutput",
            "statement", "reference", "reference.language", "reference.file", "tests", "more"];
        string[] test = ["", ".name", ".points", ".visibility", ".stdin", ".expectedStdout", ".stdinFile", ".expectedStdoutFile",
            ".compare", ".tolerance", ".caseSensitive", ".hint", ".limits", ".limits.timeSeconds", ".limits.memoryMb", ".more"];
        return [.. suite, .. Enumerable.Range(0, Form.Tests.Count).SelectMany(row => test.Select(t => $"tests[{row}]{t}"))];
    }

    [GeneratedRegex(@"^tests\[(\d+)\]")]
    private static partial Regex TestIndex();

    /// <summary>The edited version (the designer's own, else not found), with its files.</summary>
    private async Task<bool> LoadBaseAsync(Guid? id, CancellationToken ct)
    {
        if (id is null) return true;
        Base = await db.DesignedBy(User).AsNoTracking().Include(s => s.Files).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (Base is null) return false;
        BaseFiles = Edited(Base).KeptFiles;
        return true;
    }

    private static (SuiteForm Form, IReadOnlyList<string> KeptFiles) Edited(Suite suite) =>
        SuiteForms.FromDefinition(suite.DefinitionJson, suite.Files.ToDictionary(f => f.Path, f => f.Content));

    /// <summary>
    /// The suite's files by name: the kept ones of the edited version, then the uploads (a new file of the same name
    /// replaces the old), then the reference typed on the page. Null with a problem for a name no zip can hold.
    /// </summary>
    private async Task<Dictionary<string, byte[]>?> FilesAsync(List<(string Key, string Message)> refused, CancellationToken ct)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var kept in Base?.Files.Where(f => Keep.Contains(f.Path) && BaseFiles.Contains(f.Path)) ?? [])
            files[kept.Path] = kept.Content;
        if (Upload.Sum(f => f.Length) > SuitesApi.MaxUploadBytes)
        {
            refused.Add((SuiteForms.FilesKey, Messages.Text("too_large")));
            return null;
        }
        foreach (var upload in Upload.Where(f => f.Length > 0))
        {
            var name = Path.GetFileName(upload.FileName);
            if (name.Length == 0 || name.Any(char.IsControl))
            {
                refused.Add((SuiteForms.FilesKey, Ui.T("파일 이름에 쓸 수 없는 문자가 있습니다.", "A file name holds a character that cannot be used.")));
                continue;
            }
            using var buffer = new MemoryStream();
            await upload.CopyToAsync(buffer, ct);
            files[name] = buffer.ToArray();
        }
        if (!string.IsNullOrWhiteSpace(Form.ReferenceSource) && !string.IsNullOrWhiteSpace(Form.ReferenceLanguage))
            files[SuiteForms.ReferenceFileOf(Form)] = Encoding.UTF8.GetBytes(Form.ReferenceSource.Replace("\r\n", "\n"));
        return refused.Count == 0 ? files : null;
    }

    private static byte[] Zip(string manifest, Dictionary<string, byte[]> files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in files.Prepend(new("suite.json", Encoding.UTF8.GetBytes(manifest))))
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                entry.Write(content);
            }
        }
        return buffer.ToArray();
    }
}
