using System.Diagnostics;

namespace Grader.EndToEnd.Tests.Faults;

/// <summary>Runs a system command to the end and fails the test with its output when it fails.</summary>
internal static class ExternalCommand
{
    public static async Task<string> RunAsync(string file, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }

        return await output;
    }

    /// <summary>PostgreSQL's programs refuse to run as root: as root, run them as the postgres account.</summary>
    public static Task<string> RunAsPostgresAsync(string file, params string[] arguments) =>
        Environment.UserName == "root" ? RunAsync("runuser", ["-u", "postgres", "--", file, .. arguments]) : RunAsync(file, arguments);
}
