using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Core.Jobs;
using Grader.Hosting;
using Grader.Worker.Maintenance;
using Hangfire;
using Hangfire.States;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grader.Worker.Tests.Maintenance;

/// <summary>
/// The sweeper against a real database and real Hangfire storage, with no Hangfire server, so an enqueued job stays
/// enqueued: it asks about the jobs recorded for the submissions it considers, leaves one whose job is alive, and
/// enqueues again one whose job is gone or was never recorded.
/// </summary>
public sealed class StuckSubmissionSweeperTests : IAsyncLifetime
{
    private WorkerTestServices _host = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _host = await WorkerTestServices.CreateAsync((services, configuration) => services
            .AddGraderHangfire(configuration)
            .AddSingleton(Options.Create(new MaintenanceOptions { StuckAfter = TimeSpan.FromMinutes(1) }))
            .AddScoped<StuckSubmissionSweeper>());
        _services = _host.Services;
    }

    [Fact]
    public async Task Leaves_a_submission_whose_job_is_alive_and_enqueues_again_one_whose_job_is_gone()
    {
        var longAgo = DateTimeOffset.UtcNow.AddMinutes(-10);
        var jobs = _services.GetRequiredService<IBackgroundJobClient>();
        Guid waiting, deleted, neverHandedOver;
        string deletedJob;
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GraderDbContext>();
            waiting = await StoredSubmissions.AddAsync(db, "print(1)\n", longAgo);
            deleted = await StoredSubmissions.AddAsync(db, "print(2)\n", longAgo);
            neverHandedOver = await StoredSubmissions.AddAsync(db, "print(3)\n", longAgo);
            deletedJob = jobs.EnqueueGrading(deleted);
            Assert.True(jobs.Delete(deletedJob));
            db.SubmissionJobs.AddRange(
                new SubmissionJob { SubmissionId = waiting, HangfireJobId = jobs.EnqueueGrading(waiting), EnqueuedAt = longAgo },
                new SubmissionJob { SubmissionId = deleted, HangfireJobId = deletedJob, EnqueuedAt = longAgo });
            await db.SaveChangesAsync();
        }

        IReadOnlyList<Guid> swept;
        await using (var scope = _services.CreateAsyncScope())
            swept = await scope.ServiceProvider.GetRequiredService<StuckSubmissionSweeper>().SweepAsync(CancellationToken.None);

        Assert.Equal([deleted, neverHandedOver], swept.Order());
        await using (var scope = _services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GraderDbContext>();
            var submissions = await db.Submissions.AsNoTracking().ToDictionaryAsync(s => s.Id);
            Assert.Null(submissions[waiting].RequeuedAt);
            Assert.NotNull(submissions[deleted].RequeuedAt);
            Assert.NotNull(submissions[neverHandedOver].RequeuedAt);

            // Each swept one has a new job, recorded, that Hangfire holds enqueued; the waiting one keeps its single job.
            var recorded = await db.SubmissionJobs.AsNoTracking().ToListAsync();
            using var connection = _services.GetRequiredService<JobStorage>().GetConnection();
            foreach (var id in swept)
            {
                var latest = recorded.Where(j => j.SubmissionId == id).MaxBy(j => j.Id)!;
                Assert.NotEqual(deletedJob, latest.HangfireJobId);
                Assert.Equal(EnqueuedState.StateName, connection.GetStateData(latest.HangfireJobId)?.Name);
            }
            Assert.Single(recorded, j => j.SubmissionId == waiting);
        }

    }

    public async Task DisposeAsync() => await _host.DisposeAsync();
}
