using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Grader.Runners.Sandbox;

/// <summary>
/// Removes sandbox containers (label grader=1) whose deadline has passed, with their job folders: what a
/// worker that crashed or lost the daemon mid-run left behind. Safe to run from any number of workers at once.
/// </summary>
public sealed class ContainerSweeper(
    IDockerClient docker,
    IOptions<SandboxOptions> options,
    TimeProvider timeProvider,
    ILogger<ContainerSweeper> logger)
{
    /// <summary>Returns how many expired containers it removed.</summary>
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

        var now = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        var removed = 0;
        foreach (var container in containers.Where(c => IsExpired(c, now)))
        {
            try
            {
                await docker.Containers.RemoveContainerAsync(container.ID,
                    new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken);
                removed++;
            }
            catch (DockerContainerNotFoundException)
            {
                continue; // another worker's sweeper was quicker
            }
            catch (DockerApiException e) when (e.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
                continue; // its removal is already in progress
            }

            if (container.Labels.TryGetValue(SandboxLabels.JobFolder, out var folder) && IsPlainName(folder))
                JobFolder.TryDelete(JobFolder.PathOf(options.Value.JobRoot, folder));
        }

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

    /// <summary>Labels are anyone's to set: never follow one out of the job root.</summary>
    private static bool IsPlainName(string folder) =>
        folder.Length > 0 && folder == Path.GetFileName(folder) && folder is not ("." or "..");
}
