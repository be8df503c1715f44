using Microsoft.AspNetCore.Mvc.Filters;

namespace Grader.Api.Pages;

/// <summary>
/// Every page forbids inline and foreign script: the pages load their scripts from wwwroot only, so a statement or a
/// name that slipped past sanitising or encoding still could not run. Styles may be inline, since CodeMirror and
/// Blockly write their own; pictures come from the site (a statement's are served by the suite route).
/// </summary>
public sealed class ContentSecurityPolicy : IResultFilter
{
    public const string Policy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    public void OnResultExecuting(ResultExecutingContext context) =>
        context.HttpContext.Response.Headers.ContentSecurityPolicy = Policy;

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
