using System.Diagnostics;
using System.Runtime.Versioning;

// Reads /proc and runs docker: Linux only.
[assembly: SupportedOSPlatform("linux")]

namespace Grader.Bench;

/// <summary>
/// The floor: each submission in its own `docker run --rm --network none` of the workload's runner image, running the
/// workload's bare command (Python: its tests in a shell loop), with the sandbox's limits, at the workers'
/// concurrency. No harness, no queue, no database.
/// </summary>
public sealed class BareDocker(string workRoot)
{
    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    // As DockerSandbox creates its containers (memory: the suite's 128 MB plus the harness allowance of 128 MB).
    private static readonly string[] SandboxFlags =
    [
        "--network", "none", "--read-only", "--tmpfs", "/tmp:rw,nosuid,nodev,size=64m,mode=1777",
        "--memory", "256m", "--memory-swap", "256m", "--pids-limit", "64", "--cpus", "1",
        "--cap-drop", "ALL", "--security-opt", "no-new-privileges", "--user", "10001:10001", "--log-driver", "none",
    ];

    /// <summary>Runs every submission; returns the wall time and how many printed something other than expected.</summary>
    public async Task<(TimeSpan Elapsed, int WrongOutputs)> RunAsync(Workload workload, int submissions, int concurrency,
        CancellationToken cancellationToken)
    {
        var folders = Enumerable.Range(0, submissions).Select(i => WriteJobFolder(workload, i)).ToList();
        var wrong = 0;
        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(folders,
            new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
            async (folder, ct) =>
            {
                if (await RunContainerAsync(workload, folder, ct) != workload.BareExpected)
                    Interlocked.Increment(ref wrong);
            });
        var elapsed = clock.Elapsed;
        foreach (var folder in folders)
            Directory.Delete(folder, recursive: true);
        return (elapsed, wrong);
    }

    private string WriteJobFolder(Workload workload, int index)
    {
        var folder = Path.Combine(workRoot, $"{workload.Name}-{index}");
        Directory.CreateDirectory(Path.Combine(folder, "program"), Readable);
        Directory.CreateDirectory(Path.Combine(folder, "inputs"), Readable);
        File.WriteAllBytes(Path.Combine(folder, "program", workload.FileName), workload.ProgramBytes);
        for (var test = 0; test < workload.Tests.Count; test++)
            File.WriteAllText(Path.Combine(folder, "inputs", $"{test:D2}.in"), workload.Tests[test].Stdin);
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        return folder;
    }

    private static async Task<string> RunContainerAsync(Workload workload, string jobFolder, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["run", "--rm", .. SandboxFlags, "-v", $"{jobFolder}:/job:ro",
                     "--entrypoint", "/bin/sh", workload.Image, "-c", workload.BareCommand])
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"docker run failed ({process.ExitCode}): {await stderr}");
        return await stdout;
    }
}
