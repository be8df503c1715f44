using Hangfire.PostgreSql;

namespace Grader.Core.Jobs;

/// <summary>One storage configuration for the API (client) and the workers (servers), so both agree on the queue.</summary>
public static class HangfireStorage
{
    public static PostgreSqlStorageOptions Options() => new()
    {
        PrepareSchemaIfNecessary = true,
        // LISTEN/NOTIFY: a job queued by the API starts in milliseconds, not after a poll.
        EnableLongPolling = true,
        // Fallback when the LISTEN connection drops.
        QueuePollInterval = TimeSpan.FromSeconds(2),
        // A running job is heartbeated; a job whose worker died is fetched again after this.
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = TimeSpan.FromSeconds(30),
        DistributedLockTimeout = TimeSpan.FromSeconds(30),
    };
}
