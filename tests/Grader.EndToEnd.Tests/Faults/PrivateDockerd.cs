using System.Diagnostics;

namespace Grader.EndToEnd.Tests.Faults;

/// <summary>
/// A Docker daemon of the test's own (its own data root, socket and containerd), which the test may stop and
/// start without taking the shared daemon away from everyone else's tests. It holds copies of the runner images
/// it is given, loaded from the shared daemon.
/// </summary>
internal sealed class PrivateDockerd : IAsyncDisposable
{
    private readonly string folder;
    private Process? daemon;

    private PrivateDockerd(string folder) => this.folder = folder;

    /// <summary>For <c>Grader__Sandbox__DockerEndpoint</c>.</summary>
    public string Endpoint => $"unix://{Path.Combine(folder, "docker.sock")}";

    public static async Task<PrivateDockerd> StartAsync(params string[] images)
    {
        // Short: the daemon's sockets live under it, and socket paths are limited to 108 bytes.
        var dockerd = new PrivateDockerd(Directory.CreateTempSubdirectory("gd-").FullName);
        await dockerd.StartAgainAsync();
        foreach (var image in images)
            await ExternalCommand.RunAsync("bash", "-c",
                $"set -o pipefail; docker save {image} | docker -H {dockerd.Endpoint} load");
        return dockerd;
    }

    public async Task StartAgainAsync()
    {
        var log = Path.Combine(folder, "dockerd.log");
        daemon = Process.Start("bash", ["-c",
            $"exec dockerd --data-root {folder}/data --exec-root {folder}/exec -H {Endpoint} --pidfile {folder}/dockerd.pid " +
            $"--bridge=none --iptables=false --ip-masq=false >>{log} 2>&1"]);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                await ExternalCommand.RunAsync("docker", "-H", Endpoint, "version");
                return;
            }
            catch (InvalidOperationException) when (DateTime.UtcNow < deadline && !daemon.HasExited)
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>Stops the daemon the way a service manager does (SIGTERM) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (daemon is null || daemon.HasExited) return;
        await ExternalCommand.RunAsync("kill", "-TERM", daemon.Id.ToString());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await daemon.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            daemon.Kill();
            await daemon.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        daemon?.Dispose();
        // The stopped daemon has unmounted its layers; what is left are plain files.
        await ExternalCommand.RunAsync("rm", "-rf", folder);
    }
}
