using Grader.Sandbox;
using Microsoft.Extensions.Options;

namespace Grader.Worker.Maintenance;

/// <summary>Sweeps abandoned sandbox containers on this host at start-up and then periodically, so a crashed worker leaks nothing.</summary>
internal sealed class ContainerSweepService(
    ContainerSweeper sweeper, IOptions<MaintenanceOptions> options, TimeProvider clock, ILogger<ContainerSweepService> logger)
    : PeriodicMaintenance(options.Value.ContainerSweepInterval, clock, logger)
{
    protected override Task RunOnceAsync(CancellationToken cancellationToken) => sweeper.RemoveExpiredAsync(cancellationToken);
}
