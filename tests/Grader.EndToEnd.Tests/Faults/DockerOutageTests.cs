using System.Diagnostics;
using Grader.Tests.Shared;
using Xunit.Abstractions;

namespace Grader.EndToEnd.Tests.Faults;

/// <summary>
/// Issue 7: the Docker daemon stops for twenty seconds. Submissions made meanwhile wait, queued with the reason,
/// while Hangfire retries their jobs (2, 5, 10, 20, 30, 60 s apart), and are graded once the daemon is back. The
/// worker talks to a Docker daemon of the test's own, so stopping it disturbs no one else.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class DockerOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan s_outage = TimeSpan.FromSeconds(20);

    private readonly string _jobRoot = Directory.CreateTempSubdirectory("grader-dockerd-jobs-").FullName;
    private PrivateDockerd _dockerd = null!;
    private GraderStack _stack = null!;

    public async Task InitializeAsync()
    {
        _dockerd = await PrivateDockerd.StartAsync("grader-runner-python");
        _stack = new GraderStack
        {
            Settings =
            {
                ["Grader__Sandbox__DockerEndpoint"] = _dockerd.Endpoint,
                ["Grader__Sandbox__JobRoot"] = _jobRoot,
                ["Grader__Sandbox__PoolSize"] = "0",
            },
        };
        await _stack.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _stack.DisposeAsync();
        await _dockerd.DisposeAsync();
        Directory.Delete(_jobRoot, recursive: true);
    }

    [Fact]
    public async Task Submissions_made_while_docker_is_down_are_graded_when_it_returns()
    {
        var room = await FaultClass.EnrolAsync(_stack, FaultClass.DoublingSuite(), students: 3);
        var rows = new SubmissionRows(_stack.Database.ConnectionString);
        var before = FaultClass.IdOf(await room.Students[0].SubmitSourceAsync(room.AssignmentId, FaultClass.DoublingProgram));
        await room.Students[0].WaitGradedAsync(before, TimeSpan.FromSeconds(30));

        await _dockerd.StopAsync();
        var clock = Stopwatch.StartNew();
        var during = await Task.WhenAll(room.Students.Select(async s =>
            FaultClass.IdOf(await s.SubmitSourceAsync(room.AssignmentId, FaultClass.DoublingProgram))));
        await Task.Delay(s_outage);

        var waiting = (await rows.OfAssignmentAsync(room.AssignmentId)).Where(r => during.Contains(r.Id)).ToList();
        Assert.All(waiting, r =>
        {
            Assert.Contains(r.Status, new[] { "Queued", "Running" }); // waiting for a retry, not failed
            Assert.False(string.IsNullOrEmpty(r.FailureReason), "the admin sees why it waits");
        });
        await _dockerd.StartAgainAsync();
        var backAt = clock.Elapsed;

        foreach (var (student, id) in room.Students.Zip(during))
        {
            var graded = await student.WaitGradedAsync(id, TimeSpan.FromMinutes(2));
            Assert.Equal("graded", graded["status"]!.GetValue<string>());
            Assert.Equal("passed", graded["verdict"]!.GetValue<string>());
        }
        var finished = (await rows.OfAssignmentAsync(room.AssignmentId)).Where(r => during.Contains(r.Id)).ToList();
        Assert.All(finished, r => Assert.True(r.Attempts > 1, $"{r.Id} ran {r.Attempts} time(s)"));
        output.WriteLine($"docker back after {backAt.TotalSeconds:F1} s, all graded after {clock.Elapsed.TotalSeconds:F1} s; " +
            $"attempts: {string.Join(", ", finished.Select(r => r.Attempts))}");
    }
}
