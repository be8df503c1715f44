using Microsoft.Extensions.Options;

namespace Grader.Worker.Maintenance;

/// <summary>Runs the <see cref="StuckSubmissionSweeper"/> periodically on every worker, each round with its own database context.</summary>
internal sealed class StuckSubmissionSweepService(
    IServiceScopeFactory scopes, IOptions<MaintenanceOptions> options, TimeProvider clock, ILogger<StuckSubmissionSweepService> logger)
    : PeriodicMaintenance(options.Value.SubmissionSweepInterval, clock, logger)
{
    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<StuckSubmissionSweeper>().SweepAsync(cancellationToken);
    }
}
