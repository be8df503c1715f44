using System.Collections.Concurrent;
using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grader.Sandbox;

/// <summary>A created, not yet started sandbox container on its own empty job folder.</summary>
internal sealed record SandboxContainer(string Id, JobFolder JobFolder, long MemoryBytes, DateTimeOffset Deadline);

/// <summary>Creates and removes the locked-down containers the sandbox and its pool hand out.</summary>
internal sealed class SandboxContainers(
    IDockerClient docker,
    IOptions<SandboxOptions> options,
    TimeProvider timeProvider,
    ILogger<SandboxContainers> logger) : IAsyncDisposable, IDisposable
{
    private static readonly TimeSpan s_removalTimeout = TimeSpan.FromSeconds(30);

    private const string PathVariable = "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private readonly SandboxOptions _options = options.Value;
    private readonly ConcurrentDictionary<Task, byte> _removals = new();

    /// <summary>Container memory for tests whose largest limit is <paramref name="testMemoryMb"/>.</summary>
    public long MemoryBytesFor(int testMemoryMb) => ((long)testMemoryMb + _options.HarnessMemoryMb) * 1024 * 1024;

    /// <summary>
    /// Folder first, container on it second: the submission's files are written into the folder later, before the
    /// container starts. <paramref name="deadline"/> is when the sweeper may take the container for abandoned.
    /// <paramref name="openStdin"/>: the worker writes to the container's stdin (an interactive test), and closing
    /// its attach ends that stdin.
    /// </summary>
    public async Task<SandboxContainer> CreateAsync(string image, long memoryBytes, string label, DateTimeOffset deadline,
        CancellationToken cancellationToken, bool openStdin = false)
    {
        var jobFolder = JobFolder.Create(_options.JobRoot);
        try
        {
            var created = await docker.Containers.CreateContainerAsync(
                Parameters(image, jobFolder, memoryBytes, label, deadline, openStdin), cancellationToken);
            return new SandboxContainer(created.ID, jobFolder, memoryBytes, deadline);
        }
        catch
        {
            JobFolder.TryDelete(jobFolder.HostPath);
            throw;
        }
    }

    /// <summary>Never throws: a container left behind carries a deadline label and the sweeper removes it.</summary>
    public async Task RemoveAsync(SandboxContainer container)
    {
        using var timeout = new CancellationTokenSource(s_removalTimeout, timeProvider);
        try
        {
            await docker.Containers.RemoveContainerAsync(container.Id,
                new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, timeout.Token);
        }
        catch (DockerContainerNotFoundException)
        {
        }
        catch (Exception e) when (DockerSandbox.IsInfrastructureFault(e) || e is OperationCanceledException)
        {
            logger.LogWarning(e, "Could not remove sandbox container {Container}; the sweeper will", container.Id);
        }

        if (!JobFolder.TryDelete(container.JobFolder.HostPath))
            logger.LogWarning("Could not delete job folder {Folder}; the sweeper will", container.JobFolder.HostPath);
    }

    /// <summary>Removes without making the caller wait for the daemon's clean-up; disposal waits for these.</summary>
    public void RemoveLater(SandboxContainer container)
    {
        var removal = RemoveAsync(container);
        _removals[removal] = 0;
        _ = removal.ContinueWith(done => _removals.TryRemove(done, out _), TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync() => await Task.WhenAll(_removals.Keys);

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private CreateContainerParameters Parameters(string image, JobFolder jobFolder, long memoryBytes, string label,
        DateTimeOffset deadline, bool openStdin) => new()
    {
        Name = $"grader-{jobFolder.Name}",
        Image = image,
        // The harness starts as root to read the job's private folder and drop each test's program to RunnerUid.
        User = "0:0",
        Env = [PathVariable, "LANG=C.UTF-8"],
        Hostname = "sandbox",
        NetworkDisabled = true,
        AttachStdout = true,
        AttachStderr = true,
        AttachStdin = openStdin,
        OpenStdin = openStdin,
        StdinOnce = openStdin,
        Labels = new Dictionary<string, string>
        {
            [SandboxLabels.Grader] = "1",
            [SandboxLabels.Label] = label,
            [SandboxLabels.Deadline] = deadline.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
            [SandboxLabels.JobFolder] = jobFolder.Name,
        },
        HostConfig = new HostConfig
        {
            NetworkMode = "none",
            Memory = memoryBytes,
            MemorySwap = memoryBytes, // equal to Memory: no swap
            PidsLimit = _options.PidsLimit,
            NanoCPUs = (long)(_options.CpusPerContainer * 1_000_000_000),
            ReadonlyRootfs = true,
            Tmpfs = new Dictionary<string, string> { ["/tmp"] = $"rw,nosuid,nodev,size={_options.TmpfsMb}m,mode=1777" },
            CapDrop = ["ALL"],
            // The only capabilities: the harness's children become RunnerUid for good (no other uid is reachable).
            CapAdd = ["SETUID", "SETGID"],
            SecurityOpt = ["no-new-privileges"],
            Init = false, // the harness is PID 1 on purpose (docs/harness-protocol.md)
            AutoRemove = false,
            Mounts = [new Mount { Type = "bind", Source = jobFolder.HostPath, Target = "/job", ReadOnly = true }],
            // The worker reads the output over attach; a log driver would only write it to disk again.
            LogConfig = new LogConfig { Type = "none" },
        },
    };
}
