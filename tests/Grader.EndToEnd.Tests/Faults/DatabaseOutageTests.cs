using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Grader.Tests.Shared;
using Xunit.Abstractions;

namespace Grader.EndToEnd.Tests.Faults;

/// <summary>
/// Issue 7: PostgreSQL stops for ten seconds while a class keeps submitting. Every POST answers 202 or 503
/// (problem+json with Retry-After), never 500; the API serves again by itself once the database is back, and
/// every 202 ends graded. The test runs its own PostgreSQL server, so stopping it disturbs no one else.
/// </summary>
[Collection(FaultsCollection.Name)]
public sealed class DatabaseOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan s_outage = TimeSpan.FromSeconds(10);

    private PrivatePostgres _postgres = null!;
    private GraderStack _stack = null!;

    public async Task InitializeAsync()
    {
        _postgres = await PrivatePostgres.StartAsync();
        _stack = new GraderStack
        {
            Server = _postgres.ConnectionString,
            Settings =
            {
                ["Grader__RateLimits__Submissions__Burst"] = "1000",
                // A submission whose enqueue the outage cut off is found within seconds, not half a minute.
                ["Grader__Maintenance__StuckAfter"] = "00:00:05",
                ["Grader__Maintenance__SubmissionSweepInterval"] = "00:00:02",
            },
        };
        await _stack.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _stack.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    [Fact]
    public async Task While_the_database_is_down_submissions_answer_202_or_503_and_every_202_is_graded()
    {
        var room = await FaultClass.EnrolAsync(_stack, FaultClass.DoublingSuite(), students: 3);
        var answers = new ConcurrentBag<(HttpStatusCode Status, Guid? Id, TimeSpan At, string? RetryAfter, string? ContentType)>();
        var clock = Stopwatch.StartNew();
        using var stopSubmitting = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var students = room.Students.Select(async student =>
        {
            while (!stopSubmitting.IsCancellationRequested)
            {
                var (status, body, response) = await student.SendAsync(HttpMethod.Post,
                    $"/api/assignments/{room.AssignmentId}/submissions", new { language = "python", source = FaultClass.DoublingProgram });
                answers.Add((status, status == HttpStatusCode.Accepted ? FaultClass.IdOf(body!) : null, clock.Elapsed,
                    response.Headers.RetryAfter?.ToString(), response.Content.Headers.ContentType?.MediaType));
                await Task.Delay(500);
            }
        }).ToList();

        await Task.Delay(TimeSpan.FromSeconds(5));
        await _postgres.StopAsync();
        var stoppedAt = clock.Elapsed;
        await Task.Delay(s_outage);
        await _postgres.StartAgainAsync();
        var restartedAt = clock.Elapsed;
        await Task.WhenAll(students);

        output.WriteLine($"database down from {stoppedAt.TotalSeconds:F1} s to {restartedAt.TotalSeconds:F1} s; " +
            string.Join(", ", answers.GroupBy(a => (int)a.Status).Select(g => $"{g.Count()} × {g.Key}")));
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.Accepted or HttpStatusCode.ServiceUnavailable,
            $"{(int)a.Status} at {a.At}\n{_stack.Api.ReadLog()}"));
        var refused = answers.Where(a => a.Status == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.NotEmpty(refused);
        Assert.All(refused, a =>
        {
            Assert.Equal("application/problem+json", a.ContentType);
            Assert.True(int.Parse(a.RetryAfter!) > 0);
        });
        Assert.Contains(answers, a => a.Status == HttpStatusCode.Accepted && a.At > restartedAt); // it recovered by itself

        var accepted = answers.Where(a => a.Id is not null).Select(a => a.Id!.Value).ToList();
        var rows = await new SubmissionRows(_stack.Database.ConnectionString)
            .WaitAllFinishedAsync(room.AssignmentId, accepted.Count, TimeSpan.FromMinutes(3));
        var byId = rows.ToDictionary(r => r.Id);
        Assert.All(accepted, id => Assert.Equal("Graded", byId[id].Status));
        output.WriteLine($"{accepted.Count} accepted submissions graded {clock.Elapsed.TotalSeconds:F1} s after the burst began; " +
            $"{rows.Count - accepted.Count} stored although their POST answered 503");
    }
}
