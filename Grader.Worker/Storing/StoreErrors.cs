using Grader.Grading;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Grader.Worker.Storing;

/// <summary>
/// A store error that a retry cannot fix: PostgreSQL refused the data itself (class 22, data exception: 22021 a
/// character it cannot hold, 22P05 an untranslatable one, a value too long). Connection losses and timeouts are
/// not data errors and keep their infrastructure retry.
/// </summary>
internal static class StoreErrors
{
    public static bool IsDataError(DbUpdateException error) =>
        error.InnerException is PostgresException { SqlState: var state } && state.StartsWith("22", StringComparison.Ordinal);

    /// <summary>What an admin reads: the error's code and PostgreSQL's own words, never the refused text itself.</summary>
    public static string Reason(DbUpdateException error) =>
        error.InnerException is PostgresException postgres
            ? $"The result could not be stored (PostgreSQL {postgres.SqlState}: {postgres.MessageText})"
            : "The result could not be stored";

    /// <summary>A test whose result could not be stored: an internal error worth nothing, without the program's text.</summary>
    public static TestOutcome Unstorable(TestOutcome outcome) => outcome with
    {
        Verdict = Verdict.InternalError,
        Points = 0,
        Stdout = "",
        FirstDifference = null,
        Error = null,
        Difference = null,
        Figures = null,
    };
}
