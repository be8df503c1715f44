using Npgsql;

namespace Grader.Worker.Jobs;

/// <summary>
/// A PostgreSQL session advisory lock on one submission, held on a connection of its own while a run grades it.
/// Two runs of the same submission (a duplicate job, a sweeper's re-enqueue) cannot both start: the row version
/// only refused the second when both had read the row before either saved. A worker that dies loses its
/// connection and with it the lock, so Hangfire's retry takes the submission over at once.
/// </summary>
public sealed class GradingClaim : IAsyncDisposable
{
    private const string KeySql = "hashtextextended(@key, 0)";

    private readonly NpgsqlConnection _connection;
    private readonly string _key;

    private GradingClaim(NpgsqlConnection connection, string key)
    {
        this._connection = connection;
        this._key = key;
    }

    /// <summary>The claim, or null when another run holds it.</summary>
    public static async Task<GradingClaim?> TryTakeAsync(string connectionString, Guid submissionId, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(ct);
            var key = $"grading:{submissionId}";
            if (await ExecuteAsync(connection, $"SELECT pg_try_advisory_lock({KeySql})", key, ct) is true)
                return new GradingClaim(connection, key);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>Unlocks at once: a pooled connection's reset (which would also unlock) waits for its next use.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await ExecuteAsync(_connection, $"SELECT pg_advisory_unlock({KeySql})", _key, CancellationToken.None);
        }
        finally
        {
            await _connection.DisposeAsync();
        }
    }

    private static async Task<object?> ExecuteAsync(NpgsqlConnection connection, string sql, string key, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("key", key);
        return await command.ExecuteScalarAsync(ct);
    }
}
