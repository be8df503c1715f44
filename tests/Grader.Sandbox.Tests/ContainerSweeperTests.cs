using System.Globalization;
using Docker.DotNet.Models;
using Microsoft.Extensions.DependencyInjection;

namespace Grader.Sandbox.Tests;

[Collection(DockerCollection.Name)]
public sealed class ContainerSweeperTests(DockerFixture docker)
{
    private readonly string _label = $"sweeper-test-{Guid.NewGuid():N}";

    [Fact]
    public async Task Removes_an_expired_sandbox_container_and_its_job_folder_and_leaves_a_fresh_one()
    {
        var now = TimeProvider.System.GetUtcNow();
        var expiredFolder = OldJobFolder();
        var freshFolder = OldJobFolder(); // old, but its container is live
        var expired = await CreateLabelledContainerAsync(now.AddMinutes(-1), expiredFolder.Name);
        var fresh = await CreateLabelledContainerAsync(now.AddHours(1), freshFolder.Name);
        try
        {
            var removed = await docker.Services.GetRequiredService<ContainerSweeper>().RemoveExpiredAsync(CancellationToken.None);

            var left = (await docker.ContainersLabelledAsync(_label)).Select(c => c.ID).ToList();
            Assert.True(removed >= 1);
            Assert.DoesNotContain(expired, left);
            Assert.Contains(fresh, left);
            Assert.False(Directory.Exists(expiredFolder.FullName));
            Assert.True(Directory.Exists(freshFolder.FullName));
        }
        finally
        {
            await docker.Docker.Containers.RemoveContainerAsync(fresh, new ContainerRemoveParameters { Force = true });
            freshFolder.Delete(recursive: true);
        }

        Assert.Empty(await docker.ContainersLabelledAsync(_label));
    }

    [Fact]
    public async Task Removes_an_old_job_folder_without_a_container_and_leaves_a_new_one()
    {
        var abandoned = OldJobFolder();
        var justMade = Directory.CreateDirectory(Path.Combine(docker.JobRoot, $"job-{Guid.NewGuid():N}"));
        var notAJobFolder = Directory.CreateDirectory(Path.Combine(docker.JobRoot, "keep-me"));
        notAJobFolder.LastWriteTimeUtc = DateTime.UtcNow.AddHours(-1);
        try
        {
            await docker.Services.GetRequiredService<ContainerSweeper>().RemoveExpiredAsync(CancellationToken.None);

            Assert.False(Directory.Exists(abandoned.FullName));
            Assert.True(Directory.Exists(justMade.FullName));
            Assert.True(Directory.Exists(notAJobFolder.FullName));
        }
        finally
        {
            justMade.Delete(recursive: true);
            notAJobFolder.Delete(recursive: true);
        }
    }

    /// <summary>A job folder written an hour ago, well past the sweep grace.</summary>
    private DirectoryInfo OldJobFolder()
    {
        var folder = Directory.CreateDirectory(Path.Combine(docker.JobRoot, $"job-{Guid.NewGuid():N}"));
        File.WriteAllText(Path.Combine(folder.FullName, "plan.json"), "{}");
        folder.LastWriteTimeUtc = DateTime.UtcNow.AddHours(-1);
        return folder;
    }

    private async Task<string> CreateLabelledContainerAsync(DateTimeOffset deadline, string jobFolder)
    {
        var created = await docker.Docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = DockerFixture.PythonImage,
            Labels = new Dictionary<string, string>
            {
                [SandboxLabels.Grader] = "1",
                [SandboxLabels.Label] = _label,
                [SandboxLabels.Deadline] = deadline.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                [SandboxLabels.JobFolder] = jobFolder,
            },
            HostConfig = new HostConfig { NetworkMode = "none" },
        });
        return created.ID;
    }
}
