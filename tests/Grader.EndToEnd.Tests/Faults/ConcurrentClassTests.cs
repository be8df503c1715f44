using System.Diagnostics;
using Grader.Tests.Shared;
using Xunit.Abstractions;

namespace Grader.EndToEnd.Tests.Faults;

/// <summary>
/// Issue 7: two worker processes sharing one PostgreSQL, 300 submissions from 50 students at once. Each
/// submission is graded exactly once: one run (Attempts 1), one set of test results, one "Graded" log line in
/// one of the workers.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class ConcurrentClassTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Students = 50;
    private const int SubmissionsEach = 6;

    private PrivatePostgres _postgres = null!;
    private GraderStack _stack = null!;

    public async Task InitializeAsync()
    {
        // A server of its own: three processes' pools under this load must not compete for the shared server's
        // connection slots with everyone else's tests.
        _postgres = await PrivatePostgres.StartAsync();
        _stack = new GraderStack { Server = _postgres.ConnectionString };
        await _stack.InitializeAsync();
        await _stack.StartWorkerAsync();
    }

    public async Task DisposeAsync()
    {
        await _stack.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task Three_hundred_submissions_from_fifty_students_on_two_workers_are_each_graded_exactly_once()
    {
        var room = await FaultClass.EnrolAsync(_stack, FaultClass.DoublingSuite(), Students);

        var clock = Stopwatch.StartNew();
        var accepted = await Task.WhenAll(room.Students.Select(async student =>
        {
            var ids = new List<Guid>();
            for (var n = 0; n < SubmissionsEach; n++)
                ids.Add(FaultClass.IdOf(await student.SubmitSourceAsync(room.AssignmentId, FaultClass.DoublingProgram)));
            return ids;
        }));
        var submittedIn = clock.Elapsed;
        var ids = accepted.SelectMany(i => i).ToList();
        Assert.Equal(Students * SubmissionsEach, ids.Distinct().Count());

        var rows = await new SubmissionRows(_stack.Database.ConnectionString)
            .WaitAllFinishedAsync(room.AssignmentId, ids.Count, TimeSpan.FromMinutes(10)); // a shared CI host can be slow
        output.WriteLine($"{ids.Count} submissions accepted in {submittedIn.TotalSeconds:F1} s, all graded in {clock.Elapsed.TotalSeconds:F1} s");

        Assert.Equal(ids.Order(), rows.Select(r => r.Id).Order());
        Assert.All(rows, row =>
        {
            Assert.Equal("Graded", row.Status);
            Assert.Equal(1, row.Attempts);
            Assert.NotNull(row.GradedAt);
            Assert.Equal(1, row.TestResults);
        });

        var gradedLines = _stack.Workers.Select(w => w.ReadLog().Split('\n').Where(l => l.Contains("Graded ")).ToList()).ToList();
        Assert.All(gradedLines, lines => Assert.NotEmpty(lines)); // both workers took part
        var gradedBy = gradedLines.SelectMany(lines => lines).ToList();
        Assert.All(ids, id => Assert.Single(gradedBy, line => line.Contains($"Graded {id}")));
    }
}
