using Grader.Core.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Grader.Hosting;

/// <summary>
/// The health endpoints of both hosts. Live: the process answers. Ready: every check tagged <see cref="Ready"/>
/// answers; PostgreSQL for both, and each host adds its own (the worker: Docker; the API has no Docker to check).
/// </summary>
public static class GraderHealth
{
    public const string Ready = "ready";

    public static IHealthChecksBuilder AddGraderHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks().AddDbContextCheck<GraderDbContext>("postgresql", tags: [Ready]);

    public static IEndpointRouteBuilder MapGraderHealth(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) });
        return routes;
    }
}
