using System.Globalization;
using Docker.DotNet.Models;
using Grader.Runners.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace Grader.Runners.Tests.Sandbox;

[Collection(DockerCollection.Name)]
public sealed class ContainerSweeperTests(DockerFixture docker)
{
    private readonly string _label = $"sweeper-test-{Guid.NewGuid():N}";

    [Fact]
    public async Task Removes_an_expired_sandbox_container_and_its_job_folder_and_leaves_a_fresh_one()
    {
        var now = TimeProvider.System.GetUtcNow();
        var expiredFolder = Directory.CreateDirectory(Path.Combine(docker.JobRoot, $"job-{Guid.NewGuid():N}"));
        var expired = await CreateLabelledContainerAsync(now.AddMinutes(-1), expiredFolder.Name);
        var fresh = await CreateLabelledContainerAsync(now.AddHours(1), jobFolder: null);
        try
        {
            var removed = await docker.Services.GetRequiredService<ContainerSweeper>().RemoveExpiredAsync(CancellationToken.None);

            var left = (await docker.ContainersLabelledAsync(_label)).Select(c => c.ID).ToList();
            Assert.True(removed >= 1);
            Assert.DoesNotContain(expired, left);
            Assert.Contains(fresh, left);
            Assert.False(Directory.Exists(expiredFolder.FullName));
        }
        finally
        {
            await docker.Docker.Containers.RemoveContainerAsync(fresh, new ContainerRemoveParameters { Force = true });
        }

        Assert.Empty(await docker.ContainersLabelledAsync(_label));
    }

    private async Task<string> CreateLabelledContainerAsync(DateTimeOffset deadline, string? jobFolder)
    {
        var labels = new Dictionary<string, string>
        {
            [SandboxLabels.Grader] = "1",
            [SandboxLabels.Label] = _label,
            [SandboxLabels.Deadline] = deadline.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
        };
        if (jobFolder is not null)
            labels[SandboxLabels.JobFolder] = jobFolder;
        var created = await docker.Docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = DockerFixture.PythonImage,
            Labels = labels,
            HostConfig = new HostConfig { NetworkMode = "none" },
        });
        return created.ID;
    }
}
