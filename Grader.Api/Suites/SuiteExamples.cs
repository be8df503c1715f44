using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Grading.Suites;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Suites;

/// <summary>A visible test shown under the statement: what the program reads and what it should print.</summary>
public sealed record ExampleView(string Name, string Input, string ExpectedOutput);

/// <summary>What a student reads before writing a program: the sanitised statement and the examples.</summary>
public sealed record StatementView(string? Html, IReadOnlyList<ExampleView> Examples);

/// <summary>
/// The statement and examples of a suite. Only <c>visible</c> tests are examples (never hidden or after_due ones,
/// even after the due date: an example is a promise made before it), and only those whose expectation is an output
/// to print: a regex is a pattern, not an answer, and a call's return value is no program's output.
/// </summary>
public static class SuiteExamples
{
    /// <summary>An example longer than this is cut: it is for reading, and a large test is not an example.</summary>
    public const int MaxChars = 2000;

    public static async Task<StatementView> ForAsync(GraderDbContext db, Suite suite, CancellationToken ct)
    {
        var definition = SuiteJson.Deserialize(suite.DefinitionJson);
        var tests = definition.Tests
            .Where(t => t is { Visibility: TestVisibility.Visible, Call: null } && t.Compare != CompareMode.Regex
                && (t.ExpectedStdout ?? t.ExpectedStdoutFile) is not null)
            .ToList();
        var named = tests.SelectMany(t => new[] { t.StdinFile, t.ExpectedStdoutFile }).OfType<string>().Distinct().ToList();
        var files = named.Count == 0 ? new Dictionary<string, byte[]>()
            : await db.SuiteFiles.AsNoTracking().Where(f => f.SuiteId == suite.Id && named.Contains(f.Path))
                .ToDictionaryAsync(f => f.Path, f => f.Content, StringComparer.Ordinal, ct);
        var examples = tests.Select(t => new ExampleView(t.Name,
            Cut(System.Text.Encoding.UTF8.GetString(SuiteFiles.StdinBytes(t, files))),
            Cut(SuiteFiles.ExpectedStdout(t, files) ?? ""))).ToList();
        return new StatementView(suite.StatementHtml, examples);
    }

    private static string Cut(string text)
    {
        text = text.Replace("\r\n", "\n");
        return text.Length <= MaxChars ? text : text[..MaxChars] + "…";
    }
}
