using Grader.Tests.Shared;
using Xunit.Abstractions;

namespace Grader.EndToEnd.Tests.Faults;

/// <summary>
/// The API answers 202 once a submission is committed and hands it to Hangfire just after (SubmissionEnqueuer).
/// kill -9 of the API straight after a class's burst: what it accepted but had not handed over yet is found by the
/// workers' stuck-submission sweeper, and every 202 is graded once.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class ApiCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly GraderStack _stack = new()
    {
        Settings =
        {
            ["Grader__Maintenance__StuckAfter"] = "00:00:05",
            ["Grader__Maintenance__SubmissionSweepInterval"] = "00:00:02",
        },
    };

    public Task InitializeAsync() => _stack.InitializeAsync();

    public Task DisposeAsync() => _stack.DisposeAsync();

    [Fact]
    public async Task Every_submission_accepted_before_the_api_was_killed_is_graded_once()
    {
        var room = await FaultClass.EnrolAsync(_stack, FaultClass.DoublingSuite(), students: 10);
        var accepted = await Task.WhenAll(Enumerable.Range(0, 40).Select(async n =>
            FaultClass.IdOf(await room.Students[n % room.Students.Count].SubmitSourceAsync(room.AssignmentId, FaultClass.DoublingProgram))));
        _stack.Api.Kill();

        var rows = new SubmissionRows(_stack.Database.ConnectionString);
        output.WriteLine($"{await rows.WithoutJobAsync(room.AssignmentId)} of {accepted.Length} had no Hangfire job when the API died; jobs {await rows.CountAsync("hangfire.job")}");
        var finished = await rows.WaitAllFinishedAsync(room.AssignmentId, accepted.Length, TimeSpan.FromMinutes(3));

        Assert.Equal(accepted.Order(), finished.Select(r => r.Id).Order());
        Assert.All(finished, row =>
        {
            Assert.Equal("Graded", row.Status);
            Assert.Equal(1, row.TestResults);
        });
    }
}
