using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Grader.Api.Infrastructure;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Grader.Api.Submissions;

/// <summary>
/// How often one student may submit. Section <c>Grader:RateLimits:Submissions</c>. A token bucket: a burst for
/// the rush before the bell, then one more submission per period. Every POST counts, refused ones included.
/// </summary>
public sealed class SubmissionRateLimitOptions
{
    public const string Section = "Grader:RateLimits:Submissions";

    /// <summary>Submissions a student may make back to back.</summary>
    public int Burst { get; set; } = 10;

    /// <summary>After the burst, one more submission each period.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(6);
}

public static class SubmissionRateLimit
{
    /// <summary>The policy the submission endpoint carries.</summary>
    public const string Policy = "submissions";

    /// <summary>One bucket per student, partitioned by user id; a refusal is 429 problem+json with Retry-After.</summary>
    public static IServiceCollection AddSubmissionRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SubmissionRateLimitOptions>()
            .Bind(configuration.GetSection(SubmissionRateLimitOptions.Section))
            .Validate(o => o.Burst > 0 && o.Period > TimeSpan.Zero, "Grader:RateLimits:Submissions needs a positive Burst and Period.")
            .ValidateOnStart();
        return services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(Policy, http =>
            {
                var options = http.RequestServices.GetRequiredService<IOptions<SubmissionRateLimitOptions>>().Value;
                return RateLimitPartition.GetTokenBucketLimiter(http.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "", _ =>
                    new TokenBucketRateLimiterOptions
                    {
                        TokenLimit = options.Burst,
                        TokensPerPeriod = 1,
                        ReplenishmentPeriod = options.Period,
                        QueueLimit = 0,
                    });
            });
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = RejectAsync;
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? wait
            : http.RequestServices.GetRequiredService<IOptions<SubmissionRateLimitOptions>>().Value.Period;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await Problems.Status(StatusCodes.Status429TooManyRequests, "too_many").ExecuteAsync(http);
    }
}
