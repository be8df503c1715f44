using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Core.Jobs;
using Grader.Grading;
using Grader.Grading.Suites;
using Grader.Sandbox;
using Grader.Worker.Jobs;
using Grader.Worker.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grader.Worker.Tests.Jobs;

/// <summary>
/// The grading job against a real database and the real sandbox: run twice, at once or one after the
/// other, it stores one result.
/// </summary>
public sealed class GradingJobTests : IAsyncLifetime
{
    private WorkerTestServices _host = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _host = await WorkerTestServices.CreateAsync((services, configuration) => services
            .AddDockerSandbox(configuration)
            .AddSingleton<SubmissionGrader>()
            .AddSingleton<GradingMetrics>()
            .AddScoped<IGradingJob, GradingJob>());
        _services = _host.Services;
    }

    [Fact]
    public async Task Two_runs_at_once_and_a_third_later_store_one_result()
    {
        var submissionId = await SubmissionAsync("print(int(input()) * 2)\n");

        await Task.WhenAll(RunJobAsync(submissionId), RunJobAsync(submissionId));
        var first = await ReadAsync(submissionId);
        await RunJobAsync(submissionId);
        var again = await ReadAsync(submissionId);

        Assert.Equal(SubmissionStatus.Graded, first.Status);
        Assert.Equal(Verdict.Passed, first.Verdict);
        Assert.Equal(1, first.Attempts);
        Assert.Single(first.Tests);
        Assert.Equal(first.GradedAt, again.GradedAt);
        Assert.Equal(1, again.Attempts);
        Assert.Single(again.Tests);
    }

    [Fact]
    public async Task A_run_after_an_interrupted_one_replaces_the_tests_that_run_stored_as_it_went()
    {
        var submissionId = await SubmissionAsync("print(int(input()) * 2)\n");
        await using (var scope = _services.CreateAsyncScope())
        {
            // What a run that died after its first test leaves: the test's row, the submission queued for a retry.
            var db = scope.ServiceProvider.GetRequiredService<GraderDbContext>();
            db.Add(new SubmissionTestResult
            {
                SubmissionId = submissionId, Index = 0, Name = "seven", Verdict = Verdict.WrongAnswer, MaxPoints = 1, Visibility = TestVisibility.Visible,
            });
            await db.SaveChangesAsync();
        }

        await RunJobAsync(submissionId);

        var graded = await ReadAsync(submissionId);
        Assert.Equal(SubmissionStatus.Graded, graded.Status);
        Assert.Equal(Verdict.Passed, Assert.Single(graded.Tests).Verdict);
    }

    [Fact]
    public async Task A_run_after_an_interrupted_one_replaces_the_figures_it_stored_instead_of_adding_to_them()
    {
        var submissionId = await SubmissionAsync(
            "open('chart.png', 'wb').write(b'\\x89PNG\\r\\n\\x1a\\nnew')\nprint(int(input()) * 2)\n");
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GraderDbContext>();
            db.Add(new SubmissionTestResult
            {
                SubmissionId = submissionId, Index = 0, Name = "seven", Verdict = Verdict.WrongAnswer, MaxPoints = 1, Visibility = TestVisibility.Visible,
                FigureCount = 2,
                Figures = [.. Enumerable.Range(0, 2).Select(n => new SubmissionFigure
                {
                    SubmissionId = submissionId, TestIndex = 0, Number = n, Name = $"old{n}.png", Png = [0x89, 0x50, 0x4E, 0x47],
                })],
            });
            await db.SaveChangesAsync();
        }

        await RunJobAsync(submissionId);

        await using var read = _services.CreateAsyncScope();
        var figures = await read.ServiceProvider.GetRequiredService<GraderDbContext>().SubmissionFigures.AsNoTracking()
            .Where(f => f.SubmissionId == submissionId).ToListAsync();
        var figure = Assert.Single(figures);
        Assert.Equal(("chart.png", "new"), (figure.Name, System.Text.Encoding.ASCII.GetString(figure.Png[8..])));
        Assert.Equal(1, Assert.Single((await ReadAsync(submissionId)).Tests).FigureCount);
    }

    private async Task RunJobAsync(Guid submissionId)
    {
        await using var scope = _services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IGradingJob>().GradeSubmissionAsync(submissionId, CancellationToken.None);
    }

    private async Task<Submission> ReadAsync(Guid submissionId)
    {
        await using var scope = _services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<GraderDbContext>().Submissions.AsNoTracking()
            .Include(s => s.Tests).SingleAsync(s => s.Id == submissionId);
    }

    private async Task<Guid> SubmissionAsync(string source)
    {
        await using var scope = _services.CreateAsyncScope();
        return await StoredSubmissions.AddAsync(scope.ServiceProvider.GetRequiredService<GraderDbContext>(), source, DateTimeOffset.UtcNow);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
