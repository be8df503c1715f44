using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Grader.Api.Infrastructure;

/// <summary>
/// Answers the exceptions that are not bugs with the problem they are, never a 500: a body past its endpoint's
/// limit is 413, an unreadable or truncated form 400, and a database that cannot be reached 503 with <c>Retry-After</c>, so
/// a client waits and tries again, and the API serves again by itself once the database is back.
/// </summary>
internal sealed class RequestFaultHandler(IProblemDetailsService problems, ILogger<RequestFaultHandler> logger)
    : IExceptionHandler
{
    /// <summary>What a client should wait before trying again while the database is away: about one restart.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        var (status, code) = Classify(exception);
        if (status is null) return false;

        if (status == StatusCodes.Status503ServiceUnavailable)
        {
            logger.LogWarning("Database unavailable, answering 503: {Fault}", exception.Message);
            http.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }
        http.Response.StatusCode = status.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = Messages.Text(code), Extensions = { ["code"] = code } },
        });
    }

    private static (int? Status, string Code) Classify(Exception exception) => exception switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (StatusCodes.Status413PayloadTooLarge, "too_large"),
        BadHttpRequestException bad => (bad.StatusCode, "bad_request"),
        // A multipart form without its boundary, or a body that ends before the form does.
        InvalidDataException or IOException => (StatusCodes.Status400BadRequest, "bad_request"),
        _ when IsDatabaseUnavailable(exception) => (StatusCodes.Status503ServiceUnavailable, "unavailable"),
        _ => (null, ""),
    };

    /// <summary>
    /// A connection that failed or timed out, or EF's retries running out on one, anywhere in the chain (EF and
    /// Hangfire wrap what Npgsql throws). A constraint violation is a PostgresException too, but not transient.
    /// </summary>
    public static bool IsDatabaseUnavailable(Exception exception)
    {
        for (var fault = exception; fault is not null; fault = fault.InnerException)
        {
            if (fault is NpgsqlException { IsTransient: true } or RetryLimitExceededException or TimeoutException)
                return true;
        }

        return false;
    }
}
