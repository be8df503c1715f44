using System.Text.Json;

namespace Grader.Grading.Blocks;

/// <summary>Reading the blocks of a Scratch 3 project.json.</summary>
internal static class ScratchBlocks
{
    /// <summary>
    /// Opcode categories scratch-vm runs headless. Text input and output, control, data and custom
    /// blocks matter; motion and looks run on a stand-in stage (they end frames as in the editor), sound, pen
    /// and music only change what is heard or drawn and run harmlessly. Other extensions (video sensing, text to speech, translate, hardware) need a
    /// camera, the network or a device, so they are refused.
    /// </summary>
    public static readonly IReadOnlySet<string> SupportedCategories = new HashSet<string>(StringComparer.Ordinal)
    {
        "motion", "looks", "sound", "event", "control", "sensing", "operator", "data", "procedures", "argument",
        "pen", "music",
    };

    public static bool IsSupported(string opcode)
    {
        var underscore = opcode.IndexOf('_', StringComparison.Ordinal);
        return underscore > 0 && SupportedCategories.Contains(opcode[..underscore]);
    }

    /// <summary>Each block of each sprite (the stage included) as (sprite name, block id, block).</summary>
    public static IEnumerable<(string Sprite, JsonElement Block)> All(JsonElement project)
    {
        foreach (var target in project.GetProperty("targets").EnumerateArray())
        {
            var sprite = target.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String
                ? name.GetString()! : "?";
            if (!target.TryGetProperty("blocks", out var blocks) || blocks.ValueKind != JsonValueKind.Object) continue;
            foreach (var block in blocks.EnumerateObject())
            {
                // A variable or list dropped loose on the workspace is stored as a bare array, not a block.
                if (block.Value.ValueKind == JsonValueKind.Object) yield return (sprite, block.Value);
            }
        }
    }

    public static string Opcode(JsonElement block) =>
        block.TryGetProperty("opcode", out var opcode) && opcode.ValueKind == JsonValueKind.String ? opcode.GetString()! : "";
}
