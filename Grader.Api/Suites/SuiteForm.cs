using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Grader.Api.Suites;

/// <summary>One test row of the suite editor, as typed: every value is text until the suite parser reads it.</summary>
public sealed class TestForm
{
    public string? Name { get; set; }
    public string? Points { get; set; }
    public string Visibility { get; set; } = "visible";
    public string? Stdin { get; set; }
    public string? ExpectedStdout { get; set; }
    public string? StdinFile { get; set; }
    public string? ExpectedStdoutFile { get; set; }
    public string Compare { get; set; } = "tokens";
    public string? Tolerance { get; set; }
    /// <summary><c>caseSensitive: false</c>; the manifest's default (true) is no key at all.</summary>
    public bool IgnoreCase { get; set; }
    public string? Hint { get; set; }
    public string? TimeSeconds { get; set; }
    public string? MemoryMb { get; set; }
    /// <summary>Any other keys of the test (call, expected, checker, …) as a JSON object, so editing keeps them.</summary>
    public string? More { get; set; }
    public bool Remove { get; set; }

    /// <summary>A row left empty (the spare one the page always offers) is no test.</summary>
    public bool IsBlank => new[] { Name, Points, Stdin, ExpectedStdout, StdinFile, ExpectedStdoutFile, Tolerance, Hint, TimeSeconds, MemoryMb, More }
        .All(string.IsNullOrWhiteSpace);
}

/// <summary>The suite editor's fields: the manifest of SPEC.md "Test suites", laid out as a form.</summary>
public sealed class SuiteForm
{
    public string? Slug { get; set; }
    public string? Title { get; set; }
    public List<string> Languages { get; set; } = [];
    public string? TimeSeconds { get; set; }
    public string? MemoryMb { get; set; }
    public bool PromptsAreOutput { get; set; }
    public string? Statement { get; set; }
    /// <summary>Empty: no reference, so nothing is validated.</summary>
    public string? ReferenceLanguage { get; set; }
    public string? ReferenceFile { get; set; }
    /// <summary>The reference's text (Python), written to <see cref="ReferenceFile"/>; empty when the file is uploaded.</summary>
    public string? ReferenceSource { get; set; }
    /// <summary>Any other keys of the suite (requires, profilePoints, …) as a JSON object.</summary>
    public string? More { get; set; }
    public List<TestForm> Tests { get; set; } = [];
}

/// <summary>
/// Turns the editor's form into a manifest for the suite parser, and a stored suite back into the form. The form
/// decides nothing about suites: every rule is the parser's, which reads what this writes exactly as an upload.
/// </summary>
public static partial class SuiteForms
{
    public const string DefaultReferenceFile = "solution.py";

    /// <summary>A form key for problems that name no field of the form (a file, the upload as a whole).</summary>
    public const string FilesKey = "files";

    private static readonly string[] s_suiteKeys = ["slug", "title", "languages", "limits", "promptsAreOutput", "statement", "reference", "tests"];
    private static readonly string[] s_testKeys =
        ["name", "points", "visibility", "stdin", "expectedStdout", "stdinFile", "expectedStdoutFile", "compare", "tolerance", "caseSensitive", "hint", "limits"];

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex JsonNumber();

    /// <summary>
    /// The manifest as JSON, and for each of its tests the form row it came from (blank and removed rows are left
    /// out), so a problem the parser names on <c>tests[2]</c> is shown beside the right row. Null with
    /// <paramref name="refused"/> (form key, message) when a "more keys" box is not a JSON object.
    /// </summary>
    public static (string? Manifest, IReadOnlyList<int> RowOfTest) ToManifest(SuiteForm form, List<(string Key, string Message)> refused)
    {
        var manifest = new JsonObject();
        Text(manifest, "slug", form.Slug?.Trim());
        Text(manifest, "title", form.Title);
        manifest["languages"] = new JsonArray([.. form.Languages.Select(l => (JsonNode?)JsonValue.Create(l))]);
        if (Limits(form.TimeSeconds, form.MemoryMb) is { } limits) manifest["limits"] = limits;
        if (form.PromptsAreOutput) manifest["promptsAreOutput"] = true;
        Text(manifest, "statement", Lines(form.Statement));
        if (!string.IsNullOrWhiteSpace(form.ReferenceLanguage))
        {
            var reference = new JsonObject { ["language"] = form.ReferenceLanguage };
            Text(reference, "file", ReferenceFileOf(form));
            manifest["reference"] = reference;
        }

        var tests = new JsonArray();
        var rows = new List<int>();
        for (var row = 0; row < form.Tests.Count; row++)
        {
            var t = form.Tests[row];
            if (t.Remove || t.IsBlank) continue;
            var test = new JsonObject();
            Text(test, "name", t.Name);
            Number(test, "points", t.Points);
            Text(test, "visibility", t.Visibility);
            Text(test, "stdin", Lines(t.Stdin), keepBlank: true);
            Text(test, "expectedStdout", Lines(t.ExpectedStdout), keepBlank: true);
            Text(test, "stdinFile", t.StdinFile?.Trim());
            Text(test, "expectedStdoutFile", t.ExpectedStdoutFile?.Trim());
            Text(test, "compare", t.Compare);
            Number(test, "tolerance", t.Tolerance);
            if (t.IgnoreCase) test["caseSensitive"] = false;
            Text(test, "hint", Lines(t.Hint));
            if (Limits(t.TimeSeconds, t.MemoryMb) is { } testLimits) test["limits"] = testLimits;
            Merge(test, t.More, $"tests[{row}].more", refused);
            tests.Add(test);
            rows.Add(row);
        }
        manifest["tests"] = tests;
        Merge(manifest, form.More, "more", refused);
        return (refused.Count == 0 ? manifest.ToJsonString() : null, rows);
    }

    /// <summary>The file the reference text is written to.</summary>
    public static string ReferenceFileOf(SuiteForm form) =>
        string.IsNullOrWhiteSpace(form.ReferenceFile)
            ? string.IsNullOrWhiteSpace(form.ReferenceSource) && form.ReferenceLanguage != "python" ? "" : DefaultReferenceFile
            : form.ReferenceFile.Trim();

    /// <summary>
    /// A stored suite version as the form shows it for editing, and the names of its files the form does not hold
    /// itself (kept in the next version unless the designer removes them). Keys the form has no field for stay in
    /// its "more keys" boxes, so saving unchanged stores the same suite.
    /// </summary>
    public static (SuiteForm Form, IReadOnlyList<string> KeptFiles) FromDefinition(string definitionJson, IReadOnlyDictionary<string, byte[]> files)
    {
        var suite = JsonNode.Parse(definitionJson)!.AsObject();
        var kept = files.Keys.Order(StringComparer.Ordinal).ToList();
        var form = new SuiteForm
        {
            Slug = Str(suite, "slug"),
            Title = Str(suite, "title"),
            Languages = suite["languages"]?.AsArray().Select(l => l!.GetValue<string>()).ToList() ?? [],
            TimeSeconds = Num(suite["limits"], "timeSeconds"),
            MemoryMb = Num(suite["limits"], "memoryMb"),
            PromptsAreOutput = suite["promptsAreOutput"]?.GetValue<bool>() ?? false,
            Statement = Str(suite, "statement"),
            ReferenceLanguage = Str(suite["reference"], "language"),
            ReferenceFile = Str(suite["reference"], "file"),
        };
        // A Python reference is shown as text to edit; the statement is in its box, not a file beside it.
        if (form.ReferenceLanguage == "python" && form.ReferenceFile is { } referenceFile
            && files.TryGetValue(referenceFile, out var source) && Grading.Suites.SuiteFiles.TryDecodeText(source, out var text))
        {
            form.ReferenceSource = text;
            kept.Remove(referenceFile);
        }
        if (form.Statement is not null) kept.Remove("statement.md");

        foreach (var node in suite["tests"]?.AsArray() ?? [])
        {
            var test = node!.AsObject();
            var tolerance = test["tolerance"];
            var oneTolerance = tolerance?["absolute"] is { } absolute && tolerance["relative"] is { } relative
                && absolute.ToJsonString() == relative.ToJsonString();
            form.Tests.Add(new TestForm
            {
                Name = Str(test, "name"),
                Points = test["points"]?.ToJsonString(),
                Visibility = Str(test, "visibility") ?? "hidden",
                Stdin = Str(test, "stdin"),
                ExpectedStdout = Str(test, "expectedStdout"),
                StdinFile = Str(test, "stdinFile"),
                ExpectedStdoutFile = Str(test, "expectedStdoutFile"),
                Compare = Str(test, "compare") ?? "tokens",
                Tolerance = oneTolerance ? tolerance!["absolute"]!.ToJsonString() : null,
                IgnoreCase = test["caseSensitive"]?.GetValue<bool>() == false,
                Hint = Str(test, "hint"),
                TimeSeconds = Num(test["limits"], "timeSeconds"),
                MemoryMb = Num(test["limits"], "memoryMb"),
                More = MoreOf(test, oneTolerance || tolerance is null ? s_testKeys : [.. s_testKeys.Where(k => k != "tolerance")]),
            });
        }
        // Stored beside the manifest's keys: the images the statement shows and the total, both derived.
        form.More = MoreOf(suite, [.. s_suiteKeys, "statementImages", "maxScore"]);
        return (form, kept);
    }

    /// <summary>The keys a form field does not show, as indented JSON; null when there are none.</summary>
    private static string? MoreOf(JsonObject node, string[] shown)
    {
        var more = new JsonObject();
        foreach (var (key, value) in node)
        {
            // The stored form spells out a default the manifest leaves unsaid: caseSensitive is true unless said.
            if (shown.Contains(key) || (key == "caseSensitive" && value?.GetValue<bool>() == true)) continue;
            more[key] = value?.DeepClone();
        }
        return more.Count == 0 ? null : more.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonObject? Limits(string? timeSeconds, string? memoryMb)
    {
        var limits = new JsonObject();
        Number(limits, "timeSeconds", timeSeconds);
        Number(limits, "memoryMb", memoryMb);
        return limits.Count == 0 ? null : limits;
    }

    /// <summary>The extra keys' JSON object into <paramref name="target"/>; a key a field already gave is refused.</summary>
    private static void Merge(JsonObject target, string? json, string formKey, List<(string Key, string Message)> refused)
    {
        if (string.IsNullOrWhiteSpace(json)) return;
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            refused.Add((formKey, Pages.Ui.T($"JSON 객체로 쓰세요 ({e.Message})", $"Write a JSON object ({e.Message})")));
            return;
        }
        if (parsed is not JsonObject more)
        {
            refused.Add((formKey, Pages.Ui.T("JSON 객체({ ... })로 쓰세요.", "Write a JSON object ({ ... }).")));
            return;
        }
        foreach (var (key, value) in more.ToList())
        {
            if (target.ContainsKey(key))
                refused.Add((formKey, Pages.Ui.T($"'{key}'는 위의 칸에 이미 있습니다.", $"'{key}' is already given by a field above.")));
            else target[key] = value?.DeepClone();
        }
    }

    private static void Text(JsonObject target, string key, string? value, bool keepBlank = false)
    {
        if (value is null || (!keepBlank && string.IsNullOrWhiteSpace(value)) || (keepBlank && value.Length == 0)) return;
        target[key] = value;
    }

    /// <summary>A number when the text is one; otherwise the text itself, so the parser says what is wrong with it.</summary>
    private static void Number(JsonObject target, string key, string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return;
        var trimmed = value.Trim();
        target[key] = JsonNumber().IsMatch(trimmed) ? JsonNode.Parse(trimmed) : JsonValue.Create(trimmed);
    }

    /// <summary>A browser sends a textarea's line breaks as CRLF; suites speak LF.</summary>
    private static string? Lines(string? text) => text?.Replace("\r\n", "\n");

    private static string? Str(JsonNode? node, string key) => node?[key]?.GetValue<string>();

    private static string? Num(JsonNode? node, string key) =>
        node?[key] is { } value ? value.GetValue<double>().ToString(CultureInfo.InvariantCulture) : null;
}
