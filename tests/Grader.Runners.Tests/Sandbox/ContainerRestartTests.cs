using System.Text;
using Docker.DotNet.Models;
using Grader.Runners.Sandbox;
using Microsoft.Extensions.DependencyInjection;

namespace Grader.Runners.Tests.Sandbox;

/// <summary>
/// A container that dies after its first test (here a stand-in harness that reports one test and exits, made
/// from the runner image) must not take the later tests with it: they run again in a new container.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class ContainerRestartTests(DockerFixture docker) : IAsyncLifetime
{
    private const string DyingHarnessImage = "grader-test-dying-harness";

    private const string DyingHarness = """
        import base64, json, sys
        plan = json.load(open("/job/plan.json"))
        test = plan["tests"][0]
        stdin = open("/job/" + test["stdin"], "rb").read()
        print(json.dumps({"index": test["index"], "outcome": "exited", "exitCode": 0, "cpuMs": 1, "wallMs": 1,
                          "maxRssKb": 1, "stdout": base64.b64encode(stdin).decode(), "stderr": "",
                          "error": None, "returnValue": None}), flush=True)
        sys.exit(3)
        """;

    private readonly string _label = $"restart-test-{Guid.NewGuid():N}";

    public async Task InitializeAsync()
    {
        var template = await docker.Docker.Containers.CreateContainerAsync(new CreateContainerParameters
        {
            Image = DockerFixture.PythonImage,
            HostConfig = new HostConfig { NetworkMode = "none" },
        });
        try
        {
            await docker.Docker.Images.CommitContainerChangesAsync(new CommitContainerChangesParameters
            {
                ContainerID = template.ID,
                RepositoryName = DyingHarnessImage,
                Tag = "latest",
                Entrypoint = ["/usr/bin/python3", "-c", DyingHarness],
                User = "10001:10001",
            });
        }
        finally
        {
            await docker.Docker.Containers.RemoveContainerAsync(template.ID, new ContainerRemoveParameters { Force = true });
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData(2, new[] { RunOutcome.Exited, RunOutcome.Internal, RunOutcome.Exited, RunOutcome.Internal, RunOutcome.Exited })]
    [InlineData(1, new[] { RunOutcome.Exited, RunOutcome.Internal, RunOutcome.Exited, RunOutcome.Internal, RunOutcome.Internal })]
    public async Task Tests_after_a_dead_container_run_in_a_new_one_up_to_the_restart_limit(int maxRestarts, RunOutcome[] expected)
    {
        await using var services = docker.BuildServices(new Dictionary<string, string?>
        {
            ["Images:python"] = DyingHarnessImage,
            ["MaxRestarts"] = maxRestarts.ToString(),
        });
        var tests = Enumerable.Range(0, expected.Length)
            .Select(i => new SandboxTest(i, Encoding.UTF8.GetBytes($"input {i}"), CpuSeconds: 1, WallSeconds: 2, MemoryMb: 64))
            .ToList();
        var request = new SandboxRequest("python", new Dictionary<string, byte[]> { ["main.py"] = "pass"u8.ToArray() },
            tests, PromptsAreOutput: false, Label: _label);

        var results = await services.GetRequiredService<ISandbox>().RunAsync(request, CancellationToken.None);

        Assert.Equal(expected, results.Select(r => r.Outcome));
        Assert.Equal("input 2", Encoding.UTF8.GetString(results[2].Stdout));
        Assert.Empty(await docker.ContainersLabelledAsync(_label));
    }
}
