using Grader.Core.Jobs;
using Grader.Grading;
using Grader.Hosting;
using Grader.Sandbox;
using Grader.Worker.Jobs;
using Grader.Worker.Maintenance;
using Grader.Worker.Metrics;
using Grader.Worker.Storing;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Grader.Worker;

public sealed class WorkerOptions
{
    public const string Section = "Grader:Worker";

    /// <summary>Jobs run at once on this host; each holds one container. Defaults to the number of cores.</summary>
    public int WorkerCount { get; set; } = Environment.ProcessorCount;
}

public static class WorkerServiceCollectionExtensions
{
    public static IServiceCollection AddGradingWorker(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkerOptions>()
            .Bind(configuration.GetSection(WorkerOptions.Section))
            .Validate(o => o.WorkerCount >= 1, $"{WorkerOptions.Section}:WorkerCount must be at least 1.")
            .ValidateOnStart();

        services.AddSingleton(TimeProvider.System);
        services.AddDockerSandbox(configuration);
        services.AddSingleton<SubmissionGrader>();
        services.AddScoped<IGradingJob, GradingJob>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, StorableProgramText>();
        services.AddSingleton<GradingMetrics>();
        services.AddOptions<MaintenanceOptions>()
            .Bind(configuration.GetSection(MaintenanceOptions.Section))
            .Validate(o => o.ContainerSweepInterval > TimeSpan.Zero && o.SubmissionSweepInterval > TimeSpan.Zero
                && o.StuckAfter > TimeSpan.Zero, $"The intervals and StuckAfter of {MaintenanceOptions.Section} must be positive.")
            .ValidateOnStart();
        services.AddHostedService<ContainerSweepService>();
        services.AddScoped<StuckSubmissionSweeper>();
        services.AddHostedService<StuckSubmissionSweepService>();

        services.AddGraderHangfire(configuration);
        services.AddHangfireServer((provider, server) =>
        {
            server.WorkerCount = provider.GetRequiredService<IOptions<WorkerOptions>>().Value.WorkerCount;
            server.Queues = [GradingQueues.Submissions, GradingQueues.Previews, "default"];
            server.ShutdownTimeout = TimeSpan.FromSeconds(20);
            // Retries wait in the scheduled set; the default 15 s poll would add up to 15 s to each retry delay.
            server.SchedulePollingInterval = TimeSpan.FromSeconds(2);
        });
        // The host must wait longer than Hangfire's own shutdown, or running jobs are torn down mid-save.
        services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));

        services.AddGraderHealthChecks().AddCheck<DockerHealthCheck>("docker", tags: [GraderHealth.Ready]);
        return services;
    }
}
