using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Grader.Sandbox;

/// <summary>Fills the container pools of the usual languages as the host starts, so the first submissions find them ready.</summary>
internal sealed class ContainerPoolWarmup(ContainerPool pool, IOptions<SandboxOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var language in options.Value.PoolWarmLanguages)
        {
            if (options.Value.Images.TryGetValue(language, out var image))
                pool.Fill(image);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
