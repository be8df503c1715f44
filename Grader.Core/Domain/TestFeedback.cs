using System.Text.Json;
using Grader.Core.Data;

namespace Grader.Core.Domain;

/// <summary>
/// Language-neutral facts behind a test's feedback, stored as JSON and rendered in the reader's language:
/// the first differing line (visible tests only) or the program's error. <see cref="Kind"/> says what differs
/// (Grader.Grading's <c>DifferenceKinds</c>: "line", "missing_line", "pattern", "value", "checker", …);
/// a checker's own message is in <see cref="Note"/>.
/// </summary>
public sealed record TestFeedback(
    int? Line = null,
    string? Expected = null,
    string? Actual = null,
    string? ErrorType = null,
    string? ErrorMessage = null,
    int? Column = null,
    string? Note = null,
    string? Kind = null)
{
    public string ToJson() => JsonSerializer.Serialize(this, GraderDbContext.Json);

    public static TestFeedback? FromJson(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<TestFeedback>(json, GraderDbContext.Json);
}
