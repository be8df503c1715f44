using System.Globalization;
using Grader.Api.Infrastructure;
using Grader.Api.Submissions;
using Grader.Api.Suites;
using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Grading.Suites;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grader.Api.Pages;

/// <summary>
/// A page with the student's submit form (_SubmitForm): a student's assignment and a designer's trial of a suite
/// version. What the form sends and how a submission or its refusal is answered live here once, so both pages take
/// and refuse programs alike.
/// </summary>
public abstract class SubmitPageModel : PageModel
{
    public IReadOnlyList<ProgramLanguage> Languages { get; private set; } = [];

    /// <summary>The sanitised statement and the visible tests as examples.</summary>
    public StatementView Statement { get; private set; } = null!;

    /// <summary>Null on a trial, which has no due date.</summary>
    public DateTimeOffset? DueAt { get; private set; }

    [BindProperty] public IFormFile? Upload { get; set; }

    [BindProperty] public string? Source { get; set; }

    /// <summary>The Blockly workspace's JSON serialisation, written by the page's script.</summary>
    [BindProperty] public string? Blocks { get; set; }

    /// <summary>Which button sent the form: "python", "blockly" or "file" (none: the form sent by Enter, as before).</summary>
    [BindProperty] public string? Language { get; set; }

    /// <summary>
    /// Made when the form is shown and sent back with it: the same form sent twice (a double click, a reload that
    /// posts again) makes one submission, as an API client's <c>Idempotency-Key</c> does.
    /// </summary>
    [BindProperty] public string? SubmissionKey { get; set; }

    public string? Error { get; private set; }

    /// <summary>
    /// Hands the form's program to <paramref name="submit"/> (with the form's key) and opens the result page; on a
    /// refusal, shows the form again, reloaded by <paramref name="reload"/>, with the reason.
    /// </summary>
    protected async Task<IActionResult> SubmitAsync(
        Func<Func<Task<Intake<IncomingProgram>>>, string?, Task<Intake<SubmitOutcome>>> submit, Func<Task> reload, CancellationToken ct)
    {
        if (ProgramReader(ct) is not { } read)
        {
            Error = Language == "blockly"
                ? Ui.T("블록을 끌어다 놓아 프로그램을 만든 다음 제출하세요.", "Build a program from blocks, then submit it.")
                : Ui.T("파일을 고르거나 코드를 쓰세요.", "Choose a file or write your code.");
        }
        else
        {
            var key = SubmissionKey is { Length: > 0 and <= IdempotentSubmissions.MaxKeyLength } ? SubmissionKey : null;
            var submitted = await submit(read, key);
            if (!submitted.IsRefused(out var refusal, out var outcome)) return Redirect($"/submissions/{outcome.Submission.Id}");
            if (refusal.RetryAfterSeconds is { } wait)
            {
                Response.StatusCode = StatusCodes.Status429TooManyRequests;
                Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
                Error = string.Format(Messages.Text("submission.too_many"), wait);
            }
            else
            {
                Error = $"{Messages.Text(refusal.Answer.Code)} ({refusal.Detail})";
            }
        }
        await reload();
        return Page();
    }

    /// <summary>Fills the form for <paramref name="suite"/>'s statement and languages.</summary>
    protected async Task ShowFormAsync(GraderDbContext db, Suite suite, DateTimeOffset? dueAt, CancellationToken ct)
    {
        // A fresh key with every form shown, after a refusal too: the student may fix the program and send it again.
        SubmissionKey = Guid.NewGuid().ToString("N");
        Languages = SuiteJson.Deserialize(suite.DefinitionJson).Languages;
        Statement = await SuiteExamples.ForAsync(db, suite, ct);
        DueAt = dueAt;
    }

    /// <summary>
    /// What the form hands in: the button pressed says what goes in (blocks only from the blocks button); what it
    /// names being empty, the other. Null when there is nothing to hand in.
    /// </summary>
    private Func<Task<Intake<IncomingProgram>>>? ProgramReader(CancellationToken ct)
    {
        var upload = Upload is { Length: > 0 } file ? file : null;
        var source = string.IsNullOrWhiteSpace(Source) ? null : Source;
        Func<Task<Intake<IncomingProgram>>>? fromFile = upload is null ? null : () => SubmissionAdmission.ReadFileAsync(upload, ct);
        Func<Task<Intake<IncomingProgram>>>? fromSource = source is null ? null : () => Task.FromResult(SubmissionIntake.FromSource("python", source));
        var blocks = Blocks;
        return Language switch
        {
            "blockly" when !string.IsNullOrWhiteSpace(blocks) => () => Task.FromResult(SubmissionIntake.FromSource("blockly", blocks)),
            "blockly" => null,
            "python" => fromSource ?? fromFile,
            _ => fromFile ?? fromSource,
        };
    }

    /// <summary>What the file picker offers, from the languages the suite accepts.</summary>
    public string Accept => string.Join(",", Languages.SelectMany(l => l switch
    {
        ProgramLanguage.Python => new[] { ".py", ".zip" },
        ProgramLanguage.Scratch => [".sb3", ".json"],
        ProgramLanguage.Entry => [".ent", ".json"],
        ProgramLanguage.Blockly => [".json", ".xml"],
    }).Distinct());
}
