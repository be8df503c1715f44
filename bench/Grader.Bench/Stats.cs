namespace Grader.Bench;

public static class Stats
{
    /// <summary>Nearest-rank percentile; NaN for no samples.</summary>
    public static double Percentile(IEnumerable<double> samples, double percent)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>Milliseconds between two phase timestamps of each submission that has both.</summary>
    public static IEnumerable<double> Between(IEnumerable<SubmissionState> submissions,
        Func<Phases, DateTimeOffset?> from, Func<Phases, DateTimeOffset?> to) =>
        submissions.Where(s => from(s.Phases) is not null && to(s.Phases) is not null)
            .Select(s => (to(s.Phases)!.Value - from(s.Phases)!.Value).TotalMilliseconds);

    /// <summary>CPU seconds the whole machine has spent busy since boot (user, nice, system, irq, softirq).</summary>
    public static double MachineBusySeconds()
    {
        var jiffies = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1).Select(long.Parse).ToArray();
        return (jiffies[0] + jiffies[1] + jiffies[2] + jiffies[5] + jiffies[6]) / 100.0; // USER_HZ is 100 on Linux
    }

    public static double LoadAverage() =>
        double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
}
