using System.Diagnostics;

namespace Grader.EndToEnd.Tests.Faults;

/// <summary>
/// A Docker daemon of the test's own (its own data root, socket and containerd), which the test may stop and
/// start without taking the shared daemon away from everyone else's tests. It holds copies of the runner images
/// it is given, loaded from the shared daemon.
/// </summary>
internal sealed class PrivateDockerd : IAsyncDisposable
{
    private readonly string _folder;
    private Process? _daemon;

    private PrivateDockerd(string folder) => this._folder = folder;

    /// <summary>For <c>Grader__Sandbox__DockerEndpoint</c>.</summary>
    public string Endpoint => $"unix://{Path.Combine(_folder, "docker.sock")}";

    public static async Task<PrivateDockerd> StartAsync(params string[] images)
    {
        // Short: the daemon's sockets live under it, and socket paths are limited to 108 bytes.
        var dockerd = new PrivateDockerd(Directory.CreateTempSubdirectory("gd-").FullName);
        await dockerd.StartAgainAsync();
        foreach (var image in images)
        {
            await ExternalCommand.RunAsync("bash", "-c",
                $"set -o pipefail; docker save {image} | docker -H {dockerd.Endpoint} load");
        }

        return dockerd;
    }

    public async Task StartAgainAsync()
    {
        var log = Path.Combine(_folder, "dockerd.log");
        _daemon = Process.Start("bash", ["-c",
            $"exec dockerd --data-root {_folder}/data --exec-root {_folder}/exec -H {Endpoint} --pidfile {_folder}/dockerd.pid " +
            $"--bridge=none --iptables=false --ip-masq=false >>{log} 2>&1"]);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            try
            {
                await ExternalCommand.RunAsync("docker", "-H", Endpoint, "version");
                return;
            }
            catch (InvalidOperationException) when (DateTime.UtcNow < deadline && !_daemon.HasExited)
            {
                await Task.Delay(250);
            }
        }
    }

    /// <summary>Stops the daemon the way a service manager does (SIGTERM) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (_daemon is null || _daemon.HasExited) return;
        await ExternalCommand.RunAsync("kill", "-TERM", _daemon.Id.ToString());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await _daemon.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _daemon.Kill();
            await _daemon.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _daemon?.Dispose();
        // The stopped daemon has unmounted its layers; what is left are plain files.
        await ExternalCommand.RunAsync("rm", "-rf", _folder);
    }
}
