using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grader.Sandbox;

/// <summary>
/// Removes sandbox containers (label grader=1) whose deadline has passed, and job folders no live container
/// uses: what a worker that crashed or lost the daemon mid-run left behind. Safe to run from any number of
/// workers at once.
/// </summary>
public sealed class ContainerSweeper(
    IDockerClient docker,
    IOptions<SandboxOptions> options,
    TimeProvider timeProvider,
    ILogger<ContainerSweeper> logger)
{
    /// <summary>Returns how many expired containers it removed.</summary>
    /// <remarks>The job root is local to this host: run it on every host, against that host's Docker.</remarks>
    public async Task<int> RemoveExpiredAsync(CancellationToken cancellationToken)
    {
        var containers = await docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [$"{SandboxLabels.Grader}=1"] = true },
            },
        }, cancellationToken);

        var now = timeProvider.GetUtcNow();
        var expired = containers.Where(c => IsExpired(c, now.ToUnixTimeSeconds())).ToList();
        var removed = 0;
        foreach (var container in expired)
        {
            try
            {
                await docker.Containers.RemoveContainerAsync(container.ID,
                    new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken);
                removed++;
            }
            catch (DockerContainerNotFoundException)
            {
                // another worker's sweeper was quicker
            }
            catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
                // its removal is already in progress
            }
        }

        var liveJobFolders = containers
            .Except(expired)
            .Select(c => c.Labels.TryGetValue(SandboxLabels.JobFolder, out var folder) ? folder : null)
            .OfType<string>()
            .ToHashSet();
        RemoveUnusedJobFolders(liveJobFolders, now);

        if (removed > 0)
            logger.LogInformation("Removed {Count} abandoned sandbox containers", removed);
        return removed;
    }

    /// <summary>A container without a readable deadline was not made by this sandbox as it is now: it is expired.</summary>
    private static bool IsExpired(ContainerListResponse container, long nowUnixSeconds) =>
        container.Labels is null
        || !container.Labels.TryGetValue(SandboxLabels.Deadline, out var text)
        || !long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var deadline)
        || deadline <= nowUnixSeconds;

    /// <summary>
    /// A job folder is made moments before its container, so one older than the sweep grace that no live
    /// container names belongs to a run that is over.
    /// </summary>
    private void RemoveUnusedJobFolders(IReadOnlySet<string> liveJobFolders, DateTimeOffset now)
    {
        var jobRoot = new DirectoryInfo(options.Value.JobRoot);
        if (!jobRoot.Exists)
            return;
        var cutoff = now - options.Value.SweepGrace;
        foreach (var folder in jobRoot.EnumerateDirectories(JobFolder.NamePattern))
        {
            if (!liveJobFolders.Contains(folder.Name) && folder.LastWriteTimeUtc < cutoff.UtcDateTime
                && !JobFolder.TryDelete(folder.FullName))
            {
                logger.LogWarning("Could not delete abandoned job folder {Folder}", folder.FullName);
            }
        }
    }
}
