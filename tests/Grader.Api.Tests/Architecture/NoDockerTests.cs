using System.Text.Json;

namespace Grader.Api.Tests.Architecture;

/// <summary>
/// The API never talks to Docker (README, Security model): Grader.Api references Grader.Grading, whose ISandbox is
/// only a port, and not Grader.Sandbox, which implements it with Docker.DotNet. This reads what the build resolved,
/// so a reference added anywhere on the API's path (a project or a package) fails here.
/// </summary>
public sealed class NoDockerTests
{
    private static readonly string[] s_forbidden = ["Grader.Sandbox", "Docker.DotNet"];

    [Fact]
    public void The_api_build_resolves_neither_the_sandbox_nor_docker_dotnet()
    {
        // Grader.Api.deps.json, copied beside the tests for WebApplicationFactory: every library of the API's
        // dependency graph, project or package, direct or transitive.
        using var deps = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Grader.Api.deps.json")));
        var libraries = deps.RootElement.GetProperty("libraries").EnumerateObject().Select(l => l.Name.Split('/')[0]).ToList();

        Assert.Contains("Grader.Grading", libraries);
        Assert.DoesNotContain(libraries, l => s_forbidden.Any(f => l.StartsWith(f, StringComparison.OrdinalIgnoreCase)));
    }
}
