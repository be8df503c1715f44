using Grader.Api.Infrastructure;
using Grader.Api.Pages;
using Grader.Core.Domain;
using Hangfire;

namespace Grader.Api.Admin;

/// <summary>
/// Hangfire's dashboard at <c>/hangfire</c> (SPEC Operations), for admins only: signed in on the web pages
/// (cookie) or with an admin's bearer token. Hangfire's own filter would admit any local request, so it is
/// replaced by the endpoint's authorization.
/// </summary>
public static class QueueDashboard
{
    public const string Path = "/hangfire";

    private const string Policy = "admin.dashboard";

    /// <summary>
    /// One scheme that is the bearer token when the request carries one and the page cookie otherwise: a policy
    /// naming both would challenge both, and the second challenge fails on a response the first has started.
    /// </summary>
    private const string Scheme = "admin.dashboard";

    public static IServiceCollection AddQueueDashboard(this IServiceCollection services)
    {
        services.AddAuthentication().AddPolicyScheme(Scheme, null, options => options.ForwardDefaultSelector = http =>
            http.Request.Headers.Authorization.Count > 0 ? BearerTokenHandler.SchemeName : WebPages.CookieScheme);
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(Scheme).RequireRole(nameof(Role.Admin)));
        return services;
    }

    public static IEndpointRouteBuilder MapQueueDashboard(this IEndpointRouteBuilder routes)
    {
        routes.MapHangfireDashboard(Path, new DashboardOptions { Authorization = [], AppPath = "/", DashboardTitle = "Grader" })
            .RequireAuthorization(Policy);
        return routes;
    }
}
