using System.Globalization;

namespace Grader.Bench;

/// <summary>Samples a process's resident set (VmRSS in /proc) while the benchmark runs and keeps the largest.</summary>
public sealed class ResidentMemory(string name, int pid)
{
    public string Name { get; } = name;

    public double PeakMb { get; private set; }

    public static ResidentMemory FromPidFile(string name, string pidFile) =>
        new(name, int.Parse(File.ReadAllText(pidFile).Trim(), CultureInfo.InvariantCulture));

    public async Task SampleUntilCancelledAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        try
        {
            do
                PeakMb = Math.Max(PeakMb, ReadRssMb());
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException)
        {
        }
    }

    private double ReadRssMb()
    {
        // "VmRSS:     123456 kB"
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }
}
