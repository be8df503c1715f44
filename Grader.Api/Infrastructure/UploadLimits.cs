using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Grader.Api.Infrastructure;

public static class UploadLimits
{
    /// <summary>Room for a multipart form's boundaries and part headers around the file.</summary>
    private const long FormFraming = 64 * 1024;

    /// <summary>
    /// Caps the request body at the largest file the endpoint takes (plus form framing). Routing applies the cap
    /// before the endpoint reads anything; a larger body fails as it is read and <see cref="RequestFaultHandler"/>
    /// answers 413, so an oversized upload is never buffered whole.
    /// </summary>
    public static RouteHandlerBuilder WithUploadLimit(this RouteHandlerBuilder endpoint, long maxFileBytes) =>
        endpoint.WithMetadata(new RequestSizeLimitAttribute(maxFileBytes + FormFraming));

    /// <summary>An uploaded file: multipart <c>file</c>, or the body when it has <paramref name="mediaType"/>; 413 past <paramref name="maxBytes"/>.</summary>
    public static async Task<(byte[]?, ProblemHttpResult?)> ReadFileAsync(HttpRequest http, string mediaType, long maxBytes, CancellationToken ct)
    {
        if (http.HasFormContentType)
        {
            var form = await http.ReadFormAsync(ct);
            if (form.Files.GetFile("file") is not { } file)
                return (null, Problems.Invalid(new() { ["file"] = ["field.required"] }));
            await using var upload = file.OpenReadStream();
            return await ReadCappedAsync(upload, maxBytes, ct);
        }
        if (http.ContentType?.StartsWith(mediaType, StringComparison.OrdinalIgnoreCase) == true)
            return await ReadCappedAsync(http.Body, maxBytes, ct);
        return (null, Problems.Status(StatusCodes.Status400BadRequest, "bad_request", $"Content-Type: multipart/form-data, {mediaType}"));
    }

    private static async Task<(byte[]?, ProblemHttpResult?)> ReadCappedAsync(Stream source, long maxBytes, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await source.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > maxBytes) return (null, Problems.Status(StatusCodes.Status413PayloadTooLarge, "too_large"));
            buffer.Write(chunk, 0, read);
        }
        return (buffer.ToArray(), null);
    }
}
