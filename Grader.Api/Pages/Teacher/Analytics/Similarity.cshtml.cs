using System.Text;
using System.Text.Encodings.Web;
using Grader.Api.Analytics;
using Grader.Grading.Similarity;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grader.Api.Pages.Teacher.Analytics;

/// <summary>
/// An assignment's similarity report (<see cref="AssignmentAnalytics.SimilarityAsync"/>): the pairs above the
/// threshold, and one pair side by side with what they share marked. The starter code the teacher pastes is posted
/// (it may be longer than a URL holds) and stored nowhere.
/// </summary>
public sealed class SimilarityModel(AssignmentAnalytics analytics) : PageModel
{
    public AssignmentSimilarity Report { get; private set; } = null!;

    public string? Starter { get; private set; }

    public string? StarterError { get; private set; }

    /// <summary>The pair opened side by side, if any.</summary>
    public SimilarPair? Opened { get; private set; }

    public Task<IActionResult> OnGetAsync(Guid id, string? pair, CancellationToken ct) => ShowAsync(id, null, pair, ct);

    public Task<IActionResult> OnPostAsync(Guid id, string? starter, string? pair, CancellationToken ct) => ShowAsync(id, starter, pair, ct);

    private async Task<IActionResult> ShowAsync(Guid id, string? starter, string? pair, CancellationToken ct)
    {
        if (starter is { Length: > AssignmentAnalytics.MaxStarterChars })
        {
            StarterError = Ui.T($"시작 코드는 {AssignmentAnalytics.MaxStarterChars:N0}자까지입니다.",
                $"Starter code is at most {AssignmentAnalytics.MaxStarterChars:N0} characters.");
            starter = null;
        }
        Starter = starter;
        var report = await analytics.SimilarityAsync(id, User, starter, ct);
        if (report is null) return NotFound();
        Report = report;
        Opened = pair is null ? null : report.Pairs.FirstOrDefault(p => Key(p) == pair);
        return Page();
    }

    /// <summary>A pair's name in the page's links and buttons: its two submission ids.</summary>
    public static string Key(SimilarPair pair) => $"{pair.First.Key}_{pair.Second.Key}";

    /// <summary>A document's text, HTML-encoded, with the stretches it shares with the other program in &lt;mark&gt;.</summary>
    public static IHtmlContent Marked(string text, IReadOnlyList<TextSpan> spans)
    {
        var html = new StringBuilder();
        var position = 0;
        foreach (var span in spans)
        {
            html.Append(HtmlEncoder.Default.Encode(text[position..span.Start]))
                .Append("<mark>").Append(HtmlEncoder.Default.Encode(text[span.Start..span.End])).Append("</mark>");
            position = span.End;
        }
        return new HtmlString(html.Append(HtmlEncoder.Default.Encode(text[position..])).ToString());
    }
}
