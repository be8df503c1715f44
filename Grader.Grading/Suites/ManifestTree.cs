using System.Text;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Grader.Grading.Suites;

/// <summary>
/// A manifest read from YAML or JSON into one shape that remembers lines, so the validator is written once
/// and every problem can name its line.
/// </summary>
internal abstract record ManifestNode(int Line);

/// <summary>A scalar. <see cref="Text"/> is null for null; <see cref="IsString"/> when it was quoted (never a number).</summary>
internal sealed record ManifestScalar(string? Text, bool IsString, int Line) : ManifestNode(Line);

internal sealed record ManifestSequence(IReadOnlyList<ManifestNode> Items, int Line) : ManifestNode(Line);

internal sealed record ManifestMapping(IReadOnlyList<ManifestEntry> Entries, int Line) : ManifestNode(Line);

internal sealed record ManifestEntry(string Key, int Line, ManifestNode Value);

internal static class ManifestTree
{
    // YAML aliases share nodes, so a small document can expand into a huge tree ("billion laughs").
    private const int MaxNodes = 100_000;
    private const int MaxDepth = 64;

    public static ManifestNode? Load(string text, string fileName, List<SuiteProblem> problems) =>
        fileName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            ? LoadJson(text, fileName, problems)
            : LoadYaml(text, fileName, problems);

    private static ManifestNode? LoadYaml(string text, string fileName, List<SuiteProblem> problems)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var code = e.Message.Contains("Duplicate key", StringComparison.Ordinal) ? "duplicate_key" : "invalid_manifest";
            problems.Add(new SuiteProblem($"{fileName}:{e.Start.Line}", code, e.Message));
            return null;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner throws these on some malformed input instead of a YamlException.
            problems.Add(new SuiteProblem(fileName, "invalid_manifest", "The manifest is not valid YAML."));
            return null;
        }

        if (stream.Documents.Count != 1)
        {
            problems.Add(new SuiteProblem(fileName, "invalid_manifest",
                stream.Documents.Count == 0 ? "The manifest is empty." : "The manifest must hold one YAML document."));
            return null;
        }

        var budget = MaxNodes;
        var root = FromYaml(stream.Documents[0].RootNode, ref budget, 0);
        if (root is null)
            problems.Add(new SuiteProblem(fileName, "manifest_too_complex", "The manifest expands to too many values."));
        return root;
    }

    private static ManifestNode? FromYaml(YamlNode node, ref int budget, int depth)
    {
        if (--budget < 0 || depth > MaxDepth) return null;
        var line = (int)node.Start.Line;
        switch (node)
        {
            case YamlScalarNode scalar:
                var plain = scalar.Style is ScalarStyle.Plain or ScalarStyle.Any;
                var isNull = plain && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";
                return new ManifestScalar(isNull ? null : scalar.Value, !plain, line);
            case YamlSequenceNode sequence:
                var items = new List<ManifestNode>();
                foreach (var child in sequence.Children)
                {
                    if (FromYaml(child, ref budget, depth + 1) is not { } item) return null;
                    items.Add(item);
                }
                return new ManifestSequence(items, line);
            case YamlMappingNode mapping:
                var entries = new List<ManifestEntry>();
                foreach (var (key, value) in mapping.Children)
                {
                    if (FromYaml(value, ref budget, depth + 1) is not { } child) return null;
                    entries.Add(new ManifestEntry(key is YamlScalarNode k ? k.Value ?? "" : key.ToString(), (int)key.Start.Line, child));
                }
                return new ManifestMapping(entries, line);
            default:
                return null;
        }
    }

    private static ManifestNode? LoadJson(string text, string fileName, List<SuiteProblem> problems)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var lineStarts = LineStarts(bytes);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            MaxDepth = MaxDepth,
        });
        try
        {
            if (!reader.Read())
            {
                problems.Add(new SuiteProblem(fileName, "invalid_manifest", "The manifest is empty."));
                return null;
            }
            var root = FromJson(ref reader, lineStarts, fileName, problems);
            reader.Read(); // throws on anything after the root value
            return root;
        }
        catch (JsonException e)
        {
            problems.Add(new SuiteProblem($"{fileName}:{(e.LineNumber ?? 0) + 1}", "invalid_manifest", e.Message));
            return null;
        }
    }

    private static ManifestNode FromJson(ref Utf8JsonReader reader, int[] lineStarts, string fileName, List<SuiteProblem> problems)
    {
        var line = LineAt(lineStarts, reader.TokenStartIndex);
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var entries = new List<ManifestEntry>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                {
                    var key = reader.GetString()!;
                    var keyLine = LineAt(lineStarts, reader.TokenStartIndex);
                    reader.Read();
                    var value = FromJson(ref reader, lineStarts, fileName, problems);
                    if (entries.Any(e => e.Key == key))
                        problems.Add(new SuiteProblem($"{fileName}:{keyLine}", "duplicate_key", $"The key '{key}' appears twice."));
                    else
                        entries.Add(new ManifestEntry(key, keyLine, value));
                }
                return new ManifestMapping(entries, line);
            case JsonTokenType.StartArray:
                var items = new List<ManifestNode>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    items.Add(FromJson(ref reader, lineStarts, fileName, problems));
                return new ManifestSequence(items, line);
            case JsonTokenType.String:
                return new ManifestScalar(reader.GetString(), true, line);
            case JsonTokenType.Number:
                return new ManifestScalar(Encoding.UTF8.GetString(reader.ValueSpan), false, line);
            case JsonTokenType.True or JsonTokenType.False:
                return new ManifestScalar(reader.GetBoolean() ? "true" : "false", false, line);
            default:
                return new ManifestScalar(null, false, line);
        }
    }

    private static int[] LineStarts(byte[] bytes)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < bytes.Length; i++)
            if (bytes[i] == (byte)'\n') starts.Add(i + 1);
        return [.. starts];
    }

    private static int LineAt(int[] lineStarts, long offset)
    {
        var index = Array.BinarySearch(lineStarts, (int)offset);
        return (index >= 0 ? index : ~index - 1) + 1;
    }
}
