using Grader.Api.Infrastructure;
using Grader.Api.Submissions;
using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Grading;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Grader.Api.Admin;

/// <summary>Which failed submissions to grade again; none or an empty list means every failed submission.</summary>
public sealed record RequeueRequest(IReadOnlyList<Guid>? Ids);

public sealed record RequeueView(int Requeued, IReadOnlyList<Guid> Ids);

/// <summary>
/// The grading queue as an admin watches it: Hangfire's jobs by state, and submissions by status with the
/// oldest still waiting.
/// </summary>
public sealed record QueueView(long Enqueued, long Processing, long Scheduled, long FailedJobs, long Workers,
    IReadOnlyDictionary<string, int> Submissions, DateTimeOffset? OldestQueuedAt);

public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin").WithTags("Admin").RequireAuthorization(Policies.Admin);
        group.MapPost("/submissions/requeue", RequeueAsync)
            .WithDescription("Grades failed submissions again (their failure reason says why they failed): the ones named in `ids`, or every failed one when `ids` is absent or empty.");
        group.MapGet("/queue", GetQueueAsync);
        return routes;
    }

    private static async Task<Results<Accepted<RequeueView>, ProblemHttpResult>> RequeueAsync(
        RequeueRequest? request, GraderDbContext db, SubmissionEnqueuer enqueuer, TimeProvider clock, CancellationToken ct)
    {
        var failed = db.Submissions.Where(s => s.Status == SubmissionStatus.Failed);
        if (request?.Ids is { Count: > 0 } ids) failed = failed.Where(s => ids.Contains(s.Id));
        var submissions = await failed.Include(s => s.Tests).ToListAsync(ct);
        // A fresh count of attempts: the retries start over. The reason goes with the failure it explained.
        var now = clock.GetUtcNow();
        foreach (var submission in submissions) submission.Requeue(now, RequeueKind.StartOver);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "requeue.conflict");
        }
        // Committed first: a submission whose enqueue fails stays queued, and the workers' sweeper enqueues it.
        foreach (var submission in submissions)
            enqueuer.Enqueue(submission.Id);
        return TypedResults.Accepted("/api/admin/queue", new RequeueView(submissions.Count, submissions.Select(s => s.Id).ToList()));
    }

    /// <summary>Also called by the admin's queue page.</summary>
    internal static async Task<Ok<QueueView>> GetQueueAsync(GraderDbContext db, JobStorage storage, CancellationToken ct)
    {
        var byStatus = await db.Submissions.GroupBy(s => s.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(ct);
        var oldestQueuedAt = await db.Submissions.Where(s => s.Status == SubmissionStatus.Queued)
            .MinAsync(s => (DateTimeOffset?)s.SubmittedAt, ct);
        var jobs = storage.GetMonitoringApi().GetStatistics();
        return TypedResults.Ok(new QueueView(jobs.Enqueued, jobs.Processing, jobs.Scheduled, jobs.Failed, jobs.Servers,
            Enum.GetValues<SubmissionStatus>().ToDictionary(s => s.ToWire(), s => byStatus.FirstOrDefault(b => b.Status == s)?.Count ?? 0),
            oldestQueuedAt));
    }
}
