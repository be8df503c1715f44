using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Grader.Core.Data;

public static class DataServiceCollectionExtensions
{
    public const string ConnectionStringName = "Grader";

    public static IServiceCollection AddGraderData(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException($"ConnectionStrings:{ConnectionStringName} is not set.");
        // Interceptors a host registers (the worker's storing boundary) apply to every context it makes.
        return services.AddDbContext<GraderDbContext>((provider, options) =>
            Configure(options, connectionString).AddInterceptors(provider.GetServices<IInterceptor>()));
    }

    internal static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(connectionString, npgsql => npgsql.EnableRetryOnFailure(3))
            .UseSnakeCaseNamingConvention();
}

/// <summary>Lets `dotnet ef migrations add` build the context without starting a host.</summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<GraderDbContext>
{
    public GraderDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<GraderDbContext>();
        DataServiceCollectionExtensions.Configure(options,
            Environment.GetEnvironmentVariable("ConnectionStrings__Grader")
            ?? "Host=127.0.0.1;Username=grader;Password=grader;Database=grader");
        return new GraderDbContext(options.Options);
    }
}
