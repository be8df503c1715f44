using System.IO.Compression;
using System.Text;

namespace Grader.Grading.Suites;

/// <summary>Bounds on an upload, so a zip bomb or a huge manifest is refused before it costs memory.</summary>
public sealed record SuiteUploadLimits(int MaxEntries = 1000, long MaxTotalBytes = 64 * 1024 * 1024, int MaxManifestBytes = 1024 * 1024)
{
    public static readonly SuiteUploadLimits Default = new();
}

/// <summary>
/// Reads a designer's upload: a zip holding <c>suite.yaml</c> (or <c>suite.yml</c>, <c>suite.json</c>) and the
/// files it names, or a manifest alone as JSON or YAML text. Never throws on bad input: every problem is reported.
/// </summary>
public static class SuiteParser
{
    private static readonly string[] s_manifestNames = ["suite.yaml", "suite.yml", "suite.json"];
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>A zip (recognised by its signature) or a manifest's UTF-8 text.</summary>
    public static SuiteParseResult Parse(byte[] upload, SuiteUploadLimits? limits = null)
    {
        limits ??= SuiteUploadLimits.Default;
        if (upload.AsSpan().StartsWith("PK\x03\x04"u8) || upload.AsSpan().StartsWith("PK\x05\x06"u8))
            return ParseZip(upload, limits);

        var name = upload.SkipWhile(b => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF)
            .FirstOrDefault() == (byte)'{' ? "suite.json" : "suite.yaml";
        return ParseManifestBytes(upload, name, new Dictionary<string, byte[]>(StringComparer.Ordinal), limits);
    }

    private static SuiteParseResult ParseZip(byte[] zip, SuiteUploadLimits limits)
    {
        var problems = new List<SuiteProblem>();
        var files = SuiteArchive.Read(zip, limits, problems);
        if (files is null) return Refused(problems);

        var manifests = s_manifestNames.Where(files.ContainsKey).ToList();
        if (manifests.Count == 0) files = SuiteArchive.WithoutSingleTopFolder(files);
        manifests = s_manifestNames.Where(files.ContainsKey).ToList();
        if (manifests.Count != 1)
        {
            problems.Add(manifests.Count == 0
                ? new SuiteProblem("upload", "missing_manifest", "The zip holds no suite.yaml or suite.json at its top.")
                : new SuiteProblem("upload", "ambiguous_manifest", $"The zip holds {string.Join(" and ", manifests)}: keep one."));
            return Refused(problems);
        }
        var manifestName = manifests[0];
        var manifest = files[manifestName];
        files.Remove(manifestName);
        if (problems.Count > 0) return Refused(problems);
        return ParseManifestBytes(manifest, manifestName, files, limits);
    }

    private static SuiteParseResult ParseManifestBytes(byte[] manifest, string manifestName, Dictionary<string, byte[]> files, SuiteUploadLimits limits)
    {
        if (manifest.Length > limits.MaxManifestBytes)
            return Refused([new SuiteProblem(manifestName, "manifest_too_large", $"The manifest is larger than {limits.MaxManifestBytes} bytes.")]);
        if (!SuiteFiles.TryDecodeText(manifest, out var text))
            return Refused([new SuiteProblem(manifestName, "not_utf8", "The manifest is not UTF-8 text.")]);
        return ParseManifestText(text, manifestName, files, []);
    }

    private static SuiteParseResult ParseManifestText(string text, string manifestName, Dictionary<string, byte[]> files, List<SuiteProblem> problems)
    {
        var root = ManifestTree.Load(text, manifestName, problems);
        var suite = root is null ? null : new ManifestReader(manifestName, files, problems).Read(root);
        return problems.Count == 0 && suite is not null
            ? new SuiteParseResult(suite, files, problems)
            : Refused(problems);
    }

    private static SuiteParseResult Refused(List<SuiteProblem> problems) =>
        new(null, new Dictionary<string, byte[]>(), problems);
}

/// <summary>
/// Reads a zip's entries into memory, refusing paths that escape, symlinks and bombs. Suites and students'
/// zipped Python programs both come through here.
/// </summary>
public static class SuiteArchive
{
    private const int UnixFileTypeMask = 0xF000, UnixSymlink = 0xA000;

    public static Dictionary<string, byte[]>? Read(byte[] zip, SuiteUploadLimits limits, List<SuiteProblem> problems)
    {
        try
        {
            using var archive = new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
            if (archive.Entries.Count > limits.MaxEntries)
            {
                problems.Add(new SuiteProblem("upload", "zip_too_many_entries", $"The zip holds more than {limits.MaxEntries} entries."));
                return null;
            }
            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            long total = 0;
            foreach (var entry in archive.Entries)
            {
                var path = SuitePaths.Normalize(entry.FullName);
                if (path is null)
                {
                    problems.Add(new SuiteProblem(entry.FullName, "zip_unsafe_path", "A zip entry may not be absolute or contain '..'."));
                    continue;
                }
                // The Unix mode sits in the high 16 bits of the external attributes.
                if (((entry.ExternalAttributes >> 16) & UnixFileTypeMask) == UnixSymlink)
                {
                    problems.Add(new SuiteProblem(path, "zip_symlink", "A zip entry may not be a symbolic link."));
                    continue;
                }
                if (entry.FullName.EndsWith('/') || IsOperatingSystemLitter(path)) continue;
                if (files.ContainsKey(path))
                {
                    problems.Add(new SuiteProblem(path, "zip_duplicate_entry", "The zip holds this file twice."));
                    continue;
                }
                var content = Inflate(entry, limits.MaxTotalBytes - total);
                if (content is null)
                {
                    problems.Add(new SuiteProblem(path, "zip_too_large", $"The zip inflates to more than {limits.MaxTotalBytes} bytes."));
                    return null;
                }
                // A forged size header makes .NET stop inflating early without complaint; the checksum tells.
                if (Crc32.Of(content) != entry.Crc32)
                {
                    problems.Add(new SuiteProblem(path, "zip_corrupt", "The entry's checksum does not match its content: the zip is damaged."));
                    return null;
                }
                total += content.Length;
                files[path] = content;
            }
            return files;
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or IOException)
        {
            problems.Add(new SuiteProblem("upload", "zip_corrupt", $"The zip cannot be read: {e.Message}"));
            return null;
        }
    }

    /// <summary>Zipping a folder puts everything under its name; look inside when that is all there is.</summary>
    public static Dictionary<string, byte[]> WithoutSingleTopFolder(Dictionary<string, byte[]> files)
    {
        var tops = files.Keys.Select(k => k.IndexOf('/') is var slash and > 0 ? k[..(slash + 1)] : null).Distinct().ToList();
        return tops is [{ } top]
            ? files.ToDictionary(f => f.Key[top.Length..], f => f.Value, StringComparer.Ordinal)
            : files;
    }

    /// <summary>Inflates counting the bytes actually produced, not the sizes the headers claim; null past the budget.</summary>
    private static byte[]? Inflate(ZipArchiveEntry entry, long budget)
    {
        using var source = entry.Open();
        using var content = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = source.Read(buffer)) > 0)
        {
            if (content.Length + read > budget) return null;
            content.Write(buffer, 0, read);
        }
        return content.ToArray();
    }

    private static bool IsOperatingSystemLitter(string path) =>
        path.StartsWith("__MACOSX/", StringComparison.Ordinal) || path.Split('/')[^1] is ".DS_Store" or "Thumbs.db";
}

/// <summary>The zip format's CRC-32 (IEEE 802.3, reflected); the BCL has none outside a separate package.</summary>
internal static class Crc32
{
    private static readonly uint[] s_table = Enumerable.Range(0, 256).Select(n =>
    {
        var c = (uint)n;
        for (var k = 0; k < 8; k++) c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
        return c;
    }).ToArray();

    public static uint Of(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes) crc = s_table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        return ~crc;
    }
}
