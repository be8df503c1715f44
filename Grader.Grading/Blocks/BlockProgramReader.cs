using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Grader.Grading.Suites;

namespace Grader.Grading.Blocks;

/// <summary>
/// Turns a submitted block program file into what its runtime in docker/runner-blocks reads, or
/// the problem that refuses it: a corrupt file, or a block the runtime cannot run (named with its
/// sprite or object). Never throws for a student's file.
/// </summary>
public static class BlockProgramReader
{
    /// <summary>
    /// The largest project.json or workspace kept, after unpacking: a submission's upload limit (8 MB), so what is
    /// stored is never larger than what could have been uploaded (a 325 KB .sb3 inflated to 47 MB before).
    /// </summary>
    public const int MaxProjectBytes = 8 * 1024 * 1024;

    public static BlockProgramReadResult Read(ProgramLanguage language, string fileName, byte[] bytes) => language switch
    {
        ProgramLanguage.Scratch => ReadScratch(fileName, bytes),
        ProgramLanguage.Entry => ReadEntry(fileName, bytes),
        ProgramLanguage.Blockly => ReadBlockly(fileName, bytes),
        ProgramLanguage.Python => BlockProgramReadResult.Refused("unknown_language", $"{language.ToWire()} is not a block language"),
    };

    private static BlockProgramReadResult ReadScratch(string fileName, byte[] bytes)
    {
        var extracted = IsZip(bytes) ? ExtractFromZip(bytes, "project.json") : new(bytes, null);
        if (extracted.Problem is not null) return Refused(fileName, extracted.Problem);
        var json = WithoutBom(extracted.Utf8);
        if (ParseJson(json) is not { } project) return Refused(fileName, "is neither an .sb3 nor a Scratch project.json");
        using (project)
        {
            var root = project.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("targets", out var targets)
                || targets.ValueKind != JsonValueKind.Array)
            {
                return Refused(fileName, "is not a Scratch 3 project (it has no targets; Scratch 2 files must be saved again in Scratch 3)");
            }
            foreach (var (sprite, block) in ScratchBlocks.All(root))
            {
                var opcode = ScratchBlocks.Opcode(block);
                if (!ScratchBlocks.IsSupported(opcode))
                {
                    return BlockProgramReadResult.Refused("unsupported_block",
                        $"The block {opcode} of sprite {sprite} cannot run in the grader", opcode, sprite);
                }
            }
        }
        return BlockProgramReadResult.Of(new BlockProgram(ProgramLanguage.Scratch, "project.json", Utf8(json)));
    }

    private static BlockProgramReadResult ReadEntry(string fileName, byte[] bytes)
    {
        var extracted = IsGzip(bytes) ? ExtractProjectFromEnt(bytes) : new(bytes, null);
        if (extracted.Problem is not null) return Refused(fileName, extracted.Problem);
        var json = WithoutBom(extracted.Utf8);
        if (ParseJson(json) is not { } project) return Refused(fileName, "is neither an .ent nor an Entry project.json");
        using (project)
        {
            var root = project.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("objects", out var objects)
                || objects.ValueKind != JsonValueKind.Array)
            {
                return Refused(fileName, "is not an Entry project (it has no objects)");
            }
            try
            {
                var functionIds = EntryBlocks.FunctionIds(root);
                foreach (var (owner, type) in EntryBlocks.All(root))
                {
                    if (IsRunnableEntryBlock(type, functionIds)) continue;
                    return BlockProgramReadResult.Refused("unsupported_block",
                        $"The block {type} of {owner} cannot run in the grader", type, owner);
                }
            }
            catch (JsonException)
            {
                return Refused(fileName, "has a script that is not valid JSON");
            }
        }
        return BlockProgramReadResult.Of(new BlockProgram(ProgramLanguage.Entry, "project.json", Utf8(json)));
    }

    private static bool IsRunnableEntryBlock(string type, IReadOnlySet<string> functionIds) =>
        EntryBlocks.Supported.Contains(type)
        || type.StartsWith("stringParam_", StringComparison.Ordinal)
        || type.StartsWith("booleanParam_", StringComparison.Ordinal)
        || (type.StartsWith("func_", StringComparison.Ordinal) && functionIds.Contains(type["func_".Length..]));

    private static BlockProgramReadResult ReadBlockly(string fileName, byte[] bytes)
    {
        var text = Utf8(bytes);
        if (text.TrimStart().StartsWith('<'))
        {
            try
            {
                var root = XDocument.Parse(text).Root!;
                if (root.Name.LocalName != "xml") return Refused(fileName, "is XML but not a Blockly workspace (<xml> root)");
                return RunnableBlockly(fileName, BlocklyBlocks.TypesInXml(root), "workspace.xml", text);
            }
            catch (XmlException)
            {
                return Refused(fileName, "is not well-formed XML");
            }
        }
        if (ParseJson(WithoutBom(bytes)) is not { } workspace) return Refused(fileName, "is neither a Blockly JSON workspace nor XML");
        using (workspace)
        {
            if (workspace.RootElement.ValueKind != JsonValueKind.Object || !workspace.RootElement.TryGetProperty("blocks", out _))
                return Refused(fileName, "is JSON but not a Blockly workspace (no blocks)");
            return RunnableBlockly(fileName, BlocklyBlocks.TypesInJson(workspace.RootElement), "workspace.json", text);
        }
    }

    /// <summary>Blockly has no sprites: a block it cannot turn into Python is named with the file.</summary>
    private static BlockProgramReadResult RunnableBlockly(string fileName, IEnumerable<string> types, string storedName, string text) =>
        types.FirstOrDefault(type => !BlocklyBlocks.Supported.Contains(type)) is { } unsupported
            ? BlockProgramReadResult.Refused("unsupported_block", $"The block {unsupported} of {fileName} cannot run in the grader", unsupported, fileName)
            : BlockProgramReadResult.Of(new BlockProgram(ProgramLanguage.Blockly, storedName, text));

    private static BlockProgramReadResult Refused(string fileName, string problem) =>
        BlockProgramReadResult.Refused("unreadable_file", $"{fileName} {problem}", owner: fileName);

    private static bool IsZip(byte[] bytes) => bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K';

    private static bool IsGzip(byte[] bytes) => bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;

    private static string Utf8(ReadOnlyMemory<byte> bytes) => new UTF8Encoding(false).GetString(WithoutBom(bytes).Span);

    private static ReadOnlyMemory<byte> WithoutBom(ReadOnlyMemory<byte> bytes) =>
        bytes.Span.StartsWith(Encoding.UTF8.Preamble) ? bytes[Encoding.UTF8.Preamble.Length..] : bytes;

    /// <summary>Parsed from the bytes themselves, so no UTF-16 copy of a large project is made for the parser.</summary>
    private static JsonDocument? ParseJson(ReadOnlyMemory<byte> utf8)
    {
        try
        {
            return JsonDocument.Parse(utf8, new JsonDocumentOptions { MaxDepth = 512 });
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Extracted(byte[] Utf8, string? Problem)
    {
        public static Extracted Failed(string problem) => new([], problem);
    }

    private static Extracted ExtractFromZip(byte[] bytes, string entryName)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            var entry = zip.GetEntry(entryName);
            if (entry is null) return Extracted.Failed($"has no {entryName}");
            using var stream = entry.Open();
            return ReadCapped(stream, entry.Length, entryName);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException)
        {
            return Extracted.Failed("is not a readable zip archive");
        }
    }

    /// <summary>An .ent is a tar.gz holding temp/project.json next to the project's images and sounds.</summary>
    private static Extracted ExtractProjectFromEnt(byte[] bytes)
    {
        try
        {
            using var tar = new TarReader(new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress));
            while (tar.GetNextEntry() is { } entry)
            {
                if (entry.Name.TrimStart('.', '/') != "temp/project.json" || entry.DataStream is null) continue;
                return ReadCapped(entry.DataStream, entry.Length, "project.json");
            }
            return Extracted.Failed("has no temp/project.json");
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or FormatException)
        {
            return Extracted.Failed("is not a readable .ent archive");
        }
    }

    /// <summary>
    /// Inflates an archive entry into one array of its declared size, refusing before inflating anything when that
    /// size passes <see cref="MaxProjectBytes"/>, and refusing an entry that inflates to more than it declared.
    /// </summary>
    private static Extracted ReadCapped(Stream stream, long declaredLength, string entryName)
    {
        if (declaredLength > MaxProjectBytes)
            return Extracted.Failed($"has a {entryName} larger than {MaxProjectBytes / (1024 * 1024)} MB when unpacked");
        var content = new byte[declaredLength];
        stream.ReadExactly(content);
        return stream.ReadByte() < 0 ? new(content, null) : Extracted.Failed($"has a {entryName} larger than its archive declares");
    }
}
