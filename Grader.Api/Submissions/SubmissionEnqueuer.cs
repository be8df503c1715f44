using System.Threading.Channels;
using Grader.Core.Jobs;
using Hangfire;

namespace Grader.Api.Submissions;

/// <summary>
/// Hands committed submissions to Hangfire after the POST has answered. Hangfire's client is synchronous and takes
/// several round trips; done inside the request, fifty children pressing "submit" at once held fifty threads and
/// waited on thread-pool growth (issue 6). A submission is accepted once its row is committed: if this process
/// dies before the hand-over, the workers' stuck-submission sweeper enqueues it.
/// </summary>
public sealed class SubmissionEnqueuer(IBackgroundJobClient jobs, ILogger<SubmissionEnqueuer> logger) : BackgroundService
{
    /// <summary>Each hand-over blocks a thread on the database; two keep up with a class and leave the rest to requests.</summary>
    private const int Parallelism = 2;

    private readonly Channel<Guid> _pending = Channel.CreateUnbounded<Guid>();

    /// <summary>Queues the hand-over of a submission whose row is already committed.</summary>
    public void Enqueue(Guid submissionId)
    {
        if (!_pending.Writer.TryWrite(submissionId))
            logger.LogWarning("Submission {SubmissionId} stored while the API stops; the sweeper will enqueue it", submissionId);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        // Hand over what is already pending before the host stops (ExecuteAsync ends when the channel is empty).
        _pending.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Parallelism).Select(_ => Task.Run(HandOverAsync, CancellationToken.None)));

    private async Task HandOverAsync()
    {
        await foreach (var submissionId in _pending.Reader.ReadAllAsync())
        {
            try
            {
                jobs.Enqueue<IGradingJob>(job => job.GradeSubmissionAsync(submissionId, CancellationToken.None));
            }
            catch (BackgroundJobClientException e)
            {
                // Stored is accepted: the 202 holds, and the workers' stuck-submission sweeper enqueues it.
                logger.LogWarning(e, "Submission {SubmissionId} stored but not enqueued; the sweeper will enqueue it", submissionId);
            }
        }
    }
}
