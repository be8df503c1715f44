using Grader.Core.Data;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Grader.Hosting;

/// <summary>
/// One Hangfire set-up for the API (a client: it enqueues) and the workers (servers: they add
/// <c>AddHangfireServer</c>), so both agree on the storage, the serializer and the queue.
/// </summary>
public static class GraderHangfire
{
    public static IServiceCollection AddGraderHangfire(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(DataServiceCollectionExtensions.ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{DataServiceCollectionExtensions.ConnectionStringName} is not set.");
        return services.AddHangfire(hangfire => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(o => o.UseNpgsqlConnection(connectionString), StorageOptions()));
    }

    private static PostgreSqlStorageOptions StorageOptions() => new()
    {
        PrepareSchemaIfNecessary = true,
        // LISTEN/NOTIFY: a job queued by the API starts in milliseconds, not after a poll.
        EnableLongPolling = true,
        // Fallback when the LISTEN connection drops.
        QueuePollInterval = TimeSpan.FromSeconds(2),
        // A running job is heartbeated; a job whose worker died is fetched again after this.
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = TimeSpan.FromSeconds(30),
        DistributedLockTimeout = TimeSpan.FromSeconds(30),
    };
}
