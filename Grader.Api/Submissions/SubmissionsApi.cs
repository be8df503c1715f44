using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Grader.Api.Infrastructure;
using Grader.Api.Suites;
using Grader.Core.Data;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grader.Api.Submissions;

public sealed record SourceSubmission(string? Language, string? Source);

public static class SubmissionsApi
{
    public static IEndpointRouteBuilder MapSubmissions(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api").WithTags("Submissions").RequireAuthorization();
        group.MapPost("/assignments/{id:guid}/submissions", SubmitAsync)
            .RequireAuthorization(Policies.Students)
            .WithName("Submit")
            .DisableAntiforgery()
            .WithUploadLimit(SubmissionIntake.MaxUploadBytes)
            .WithDescription("Body: JSON {language, source}, or multipart/form-data with one `file`. " +
                "An `Idempotency-Key` header makes a retried POST answer with the submission the first one made.");
        group.MapGet("/assignments/{id:guid}/submissions", ListAsync);
        group.MapGet("/submissions/{id:guid}", GetAsync).WithName("GetSubmission");
        return routes;
    }

    private static async Task<Results<AcceptedAtRoute<SubmissionView>, Accepted<SubmissionView>, ProblemHttpResult>> SubmitAsync(
        Guid id, HttpRequest http, ClaimsPrincipal user, SubmissionAdmission admission, TimeProvider clock,
        CancellationToken ct)
    {
        var (idempotencyKey, keyProblem) = IdempotentSubmissions.ReadKey(http);
        if (keyProblem is not null) return Refuse(keyProblem);
        var studentId = user.Id();
        var assignment = await admission.FindForStudentAsync(id, studentId, ct);
        if (assignment is null) return Problems.NotFound();

        var (submission, refused, replayed) = await admission.SubmitAsync(assignment, studentId, () => ReadProgramAsync(http, ct),
            idempotencyKey, ct);
        if (refused is { RetryAfterSeconds: { } wait }) http.HttpContext.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
        if (refused is not null) return Refuse(refused);
        if (replayed) http.HttpContext.Response.Headers[IdempotentSubmissions.ReplayedHeader] = "true";
        return TypedResults.AcceptedAtRoute(SubmissionViews.For(submission!, false, assignment.DueAt, clock.GetUtcNow()),
            "GetSubmission", new { id = submission!.Id });
    }

    private static async Task<(IncomingProgram?, IntakeProblem?)> ReadProgramAsync(HttpRequest http, CancellationToken ct)
    {
        if (http.HasFormContentType)
        {
            var form = await http.ReadFormAsync(ct);
            if (form.Files.GetFile("file") is not { } file) return (null, new IntakeProblem("field.required", "file"));
            return await SubmissionAdmission.ReadFileAsync(file, ct);
        }
        if (http.HasJsonContentType())
        {
            try
            {
                var body = await http.ReadFromJsonAsync<SourceSubmission>(ct);
                return SubmissionIntake.FromSource(body?.Language, body?.Source);
            }
            catch (JsonException)
            {
                return (null, new IntakeProblem("bad_request", "body"));
            }
        }
        return (null, new IntakeProblem("bad_request", "Content-Type"));
    }

    private static ProblemHttpResult Refuse(IntakeProblem problem)
    {
        switch (problem.Code)
        {
            case "bad_request" or "idempotency.invalid":
                return Problems.Status(StatusCodes.Status400BadRequest, problem.Code, problem.Detail);
            case "too_many":
                return Problems.Status(StatusCodes.Status429TooManyRequests, problem.Code);
            case "too_large":
                return Problems.Status(StatusCodes.Status413PayloadTooLarge, problem.Code, problem.Detail);
            case "submission.late" or "submission.closed" or "submission.limit" or "idempotency.reused": // about the request, not the file
                return Problems.Status(StatusCodes.Status422UnprocessableEntity, problem.Code);
        }
        var result = Problems.Invalid(new() { ["file"] = [problem.Code] }, problem.Code);
        result.ProblemDetails.Detail = problem.Detail;
        return result;
    }

    private static async Task<Results<Ok<List<SubmissionView>>, ProblemHttpResult>> ListAsync(
        Guid id, ClaimsPrincipal user, GraderDbContext db, SuiteSummaries suites, TimeProvider clock, CancellationToken ct)
    {
        var found = await SubmissionReads.ForAssignmentAsync(db, suites, id, user, null, clock.GetUtcNow(), ct);
        return found is null ? Problems.NotFound() : TypedResults.Ok(found.Submissions.ToList());
    }

    private static async Task<Results<Ok<SubmissionView>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, GraderDbContext db, SuiteSummaries suites, TimeProvider clock, CancellationToken ct)
    {
        var found = await SubmissionReads.FindAsync(db, suites, id, user, clock.GetUtcNow(), ct);
        return found is null ? Problems.NotFound() : TypedResults.Ok(found);
    }
}
