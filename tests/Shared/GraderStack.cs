namespace Grader.Tests.Shared;

/// <summary>
/// The whole service as it runs in production: a fresh database, the API process and a worker process
/// (more workers on request), talking over real HTTP, PostgreSQL and Docker.
/// </summary>
public sealed class GraderStack : IAsyncLifetime
{
    public const string AdminToken = "test-admin-token-0123456789";

    private readonly List<ServiceProcess> _workers = [];
    private readonly SemaphoreSlim _designerLock = new(1, 1);
    private GraderClient? _designer;

    public TestDatabase Database { get; private set; } = null!;

    public ServiceProcess Api { get; private set; } = null!;

    public IReadOnlyList<ServiceProcess> Workers => _workers;

    public GraderClient Admin => new(Api.BaseAddress, AdminToken);

    /// <summary>
    /// Configuration every process of this stack gets, as environment variables (<c>Grader__Maintenance__StuckAfter</c>).
    /// One test student submits far more than a child would, so the per-student limit is raised unless a test sets it.
    /// </summary>
    public Dictionary<string, string> Settings { get; } = new() { ["Grader__RateLimits__Submissions__Burst"] = "1000" };

    /// <summary>The PostgreSQL server the test database is made on, when not the shared one.</summary>
    public string? Server { get; init; }

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync(Server);
        Api = ServiceProcess.Start("Grader.Api", Environment());
        // The API applies migrations; a worker starts once the database is ready.
        await Api.WaitReadyAsync(TimeSpan.FromSeconds(180));
        await StartWorkerAsync();
    }

    public async Task<ServiceProcess> StartWorkerAsync(int workerCount = 2)
    {
        var environment = new Dictionary<string, string>(Environment())
        {
            ["Grader__Worker__WorkerCount"] = workerCount.ToString(),
        };
        var worker = ServiceProcess.Start("Grader.Worker", environment);
        _workers.Add(worker);
        await worker.WaitReadyAsync(TimeSpan.FromSeconds(180));
        return worker;
    }

    /// <summary>
    /// A teacher's course with one student and one assignment on the given suite manifest (uploaded by the stack's
    /// designer). Returns the student's client and the assignment.
    /// </summary>
    public async Task<(GraderClient Student, Guid AssignmentId)> ClassroomAsync(object suite, string kind = "convergence")
    {
        var admin = Admin;
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (_, teacherToken) = await admin.CreateUserAsync($"teacher-{tag}", "김선생", "teacher");
        var (studentId, studentToken) = await admin.CreateUserAsync($"student-{tag}", "이학생", "student");
        var teacher = admin.As(teacherToken);

        var suiteId = await (await DesignerAsync()).CreateSuiteAsync(suite);
        var course = await teacher.PostOkAsync("/api/courses", new { name = "AI 융합 1반", kind });
        var courseId = course["id"]!.GetValue<Guid>();
        await admin.PostOkAsync($"/api/courses/{courseId}/members", new { userId = studentId });
        var assignment = await teacher.PostOkAsync($"/api/courses/{courseId}/assignments",
            new { title = "과제", suiteId, dueAt = DateTimeOffset.UtcNow.AddDays(7) });
        return (admin.As(studentToken), assignment["id"]!.GetValue<Guid>());
    }

    /// <summary>
    /// One designer for the stack's classrooms: a slug belongs to the designer of its first version, so tests that
    /// set up several classrooms on one manifest publish its later versions as the same designer.
    /// </summary>
    private async Task<GraderClient> DesignerAsync()
    {
        await _designerLock.WaitAsync();
        try
        {
            _designer ??= Admin.As((await Admin.CreateUserAsync($"designer-{Guid.NewGuid():N}"[..20], "박설계", "designer")).Token);
            return _designer;
        }
        finally
        {
            _designerLock.Release();
        }
    }

    public string Logs() => $"--- api ---\n{Api.ReadLog()}\n" + string.Join("\n", _workers.Select(w => $"--- worker ---\n{w.ReadLog()}"));

    private Dictionary<string, string> Environment() => new(Settings)
    {
        ["ConnectionStrings__Grader"] = Database.ConnectionString,
        ["Grader__AdminToken"] = AdminToken,
    };

    public async Task DisposeAsync()
    {
        foreach (var worker in _workers) await worker.DisposeAsync();
        if (Api is not null) await Api.DisposeAsync();
        if (Database is not null) await Database.DisposeAsync();
    }
}
