using System.Collections.Concurrent;
using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Core.Jobs;
using Hangfire;

namespace Grader.Api.Submissions;

/// <summary>
/// Hands committed submissions to Hangfire after the request has answered (a POST, a regrade, an admin's requeue). Hangfire's client is synchronous and takes
/// several round trips; done inside the request, fifty children pressing "submit" at once held fifty threads and
/// waited on thread-pool growth (issue 6). A submission is accepted once its row is committed: if this process
/// dies before the hand-over, the workers' stuck-submission sweeper enqueues it. The job's id is recorded
/// (<see cref="SubmissionJob"/>) so the sweeper can ask Hangfire about that job alone.
/// </summary>
public sealed class SubmissionEnqueuer(
    IBackgroundJobClient jobs, IServiceScopeFactory scopes, TimeProvider clock, ILogger<SubmissionEnqueuer> logger) : BackgroundService
{
    /// <summary>Hand-overs at once, each on a thread of its own: Hangfire's client blocks, and on thread-pool
    /// threads it would starve the requests of a burst again.</summary>
    private const int Parallelism = 2;

    private readonly BlockingCollection<Guid> _pending = new();

    /// <summary>Queues the hand-over of a submission whose row is already committed.</summary>
    public void Enqueue(Guid submissionId)
    {
        try
        {
            _pending.Add(submissionId);
        }
        catch (InvalidOperationException)
        {
            // Added after StopAsync: the web server stops first, so only a request it gave up on gets here.
            logger.LogWarning("Submission {SubmissionId} stored while the API stops; the sweeper will enqueue it", submissionId);
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        // Hand over what is already pending before the host stops (ExecuteAsync ends when the queue is empty).
        _pending.CompleteAdding();
        return base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _pending.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Parallelism).Select(_ =>
            Task.Factory.StartNew(HandOver, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)));

    private void HandOver()
    {
        foreach (var submissionId in _pending.GetConsumingEnumerable())
        {
            string jobId;
            try
            {
                jobId = jobs.EnqueueGrading(submissionId);
            }
            catch (BackgroundJobClientException e)
            {
                // Stored is accepted: the 202 holds, and the workers' stuck-submission sweeper enqueues it.
                logger.LogWarning(e, "Submission {SubmissionId} stored but not enqueued; the sweeper will enqueue it", submissionId);
                continue;
            }
            RecordJob(submissionId, jobId);
        }
    }

    private void RecordJob(Guid submissionId, string jobId)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<GraderDbContext>();
            db.SubmissionJobs.Add(new SubmissionJob { SubmissionId = submissionId, HangfireJobId = jobId, EnqueuedAt = clock.GetUtcNow() });
            db.SaveChanges();
        }
        catch (Exception e)
        {
            // Whatever failed, this thread must go on handing over. The job runs all the same; the sweeper, seeing
            // no job recorded, enqueues one more run, which stores nothing new (jobs are safe to run twice).
            logger.LogWarning(e, "Submission {SubmissionId}'s job {JobId} not recorded; the sweeper may enqueue it again", submissionId, jobId);
        }
    }
}
