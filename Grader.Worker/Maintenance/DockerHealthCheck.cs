using Docker.DotNet;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Grader.Worker.Maintenance;

/// <summary>A worker is ready only while it can reach Docker.</summary>
internal sealed class DockerHealthCheck(IDockerClient docker) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await docker.System.PingAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Docker is not reachable", ex);
        }
    }
}
