using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace Grader.Runners.Blocks;

/// <summary>
/// Turns a submitted block program file into what its runtime in docker/runner-blocks reads, or
/// the problem that refuses it: a corrupt file, or a block the runtime cannot run (named with its
/// sprite or object). Never throws for a student's file.
/// </summary>
public static class BlockProgramReader
{
    private const int MaxProjectJsonBytes = 50 * 1024 * 1024;

    public static BlockProgramReadResult Read(string language, string fileName, byte[] bytes) => language switch
    {
        BlockLanguages.Scratch => ReadScratch(fileName, bytes),
        BlockLanguages.Entry => ReadEntry(fileName, bytes),
        BlockLanguages.Blockly => ReadBlockly(fileName, bytes),
        _ => BlockProgramReadResult.Refused("unknown_language", $"{language} is not a block language"),
    };

    private static BlockProgramReadResult ReadScratch(string fileName, byte[] bytes)
    {
        string text;
        if (IsZip(bytes))
        {
            var extracted = ExtractFromZip(bytes, "project.json");
            if (extracted.Problem is not null) return Refused(fileName, extracted.Problem);
            text = extracted.Text!;
        }
        else
        {
            text = Utf8(bytes);
        }
        if (ParseJson(text) is not { } project) return Refused(fileName, "is neither an .sb3 nor a Scratch project.json");
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
        return BlockProgramReadResult.Of(new BlockProgram(BlockLanguages.Scratch, "project.json", text));
    }

    private static BlockProgramReadResult ReadEntry(string fileName, byte[] bytes)
    {
        string text;
        if (IsGzip(bytes))
        {
            var extracted = ExtractProjectFromEnt(bytes);
            if (extracted.Problem is not null) return Refused(fileName, extracted.Problem);
            text = extracted.Text!;
        }
        else
        {
            text = Utf8(bytes);
        }
        if (ParseJson(text) is not { } project) return Refused(fileName, "is neither an .ent nor an Entry project.json");
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
        return BlockProgramReadResult.Of(new BlockProgram(BlockLanguages.Entry, "project.json", text));
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
        if (ParseJson(text) is not { } workspace) return Refused(fileName, "is neither a Blockly JSON workspace nor XML");
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
            : BlockProgramReadResult.Of(new BlockProgram(BlockLanguages.Blockly, storedName, text));

    private static BlockProgramReadResult Refused(string fileName, string problem) =>
        BlockProgramReadResult.Refused("unreadable_file", $"{fileName} {problem}", owner: fileName);

    private static bool IsZip(byte[] bytes) => bytes.Length >= 4 && bytes[0] == 'P' && bytes[1] == 'K';

    private static bool IsGzip(byte[] bytes) => bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b;

    private static string Utf8(byte[] bytes) => new UTF8Encoding(false).GetString(bytes).TrimStart('\uFEFF');

    private static JsonDocument? ParseJson(string text)
    {
        try
        {
            return JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 512 });
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Extracted(string? Text, string? Problem);

    private static Extracted ExtractFromZip(byte[] bytes, string entryName)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
            var entry = zip.GetEntry(entryName);
            if (entry is null) return new(null, $"has no {entryName}");
            if (entry.Length > MaxProjectJsonBytes) return new(null, $"has a {entryName} too large to grade");
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8);
            return new(reader.ReadToEnd(), null);
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException)
        {
            return new(null, "is not a readable zip archive");
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
                if (entry.Length > MaxProjectJsonBytes) return new(null, "has a project.json too large to grade");
                using var reader = new StreamReader(entry.DataStream, Encoding.UTF8);
                return new(reader.ReadToEnd(), null);
            }
            return new(null, "has no temp/project.json");
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or FormatException)
        {
            return new(null, "is not a readable .ent archive");
        }
    }
}
