using Grader.Runners.Sandbox;

namespace Grader.Worker.Maintenance;

/// <summary>Sweeps abandoned sandbox containers at start-up and then every minute, so a crashed worker leaks nothing.</summary>
internal sealed class ContainerSweepService(ContainerSweeper sweeper, TimeProvider clock, ILogger<ContainerSweepService> logger)
    : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                await sweeper.RemoveExpiredAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Docker may be away for a while; the next round tries again.
                logger.LogWarning(ex, "Container sweep failed");
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
