using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Grader.Core.Data;

public static class UniqueViolations
{
    /// <summary>
    /// The save lost a race to a concurrent insert of the same key (PostgreSQL 23505); the transaction stored
    /// nothing, so the caller answers as if it had seen the other row first.
    /// </summary>
    public static bool IsUniqueViolation(this DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
