using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Grader.Grading.Blocks;
using Grader.Grading.Suites;

namespace Grader.Grading.Similarity;

/// <summary>
/// A block program (as <see cref="BlockProgramReader"/> stores it) as similarity tokens, one sequence per script:
/// each block's opcode in the order it runs, a nested stack between "{" and "}", a literal typed into a slot by
/// kind ("NUM", "STR"). Sprite, object, variable, list, message and procedure names are left out, so renaming them
/// changes nothing; scripts are read one by one, so their order does not matter either. The text shown to the
/// teacher is one block per line, indented as nested.
/// </summary>
public static class BlockTokens
{
    public static SimilarityDocument Read(BlockProgram program)
    {
        var scripts = new List<List<string>>();
        try
        {
            switch (program.Language)
            {
                case ProgramLanguage.Scratch:
                    ReadScratch(program.Text, scripts);
                    break;
                case ProgramLanguage.Entry:
                    ReadEntry(program.Text, scripts);
                    break;
                case ProgramLanguage.Blockly:
                    ReadBlockly(program.Text, scripts);
                    break;
                case ProgramLanguage.Python:
                    break;
            }
        }
        catch (Exception e) when (e is JsonException or XmlException or InvalidOperationException or KeyNotFoundException)
        {
            // A stored program was read once before it was accepted; one that no longer reads compares as empty.
            return SimilarityDocument.Empty;
        }
        return Render(scripts);
    }

    /// <summary>One line per token, indented by the stacks it is nested in; the tokens point at their lines.</summary>
    private static SimilarityDocument Render(List<List<string>> scripts)
    {
        var text = new StringBuilder();
        var sequences = new List<IReadOnlyList<SimilarityToken>>();
        foreach (var (script, number) in scripts.Where(s => s.Count > 0).Select((s, n) => (s, n + 1)))
        {
            if (text.Length > 0) text.Append('\n');
            text.Append("# 스크립트 ").Append(number).Append('\n');
            var tokens = new List<SimilarityToken>();
            var depth = 1;
            foreach (var kind in script)
            {
                if (kind == "}") depth--;
                text.Append(' ', depth * 2);
                tokens.Add(new(kind, text.Length, kind.Length));
                text.Append(kind).Append('\n');
                if (kind == "{") depth++;
            }
            sequences.Add(tokens);
        }
        return new SimilarityDocument(text.ToString(), sequences);
    }

    private static void ReadScratch(string text, List<List<string>> scripts)
    {
        using var document = JsonDocument.Parse(text);
        foreach (var target in document.RootElement.GetProperty("targets").EnumerateArray())
        {
            if (!target.TryGetProperty("blocks", out var blocks) || blocks.ValueKind != JsonValueKind.Object) continue;
            var byId = blocks.EnumerateObject().Where(b => b.Value.ValueKind == JsonValueKind.Object)
                .ToDictionary(b => b.Name, b => b.Value);
            foreach (var top in byId.Values.Where(b => b.TryGetProperty("topLevel", out var t) && t.ValueKind == JsonValueKind.True))
            {
                var script = new List<string>();
                ScratchStack(top, byId, script, 0);
                scripts.Add(script);
            }
        }
    }

    private const int MaxDepth = 200;

    /// <summary>A script's blocks point at each other by id, so a hostile project can loop or fan out: reading stops here.</summary>
    private const int MaxTokensPerScript = 20_000;

    private static void ScratchStack(JsonElement block, Dictionary<string, JsonElement> byId, List<string> into, int depth)
    {
        for (var current = (JsonElement?)block; current is { } b && depth < MaxDepth && into.Count < MaxTokensPerScript;
             current = NextOf(b, byId))
        {
            ScratchBlock(b, byId, into, depth);
        }
    }

    private static JsonElement? NextOf(JsonElement block, Dictionary<string, JsonElement> byId) =>
        block.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.String
            && byId.TryGetValue(next.GetString()!, out var found) ? found : null;

    private static void ScratchBlock(JsonElement block, Dictionary<string, JsonElement> byId, List<string> into, int depth)
    {
        if (into.Count >= MaxTokensPerScript) return;
        var opcode = ScratchBlocks.Opcode(block);
        // A shadow is a slot's own value: a menu's choice or a typed number, not a block the child placed.
        if (block.TryGetProperty("shadow", out var shadow) && shadow.ValueKind == JsonValueKind.True)
        {
            if (opcode is "math_number" or "math_whole_number" or "math_positive_number" or "math_integer" or "math_angle") into.Add("NUM");
            else if (opcode == "text") into.Add("STR");
            return;
        }
        into.Add(opcode);
        if (!block.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Object) return;
        foreach (var input in inputs.EnumerateObject())
        {
            if (input.Value.ValueKind != JsonValueKind.Array || input.Value.GetArrayLength() < 2) continue;
            var value = input.Value[1];
            if (value.ValueKind == JsonValueKind.Array)
            {
                into.Add(ScratchPrimitive(value));
            }
            else if (value.ValueKind == JsonValueKind.String && byId.TryGetValue(value.GetString()!, out var child))
            {
                if (input.Name.StartsWith("SUBSTACK", StringComparison.Ordinal))
                {
                    into.Add("{");
                    ScratchStack(child, byId, into, depth + 1);
                    into.Add("}");
                }
                else
                {
                    ScratchBlock(child, byId, into, depth + 1);
                }
            }
        }
    }

    /// <summary>sb3's compressed inputs: [4..8, n] numbers, [9, c] a colour, [10, t] text, [11..13, name, id] a message, variable or list.</summary>
    private static string ScratchPrimitive(JsonElement primitive) =>
        primitive.GetArrayLength() > 0 && primitive[0].ValueKind == JsonValueKind.Number ? primitive[0].GetInt32() switch
        {
            >= 4 and <= 8 => "NUM",
            9 => "COLOR",
            10 => "STR",
            11 => "data_message",
            12 => "data_variable",
            13 => "data_listcontents",
            _ => "?",
        } : "?";

    private static void ReadEntry(string text, List<List<string>> scripts)
    {
        using var document = JsonDocument.Parse(text);
        var owners = document.RootElement.GetProperty("objects").EnumerateArray().Select(o => (Owner: o, Property: "script")).ToList();
        if (document.RootElement.TryGetProperty("functions", out var functions) && functions.ValueKind == JsonValueKind.Array)
            owners.AddRange(functions.EnumerateArray().Select(f => (Owner: f, Property: "content")));
        foreach (var (owner, property) in owners)
        {
            if (!owner.TryGetProperty(property, out var script)) continue;
            using var threads = JsonDocument.Parse(script.ValueKind == JsonValueKind.String ? script.GetString()! : script.GetRawText());
            if (threads.RootElement.ValueKind != JsonValueKind.Array) continue;
            foreach (var thread in threads.RootElement.EnumerateArray())
            {
                var tokens = new List<string>();
                EntryStack(thread, tokens, 0);
                scripts.Add(tokens);
            }
        }
    }

    private static void EntryStack(JsonElement stack, List<string> into, int depth)
    {
        if (stack.ValueKind != JsonValueKind.Array || depth >= MaxDepth) return;
        foreach (var block in stack.EnumerateArray()) EntryBlock(block, into, depth);
    }

    private static void EntryBlock(JsonElement block, List<string> into, int depth)
    {
        // Bare strings and numbers among params are dropdown choices: an object's, variable's or message's id.
        if (block.ValueKind != JsonValueKind.Object || depth >= MaxDepth) return;
        var type = block.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "?";
        into.Add(type switch
        {
            "number" => "NUM",
            "text" => "STR",
            _ when type.StartsWith("func_", StringComparison.Ordinal) => "func_call",
            _ when type.StartsWith("stringParam_", StringComparison.Ordinal) || type.StartsWith("booleanParam_", StringComparison.Ordinal) => "func_param",
            _ => type,
        });
        if (type is "number" or "text") return;
        if (block.TryGetProperty("params", out var parameters) && parameters.ValueKind == JsonValueKind.Array)
        {
            foreach (var parameter in parameters.EnumerateArray()) EntryBlock(parameter, into, depth + 1);
        }
        if (block.TryGetProperty("statements", out var statements) && statements.ValueKind == JsonValueKind.Array)
        {
            foreach (var statement in statements.EnumerateArray())
            {
                into.Add("{");
                EntryStack(statement, into, depth + 1);
                into.Add("}");
            }
        }
    }

    private static void ReadBlockly(string text, List<List<string>> scripts)
    {
        if (text.TrimStart().StartsWith('<'))
        {
            var root = XDocument.Parse(text).Root!;
            foreach (var top in root.Elements().Where(e => e.Name.LocalName == "block"))
            {
                var tokens = new List<string>();
                BlocklyXmlStack(top, tokens, 0);
                scripts.Add(tokens);
            }
            return;
        }
        using var document = JsonDocument.Parse(text);
        if (!document.RootElement.TryGetProperty("blocks", out var blocks) || blocks.ValueKind != JsonValueKind.Object
            || !blocks.TryGetProperty("blocks", out var tops) || tops.ValueKind != JsonValueKind.Array)
        {
            return;
        }
        foreach (var top in tops.EnumerateArray())
        {
            var tokens = new List<string>();
            BlocklyJsonStack(top, tokens, 0);
            scripts.Add(tokens);
        }
    }

    private static string BlocklyKind(string type) => type switch
    {
        "math_number" => "NUM",
        "text" => "STR",
        _ => type,
    };

    private static void BlocklyJsonStack(JsonElement block, List<string> into, int depth)
    {
        for (var current = (JsonElement?)block; current is { ValueKind: JsonValueKind.Object } b && depth < MaxDepth;
             current = b.TryGetProperty("next", out var next) && next.ValueKind == JsonValueKind.Object
                 && next.TryGetProperty("block", out var nextBlock) ? nextBlock : null)
        {
            var type = b.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "?";
            into.Add(BlocklyKind(type));
            if (!b.TryGetProperty("inputs", out var inputs) || inputs.ValueKind != JsonValueKind.Object) continue;
            foreach (var input in inputs.EnumerateObject().Where(i => i.Value.ValueKind == JsonValueKind.Object))
            {
                if (!input.Value.TryGetProperty("block", out var child) && !input.Value.TryGetProperty("shadow", out child)) continue;
                var isStack = IsBlocklyStatement(input.Name);
                if (isStack) into.Add("{");
                BlocklyJsonStack(child, into, depth + 1);
                if (isStack) into.Add("}");
            }
        }
    }

    private static void BlocklyXmlStack(XElement block, List<string> into, int depth)
    {
        for (var current = block; current is not null && depth < MaxDepth;
             current = current.Elements().FirstOrDefault(e => e.Name.LocalName == "next")?.Elements().FirstOrDefault(IsXmlBlock))
        {
            into.Add(BlocklyKind((string?)current.Attribute("type") ?? "?"));
            foreach (var input in current.Elements().Where(e => e.Name.LocalName is "value" or "statement"))
            {
                // A block placed over a shadow hides it; the shadow is only the slot's default.
                var child = input.Elements().FirstOrDefault(e => e.Name.LocalName == "block")
                    ?? input.Elements().FirstOrDefault(e => e.Name.LocalName == "shadow");
                if (child is null) continue;
                var isStack = input.Name.LocalName == "statement";
                if (isStack) into.Add("{");
                BlocklyXmlStack(child, into, depth + 1);
                if (isStack) into.Add("}");
            }
        }
    }

    private static bool IsXmlBlock(XElement element) => element.Name.LocalName is "block" or "shadow";

    /// <summary>Blockly's statement inputs: DO0, ELSE, STACK (procedures), DO (loops).</summary>
    private static bool IsBlocklyStatement(string inputName) =>
        inputName.StartsWith("DO", StringComparison.Ordinal) || inputName is "ELSE" or "STACK";
}
