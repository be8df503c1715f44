using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Grader.Api.Submissions;

/// <summary>
/// How often one student may submit. Section <c>Grader:RateLimits:Submissions</c>. A token bucket: a burst for
/// the rush before the bell, then one more submission per period. Every attempt counts, refused ones included.
/// </summary>
public sealed class SubmissionRateLimitOptions
{
    public const string Section = "Grader:RateLimits:Submissions";

    /// <summary>Submissions a student may make back to back.</summary>
    public int Burst { get; set; } = 10;

    /// <summary>After the burst, one more submission each period.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(6);
}

/// <summary>
/// One token bucket per student, taken by <see cref="SubmissionAdmission"/> so the API and the web form draw on the
/// same bucket (a limit in endpoint metadata held only for the API).
/// </summary>
public sealed class SubmissionRateLimit(IOptions<SubmissionRateLimitOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<Guid> _buckets = PartitionedRateLimiter.Create<Guid, Guid>(student =>
        RateLimitPartition.GetTokenBucketLimiter(student, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.Value.Burst,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = options.Value.Period,
            QueueLimit = 0,
        }));

    /// <summary>Takes one submission from the student's bucket; when it is empty, the refusal says how long to wait.</summary>
    public IntakeRefusal? TryTake(Guid studentId)
    {
        using var lease = _buckets.AttemptAcquire(studentId);
        if (lease.IsAcquired) return null;
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : options.Value.Period;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        return IntakeRefusal.RateLimited(seconds);
    }

    public void Dispose() => _buckets.Dispose();
}

public static class SubmissionRateLimitServices
{
    public static IServiceCollection AddSubmissionRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SubmissionRateLimitOptions>()
            .Bind(configuration.GetSection(SubmissionRateLimitOptions.Section))
            .Validate(o => o.Burst > 0 && o.Period > TimeSpan.Zero, "Grader:RateLimits:Submissions needs a positive Burst and Period.")
            .ValidateOnStart();
        return services.AddSingleton<SubmissionRateLimit>();
    }
}
