using System.Globalization;
using Grader.Api.Admin;
using Grader.Api.Analytics;
using Grader.Api.Gradebook;
using Grader.Api.Submissions;
using Grader.Api.Suites;
using Grader.Core.Data;
using Grader.Core.Domain;
using Grader.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Grader.Api.Infrastructure;

public sealed class GraderApiOptions
{
    public const string Section = "Grader";

    /// <summary>Bearer token of the bootstrap admin account; stored only as its hash.</summary>
    public string? AdminToken { get; set; }
}

public static class ApiServiceCollectionExtensions
{
    public static IServiceCollection AddGraderApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GraderApiOptions>().Bind(configuration.GetSection(GraderApiOptions.Section)).ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<SubmissionAdmission>();
        services.AddSingleton<SuiteSummaries>();
        services.AddSingleton<SubmissionEnqueuer>();
        services.AddHostedService(provider => provider.GetRequiredService<SubmissionEnqueuer>());
        services.AddScoped<SuiteStore>();
        services.AddScoped<GradebookQuery>();
        services.AddScoped<AssignmentAnalytics>();
        services.TryAddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();

        // The API is a Hangfire client only: it enqueues, the worker processes.
        services.AddGraderHangfire(configuration);

        services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => p.RequireRole(nameof(Role.Admin)))
            .AddPolicy(Policies.Staff, p => p.RequireRole(nameof(Role.Teacher), nameof(Role.Admin)))
            .AddPolicy(Policies.Designers, p => p.RequireRole(nameof(Role.Designer), nameof(Role.Admin)))
            .AddPolicy(Policies.Students, p => p.RequireRole(nameof(Role.Student)));
        services.AddQueueDashboard();

        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // Framework-made problems (bad JSON, unknown route, 405) get a title a person can act on, in their language.
            var problem = context.ProblemDetails;
            var code = problem.Status switch
            {
                400 => "bad_request",
                404 => "not_found",
                413 => "too_large",
                500 => "server_error",
                503 => "unavailable",
                _ => null,
            };
            if (code is not null && !problem.Extensions.ContainsKey("code"))
            {
                problem.Title = Messages.Text(code);
                problem.Extensions["code"] = code;
            }
        });
        services.AddRequestLocalization(options =>
        {
            var cultures = new[] { new CultureInfo("ko"), new CultureInfo("en") };
            options.DefaultRequestCulture = new RequestCulture("ko");
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            // The web pages' language switch sets the cookie; it wins over the browser's Accept-Language.
            options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        services.AddExceptionHandler<RequestFaultHandler>();
        services.AddSubmissionRateLimit(configuration);
        services.AddOpenApi();
        services.AddGraderHealthChecks();
        return services;
    }

    public static WebApplication UseGraderPipeline(this WebApplication app)
    {
        app.UseRequestLocalization();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi();
        return app;
    }

    /// <summary>Applies pending migrations and makes sure the bootstrap admin's token is the configured one.</summary>
    public static async Task PrepareDatabaseAsync(this IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GraderDbContext>();
        await db.Database.MigrateAsync(ct);

        var adminToken = scope.ServiceProvider.GetRequiredService<IOptions<GraderApiOptions>>().Value.AdminToken;
        if (string.IsNullOrWhiteSpace(adminToken)) return;
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var admin = await db.Users.FirstOrDefaultAsync(u => u.Login == "admin", ct);
        if (admin is null)
            db.Users.Add(new User { Login = "admin", Name = "관리자", Role = Role.Admin, TokenHash = Tokens.Hash(adminToken), CreatedAt = clock.GetUtcNow() });
        else
            admin.TokenHash = Tokens.Hash(adminToken);
        await db.SaveChangesAsync(ct);
    }
}
