using System.Diagnostics;

namespace Grader.Tests.Shared;

/// <summary>Asks the Docker CLI what a person would ask it, to check the sandbox from outside.</summary>
public static class DockerCli
{
    /// <summary>Ids of all containers (running or not) matching a `docker ps --filter`, empty when none.</summary>
    public static async Task<string> ListContainersAsync(string filter)
    {
        using var ps = Process.Start(new ProcessStartInfo("docker", ["ps", "-aq", "--filter", filter]) { RedirectStandardOutput = true })!;
        var output = await ps.StandardOutput.ReadToEndAsync();
        await ps.WaitForExitAsync();
        return output.Trim();
    }
}
