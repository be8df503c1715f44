namespace Grader.Tests.Shared;

/// <summary>
/// The whole service as it runs in production: a fresh database, the API process and a worker process
/// (more workers on request), talking over real HTTP, PostgreSQL and Docker.
/// </summary>
public sealed class GraderStack : IAsyncLifetime
{
    public const string AdminToken = "test-admin-token-0123456789";

    private readonly List<ServiceProcess> workers = [];

    public TestDatabase Database { get; private set; } = null!;

    public ServiceProcess Api { get; private set; } = null!;

    public IReadOnlyList<ServiceProcess> Workers => workers;

    public GraderClient Admin => new(Api.BaseAddress, AdminToken);

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Api = ServiceProcess.Start("Grader.Api", Environment());
        // The API applies migrations; a worker starts once the database is ready.
        await Api.WaitReadyAsync(TimeSpan.FromSeconds(90));
        await StartWorkerAsync();
    }

    public async Task<ServiceProcess> StartWorkerAsync(int workerCount = 2)
    {
        var environment = new Dictionary<string, string>(Environment())
        {
            ["Grader__Worker__WorkerCount"] = workerCount.ToString(),
        };
        var worker = ServiceProcess.Start("Grader.Worker", environment);
        workers.Add(worker);
        await worker.WaitReadyAsync(TimeSpan.FromSeconds(90));
        return worker;
    }

    public string Logs() => $"--- api ---\n{Api.ReadLog()}\n" + string.Join("\n", workers.Select(w => $"--- worker ---\n{w.ReadLog()}"));

    private Dictionary<string, string> Environment() => new()
    {
        ["ConnectionStrings__Grader"] = Database.ConnectionString,
        ["Grader__AdminToken"] = AdminToken,
    };

    public async Task DisposeAsync()
    {
        foreach (var worker in workers) await worker.DisposeAsync();
        if (Api is not null) await Api.DisposeAsync();
        if (Database is not null) await Database.DisposeAsync();
    }
}
