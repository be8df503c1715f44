using Grader.Core.Data;
using Grader.Tests.Shared;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Grader.Api.Tests;

/// <summary>
/// The API in process over its real HTTP pipeline, on a fresh PostgreSQL database of its own (migrated by the
/// API at start). No worker runs: tests that need graded work write it through <see cref="WithDbAsync"/>.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminToken = "api-test-admin-token-0123456789";

    private TestDatabase _database = null!;

    public GraderClient Admin => new(ClientOptions.BaseAddress, AdminToken, Server.CreateHandler());

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _ = Server; // starts the host, which applies the migrations
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting($"ConnectionStrings:{DataServiceCollectionExtensions.ConnectionStringName}", _database.ConnectionString);
        builder.UseSetting("Grader:AdminToken", AdminToken);
    }

    public async Task<T> WithDbAsync<T>(Func<GraderDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<GraderDbContext>());
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _database.DisposeAsync();
    }
}
