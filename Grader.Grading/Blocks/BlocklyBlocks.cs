using System.Reflection;
using System.Text.Json;
using System.Xml.Linq;

namespace Grader.Grading.Blocks;

/// <summary>Reading the blocks of a Blockly workspace, against the block types Blockly's Python generator knows.</summary>
internal static class BlocklyBlocks
{
    /// <summary>docker/runner-blocks/blockly-blocks.json, embedded; its node test keeps it equal to the generator's list.</summary>
    public static readonly IReadOnlySet<string> Supported = LoadSupported();

    private static HashSet<string> LoadSupported()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Grader.Grading.Blocks.blockly-blocks.json")
            ?? throw new InvalidOperationException("blockly-blocks.json is not embedded in Grader.Grading");
        using var document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty("blocks").EnumerateArray().Select(type => type.GetString()!).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The type of every block and shadow in an XML workspace.</summary>
    public static IEnumerable<string> TypesInXml(XElement root) =>
        root.Descendants().Where(element => element.Name.LocalName is "block" or "shadow")
            .Select(element => (string?)element.Attribute("type") ?? "");

    /// <summary>The type of every block and shadow in a JSON workspace: the top blocks, then their inputs and next blocks.</summary>
    public static IEnumerable<string> TypesInJson(JsonElement root)
    {
        if (!root.TryGetProperty("blocks", out var blocks) || blocks.ValueKind != JsonValueKind.Object
            || !blocks.TryGetProperty("blocks", out var topBlocks) || topBlocks.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        var pending = new Stack<JsonElement>(topBlocks.EnumerateArray());
        while (pending.Count > 0)
        {
            var block = pending.Pop();
            if (block.ValueKind != JsonValueKind.Object) continue;
            yield return block.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString()! : "";
            var connections = new List<JsonElement>();
            if (block.TryGetProperty("inputs", out var inputs) && inputs.ValueKind == JsonValueKind.Object)
                connections.AddRange(inputs.EnumerateObject().Select(input => input.Value));
            if (block.TryGetProperty("next", out var next)) connections.Add(next);
            foreach (var connection in connections.Where(c => c.ValueKind == JsonValueKind.Object))
            {
                if (connection.TryGetProperty("block", out var child)) pending.Push(child);
                if (connection.TryGetProperty("shadow", out var shadow)) pending.Push(shadow);
            }
        }
    }
}
