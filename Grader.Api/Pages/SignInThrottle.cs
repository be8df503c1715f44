using System.Threading.RateLimiting;

namespace Grader.Api.Pages;

/// <summary>
/// Failed sign-ins per login, not per address: a whole class signs in from one school address, while a guesser
/// works on one child's login. Ten failures back to back, then one more try every 30 seconds.
/// </summary>
public sealed class SignInThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _attempts = PartitionedRateLimiter.Create<string, string>(login =>
        RateLimitPartition.GetTokenBucketLimiter(login, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = 10,
            TokensPerPeriod = 1,
            ReplenishmentPeriod = TimeSpan.FromSeconds(30),
            QueueLimit = 0,
        }), StringComparer.OrdinalIgnoreCase);

    /// <summary>False when the login has failed too often lately; asking counts nothing.</summary>
    public bool MayTry(string login) => _attempts.GetStatistics(login) is not { CurrentAvailablePermits: <= 0 };

    public void Failed(string login)
    {
        using var _ = _attempts.AttemptAcquire(login);
    }

    public void Dispose() => _attempts.Dispose();
}
