using System.IO.Compression;
using System.Text;

namespace Grader.Tests.Shared;

/// <summary>
/// An .sb3 a few hundred kilobytes long whose project.json inflates far past any limit: a valid Scratch 3
/// project padded with one long run of the same letter, which deflate squeezes about a thousandfold.
/// </summary>
public static class InflatingProject
{
    public static byte[] Sb3(int projectJsonBytes)
    {
        var head = Encoding.UTF8.GetBytes("{\"targets\": [], \"meta\": {\"semver\": \"3.0.0\", \"pad\": \"");
        var tail = Encoding.UTF8.GetBytes("\"}}");
        var chunk = Encoding.UTF8.GetBytes(new string('a', 64 * 1024));
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        using (var project = archive.CreateEntry("project.json", CompressionLevel.SmallestSize).Open())
        {
            project.Write(head);
            for (var left = projectJsonBytes - head.Length - tail.Length; left > 0; left -= chunk.Length)
                project.Write(chunk, 0, Math.Min(left, chunk.Length));
            project.Write(tail);
        }
        return zip.ToArray();
    }
}
