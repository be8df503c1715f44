using Grader.Core.Data;
using Grader.Tests.Shared;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Grader.Worker.Tests;

/// <summary>A fresh, migrated database of its own and the worker services a test adds on top of data access.</summary>
internal sealed class WorkerTestServices : IAsyncDisposable
{
    private readonly TestDatabase _database;

    private WorkerTestServices(TestDatabase database, ServiceProvider services)
    {
        _database = database;
        Services = services;
    }

    public ServiceProvider Services { get; }

    public static async Task<WorkerTestServices> CreateAsync(Func<IServiceCollection, IConfiguration, IServiceCollection> add)
    {
        var database = await TestDatabase.CreateAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Grader"] = database.ConnectionString })
            .Build();
        var services = add(new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System).AddGraderData(configuration), configuration)
            .BuildServiceProvider();
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<GraderDbContext>().Database.MigrateAsync();
        return new WorkerTestServices(database, services);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await _database.DisposeAsync();
    }
}
