using Grader.Tests.Shared;

namespace Grader.EndToEnd.Tests;

/// <summary>
/// Issue 6: a graded submission's detail shows when each phase began (queued, started, container ready, tests
/// finished, graded), and the worker's /metrics shows the same phases and the queue depth.
/// </summary>
public sealed class GradingPhasesTests(GraderStack stack) : IClassFixture<GraderStack>
{
    private static readonly object s_echoSuite = new
    {
        slug = "echo-" + Guid.NewGuid().ToString("N")[..8],
        title = "echo",
        languages = new[] { "python" },
        tests = new object[] { new { name = "one", points = 1, visibility = "visible", stdin = "hi\n", expectedStdout = "hi\n" } },
    };

    [Fact]
    public async Task A_graded_submission_shows_its_phases_in_order_and_the_worker_counts_them()
    {
        var (student, assignmentId) = await stack.ClassroomAsync(s_echoSuite);

        var submitted = await student.SubmitSourceAsync(assignmentId, "print(input())\n");
        var graded = await student.WaitGradedAsync(submitted["id"]!.GetValue<Guid>(), TimeSpan.FromSeconds(60));

        Assert.Equal("passed", graded["verdict"]!.GetValue<string>());
        var phases = graded["phases"]!;
        DateTimeOffset Phase(string name) => phases[name]!.GetValue<DateTimeOffset>();
        var order = new[] { "submittedAt", "startedAt", "containerReadyAt", "testsFinishedAt", "gradedAt" }.Select(Phase).ToList();
        Assert.Equal(order.Order(), order);

        using var worker = new HttpClient { BaseAddress = stack.Workers[0].BaseAddress };
        var metrics = await worker.GetStringAsync("/metrics");
        Assert.Contains("grader_phase_seconds_count{phase=\"tests\"} 1\n", metrics);
        Assert.Contains("grader_phase_seconds_count{phase=\"container_start\"} 1\n", metrics);
        Assert.Contains("grader_queue_depth{queue=\"submissions\"} 0\n", metrics);
    }
}
