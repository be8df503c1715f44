using Grader.Grading.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grader.Api.Infrastructure;

/// <summary>Localised problem+json results (RFC 9457) for the endpoints.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound() => Status(StatusCodes.Status404NotFound, "not_found");

    public static ProblemHttpResult Status(int status, string code, string? detail = null) =>
        TypedResults.Problem(title: Messages.Text(code), detail: detail, statusCode: status,
            extensions: new Dictionary<string, object?> { ["code"] = code });

    /// <summary>422 with errors per field; each error is a message code rendered in the reader's language.</summary>
    public static ProblemHttpResult Invalid(Dictionary<string, string[]> errors, string code = "validation") =>
        TypedResults.Problem(new HttpValidationProblemDetails(
            errors.ToDictionary(e => e.Key, e => e.Value.Select(Messages.Text).ToArray()))
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = Messages.Text(code),
            Extensions = { ["code"] = code },
        });
}

/// <summary>Collects per-field errors before anything is stored.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new();

    public bool Any => _errors.Count > 0;

    /// <summary>Every message code with its field, in the order they were added per field.</summary>
    public IEnumerable<(string Field, string Code)> All => _errors.SelectMany(e => e.Value.Select(code => (e.Key, code)));

    public FieldErrors Add(string field, string code)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(code);
        return this;
    }

    public void Required(string field, string? value, int maxLength = 200)
    {
        if (string.IsNullOrWhiteSpace(value)) Add(field, "field.required");
        else Optional(field, value, maxLength);
    }

    /// <summary>A text that may be left out; when given it must fit and hold only what can be stored.</summary>
    public void Optional(string field, string? value, int maxLength = 200)
    {
        if (value is null) return;
        if (value.Length > maxLength) Add(field, "field.too_long");
        else if (StorableText.HasUnstorable(value)) Add(field, "field.unstorable");
    }

    public ProblemHttpResult ToProblem(string code = "validation") =>
        Problems.Invalid(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), code);
}
