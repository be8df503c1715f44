using System.Net.Sockets;
using System.Threading.Channels;
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
/// run again in a new container, so one test's death does not decide the others. An interactive test runs its two
/// sides in two containers at once, the worker copying each one's stdout into the other's stdin.
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
        var image = ImageFor(request);
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

    /// <summary>The runner image configured for the request's <see cref="SandboxRequest.Image"/>, else its language's.</summary>
    private string ImageFor(SandboxRequest request)
    {
        var name = request.Image ?? request.Language.ToWire();
        return _options.Images.TryGetValue(name, out var image) && !string.IsNullOrWhiteSpace(image)
            ? image
            : throw new ArgumentException($"No runner image is configured for '{name}'.", nameof(request));
    }

    private async Task<ContainerRun> RunInOneContainerAsync(
        string image, SandboxRequest request, IReadOnlyList<SandboxTest> tests, CancellationToken cancellationToken)
    {
        var wallBudget = WallBudget(request, tests);
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
            await container.JobFolder.WriteAsync(request, tests, _options, interactive: false, cancellationToken);
            // Attach before start, or the first output is lost.
            using var stream = await AttachAsync(container.Id, stdin: false, cancellationToken);
            var run = await StartAndCollectAsync(container.Id, stream,
                new HarnessOutput(_options.OutputLimitBytesPerSubmission, request.OnReported), wallBudget, cancellationToken);
            logger.LogInformation(
                "Sandbox {Label}: container {Container} reported {Reported} of {Tests} tests; ready in {ReadyMs:F0} ms, done in {TotalMs:F0} ms",
                request.Label, container.Id[..12], run.Reported.Count, tests.Count,
                readyIn.TotalMilliseconds, timeProvider.GetElapsedTime(startedAt).TotalMilliseconds);
            return run;
        }
        catch (Exception e) when (AsUnavailable(e, image, cancellationToken) is { } unavailable)
        {
            throw unavailable;
        }
        finally
        {
            await RemoveAsync(container);
        }
    }

    public async Task<InteractiveSandboxResult> RunInteractiveAsync(InteractiveSandboxRequest request, CancellationToken cancellationToken)
    {
        if (request.Program.Tests.Count != 1 || request.Interactor.Tests.Count != 1)
            throw new ArgumentException("Each side of an interactive test runs exactly one test.", nameof(request));
        var image = ImageFor(request.Program);
        SandboxContainer? program = null, interactor = null;
        try
        {
            // Never pooled: a pooled container has no stdin to write to.
            program = await CreateInteractiveAsync(request.Program, cancellationToken);
            interactor = await CreateInteractiveAsync(request.Interactor, cancellationToken);
            using var programStream = await AttachAsync(program.Id, stdin: true, cancellationToken);
            using var interactorStream = await AttachAsync(interactor.Id, stdin: true, cancellationToken);
            var toInteractor = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
            var toProgram = Channel.CreateUnbounded<byte[]>(new UnboundedChannelOptions { SingleReader = true });
            using var interactorEnded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            using var programEnded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var pumps = Task.WhenAll(
                PumpAsync(toInteractor.Reader, interactorStream, interactorEnded.Token),
                PumpAsync(toProgram.Reader, programStream, programEnded.Token));

            var programSide = RunSideAsync(program.Id, programStream, request.Program, toInteractor.Writer, programEnded, cancellationToken);
            var interactorSide = RunSideAsync(interactor.Id, interactorStream, request.Interactor, toProgram.Writer, interactorEnded, cancellationToken);
            var (programRun, programEndedAt) = await programSide;
            var (interactorRun, interactorEndedAt) = await interactorSide;
            await pumps;

            return new InteractiveSandboxResult(ResultOf(request.Program, programRun), ResultOf(request.Interactor, interactorRun),
                ProgramEndedFirst: programEndedAt < interactorEndedAt);
        }
        catch (Exception e) when (AsUnavailable(e, image, cancellationToken) is { } unavailable)
        {
            throw unavailable;
        }
        finally
        {
            await RemoveAsync(program);
            await RemoveAsync(interactor);
        }
    }

    private async Task<SandboxContainer> CreateInteractiveAsync(SandboxRequest side, CancellationToken cancellationToken)
    {
        var wallBudget = WallBudget(side, side.Tests);
        var container = await containers.CreateAsync(ImageFor(side), containers.MemoryBytesFor(side.Tests[0].MemoryMb),
            side.Label, timeProvider.GetUtcNow() + wallBudget + _options.SweepGrace, cancellationToken, openStdin: true);
        try
        {
            await container.JobFolder.WriteAsync(side, side.Tests, _options, interactive: true, cancellationToken);
            return container;
        }
        catch
        {
            await RemoveAsync(container);
            throw;
        }
    }

    /// <summary>
    /// One side of an interactive test: its stdout goes to the other side's channel as it comes; when it has ended,
    /// the channel completes (the other side reads the end of its input) and nothing more is written to its stdin.
    /// Returns when it ended.
    /// </summary>
    private async Task<(ContainerRun Run, long EndedAt)> RunSideAsync(string containerId, MultiplexedStream stream,
        SandboxRequest side, ChannelWriter<byte[]> toOtherSide, CancellationTokenSource ended, CancellationToken cancellationToken)
    {
        try
        {
            var output = new HarnessOutput(_options.OutputLimitBytesPerSubmission, passThrough: chunk => toOtherSide.TryWrite(chunk));
            var run = await StartAndCollectAsync(containerId, stream, output, WallBudget(side, side.Tests), cancellationToken);
            return (run, timeProvider.GetTimestamp());
        }
        finally
        {
            toOtherSide.TryComplete();
            await ended.CancelAsync();
        }
    }

    /// <summary>
    /// Copies what one side printed into the other side's stdin and closes that stdin when the first side has ended.
    /// Ends quietly when the receiving side has ended first: what it did not read is dropped.
    /// </summary>
    private static async Task PumpAsync(ChannelReader<byte[]> from, MultiplexedStream to, CancellationToken receiverEnded)
    {
        try
        {
            await foreach (var chunk in from.ReadAllAsync(receiverEnded))
                await to.WriteAsync(chunk, 0, chunk.Length, receiverEnded);
            to.CloseWrite();
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException || IsInfrastructureFault(e))
        {
        }
    }

    private static SandboxTestResult ResultOf(SandboxRequest side, ContainerRun run) =>
        run.Reported.FirstOrDefault(r => r.Index == side.Tests[0].Index) ?? Unreported(side.Tests[0].Index, run);

    private TimeSpan WallBudget(SandboxRequest request, IReadOnlyList<SandboxTest> tests) =>
        TimeSpan.FromSeconds(tests.Sum(t => t.WallSeconds) + (request.RuntimeStart?.WallSeconds ?? 0))
        + _options.WallMarginPerTest * tests.Count + _options.WallMargin;

    private static SandboxUnavailableException? AsUnavailable(Exception e, string image, CancellationToken cancellationToken) => e switch
    {
        DockerImageNotFoundException => new SandboxUnavailableException(
            $"Runner image '{image}' is missing on this worker; build it with docker/build-images.sh.", e),
        _ when IsInfrastructureFault(e) && !cancellationToken.IsCancellationRequested =>
            new SandboxUnavailableException($"The sandbox could not run the submission: {e.Message}", e),
        _ => null,
    };

    private async Task RemoveAsync(SandboxContainer? container)
    {
        if (container is null)
            return;
        if (_options.RemoveContainersInBackground)
            containers.RemoveLater(container);
        else
            await containers.RemoveAsync(container);
    }

    private Task<MultiplexedStream> AttachAsync(string containerId, bool stdin, CancellationToken cancellationToken) =>
        docker.Containers.AttachContainerAsync(containerId,
            new ContainerAttachParameters { Stream = true, Stdin = stdin, Stdout = true, Stderr = true }, cancellationToken);

    /// <summary>Starts an attached container and reads it until it ends, killing it past its wall budget.</summary>
    private async Task<ContainerRun> StartAndCollectAsync(string containerId, MultiplexedStream stream, HarnessOutput output,
        TimeSpan wallBudget, CancellationToken cancellationToken)
    {
        using var runCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
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
