using Hangfire;

namespace Grader.Core.Jobs;

/// <summary>
/// The job contract between the API (which enqueues) and the worker (which runs). Arguments are ids only;
/// every method is safe to run twice. Filters sit here because Hangfire reads them from the enqueued method.
/// </summary>
public interface IGradingJob
{
    /// <summary>Grades one submission. Throws only for infrastructure faults, which Hangfire retries.</summary>
    [AutomaticRetry(Attempts = GradingRetries.Attempts, DelaysInSeconds = [2, 5, 10, 20, 30, 60],
        OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [Queue(GradingQueues.Submissions)]
    Task GradeSubmissionAsync(Guid submissionId, CancellationToken cancellationToken);

    /// <summary>Runs a suite version against its reference solution and records the validation report.</summary>
    [AutomaticRetry(Attempts = GradingRetries.Attempts, DelaysInSeconds = [2, 5, 10, 20, 30, 60],
        OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [Queue(GradingQueues.Submissions)]
    Task ValidateSuiteAsync(Guid suiteId, CancellationToken cancellationToken);

    /// <summary>Grades one submission of a regrade preview against the preview's suite version, storing the score on
    /// the preview's run only. A run whose preview was cancelled meanwhile is gone, and the job does nothing.</summary>
    [AutomaticRetry(Attempts = GradingRetries.Attempts, DelaysInSeconds = [2, 5, 10, 20, 30, 60],
        OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    [Queue(GradingQueues.Previews)]
    Task PreviewRegradeAsync(Guid previewRunId, CancellationToken cancellationToken);
}

public static class GradingJobs
{
    /// <summary>Queues the grading of a submission whose row is committed; the one way every caller does it.</summary>
    public static string EnqueueGrading(this IBackgroundJobClient jobs, Guid submissionId) =>
        jobs.Enqueue<IGradingJob>(job => job.GradeSubmissionAsync(submissionId, CancellationToken.None));

    public static string EnqueuePreviewRun(this IBackgroundJobClient jobs, Guid previewRunId) =>
        jobs.Enqueue<IGradingJob>(job => job.PreviewRegradeAsync(previewRunId, CancellationToken.None));
}

public static class GradingRetries
{
    /// <summary>
    /// Retries after the first run; the job marks the submission failed on its last run. With the delays on
    /// <see cref="IGradingJob"/> (2+5+10+20+30+60 s) a submission waits out about two minutes of Docker downtime.
    /// </summary>
    public const int Attempts = 6;
}

public static class GradingQueues
{
    public const string Submissions = "submissions";
    /// <summary>Regrade previews: a teacher's "what if" for a whole class, read after the children's submissions.</summary>
    public const string Previews = "previews";
}
