using Npgsql;

namespace Grader.EndToEnd.Tests.Faults;

/// <summary>A submission as the database holds it, with the number of test results stored for it.</summary>
internal sealed record SubmissionRow(Guid Id, string Status, int Attempts, DateTimeOffset? GradedAt, string? FailureReason, long TestResults);

/// <summary>Reads submissions straight from the database, to check what the API cannot show (attempts, duplicates).</summary>
internal sealed class SubmissionRows(string connectionString)
{
    public async Task<IReadOnlyList<SubmissionRow>> OfAssignmentAsync(Guid assignmentId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("""
            SELECT s.id, s.status, s.attempts, s.graded_at, s.failure_reason,
                   (SELECT count(*) FROM submission_test_results t WHERE t.submission_id = s.id)
            FROM submissions s WHERE s.assignment_id = @assignment
            """, connection);
        query.Parameters.AddWithValue("assignment", assignmentId);
        await using var reader = await query.ExecuteReaderAsync();
        var rows = new List<SubmissionRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new SubmissionRow(reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3), reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetInt64(5)));
        }

        return rows;
    }

    /// <summary>Submissions of the assignment that no Hangfire job names, in any state.</summary>
    public async Task<long> WithoutJobAsync(Guid assignmentId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("""
            SELECT count(*) FROM submissions s WHERE s.assignment_id = @assignment
              AND NOT EXISTS (SELECT 1 FROM hangfire.job j WHERE j.arguments::text LIKE '%' || s.id::text || '%')
            """, connection);
        count.Parameters.AddWithValue("assignment", assignmentId);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    public async Task<long> CountAsync(string table)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    /// <summary>What the grading job does when its retries run out, without waiting two minutes for them.</summary>
    public async Task MarkFailedAsync(Guid submissionId, string reason)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var update = new NpgsqlCommand(
            "UPDATE submissions SET status = 'Failed', failure_reason = @reason WHERE id = @id", connection);
        update.Parameters.AddWithValue("id", submissionId);
        update.Parameters.AddWithValue("reason", reason);
        await update.ExecuteNonQueryAsync();
    }

    /// <summary>Polls until every submission of the assignment has left queued/running, or fails after the timeout.</summary>
    public async Task<IReadOnlyList<SubmissionRow>> WaitAllFinishedAsync(Guid assignmentId, int expected, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var rows = await OfAssignmentAsync(assignmentId);
            if (rows.Count >= expected && rows.All(r => r.Status is "Graded" or "Failed")) return rows;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{rows.Count(r => r.Status is "Graded" or "Failed")} of {expected} finished in {timeout}");
            await Task.Delay(500);
        }
    }
}
