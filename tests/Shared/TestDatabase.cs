using Npgsql;

namespace Grader.Tests.Shared;

/// <summary>
/// A fresh, real PostgreSQL database per fixture, dropped afterwards. The server comes from
/// ConnectionStrings__Grader (scripts/test.sh exports it); the test's database gets its own name.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private TestDatabase(string adminConnectionString, string connectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        ConnectionString = connectionString;
        Name = name;
    }

    public string ConnectionString { get; }

    public string Name { get; }

    /// <param name="serverConnectionString">A server of the test's own; the shared one by default.</param>
    public static async Task<TestDatabase> CreateAsync(string? serverConnectionString = null)
    {
        var server = new NpgsqlConnectionStringBuilder(serverConnectionString
            ?? Environment.GetEnvironmentVariable("ConnectionStrings__Grader")
            ?? "Host=127.0.0.1;Port=5432;Username=grader;Password=grader;Database=grader");
        var name = $"grader_test_{Guid.NewGuid():N}";
        var admin = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        var database = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name };
        return new TestDatabase(admin.ConnectionString, database.ConnectionString, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
