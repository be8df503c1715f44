using Grader.Tests.Shared;

namespace Grader.EndToEnd.Tests.Faults;

/// <summary>
/// A PostgreSQL server of the test's own, in a temporary folder on a free port, which the test may stop and
/// start without taking the shared server away from everyone else's tests.
/// </summary>
internal sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _folder;
    private readonly string _binaries;

    private PrivatePostgres(string folder, string binaries, int port)
    {
        this._folder = folder;
        this._binaries = binaries;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=grader;Password=grader;Database=postgres";

    private string DataFolder => Path.Combine(_folder, "data");

    public static async Task<PrivatePostgres> StartAsync()
    {
        var binaries = Directory.GetDirectories("/usr/lib/postgresql")
            .Select(version => Path.Combine(version, "bin"))
            .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
            .OrderByDescending(bin => int.Parse(Path.GetFileName(Path.GetDirectoryName(bin))!))
            .First();
        var folder = Directory.CreateTempSubdirectory("grader-pg-").FullName;
        if (Environment.UserName == "root") await ExternalCommand.RunAsync("chown", "postgres", folder);

        var server = new PrivatePostgres(folder, binaries, ServiceProcess.FreePort());
        await ExternalCommand.RunAsPostgresAsync(Path.Combine(binaries, "initdb"),
            "-D", server.DataFolder, "-U", "grader", "--auth=trust", "-E", "UTF8", "--no-sync");
        await server.StartAgainAsync();
        return server;
    }

    public Task StartAgainAsync() => ExternalCommand.RunAsPostgresAsync(Path.Combine(_binaries, "pg_ctl"),
        "-D", DataFolder, "-l", Path.Combine(_folder, "server.log"), "-w", "-t", "60",
        "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300", "start");

    /// <summary>A fast shutdown: open sessions are cut, as in a database restart.</summary>
    public Task StopAsync() => ExternalCommand.RunAsPostgresAsync(Path.Combine(_binaries, "pg_ctl"),
        "-D", DataFolder, "-m", "fast", "-w", "-t", "60", "stop");

    public string ReadLog() => File.Exists(Path.Combine(_folder, "server.log")) ? File.ReadAllText(Path.Combine(_folder, "server.log")) : "";

    public async ValueTask DisposeAsync()
    {
        try
        {
            await ExternalCommand.RunAsPostgresAsync(Path.Combine(_binaries, "pg_ctl"), "-D", DataFolder, "-m", "immediate", "stop");
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }
        Directory.Delete(_folder, recursive: true);
    }
}
