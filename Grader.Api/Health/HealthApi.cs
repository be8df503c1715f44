using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Grader.Api.Health;

public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder routes)
    {
        // Live: the process answers. Ready: PostgreSQL answers too (the API has no Docker to check).
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        return routes;
    }
}
