using System.Text;
using Grader.Grading.Running;
using Grader.Grading.Suites;
using Microsoft.Extensions.DependencyInjection;

namespace Grader.Sandbox.Tests;

/// <summary>
/// Containers created ahead of demand: a run takes one (its job folder written before the start), the pool makes
/// another, none is used twice, and disposing the sandbox removes the ones still waiting with their folders.
/// Containers removed in the background are gone once the sandbox is disposed.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class ContainerPoolTests(DockerFixture docker) : IDisposable
{
    private static readonly TimeSpan s_fillTimeout = TimeSpan.FromSeconds(60);

    private readonly string _jobRoot = Path.Combine(Path.GetTempPath(), $"grader-pool-tests-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_run_takes_a_pooled_container_and_disposing_removes_the_rest()
    {
        var services = docker.BuildServices(new Dictionary<string, string?> { ["PoolSize"] = "2", ["JobRoot"] = _jobRoot });
        IReadOnlySet<string> pooled;
        IReadOnlyList<SandboxTestResult> results;
        SandboxTimings timings;
        try
        {
            services.GetRequiredService<ContainerPool>().Fill(DockerFixture.PythonImage);
            pooled = await WaitForJobFoldersAsync(2);

            using (timings = SandboxTimings.Observe())
            {
                results = await services.GetRequiredService<ISandbox>().RunAsync(Request("print(input()[::-1])\n", "abc", "xyz"),
                    CancellationToken.None);
            }

            Assert.Equal(["cba\n", "zyx\n"], results.Select(r => Encoding.UTF8.GetString(r.Stdout)));
            Assert.All(results, r => Assert.Equal(RunOutcome.Exited, r.Outcome));
            // The run used one of the waiting containers (its folder is gone) and the pool made a new one.
            var afterRun = await WaitForJobFoldersAsync(2);
            Assert.Single(pooled.Except(afterRun));
            Assert.NotNull(timings.ContainerStartedAt);
            Assert.True(timings.ContainerFinishedAt >= timings.ContainerStartedAt);
            pooled = afterRun;
        }
        finally
        {
            await services.DisposeAsync();
        }

        foreach (var folder in pooled)
            Assert.Empty(await ContainersOfJobFolderAsync(folder));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_jobRoot));
    }

    [Fact]
    public async Task A_run_needing_other_memory_gets_a_fresh_container_and_leaves_the_pool_alone()
    {
        await using var services = docker.BuildServices(new Dictionary<string, string?> { ["PoolSize"] = "1", ["JobRoot"] = _jobRoot });
        services.GetRequiredService<ContainerPool>().Fill(DockerFixture.PythonImage);
        var pooled = await WaitForJobFoldersAsync(1);

        var results = await services.GetRequiredService<ISandbox>().RunAsync(
            Request("print(input())\n", "big") with { Tests = [Test(0, "big") with { MemoryMb = 200 }] }, CancellationToken.None);

        Assert.Equal("big\n", Encoding.UTF8.GetString(results[0].Stdout));
        Assert.Equal(pooled, await WaitForJobFoldersAsync(1));
    }

    [Fact]
    public async Task Containers_removed_in_the_background_are_gone_once_the_sandbox_is_disposed()
    {
        var services = docker.BuildServices(new Dictionary<string, string?>
        {
            ["PoolSize"] = "1", ["RemoveContainersInBackground"] = "true", ["JobRoot"] = _jobRoot,
        });
        IReadOnlySet<string> used;
        try
        {
            services.GetRequiredService<ContainerPool>().Fill(DockerFixture.PythonImage);
            used = await WaitForJobFoldersAsync(1);
            var results = await services.GetRequiredService<ISandbox>().RunAsync(Request("print(input())\n", "one"),
                CancellationToken.None);
            Assert.Equal("one\n", Encoding.UTF8.GetString(results[0].Stdout));
        }
        finally
        {
            await services.DisposeAsync();
        }

        Assert.Empty(await ContainersOfJobFolderAsync(used.Single()));
        Assert.Empty(Directory.EnumerateFileSystemEntries(_jobRoot));
    }

    private static SandboxRequest Request(string program, params string[] inputs) => new(
        Language: ProgramLanguage.Python,
        Files: new Dictionary<string, byte[]> { ["main.py"] = Encoding.UTF8.GetBytes(program) },
        Tests: inputs.Select((input, index) => Test(index, input)).ToList(),
        PromptsAreOutput: false,
        Label: $"pool-test-{Guid.NewGuid():N}");

    private static SandboxTest Test(int index, string stdin) =>
        new(index, Encoding.UTF8.GetBytes(stdin), CpuSeconds: 2, WallSeconds: 4, MemoryMb: 128);

    /// <summary>The pool fills in the background: waits until exactly this many job folders wait in the job root.</summary>
    private async Task<IReadOnlySet<string>> WaitForJobFoldersAsync(int count)
    {
        using var timeout = new CancellationTokenSource(s_fillTimeout);
        while (true)
        {
            var folders = Directory.Exists(_jobRoot)
                ? Directory.EnumerateDirectories(_jobRoot).Select(Path.GetFileName).OfType<string>().ToHashSet()
                : [];
            if (folders.Count == count)
                return folders;
            await Task.Delay(100, timeout.Token);
        }
    }

    private async Task<IList<Docker.DotNet.Models.ContainerListResponse>> ContainersOfJobFolderAsync(string folder) =>
        await docker.Docker.Containers.ListContainersAsync(new Docker.DotNet.Models.ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { [$"{SandboxLabels.JobFolder}={folder}"] = true },
            },
        });

    public void Dispose()
    {
        if (Directory.Exists(_jobRoot))
            Directory.Delete(_jobRoot, recursive: true);
    }
}
