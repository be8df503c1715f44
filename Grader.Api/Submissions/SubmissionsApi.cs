using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Grader.Api.Infrastructure;
using Grader.Api.Pages;
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
        // Open to every role: who may try a suite version is decided in the query, so anyone else gets 404.
        group.MapPost("/suites/{id:guid}/trials", TryAsync)
            .WithName("Try")
            .DisableAntiforgery()
            .WithUploadLimit(SubmissionIntake.MaxUploadBytes)
            .WithDescription("\"Try as a student\": the suite version's designers and admins submit as to an assignment " +
                "of it (same body, checks and grading, validated or not); the submission belongs to no course. Read it " +
                "at /api/submissions/{id}.");
        group.MapGet("/assignments/{id:guid}/submissions", ListAsync);
        group.MapGet("/submissions/{id:guid}", GetAsync).WithName("GetSubmission");
        // Outside the group: the result page's <img> sends its session cookie, not a bearer token.
        routes.MapGet("/api/submissions/{id:guid}/tests/{index:int}/figures/{number:int}", FigureAsync).WithTags("Submissions")
            .RequireAuthorization(WebPages.Policies.PageOrApi)
            .WithDescription("A picture the program saved in a test (PNG); the test view's `figures` link here.");
        return routes;
    }

    private static async Task<Results<AcceptedAtRoute<SubmissionView>, ProblemHttpResult>> SubmitAsync(
        Guid id, HttpRequest http, ClaimsPrincipal user, SubmissionAdmission admission, TimeProvider clock,
        CancellationToken ct)
    {
        if (IdempotentSubmissions.ReadKey(http, out var idempotencyKey) is { } invalidKey) return Refuse(http, invalidKey);
        var studentId = user.Id();
        var assignment = await admission.FindForStudentAsync(id, studentId, ct);
        if (assignment is null) return Problems.NotFound();

        var submitted = await admission.SubmitAsync(SubmissionTarget.Of(assignment), studentId, () => ReadProgramAsync(http, ct), idempotencyKey, ct);
        return Answer(http, submitted, assignment.DueAt, clock);
    }

    private static async Task<Results<AcceptedAtRoute<SubmissionView>, ProblemHttpResult>> TryAsync(
        Guid id, HttpRequest http, ClaimsPrincipal user, SubmissionAdmission admission, TimeProvider clock,
        CancellationToken ct)
    {
        if (IdempotentSubmissions.ReadKey(http, out var idempotencyKey) is { } invalidKey) return Refuse(http, invalidKey);
        var suite = await admission.FindForTrialAsync(id, user, ct);
        if (suite is null) return Problems.NotFound();

        var submitted = await admission.SubmitAsync(SubmissionTarget.Trial(suite), user.Id(), () => ReadProgramAsync(http, ct), idempotencyKey, ct);
        return Answer(http, submitted, SubmissionViews.TrialDueAt, clock);
    }

    /// <summary>202 with the submission as its submitter sees it (marked when replayed), or the refusal.</summary>
    private static Results<AcceptedAtRoute<SubmissionView>, ProblemHttpResult> Answer(
        HttpRequest http, Intake<SubmitOutcome> submitted, DateTimeOffset dueAt, TimeProvider clock)
    {
        if (submitted.IsRefused(out var refusal, out var outcome)) return Refuse(http, refusal);
        if (outcome.Replayed) http.HttpContext.Response.Headers[IdempotentSubmissions.ReplayedHeader] = "true";
        return TypedResults.AcceptedAtRoute(SubmissionViews.For(outcome.Submission, false, dueAt, clock.GetUtcNow()),
            "GetSubmission", new { id = outcome.Submission.Id });
    }

    private static async Task<Intake<IncomingProgram>> ReadProgramAsync(HttpRequest http, CancellationToken ct)
    {
        if (http.HasFormContentType)
        {
            var form = await http.ReadFormAsync(ct);
            if (form.Files.GetFile("file") is not { } file) return new IntakeRefusal(IntakeRefusalKind.Missing, "file");
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
                return new IntakeRefusal(IntakeRefusalKind.UnreadableRequest, "body");
            }
        }
        return new IntakeRefusal(IntakeRefusalKind.UnreadableRequest, "Content-Type");
    }

    /// <summary>The refusal as its <see cref="IntakeRefusal.Answer"/> says, with <c>Retry-After</c> when the rate limit refused.</summary>
    private static ProblemHttpResult Refuse(HttpRequest http, IntakeRefusal refusal)
    {
        if (refusal.RetryAfterSeconds is { } wait) http.HttpContext.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
        var answer = refusal.Answer;
        var detail = answer.ShowsDetail ? refusal.Detail : null;
        if (!answer.OnFile) return Problems.Status(answer.Status, answer.Code, detail);
        var result = Problems.Invalid(new() { ["file"] = [answer.Code] }, answer.Code);
        result.ProblemDetails.Status = answer.Status;
        result.ProblemDetails.Detail = detail;
        return result;
    }

    private static async Task<Results<Ok<List<SubmissionView>>, ProblemHttpResult>> ListAsync(
        Guid id, ClaimsPrincipal user, GraderDbContext db, SuiteSummaries suites, TimeProvider clock, CancellationToken ct)
    {
        var found = await SubmissionReads.ForAssignmentAsync(db, suites, id, user, null, clock.GetUtcNow(), ct);
        return found is null ? Problems.NotFound() : TypedResults.Ok(found.Submissions.ToList());
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> FigureAsync(Guid id, int index, int number,
        ClaimsPrincipal user, GraderDbContext db, TimeProvider clock, HttpResponse response, CancellationToken ct)
    {
        var png = await SubmissionReads.FigureAsync(db, id, index, number, user, clock.GetUtcNow(), ct);
        if (png is null) return Problems.NotFound();
        // The worker stored only bytes with PNG's signature. A regrade replaces the picture under the same address,
        // so the browser asks again each time.
        return StoredPictures.Serve(response, png, "image/png", "private, no-cache");
    }

    private static async Task<Results<Ok<SubmissionView>, ProblemHttpResult>> GetAsync(
        Guid id, ClaimsPrincipal user, GraderDbContext db, SuiteSummaries suites, TimeProvider clock, CancellationToken ct)
    {
        var found = await SubmissionReads.FindAsync(db, suites, id, user, clock.GetUtcNow(), ct);
        return found is null ? Problems.NotFound() : TypedResults.Ok(found);
    }
}
