using System.Reflection;
using System.Text.Json;

namespace Grader.Grading.Blocks;

/// <summary>Reading the blocks of an Entry project.json, against the interpreter's own list.</summary>
internal static class EntryBlocks
{
    /// <summary>docker/runner-blocks/entry-blocks.json, embedded, so the reader and run-entry.js agree.</summary>
    public static readonly IReadOnlySet<string> Supported = LoadSupported();

    private static HashSet<string> LoadSupported()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Grader.Grading.Blocks.entry-blocks.json")
            ?? throw new InvalidOperationException("entry-blocks.json is not embedded in Grader.Grading");
        using var document = JsonDocument.Parse(stream);
        var supported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in document.RootElement.EnumerateObject())
        {
            if (group.Value.ValueKind != JsonValueKind.Array) continue;
            foreach (var type in group.Value.EnumerateArray()) supported.Add(type.GetString()!);
        }
        return supported;
    }

    /// <summary>Every block's type with the object (or function) it belongs to, nested blocks included.</summary>
    public static IEnumerable<(string Owner, string Type)> All(JsonElement project)
    {
        if (project.TryGetProperty("objects", out var objects) && objects.ValueKind == JsonValueKind.Array)
        {
            foreach (var entryObject in objects.EnumerateArray())
            {
                var owner = entryObject.TryGetProperty("name", out var name) ? name.GetString() ?? "?" : "?";
                foreach (var type in TypesIn(Threads(entryObject, "script"))) yield return (owner, type);
            }
        }
        if (project.TryGetProperty("functions", out var functions) && functions.ValueKind == JsonValueKind.Array)
        {
            foreach (var function in functions.EnumerateArray())
            {
                var owner = $"function {(function.TryGetProperty("id", out var id) ? id.GetString() : "?")}";
                foreach (var type in TypesIn(Threads(function, "content"))) yield return (owner, type);
            }
        }
    }

    /// <summary>Function ids a call block (type func_ID) may name.</summary>
    public static IReadOnlySet<string> FunctionIds(JsonElement project)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (project.TryGetProperty("functions", out var functions) && functions.ValueKind == JsonValueKind.Array)
        {
            foreach (var function in functions.EnumerateArray())
            {
                if (function.TryGetProperty("id", out var id) && id.GetString() is { } text) ids.Add(text);
            }
        }
        return ids;
    }

    /// <summary>An object's script and a function's content are JSON text of an array of threads.</summary>
    private static JsonElement Threads(JsonElement owner, string property)
    {
        if (!owner.TryGetProperty(property, out var script)) return default;
        if (script.ValueKind != JsonValueKind.String) return script;
        using var threads = JsonDocument.Parse(script.GetString()!);
        return threads.RootElement.Clone();
    }

    private static IEnumerable<string> TypesIn(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                foreach (var type in TypesIn(item)) yield return type;
                break;
            case JsonValueKind.Object:
                if (element.TryGetProperty("type", out var blockType) && blockType.ValueKind == JsonValueKind.String)
                    yield return blockType.GetString()!;
                foreach (var part in new[] { "params", "statements" })
                {
                    if (element.TryGetProperty(part, out var nested))
                        foreach (var type in TypesIn(nested)) yield return type;
                }
                break;
        }
    }
}
