using System.IO.Compression;
using System.Text;

namespace Grader.Grading.Tests.Suites;

/// <summary>Builds suite uploads in memory the way designers' tools would.</summary>
internal static class SuiteUploads
{
    public const int UnixSymlinkMode = 0xA1FF; // S_IFLNK | 0777

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A manifest with one python-only suite header and the given YAML under "tests:".</summary>
    public static string Manifest(string tests, string languages = "[python]") =>
        $"slug: sum\ntitle: 합\nlanguages: {languages}\ntests:\n{tests}";

    public static byte[] Zip(params (string Path, byte[] Content)[] entries) =>
        Zip(entries.Select(e => (e.Path, e.Content, 0)).ToArray());

    public static byte[] Zip(params (string Path, byte[] Content, int UnixMode)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content, unixMode) in entries)
            {
                var entry = archive.CreateEntry(path, CompressionLevel.Optimal);
                if (unixMode != 0) entry.ExternalAttributes = unixMode << 16;
                using var stream = entry.Open();
                stream.Write(content);
            }
        }
        return buffer.ToArray();
    }
}
