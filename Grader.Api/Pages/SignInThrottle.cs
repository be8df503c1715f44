using System.Collections.Concurrent;

namespace Grader.Api.Pages;

/// <summary>
/// Sign-in tries per login, not per address: a whole class signs in from one school address, while a guesser
/// works on one child's login. A try takes its permit before the password is checked, since the check is the
/// slow part and permits counted after it let a whole burst through; a right password gives its permit back.
/// Ten permits, and one more every 30 seconds.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int Burst = 10;
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    private sealed class Bucket(long at)
    {
        public double Permits = Burst;
        public long At = at;
        /// <summary>Swept away while full; a try that still holds it takes a fresh one.</summary>
        public bool Dropped;
    }

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.OrdinalIgnoreCase);
    private long _sweptAt = clock.GetTimestamp();

    /// <summary>Takes a permit to check a password of <paramref name="login"/>; false when none is left.</summary>
    public bool TryTake(string login)
    {
        SweepFull();
        while (true)
        {
            var bucket = _buckets.GetOrAdd(login, _ => new Bucket(clock.GetTimestamp()));
            lock (bucket)
            {
                if (bucket.Dropped) continue;
                Refill(bucket);
                if (bucket.Permits < 1) return false;
                bucket.Permits--;
                return true;
            }
        }
    }

    /// <summary>The password was right: the try counts nothing.</summary>
    public void GiveBack(string login)
    {
        if (!_buckets.TryGetValue(login, out var bucket)) return;
        lock (bucket)
        {
            Refill(bucket);
            bucket.Permits = Math.Min(Burst, bucket.Permits + 1);
        }
    }

    private void Refill(Bucket bucket)
    {
        var now = clock.GetTimestamp();
        bucket.Permits = Math.Min(Burst, bucket.Permits + clock.GetElapsedTime(bucket.At, now) / Period);
        bucket.At = now;
    }

    /// <summary>Forgets the logins that have every permit back, at most once a period, so memory holds only recent tries.</summary>
    private void SweepFull()
    {
        var last = Interlocked.Read(ref _sweptAt);
        var now = clock.GetTimestamp();
        if (clock.GetElapsedTime(last, now) < Period || Interlocked.CompareExchange(ref _sweptAt, now, last) != last) return;
        foreach (var (login, bucket) in _buckets)
        {
            lock (bucket)
            {
                Refill(bucket);
                if (bucket.Permits < Burst) continue;
                bucket.Dropped = true;
                _buckets.TryRemove(KeyValuePair.Create(login, bucket));
            }
        }
    }
}
