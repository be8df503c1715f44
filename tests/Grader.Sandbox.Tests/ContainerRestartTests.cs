using System.Diagnostics;
using System.Text;
using Docker.DotNet.Models;
using Grader.Grading.Running;
using Grader.Grading.Suites;
using Microsoft.Extensions.DependencyInjection;

namespace Grader.Sandbox.Tests;

/// <summary>
/// A container that ends before reporting every test must not take the later tests with it: they run again in a
/// new container. A stand-in harness made from the runner image plays the failures the real one never shows:
/// it reports its plan's first test and exits, unless that test's input tells it to hang or to eat memory.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class ContainerRestartTests(DockerFixture docker) : IAsyncLifetime
{
    private const string DyingHarnessRepository = "grader-test-dying-harness";

    private const string DyingHarness = """
        import base64, json, sys
        plan = json.load(open("/job/private/plan.json"))
        test = plan["tests"][0]
        stdin = open("/job/private/" + test["stdin"], "rb").read()
        if stdin == b"hang":
            while True:
                pass
        if stdin == b"oom":
            hoard = []
            while True:
                hoard.append(b"x" * 1024 * 1024)
        print(json.dumps({"index": test["index"], "outcome": "exited", "exitCode": 0, "cpuMs": 1, "wallMs": 1,
                          "maxRssKb": 1, "stdout": base64.b64encode(stdin).decode(), "stderr": "",
                          "error": None, "returnValue": None}), flush=True)
        sys.exit(3)
        """;

    private readonly string _label = $"restart-test-{Guid.NewGuid():N}";

    // A tag of its own, so test runs in other processes on the same daemon neither see nor delete it.
    private readonly string _tag = Guid.NewGuid().ToString("N");

    private string DyingHarnessImage => $"{DyingHarnessRepository}:{_tag}";

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
                RepositoryName = DyingHarnessRepository,
                Tag = _tag,
                Entrypoint = ["/usr/bin/python3", "-c", DyingHarness],
                User = "10001:10001",
            });
        }
        finally
        {
            await docker.Docker.Containers.RemoveContainerAsync(template.ID, new ContainerRemoveParameters { Force = true });
        }
    }

    public Task DisposeAsync() =>
        docker.Docker.Images.DeleteImageAsync(DyingHarnessImage, new ImageDeleteParameters { Force = true });

    [Theory]
    [InlineData(2, new[] { RunOutcome.Exited, RunOutcome.Internal, RunOutcome.Exited, RunOutcome.Internal, RunOutcome.Exited })]
    [InlineData(1, new[] { RunOutcome.Exited, RunOutcome.Internal, RunOutcome.Exited, RunOutcome.Internal, RunOutcome.Internal })]
    public async Task Tests_after_a_dead_container_run_in_a_new_one_up_to_the_restart_limit(int maxRestarts, RunOutcome[] expected)
    {
        var inputs = Enumerable.Range(0, expected.Length).Select(i => $"input {i}").ToArray();
        var results = await RunAsync(new() { ["MaxRestarts"] = maxRestarts.ToString() }, inputs);

        Assert.Equal(expected, results.Select(r => r.Outcome));
        Assert.Equal("input 2", Encoding.UTF8.GetString(results[2].Stdout));
        Assert.Empty(await docker.ContainersLabelledAsync(_label));
    }

    [Fact]
    public async Task A_container_past_its_wall_deadline_is_killed_and_its_test_is_a_time_limit()
    {
        var stopwatch = Stopwatch.StartNew();
        var results = await RunAsync(new() { ["WallMargin"] = "00:00:01", ["WallMarginPerTest"] = "00:00:00" }, "hang", "after");
        var elapsed = stopwatch.Elapsed;

        Assert.Equal([RunOutcome.TimeLimit, RunOutcome.Exited], results.Select(r => r.Outcome));
        Assert.Equal("after", Encoding.UTF8.GetString(results[1].Stdout));
        // The first container's deadline is both tests' wall limits plus the margin: 2 + 2 + 1 seconds.
        Assert.InRange(elapsed, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(12));
        Assert.Empty(await docker.ContainersLabelledAsync(_label));
    }

    [Fact]
    public async Task A_container_killed_for_memory_gives_its_test_a_memory_limit()
    {
        var results = await RunAsync([], "oom", "after");

        Assert.Equal([RunOutcome.MemoryLimit, RunOutcome.Exited], results.Select(r => r.Outcome));
        Assert.Empty(await docker.ContainersLabelledAsync(_label));
    }

    private async Task<IReadOnlyList<SandboxTestResult>> RunAsync(Dictionary<string, string?> overrides, params string[] inputs)
    {
        overrides["Images:python"] = DyingHarnessImage;
        await using var services = docker.BuildServices(overrides);
        var tests = inputs
            .Select((input, i) => new SandboxTest(i, Encoding.UTF8.GetBytes(input), CpuSeconds: 1, WallSeconds: 2, MemoryMb: 64))
            .ToList();
        var request = new SandboxRequest(ProgramLanguage.Python, new Dictionary<string, byte[]> { ["main.py"] = "pass"u8.ToArray() },
            tests, PromptsAreOutput: false, Label: _label);
        return await services.GetRequiredService<ISandbox>().RunAsync(request, CancellationToken.None);
    }
}
