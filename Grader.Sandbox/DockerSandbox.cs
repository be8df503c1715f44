using System.Net.Sockets;
using Docker.DotNet;
using Docker.DotNet.Models;
using Grader.Grading;
using Grader.Grading.Running;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grader.Sandbox;

/// <summary>
/// Runs a submission's tests in one fresh, locked-down container whose PID 1 is the in-container harness
/// (docs/harness-protocol.md). When a container dies before reporting every test, the tests it never reached
/// run again in a new container, so one test's death does not decide the others.
/// </summary>
internal sealed class DockerSandbox(
    IDockerClient docker,
    SandboxContainers containers,
    ContainerPool pool,
    IOptions<SandboxOptions> options,
    TimeProvider timeProvider,
    ILogger<DockerSandbox> logger) : ISandbox
{
    /// <summary>After a kill the stream and the wait end within moments; past this the daemon is in trouble.</summary>
    private static readonly TimeSpan s_afterKillGrace = TimeSpan.FromSeconds(15);

    private readonly SandboxOptions _options = options.Value;

    public async Task<IReadOnlyList<SandboxTestResult>> RunAsync(SandboxRequest request, CancellationToken cancellationToken)
    {
        var image = ImageFor(request.Language.ToWire());
        if (request.Tests.DistinctBy(t => t.Index).Count() != request.Tests.Count)
            throw new ArgumentException("Test indexes must be unique within a request.", nameof(request));
        var results = new Dictionary<int, SandboxTestResult>();
        var remaining = request.Tests.ToList();

        for (var containersUsed = 1; remaining.Count > 0; containersUsed++)
        {
            var run = await RunInOneContainerAsync(image, request, remaining, cancellationToken);
            foreach (var result in run.Reported.Where(r => remaining.Any(t => t.Index == r.Index)))
                results.TryAdd(result.Index, result);

            var unreported = remaining.Where(t => !results.ContainsKey(t.Index)).ToList();
            if (unreported.Count == 0)
                break;

            // The test running when the container ended takes the blame; the tests after it get a new container.
            results[unreported[0].Index] = Unreported(unreported[0].Index, run);
            remaining = unreported.Skip(1).ToList();
            if (remaining.Count > 0 && containersUsed > _options.MaxRestarts)
            {
                logger.LogWarning("Sandbox {Label}: {Count} tests not run after {Containers} containers ended early",
                    request.Label, remaining.Count, containersUsed);
                foreach (var test in remaining)
                {
                    results[test.Index] = Failed(test.Index, RunOutcome.Internal,
                        "The sandbox ended repeatedly before this test could run.");
                }

                break;
            }
        }

        return request.Tests.Select(t => results[t.Index]).ToList();
    }

    private string ImageFor(string language) =>
        _options.Images.TryGetValue(language, out var image) && !string.IsNullOrWhiteSpace(image)
            ? image
            : throw new ArgumentException($"No runner image is configured for language '{language}'.", nameof(language));

    private async Task<ContainerRun> RunInOneContainerAsync(
        string image, SandboxRequest request, IReadOnlyList<SandboxTest> tests, CancellationToken cancellationToken)
    {
        var wallBudget = TimeSpan.FromSeconds(tests.Sum(t => t.WallSeconds) + (request.RuntimeStart?.WallSeconds ?? 0))
            + _options.WallMarginPerTest * tests.Count + _options.WallMargin;
        var memoryBytes = containers.MemoryBytesFor(tests.Max(t => t.MemoryMb));
        var startedAt = timeProvider.GetTimestamp();
        var runEndsBy = timeProvider.GetUtcNow() + wallBudget;
        SandboxContainer? container = null;
        try
        {
            // A pooled container was created on an empty job folder; the submission goes into it before the start.
            container = pool.TryTake(image, memoryBytes, runEndsBy)
                ?? await containers.CreateAsync(image, memoryBytes, request.Label, runEndsBy + _options.SweepGrace, cancellationToken);
            var readyIn = timeProvider.GetElapsedTime(startedAt);
            await container.JobFolder.WriteAsync(request, tests, _options, cancellationToken);
            var run = await StartAndCollectAsync(container.Id, wallBudget, request.OnReported, cancellationToken);
            logger.LogInformation(
                "Sandbox {Label}: container {Container} reported {Reported} of {Tests} tests; ready in {ReadyMs:F0} ms, done in {TotalMs:F0} ms",
                request.Label, container.Id[..12], run.Reported.Count, tests.Count,
                readyIn.TotalMilliseconds, timeProvider.GetElapsedTime(startedAt).TotalMilliseconds);
            return run;
        }
        catch (DockerImageNotFoundException e)
        {
            throw new SandboxUnavailableException(
                $"Runner image '{image}' is missing on this worker; build it with docker/build-images.sh.", e);
        }
        catch (Exception e) when (IsInfrastructureFault(e) && !cancellationToken.IsCancellationRequested)
        {
            throw new SandboxUnavailableException($"The sandbox could not run the submission: {e.Message}", e);
        }
        finally
        {
            if (container is not null && _options.RemoveContainersInBackground)
                containers.RemoveLater(container);
            else if (container is not null)
                await containers.RemoveAsync(container);
        }
    }

    private async Task<ContainerRun> StartAndCollectAsync(string containerId, TimeSpan wallBudget,
        Action<SandboxTestResult>? onReported, CancellationToken cancellationToken)
    {
        var output = new HarnessOutput(_options.OutputLimitBytesPerSubmission, onReported);
        using var runCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        // Attach before start, or the first output is lost.
        using var stream = await docker.Containers.AttachContainerAsync(containerId,
            new ContainerAttachParameters { Stream = true, Stdout = true, Stderr = true }, cancellationToken);
        await docker.Containers.StartContainerAsync(containerId, new ContainerStartParameters(), cancellationToken);
        SandboxTimings.ContainerStarted(timeProvider.GetUtcNow());

        var readAndWait = ReadThenWaitAsync(containerId, stream, output, runCancellation.Token);
        var killedForTime = false;
        try
        {
            await readAndWait.WaitAsync(wallBudget, timeProvider, cancellationToken);
        }
        catch (TimeoutException) when (!readAndWait.IsCompleted)
        {
            killedForTime = true;
            await KillAsync(containerId, cancellationToken);
            try
            {
                await readAndWait.WaitAsync(s_afterKillGrace, timeProvider, cancellationToken);
            }
            catch (TimeoutException) when (!readAndWait.IsCompleted)
            {
                await runCancellation.CancelAsync();
                throw new SandboxUnavailableException($"Container {containerId} did not stop after it was killed.");
            }
        }

        SandboxTimings.ContainerFinished(timeProvider.GetUtcNow());
        var state = (await docker.Containers.InspectContainerAsync(containerId, cancellationToken)).State;
        if (output.MalformedLines > 0 || output.StderrTail.Length > 0)
        {
            logger.LogWarning("Sandbox container {Container}: {Malformed} malformed result lines; harness stderr: {Stderr}",
                containerId, output.MalformedLines, output.StderrTail);
        }

        return new ContainerRun(output.Results, killedForTime, output.CapExceeded, state?.OOMKilled ?? false, state?.ExitCode ?? -1);
    }

    private async Task ReadThenWaitAsync(string containerId, MultiplexedStream stream, HarnessOutput output,
        CancellationToken cancellationToken)
    {
        await output.ReadAsync(stream, cancellationToken);
        if (output.CapExceeded)
            await KillAsync(containerId, cancellationToken);
        await docker.Containers.WaitContainerAsync(containerId, cancellationToken);
    }

    private async Task KillAsync(string containerId, CancellationToken cancellationToken)
    {
        try
        {
            await docker.Containers.KillContainerAsync(containerId, new ContainerKillParameters { Signal = "SIGKILL" }, cancellationToken);
        }
        catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
        {
            // Already stopped on its own between the deadline and the kill.
        }
    }

    internal static bool IsInfrastructureFault(Exception e) =>
        e is DockerApiException or HttpRequestException or SocketException or IOException
            or TimeoutException or UnauthorizedAccessException;

    private static SandboxTestResult Unreported(int index, ContainerRun run)
    {
        if (run.KilledForTime)
            return Failed(index, RunOutcome.TimeLimit, null);
        if (run.OutputCapExceeded)
            return Failed(index, RunOutcome.OutputLimit, null);
        if (run.OomKilled)
            return Failed(index, RunOutcome.MemoryLimit, null);
        return Failed(index, RunOutcome.Internal,
            $"The sandbox ended (exit code {run.ExitCode}) without reporting this test.");
    }

    private static SandboxTestResult Failed(int index, RunOutcome outcome, string? message) => new(
        index, outcome, ExitCode: null, CpuMs: 0, WallMs: 0, MaxRssKb: 0, Stdout: [], Stderr: "",
        Error: message is null ? null : new ProgramError("SandboxError", message, null, null), ReturnValueJson: null);

    /// <summary>How one container's run ended, as far as the tests it did not report need to know.</summary>
    private sealed record ContainerRun(
        IReadOnlyList<SandboxTestResult> Reported, bool KilledForTime, bool OutputCapExceeded, bool OomKilled, long ExitCode);
}

/// <summary>Labels every sandbox container carries, so the sweeper can find and judge it.</summary>
public static class SandboxLabels
{
    public const string Grader = "grader";
    public const string Label = "grader.label";

    /// <summary>Unix seconds after which the container is abandoned and may be removed by anyone.</summary>
    public const string Deadline = "grader.deadline";

    /// <summary>The job folder's name under the job root; the sweeper spares the folders of live containers.</summary>
    public const string JobFolder = "grader.job";
}
