using Microsoft.AspNetCore.Http.HttpResults;

namespace Grader.Api.Infrastructure;

/// <summary>Serves a picture whose type was checked from its bytes when it was stored (a statement's, a program's figure).</summary>
public static class StoredPictures
{
    /// <param name="cacheControl">How long the reader's browser may keep it (it is private to who may read it).</param>
    public static FileContentHttpResult Serve(HttpResponse response, byte[] content, string contentType, string cacheControl)
    {
        // nosniff keeps the browser to the checked type, and the sandbox CSP keeps a picture opened on its own from
        // running anything.
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        response.Headers.CacheControl = cacheControl;
        return TypedResults.File(content, contentType);
    }
}
