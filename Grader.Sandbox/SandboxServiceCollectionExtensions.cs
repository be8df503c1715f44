using Docker.DotNet;
using Grader.Grading.Running;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Grader.Sandbox;

public static class SandboxServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Docker sandbox: one <see cref="DockerClient"/> for the process, <see cref="SandboxOptions"/>
    /// from <c>Grader:Sandbox</c>, <see cref="ISandbox"/> with its container pool, and <see cref="ContainerSweeper"/>.
    /// </summary>
    public static IServiceCollection AddDockerSandbox(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SandboxOptions>()
            .Bind(configuration.GetSection(SandboxOptions.SectionName))
            .Validate(o => o.OutputLimitBytesPerSubmission > o.OutputLimitBytesPerTest,
                "Grader:Sandbox:OutputLimitBytesPerSubmission must exceed OutputLimitBytesPerTest.")
            .Validate(o => o.MaxRestarts >= 0 && o.PidsLimit > 0 && o.CpusPerContainer > 0 && o.TmpfsMb > 0
                    && o.PoolSize >= 0 && o.PoolTestMemoryMb > 0,
                "Grader:Sandbox limits must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new DockerClientBuilder()
            .WithEndpoint(provider.GetRequiredService<IOptions<SandboxOptions>>().Value.DockerEndpoint)
            .Build());
        services.TryAddSingleton<IDockerClient>(provider => provider.GetRequiredService<DockerClient>());
        services.TryAddSingleton<SandboxContainers>();
        services.TryAddSingleton<ContainerPool>();
        services.TryAddSingleton<ISandbox, DockerSandbox>();
        services.AddHostedService<ContainerPoolWarmup>();
        services.TryAddSingleton<ContainerSweeper>();
        return services;
    }
}
