using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
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
        return services.AddDbContext<GraderDbContext>(options => Configure(options, connectionString));
    }

    internal static void Configure(DbContextOptionsBuilder options, string connectionString) =>
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
