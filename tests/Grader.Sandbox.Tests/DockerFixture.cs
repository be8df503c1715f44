using Docker.DotNet;
using Docker.DotNet.Models;
using Grader.Grading.Running;
using Grader.Grading.Suites;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Grader.Sandbox.Tests;

/// <summary>
/// The real Docker engine and the real runner image, wired the way the worker wires them. When either is
/// missing every test fails with a message saying what to start or build; nothing is skipped.
/// </summary>
public sealed class DockerFixture : IAsyncLifetime
{
    /// <summary>The runner images under test; GRADER_PYTHON_IMAGE, GRADER_PYTHON_DATA_IMAGE and GRADER_BLOCKS_IMAGE name other builds (a
    /// harness being changed, as for selftest.sh) while other test runs use the shared ones.</summary>
    public static readonly string PythonImage = Environment.GetEnvironmentVariable("GRADER_PYTHON_IMAGE") ?? "grader-runner-python";

    private static readonly string s_pythonDataImage = Environment.GetEnvironmentVariable("GRADER_PYTHON_DATA_IMAGE") ?? "grader-runner-python-data";

    private static readonly string s_blocksImage = Environment.GetEnvironmentVariable("GRADER_BLOCKS_IMAGE") ?? "grader-runner-blocks";

    public DockerFixture()
    {
        JobRoot = Path.Combine(Path.GetTempPath(), $"grader-sandbox-tests-{Guid.NewGuid():N}");
        Services = BuildServices(new Dictionary<string, string?>());
        Docker = Services.GetRequiredService<IDockerClient>();
    }

    public string JobRoot { get; }

    public ServiceProvider Services { get; }

    public IDockerClient Docker { get; }

    public ISandbox Sandbox => Services.GetRequiredService<ISandbox>();

    /// <summary>The worker's registration with this fixture's job root, plus any overrides.</summary>
    public ServiceProvider BuildServices(IDictionary<string, string?> overrides)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"{SandboxOptions.SectionName}:JobRoot"] = JobRoot,
            [$"{SandboxOptions.SectionName}:Images:python"] = PythonImage,
            [$"{SandboxOptions.SectionName}:Images:{SuiteImages.PythonData}"] = s_pythonDataImage,
            [$"{SandboxOptions.SectionName}:Images:scratch"] = s_blocksImage,
            [$"{SandboxOptions.SectionName}:Images:entry"] = s_blocksImage,
            [$"{SandboxOptions.SectionName}:Images:blockly"] = s_blocksImage,
        };
        foreach (var (key, value) in overrides)
            settings[$"{SandboxOptions.SectionName}:{key}"] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddDockerSandbox(configuration).BuildServiceProvider();
    }

    public async Task InitializeAsync()
    {
        try
        {
            await Docker.System.PingAsync();
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                "Docker is not reachable at unix:///var/run/docker.sock; start it with scripts/ensure-infra.sh.", e);
        }

        try
        {
            await Docker.Images.InspectImageAsync(PythonImage);
        }
        catch (DockerImageNotFoundException e)
        {
            throw new InvalidOperationException($"Image {PythonImage} is missing; build it with docker/build-images.sh.", e);
        }
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        if (Directory.Exists(JobRoot))
            Directory.Delete(JobRoot, recursive: true);
    }

    /// <summary>Containers carrying this run's label; the sandbox must leave none behind.</summary>
    public async Task<IList<ContainerListResponse>> ContainersLabelledAsync(string label) =>
        await Docker.Containers.ListContainersAsync(new ContainersListParameters
        {
            All = true,
            Filters = new Dictionary<string, IDictionary<string, bool>>
            {
                ["label"] = new Dictionary<string, bool> { ["grader=1"] = true, [$"grader.label={label}"] = true },
            },
        });
}

[CollectionDefinition(Name)]
public sealed class DockerCollection : ICollectionFixture<DockerFixture>
{
    // One at a time: the machine has two cores and timing assertions must not share them.
    public const string Name = "Docker";
}
