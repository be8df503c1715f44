using Grader.Grading.Suites;
namespace Grader.Sandbox;

/// <summary>How submissions' containers are built and bounded. Section <c>Grader:Sandbox</c>.</summary>
public sealed class SandboxOptions
{
    public const string SectionName = "Grader:Sandbox";

    /// <summary>Docker Engine endpoint; the worker is the only process that holds it.</summary>
    public Uri DockerEndpoint { get; set; } = new("unix:///var/run/docker.sock");

    /// <summary>Runner image per submission language. Configuration adds to or overrides these.</summary>
    public Dictionary<string, string> Images { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["python"] = "grader-runner-python",
        ["scratch"] = "grader-runner-blocks",
        ["entry"] = "grader-runner-blocks",
        ["blockly"] = "grader-runner-blocks",
        // A suite's image: python-data (numpy, pandas, scikit-learn, matplotlib).
        [SuiteImages.PythonData] = "grader-runner-python-data",
    };

    /// <summary>Host folder under which each run gets its own job folder, bind-mounted read-only at /job.
    /// It must be a path the Docker daemon sees too (the same host).</summary>
    public string JobRoot { get; set; } = "/var/lib/grader/jobs";

    /// <summary>Stdout the harness keeps per test (it stops the program beyond it).</summary>
    public int OutputLimitBytesPerTest { get; set; } = 1024 * 1024;

    /// <summary>Tail of stderr the harness keeps per test.</summary>
    public int StderrLimitBytesPerTest { get; set; } = 16 * 1024;

    /// <summary>Everything the worker reads from one container; past it the container is killed.
    /// Must exceed the base64 of every test's capped stdout, or honest runs get cut.</summary>
    public long OutputLimitBytesPerSubmission { get; set; } = 64L * 1024 * 1024;

    /// <summary>Added once to the summed wall limits of the tests before the worker kills the container:
    /// container start-up and shut-down.</summary>
    public TimeSpan WallMargin { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Added per test to the container's wall deadline: the harness copies the program and starts an
    /// interpreter outside each test's own wall clock.</summary>
    public TimeSpan WallMarginPerTest { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long after its wall deadline a container may still exist before the sweeper removes it;
    /// covers the kill, the final inspect and the removal of a live run.</summary>
    public TimeSpan SweepGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Container memory on top of the largest test's limit: the harness, the program's interpreter
    /// and what the program writes to /tmp (tmpfs pages count against the container's limit).</summary>
    public int HarnessMemoryMb { get; set; } = 128;

    public int TmpfsMb { get; set; } = 64;

    public double CpusPerContainer { get; set; } = 1;

    /// <summary>Processes and threads in one container; stops fork bombs.</summary>
    public long PidsLimit { get; set; } = 64;

    /// <summary>The uid and gid every test's program runs as (the harness drops to them in each test's child).</summary>
    public int RunnerUid { get; set; } = 10001;

    public int RunnerGid { get; set; } = 10001;

    /// <summary>How many more containers one submission may use when a container dies before reporting every
    /// test, so one test's death does not take the tests after it along.</summary>
    public int MaxRestarts { get; set; } = 2;

    /// <summary>Containers per image created ahead of demand (created, not started; each used once). 0: none,
    /// every run creates its own. The worker keeps about one per job it runs at once.</summary>
    public int PoolSize { get; set; }

    /// <summary>The test memory limit pooled containers are made for (the suites' default); runs with another
    /// limit create their own container.</summary>
    public int PoolTestMemoryMb { get; set; } = 128;

    /// <summary>How long a pooled container may wait; its deadline label is set that far ahead, and it is only
    /// handed to a run that ends, sweep grace included, before it.</summary>
    public TimeSpan PooledContainerLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Results return as soon as the container has reported, and the container is removed after; the
    /// worker's slot is free for the next submission meanwhile. Off: a run returns once its container is gone.</summary>
    public bool RemoveContainersInBackground { get; set; }

    /// <summary>Languages whose pools the worker fills as it starts, so the first submissions find them ready.</summary>
    public List<string> PoolWarmLanguages { get; set; } = ["python"];
}
