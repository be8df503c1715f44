using Ganss.Xss;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Grader.Grading.Suites;

/// <summary>
/// A picture the statement shows: <see cref="Url"/> as the Markdown writes it, stored with the suite's files under
/// <see cref="Path"/> (relative to the statement's folder in the zip).
/// </summary>
public sealed record StatementImage(string Url, string Path, string ContentType);

/// <summary>
/// The statement a student reads: Markdown, rendered to HTML on the server. Raw HTML is never passed through:
/// Markdig's HTML blocks and inlines are turned off (they come out as text), and the result is sanitised as well,
/// so a link's <c>javascript:</c> or anything Markdig lets through still cannot run in a child's browser.
/// </summary>
public static class SuiteStatement
{
    public const int MaxChars = 100_000;
    public const int MaxImages = 20;
    public const int MaxImageBytes = 2 * 1024 * 1024;

    private static readonly MarkdownPipeline s_pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .Build();

    /// <summary>Image types a browser shows without running anything: no SVG, which may carry script.</summary>
    private static readonly (string ContentType, byte[] Signature, int Offset)[] s_imageSignatures =
    [
        ("image/png", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], 0),
        ("image/jpeg", [0xFF, 0xD8, 0xFF], 0),
        ("image/gif", "GIF8"u8.ToArray(), 0),
        ("image/webp", "WEBP"u8.ToArray(), 8),
    ];

    /// <summary>The stored path of an image the statement in <paramref name="statementPath"/> names; null when it leaves the suite or is a web address.</summary>
    public static string? ImagePath(string? statementPath, string url)
    {
        if (url.Contains(':') || url.StartsWith("//", StringComparison.Ordinal)) return null;
        var folder = statementPath is null ? "" : statementPath[..(statementPath.LastIndexOf('/') + 1)];
        return SuitePaths.Normalize(folder + Uri.UnescapeDataString(url.Split('#', '?')[0]));
    }

    /// <summary>The image addresses the statement names, as written.</summary>
    public static IReadOnlyList<string> ImageUrls(string markdown) =>
        Markdown.Parse(markdown, s_pipeline).Descendants<LinkInline>()
            .Where(l => l.IsImage && l.Url is not null).Select(l => l.Url!).Distinct().ToList();

    /// <summary>The content type the bytes are, by their signature (not by the name); null for anything else.</summary>
    public static string? ImageContentType(ReadOnlySpan<byte> bytes)
    {
        foreach (var (contentType, signature, offset) in s_imageSignatures)
        {
            if (bytes.Length >= offset + signature.Length && bytes.Slice(offset, signature.Length).SequenceEqual(signature))
                return contentType;
        }

        return null;
    }

    /// <summary>
    /// Sanitised HTML of the statement. Each image is served from <paramref name="imageUrl"/> of its stored path;
    /// an image the suite does not hold (only a stored statement that predates the check) is dropped.
    /// </summary>
    public static string ToHtml(string markdown, IReadOnlyList<StatementImage> images, Func<string, string> imageUrl)
    {
        var document = Markdown.Parse(markdown, s_pipeline);
        var stored = images.ToDictionary(i => i.Url, i => i.Path, StringComparer.Ordinal);
        foreach (var link in document.Descendants<LinkInline>().Where(l => l.IsImage).ToList())
        {
            if (link.Url is not null && stored.TryGetValue(link.Url, out var path)) link.Url = imageUrl(path);
            else link.Remove();
        }
        return Sanitizer().Sanitize(document.ToHtml(s_pipeline));
    }

    private static HtmlSanitizer Sanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.UnionWith(["http", "https", "mailto"]);
        // Style and class would let a statement dress itself up as the page's own controls.
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedAttributes.Remove("class");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { LocalName: "a" } anchor)
            {
                anchor.SetAttribute("rel", "noopener noreferrer nofollow");
                anchor.SetAttribute("target", "_blank");
            }
        };
        return sanitizer;
    }
}
