namespace Grader.Worker.Maintenance;

/// <summary>
/// A chore a worker runs at start-up and then at a fixed interval. A round that fails (the database or Docker
/// away for a while) is logged and the next round tries again; only shutdown ends the loop.
/// </summary>
internal abstract class PeriodicMaintenance(TimeSpan interval, TimeProvider clock, ILogger logger) : BackgroundService
{
    protected abstract Task RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "{Chore} failed; trying again in {Interval}", GetType().Name, interval);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
