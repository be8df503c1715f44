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
}
