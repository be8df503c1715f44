using System.Globalization;
using Grader.Api.Infrastructure;
using Grader.Api.Submissions;
using Grader.Api.Suites;
using Grader.Core.Data;
using Grader.Grading.Suites;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grader.Api.Pages.Student;

/// <summary>One assignment: hand in a file or pasted Python, and the student's earlier submissions.</summary>
public sealed class AssignmentModel(GraderDbContext db, SuiteSummaries suites, SubmissionQueue queue, TimeProvider clock) : PageModel
{
    public AssignmentSubmissions Found { get; private set; } = null!;

    public IReadOnlyList<string> Languages { get; private set; } = [];

    /// <summary>The sanitised statement and the visible tests as examples.</summary>
    public StatementView Statement { get; private set; } = null!;

    [BindProperty] public IFormFile? Upload { get; set; }

    [BindProperty] public string? Source { get; set; }

    /// <summary>
    /// Made when the form is shown and sent back with it: the same form sent twice (a double click, a reload that
    /// posts again) makes one submission, as an API client's <c>Idempotency-Key</c> does.
    /// </summary>
    [BindProperty] public string? SubmissionKey { get; set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var assignment = await queue.FindForStudentAsync(id, User.Id(), ct);
        if (assignment is null) return NotFound();

        if (Upload is not { Length: > 0 } && string.IsNullOrWhiteSpace(Source))
            Error = Ui.T("파일을 고르거나 코드를 붙여 넣으세요.", "Choose a file or paste your code.");
        else
        {
            var key = SubmissionKey is { Length: > 0 and <= IdempotentSubmissions.MaxKeyLength } ? SubmissionKey : null;
            var (submission, problem, _) = await queue.SubmitAsync(assignment, User.Id(), async () => Upload is { Length: > 0 } file
                ? await SubmissionQueue.ReadFileAsync(file, ct)
                : SubmissionIntake.FromSource("python", Source), key, ct);
            if (submission is not null) return Redirect($"/submissions/{submission.Id}");
            if (problem is { RetryAfterSeconds: { } wait })
            {
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
                Error = string.Format(Messages.Text("submission.too_many"), wait);
            }
            else Error = $"{Messages.Text(problem!.Code)} ({problem.Detail})";
        }
        await LoadAsync(id, ct);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var found = await SubmissionReads.ForAssignmentAsync(db, suites, id, User, null, clock.GetUtcNow(), ct);
        if (found is null) return false;
        Found = found;
        // A fresh key with every form shown, after a refusal too: the student may fix the program and send it again.
        SubmissionKey = Guid.NewGuid().ToString("N");
        Languages = SuiteJson.Deserialize(found.Assignment.Suite!.DefinitionJson).Languages.Select(l => l.ToWire()).ToList();
        Statement = await SuiteExamples.ForAsync(db, found.Assignment.Suite!, ct);
        return true;
    }

    /// <summary>What the file picker offers, from the languages the assignment accepts.</summary>
    public string Accept => string.Join(",", Languages.SelectMany(l => l switch
    {
        "python" => new[] { ".py", ".zip" },
        "scratch" => [".sb3", ".json"],
        "entry" => [".ent", ".json"],
        "blockly" => [".json", ".xml"],
        _ => [],
    }).Distinct());
}
