using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grader.Sandbox;

/// <summary>
/// A few containers per image created ahead of demand, so a submission skips container creation (a few hundred
/// milliseconds on a busy daemon). Each is created on its own empty job folder, handed out once and never reused.
/// Pooled containers carry the suite's default memory limit; a run that needs another gets a fresh one.
/// </summary>
internal sealed class ContainerPool(
    SandboxContainers containers,
    IOptions<SandboxOptions> options,
    TimeProvider timeProvider,
    ILogger<ContainerPool> logger) : IAsyncDisposable, IDisposable
{
    /// <summary>Unknown until a submission takes the container; the log line of its run names both.</summary>
    public const string PooledLabel = "pool";

    private readonly SandboxOptions _options = options.Value;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<SandboxContainer>> _ready = new();
    private readonly ConcurrentDictionary<string, Task> _filling = new();
    private readonly CancellationTokenSource _disposing = new();

    private long PooledMemoryBytes => containers.MemoryBytesFor(_options.PoolTestMemoryMb);

    /// <summary>
    /// A pooled container of the image with exactly this memory whose deadline covers a run ending at
    /// <paramref name="runEndsBy"/>, or null; either way the pool starts refilling.
    /// </summary>
    public SandboxContainer? TryTake(string image, long memoryBytes, DateTimeOffset runEndsBy)
    {
        if (_options.PoolSize <= 0 || memoryBytes != PooledMemoryBytes)
            return null;
        var queue = _ready.GetOrAdd(image, _ => new ConcurrentQueue<SandboxContainer>());
        SandboxContainer? taken = null;
        while (taken is null && queue.TryDequeue(out var candidate))
        {
            // The sweeper removes a container once its deadline passes: one that would pass mid-run is dropped.
            if (candidate.Deadline >= runEndsBy + _options.SweepGrace)
                taken = candidate;
            else
                containers.RemoveLater(candidate);
        }
        Fill(image);
        return taken;
    }

    /// <summary>Starts creating containers for the image in the background until the pool is full.</summary>
    public void Fill(string image)
    {
        if (_options.PoolSize <= 0 || _disposing.IsCancellationRequested)
            return;
        // One filler per image: the next Fill after it ends starts another.
        lock (_filling)
        {
            if (_filling.TryGetValue(image, out var running) && !running.IsCompleted)
                return;
            _filling[image] = Task.Run(() => FillAsync(image));
        }
    }

    private async Task FillAsync(string image)
    {
        var queue = _ready.GetOrAdd(image, _ => new ConcurrentQueue<SandboxContainer>());
        try
        {
            while (queue.Count < _options.PoolSize && !_disposing.IsCancellationRequested)
            {
                var deadline = timeProvider.GetUtcNow() + _options.PooledContainerLifetime;
                var created = await containers.CreateAsync(image, PooledMemoryBytes, PooledLabel, deadline, _disposing.Token);
                queue.Enqueue(created);
                if (_disposing.IsCancellationRequested)
                    break;
            }
        }
        catch (Exception e) when (DockerSandbox.IsInfrastructureFault(e) || e is OperationCanceledException)
        {
            // A submission finds out for itself and gets a fresh container or a clear fault; the pool tries again then.
            if (!_disposing.IsCancellationRequested)
                logger.LogWarning(e, "Could not fill the container pool for {Image}", image);
        }
    }

    /// <summary>Removes every container still waiting in the pool, with its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposing.IsCancellationRequested)
            return;
        await _disposing.CancelAsync();
        Task[] fillers;
        lock (_filling)
            fillers = _filling.Values.ToArray();
        await Task.WhenAll(fillers);
        var waiting = _ready.Values.SelectMany(queue => queue).ToList();
        _ready.Clear();
        await Task.WhenAll(waiting.Select(containers.RemoveAsync));
        _disposing.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();
}
