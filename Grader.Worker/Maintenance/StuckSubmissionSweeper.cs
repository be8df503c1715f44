using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Core.Jobs;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Grader.Worker.Maintenance;

/// <summary>
/// Enqueues again the submissions that are queued or running but that no Hangfire job will ever grade: the API
/// died or lost the database between its commit and its enqueue, or a job was deleted, or failed outside the
/// grading job's own count. Every worker runs it; a PostgreSQL advisory lock lets one of them sweep at a time.
/// A job that runs twice still stores one result (the submission's row version), so a rare extra enqueue is harmless.
/// </summary>
public sealed class StuckSubmissionSweeper(
    GraderDbContext db,
    JobStorage storage,
    IBackgroundJobClient jobs,
    TimeProvider clock,
    IOptions<MaintenanceOptions> options,
    ILogger<StuckSubmissionSweeper> logger)
{
    /// <summary>The same key on every worker: "GRSWEEP1" as a number.</summary>
    private const long SweepLockKey = 0x4752_5357_4545_5031;

    /// <summary>The submissions it enqueued again or marked failed; none when another worker is sweeping.</summary>
    public async Task<IReadOnlyList<Guid>> SweepAsync(CancellationToken cancellationToken)
    {
        // A session lock on a connection held for the sweep: it ends with the connection if this worker dies.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            if (!await CallLockFunctionAsync("pg_try_advisory_lock", cancellationToken)) return [];
            try
            {
                return await SweepWhileLockedAsync(cancellationToken);
            }
            finally
            {
                await CallLockFunctionAsync("pg_advisory_unlock", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<IReadOnlyList<Guid>> SweepWhileLockedAsync(CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - options.Value.StuckAfter;
        var stale = await db.Submissions.AsNoTracking()
            .Where(s => (s.Status == SubmissionStatus.Queued || s.Status == SubmissionStatus.Running)
                && (s.StartedAt ?? s.SubmittedAt) < cutoff && (s.RequeuedAt == null || s.RequeuedAt < cutoff))
            .Select(s => s.Id)
            .ToListAsync(cancellationToken);
        if (stale.Count == 0) return [];

        var alive = await SubmissionsWithLiveJobsAsync(stale, cancellationToken);
        var orphanIds = stale.Where(id => !alive.Contains(id)).ToList();
        if (orphanIds.Count == 0) return [];

        // Read again: a job may have finished them since the first query.
        var orphans = await db.Submissions
            .Where(s => orphanIds.Contains(s.Id)
                && (s.Status == SubmissionStatus.Queued || s.Status == SubmissionStatus.Running))
            .ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        foreach (var submission in orphans)
        {
            if (submission.Attempts > GradingRetries.Attempts)
            {
                // It had every run the retries allow; enqueueing it again would loop forever on a persistent fault.
                submission.RecordInfrastructureFault(
                    $"Grading did not finish after {submission.Attempts} attempts. {submission.FailureReason}".Trim());
            }
            else
            {
                submission.Requeue(now, RequeueKind.Resume);
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // A job took one of them after all (its row version moved): it grades it; the next sweep sees the rest.
            logger.LogInformation("A submission the sweeper found orphaned changed meanwhile; sweeping again next time");
            return [];
        }

        foreach (var submission in orphans.Where(s => s.Status != SubmissionStatus.Failed))
        {
            db.SubmissionJobs.Add(new SubmissionJob
            {
                SubmissionId = submission.Id, HangfireJobId = jobs.EnqueueGrading(submission.Id), EnqueuedAt = now,
            });
        }
        // Enqueued already: were this save lost, the next sweep would find the jobs unrecorded and enqueue one more run.
        await db.SaveChangesAsync(cancellationToken);
        foreach (var submission in orphans)
        {
            logger.LogWarning("Submission {SubmissionId} was {Status} after {Attempts} attempts with no job: {Action}",
                submission.Id, submission.Status, submission.Attempts,
                submission.Status == SubmissionStatus.Failed ? "marked failed" : "enqueued again");
        }

        return orphans.Select(s => s.Id).ToList();
    }

    private async Task<bool> CallLockFunctionAsync(string function, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT {function}({SweepLockKey})";
        return await command.ExecuteScalarAsync(cancellationToken) is true;
    }

    /// <summary>
    /// Of these submissions, those a recorded grading job will still grade: its state is one a job leaves only by
    /// running (scheduled for a retry, awaiting, enqueued, processing). Each job's state is read by its id, so a job
    /// moving on between two reads is never missed, and the cost follows the submissions considered, not Hangfire's lists.
    /// </summary>
    private async Task<HashSet<Guid>> SubmissionsWithLiveJobsAsync(IReadOnlyList<Guid> submissionIds, CancellationToken cancellationToken)
    {
        var recorded = await db.SubmissionJobs.AsNoTracking()
            .Where(j => submissionIds.Contains(j.SubmissionId))
            .Select(j => new { j.SubmissionId, j.HangfireJobId })
            .ToListAsync(cancellationToken);
        using var connection = storage.GetConnection();
        return recorded
            .Where(j => connection.GetStateData(j.HangfireJobId)?.Name is { } state && s_liveStates.Contains(state))
            .Select(j => j.SubmissionId)
            .ToHashSet();
    }

    private static readonly HashSet<string> s_liveStates =
        new([ScheduledState.StateName, AwaitingState.StateName, EnqueuedState.StateName, ProcessingState.StateName], StringComparer.OrdinalIgnoreCase);
}
