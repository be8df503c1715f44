using Grader.Tests.Shared;

namespace Grader.EndToEnd.Tests.Faults;

/// <summary>
/// Issue 7: kill -9 of a worker in the middle of a grading job. Its job becomes visible again once its heartbeat
/// stops (Hangfire's sliding invisibility timeout, 30 s), the next worker grades it once, and that worker's
/// container sweeper removes the dead worker's container when its deadline has passed.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class WorkerCrashTests : IAsyncLifetime
{
    private readonly string _jobRoot = Directory.CreateTempSubdirectory("grader-crash-jobs-").FullName;
    private readonly GraderStack _stack;

    public WorkerCrashTests()
    {
        _stack = new GraderStack
        {
            Settings =
            {
                // A job root of its own: a short sweep grace must not touch other tests' job folders. Not zero: the
                // grace also spares a job folder made moments before its container.
                ["Grader__Sandbox__JobRoot"] = _jobRoot,
                ["Grader__Sandbox__SweepGrace"] = "00:00:05",
                ["Grader__Sandbox__PoolSize"] = "0",
                ["Grader__Maintenance__ContainerSweepInterval"] = "00:00:02",
            },
        };
    }

    public Task InitializeAsync() => _stack.InitializeAsync();

    public async Task DisposeAsync()
    {
        await _stack.DisposeAsync();
        Directory.Delete(_jobRoot, recursive: true);
    }

    [Fact]
    public async Task A_job_whose_worker_was_killed_is_graded_once_by_the_next_worker_and_leaves_no_container()
    {
        var room = await FaultClass.EnrolAsync(_stack, FaultClass.DoublingSuite(timeSeconds: 4), students: 1);
        var student = room.Students[0];
        var rows = new SubmissionRows(_stack.Database.ConnectionString);

        var submission = FaultClass.IdOf(await student.SubmitSourceAsync(room.AssignmentId,
            "import time\ntime.sleep(3)\n" + FaultClass.DoublingProgram));
        var container = $"label=grader.label={submission}";
        await Poll.UntilAsync(async () => await DockerCli.ListContainersAsync(container) != "", TimeSpan.FromSeconds(30),
            () => "the first worker never started a container\n" + _stack.Logs());

        var firstWorker = _stack.Workers[0];
        firstWorker.Kill();
        Assert.Equal("Running", (await rows.OfAssignmentAsync(room.AssignmentId)).Single().Status);
        Assert.NotEqual("", await DockerCli.ListContainersAsync(container)); // the dead worker's container is left behind

        var secondWorker = await _stack.StartWorkerAsync();
        var graded = await student.WaitGradedAsync(submission, TimeSpan.FromSeconds(90));

        Assert.Equal("graded", graded["status"]!.GetValue<string>());
        Assert.Equal("passed", graded["verdict"]!.GetValue<string>());
        var row = (await rows.OfAssignmentAsync(room.AssignmentId)).Single();
        Assert.Equal(2, row.Attempts); // one run cut short by the kill, one that graded
        Assert.Equal(1, row.TestResults);
        Assert.DoesNotContain($"Graded {submission}", firstWorker.ReadLog());
        Assert.Single(secondWorker.ReadLog().Split('\n'), line => line.Contains($"Graded {submission}"));

        await Poll.UntilAsync(async () => await DockerCli.ListContainersAsync(container) == "", TimeSpan.FromSeconds(60),
            () => "the dead worker's container was not removed\n" + secondWorker.ReadLog());
    }
}
