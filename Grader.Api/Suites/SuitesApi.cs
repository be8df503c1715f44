using System.Security.Claims;
using System.Text.Json.Nodes;
using Grader.Api.Courses;
using Grader.Api.Infrastructure;
using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Grading;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Suites;

public sealed record ValidationView(string Status, ValidationReport? Report);

public sealed record SuiteView(Guid Id, string Slug, int Version, string Title, ValidationView Validation,
    DateTimeOffset CreatedAt, JsonNode Definition);

public static class SuitesApi
{
    public const int MaxUploadBytes = 16 * 1024 * 1024;

    public static IEndpointRouteBuilder MapSuites(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/suites").WithTags("Suites").RequireAuthorization();
        group.MapPost("/", UploadAsync).RequireAuthorization(Policies.Designers).DisableAntiforgery()
            .WithUploadLimit(MaxUploadBytes)
            .WithDescription("Body: a zip holding suite.yaml or suite.json and its files, the manifest alone as JSON or YAML, or multipart/form-data with one `file`.");
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Designers);
        group.MapGet("/{id:guid}", GetAsync);
        return routes;
    }

    private static async Task<Results<Created<SuiteView>, ProblemHttpResult>> UploadAsync(
        HttpRequest http, ClaimsPrincipal user, SuiteStore store, CancellationToken ct)
    {
        var upload = await ReadUploadAsync(http, ct);
        if (upload is null) return Problems.Status(StatusCodes.Status400BadRequest, "bad_request", "file");
        if (upload.Length > MaxUploadBytes) return Problems.Status(StatusCodes.Status413PayloadTooLarge, "too_large");

        var published = await store.PublishAsync(upload, user, ct);
        if (published.Stored is { } suite) return TypedResults.Created($"/api/suites/{suite.Id}", ToView(suite));
        return published.SlugTaken
            ? Problems.Status(StatusCodes.Status409Conflict, "suite.slug_taken")
            : Problems.Invalid(published.Problems
                .GroupBy(p => p.Where)
                .ToDictionary(g => g.Key, g => g.Select(p => SuiteUploads.Describe(p)).ToArray()), "suite.invalid");
    }

    private static async Task<byte[]?> ReadUploadAsync(HttpRequest http, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        if (http.HasFormContentType)
        {
            var form = await http.ReadFormAsync(ct);
            if (form.Files.GetFile("file") is not { } file) return null;
            await file.CopyToAsync(buffer, ct);
        }
        else
        {
            await http.Body.CopyToAsync(buffer, ct);
        }

        return buffer.Length == 0 ? null : buffer.ToArray();
    }

    private static async Task<Ok<List<SuiteView>>> ListAsync(GraderDbContext db, string? slug, CancellationToken ct)
    {
        var suites = await db.Suites.AsNoTracking().Where(s => slug == null || s.Slug == slug)
            .OrderBy(s => s.Slug).ThenByDescending(s => s.Version).ToListAsync(ct);
        return TypedResults.Ok(suites.Select(ToView).ToList());
    }

    private static async Task<Results<Ok<SuiteView>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, GraderDbContext db, CancellationToken ct)
    {
        var role = user.Role();
        var taughtCourses = db.Courses.TaughtBy(user).Select(c => c.Id);
        var suite = await db.Suites.AsNoTracking()
            .Where(s => s.Id == id && (role == Role.Admin || role == Role.Designer
                || (role == Role.Teacher && db.Assignments.Any(a => a.SuiteId == s.Id && taughtCourses.Contains(a.CourseId)))))
            .FirstOrDefaultAsync(ct);
        return suite is null ? Problems.NotFound() : TypedResults.Ok(ToView(suite));
    }

    public static SuiteView ToView(Suite s) => new(s.Id, s.Slug, s.Version, s.Title,
        new ValidationView((s.ValidationStatus == ValidationStatus.NotRequired ? ValidationStatus.Passed : s.ValidationStatus).ToWire(),
            s.ValidationReport),
        s.CreatedAt, JsonNode.Parse(s.DefinitionJson)!);
}
