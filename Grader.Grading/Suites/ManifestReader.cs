using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Grader.Grading.Comparing;
using Grader.Grading.Running;
using Grader.Grading.Text;

namespace Grader.Grading.Suites;

/// <summary>
/// Turns a manifest tree into a <see cref="SuiteDefinition"/>, collecting every problem (not just the first)
/// so a designer can fix an upload in one go.
/// </summary>
internal sealed partial class ManifestReader(string fileName, IReadOnlyDictionary<string, byte[]> files, List<SuiteProblem> problems)
{
    private static readonly string[] s_suiteKeys =
        ["slug", "title", "languages", "limits", "reference", "promptsAreOutput", "tests", "requires", "requiresPoints", "profilePoints", "statement", "groups", "image"];
    private static readonly string[] s_testKeys =
        ["name", "points", "visibility", "stdin", "stdinFile", "expectedStdout", "expectedStdoutFile", "compare", "tolerance",
         "call", "expected", "limits", "checker", "hint", "caseSensitive", "interactive", "group", "metric"];
    private static readonly string[] s_limitKeys = ["timeSeconds", "memoryMb"];
    private static readonly string[] s_referenceKeys = ["language", "file"];
    private static readonly string[] s_callKeys = ["function", "args"];
    private static readonly string[] s_toleranceKeys = ["absolute", "relative"];
    private static readonly string[] s_interactiveKeys = ["file"];
    private static readonly string[] s_metricKeys = ["kind", "labelsFile", "threshold", "scale"];
    private static readonly string[] s_scaleKeys = ["zero", "full"];
    /// <summary>What a metric test cannot have: its points come from the metric alone.</summary>
    private static readonly string[] s_notWithMetric =
        ["expectedStdout", "expectedStdoutFile", "call", "expected", "checker", "interactive", "compare", "tolerance", "caseSensitive"];
    /// <summary>What an interactive test cannot have: the interactor alone decides its verdict.</summary>
    private static readonly string[] s_notWithInteractive = ["expectedStdout", "expectedStdoutFile", "call", "expected", "checker"];
    private const int MaxPoints = 1000;
    private const int MaxHintChars = 1000;
    private const int MaxGroupNameChars = 100;
    /// <summary>A statement in the zip that the manifest need not name.</summary>
    private const string DefaultStatementFile = "statement.md";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex SlugPattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex PythonIdentifier();

    [GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial Regex JsonNumber();

    public SuiteDefinition? Read(ManifestNode root)
    {
        var fields = Fields(root, "", s_suiteKeys);
        if (fields is null) return null;

        var slug = String(fields, root, "slug", "slug", required: true);
        if (slug is not null && !SlugPattern().IsMatch(slug))
        {
            Problem(fields["slug"].Line, "slug", "invalid_slug",
                "The slug must be 1 to 64 lowercase letters, digits or dashes, starting with a letter or digit.");
        }

        var title = String(fields, root, "title", "title", required: true);
        if (title is not null && string.IsNullOrWhiteSpace(title))
            Problem(fields["title"].Line, "title", "invalid_value", "The title must not be blank.");

        var languages = Languages(fields, root);
        var limits = fields.TryGetValue("limits", out var limitsNode)
            ? SuiteLimitsOf(limitsNode, "limits")
            : SuiteLimits.Default;
        var reference = fields.TryGetValue("reference", out var referenceNode) ? Reference(referenceNode, languages) : null;
        var promptsAreOutput = Bool(fields, "promptsAreOutput", "promptsAreOutput") ?? false;
        var image = String(fields, root, "image", "image", required: false);
        if (image is not null && image != SuiteImages.PythonData)
            Problem(fields["image"].Line, "image", "unknown_image", $"'{image}' is not a runner image; the one there is: {SuiteImages.PythonData}.");
        else if (image is not null && languages is not null && languages.Any(l => l != ProgramLanguage.Python))
            Problem(fields["image"].Line, "image", "image_requires_python", $"The {image} image runs Python: the suite's languages must be [python].");
        var groups = fields.TryGetValue("groups", out var groupsNode) ? Groups(groupsNode) : null;
        var tests = Tests(fields, root, languages, groups);
        if (groups is not null && tests is not null)
        {
            foreach (var empty in groups.Where(g => !tests.Any(t => t.Group == g.Name)))
                Problem(groupsNode!.Line, $"groups.{empty.Name}", "empty_group", $"No test is in the group '{empty.Name}'.");
        }
        var requires = fields.TryGetValue("requires", out var requiresNode) ? Requires(requiresNode) : null;
        var requiresPoints = Points(fields, "requiresPoints", "requiresPoints", required: false);
        if (requiresPoints is not null && requires is null)
            Problem(fields["requiresPoints"].Line, "requires", "missing_field", "requiresPoints needs a 'requires' list.");
        var profilePoints = Points(fields, "profilePoints", "profilePoints", required: false);
        var statement = Statement(fields, root);

        if (problems.Count > 0 || slug is null || title is null || languages is null || limits is null || tests is null)
            return null;
        return new SuiteDefinition(slug, title, languages, limits, reference, promptsAreOutput, tests,
            requires, requiresPoints, profilePoints, statement?.Markdown, statement?.Images, groups, image);
    }

    /// <summary><c>groups: {name: points, ...}</c>, in the order written.</summary>
    private IReadOnlyList<SuiteGroup>? Groups(ManifestNode node)
    {
        if (node is not ManifestMapping mapping || mapping.Entries.Count == 0)
        {
            Problem(node.Line, "groups", "invalid_type", "groups must map each group's name to its points, e.g. {small: 30, large: 70}.");
            return null;
        }
        var groups = new List<SuiteGroup>();
        foreach (var entry in mapping.Entries)
        {
            var path = $"groups.{entry.Key}";
            if (Storable(entry.Value, path, entry.Key) is null) continue;
            if (string.IsNullOrWhiteSpace(entry.Key) || entry.Key.Length > MaxGroupNameChars)
                Problem(entry.Line, path, "invalid_value", $"A group name must be 1 to {MaxGroupNameChars} characters of text.");
            else if (Points(new Dictionary<string, ManifestNode> { [entry.Key] = entry.Value }, entry.Key, path, required: true) is { } points)
                groups.Add(new SuiteGroup(entry.Key, points));
        }
        return groups.Count == mapping.Entries.Count ? groups : null;
    }

    /// <summary>
    /// The statement: inline Markdown, or a Markdown file of the zip named by <c>statement</c> (a one-line value
    /// ending in .md), or the zip's statement.md when the manifest names none. Its images must be pictures in the zip.
    /// </summary>
    private (string Markdown, IReadOnlyList<StatementImage> Images)? Statement(Dictionary<string, ManifestNode> fields, ManifestNode root)
    {
        string? file = null, markdown;
        if (fields.TryGetValue("statement", out var node))
        {
            var text = String(fields, root, "statement", "statement", required: false);
            if (text is null) return null;
            if (!text.Contains('\n') && text.Trim().EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            {
                file = File(fields, root, "statement", "statement", mustBeText: true, required: true);
                if (file is null || !SuiteFiles.TryDecodeText(files[file], out markdown)) return null;
            }
            else
            {
                markdown = text;
            }
        }
        else if (files.TryGetValue(DefaultStatementFile, out var bytes))
        {
            file = DefaultStatementFile;
            if (!SuiteFiles.TryDecodeText(bytes, out markdown))
            {
                problems.Add(new SuiteProblem(file, "not_utf8", $"'{file}' is not UTF-8 text.", "statement"));
                return null;
            }
        }
        else
        {
            return null;
        }

        void StatementProblem(string code, string message)
        {
            if (file is null) Problem(node!.Line, "statement", code, message);
            else problems.Add(new SuiteProblem(file, code, message, "statement"));
        }
        if (StorableText.HasUnstorable(markdown))
        {
            StatementProblem("unstorable_text", "The statement holds a NUL character (\\u0000), which cannot be stored: remove it.");
            return null;
        }
        if (markdown.Length > SuiteStatement.MaxChars)
        {
            StatementProblem("statement_too_large", $"The statement is longer than {SuiteStatement.MaxChars} characters.");
            return null;
        }

        var images = new List<StatementImage>();
        var urls = SuiteStatement.ImageUrls(markdown);
        if (urls.Count > SuiteStatement.MaxImages)
            StatementProblem("statement_too_many_images", $"The statement shows more than {SuiteStatement.MaxImages} images.");
        foreach (var url in urls)
        {
            var path = SuiteStatement.ImagePath(file, url);
            if (path is null)
                StatementProblem("statement_image_outside", $"The image '{url}' is not a file of the zip: put the picture in the zip beside the statement.");
            else if (!files.TryGetValue(path, out var image))
                StatementProblem("statement_image_missing", $"The statement shows '{url}', but the zip holds no file '{path}'.");
            else if (image.Length > SuiteStatement.MaxImageBytes)
                StatementProblem("statement_image_too_large", $"The image '{path}' is larger than {SuiteStatement.MaxImageBytes / (1024 * 1024)} MB.");
            else if (SuiteStatement.ImageContentType(image) is not { } contentType)
                StatementProblem("statement_image_type", $"'{path}' is not a PNG, JPEG, GIF or WebP picture.");
            else images.Add(new StatementImage(url, path, contentType));
        }
        return (markdown, images);
    }

    private IReadOnlyList<ProgramLanguage>? Languages(Dictionary<string, ManifestNode> fields, ManifestNode root)
    {
        if (!Required(fields, root, "languages", out var node)) return null;
        if (Sequence(node, "languages") is not { } items) return null;
        if (items.Count == 0)
        {
            Problem(node.Line, "languages", "missing_field", "Name at least one language.");
            return null;
        }
        var languages = items.Select((item, i) => Enum<ProgramLanguage>(item, $"languages[{i}]", "unknown_language")).ToList();
        return languages.Contains(null) ? null : languages.Select(l => l!.Value).Distinct().ToList();
    }

    private SuiteLimits? SuiteLimitsOf(ManifestNode node, string path) =>
        LimitsOverride(node, path) is { } limits
            ? new SuiteLimits(limits.TimeSeconds ?? SuiteLimits.Default.TimeSeconds, limits.MemoryMb ?? SuiteLimits.Default.MemoryMb)
            : null;

    private SuiteLimitsOverride? LimitsOverride(ManifestNode node, string path)
    {
        if (Fields(node, path, s_limitKeys) is not { } fields) return null;
        var time = Number(fields, $"{path}.timeSeconds", "timeSeconds");
        if (time is < SuiteLimits.MinTimeSeconds or > SuiteLimits.MaxTimeSeconds)
        {
            Problem(fields["timeSeconds"].Line, $"{path}.timeSeconds", "limit_out_of_range",
                $"timeSeconds must be between {SuiteLimits.MinTimeSeconds} and {SuiteLimits.MaxTimeSeconds}.");
        }

        var memory = Int(fields, $"{path}.memoryMb", "memoryMb");
        if (memory is < SuiteLimits.MinMemoryMb or > SuiteLimits.MaxMemoryMb)
        {
            Problem(fields["memoryMb"].Line, $"{path}.memoryMb", "limit_out_of_range",
                $"memoryMb must be between {SuiteLimits.MinMemoryMb} and {SuiteLimits.MaxMemoryMb}.");
        }

        return new SuiteLimitsOverride(time, memory);
    }

    private SuiteReference? Reference(ManifestNode node, IReadOnlyList<ProgramLanguage>? languages)
    {
        if (Fields(node, "reference", s_referenceKeys) is not { } fields) return null;
        var language = Required(fields, node, "reference.language", out var languageNode)
            ? Enum<ProgramLanguage>(languageNode, "reference.language", "unknown_language")
            : null;
        if (language is { } l && languages is not null && !languages.Contains(l))
        {
            Problem(languageNode!.Line, "reference.language", "reference_language_not_allowed",
                $"The reference is written in {l.ToWire()}, which is not among the suite's languages.");
        }

        var file = File(fields, node, "reference.file", "file", mustBeText: language == ProgramLanguage.Python, required: true);
        return language is null || file is null ? null : new SuiteReference(language.Value, file);
    }

    private IReadOnlyList<string>? Requires(ManifestNode node)
    {
        if (Sequence(node, "requires") is not { } items) return null;
        var names = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is ManifestScalar { Text: { } text } && !string.IsNullOrWhiteSpace(text)) names.Add(text.Trim());
            else Problem(items[i].Line, $"requires[{i}]", "invalid_type", "Each requirement must be a non-empty name.");
        }
        return names;
    }

    private IReadOnlyList<SuiteTest>? Tests(Dictionary<string, ManifestNode> fields, ManifestNode root, IReadOnlyList<ProgramLanguage>? languages,
        IReadOnlyList<SuiteGroup>? groups)
    {
        if (!Required(fields, root, "tests", out var node) || Sequence(node, "tests") is not { } items) return null;
        if (items.Count == 0)
        {
            Problem(node.Line, "tests", "no_tests", "The suite has no tests.");
            return null;
        }
        var tests = new List<SuiteTest>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var test = Test(items[i], $"tests[{i}]", languages, groups);
            if (test is null) continue;
            if (!names.Add(test.Name))
                Problem(items[i].Line, $"tests[{i}].name", "duplicate_test_name", $"Another test is already named '{test.Name}'.");
            tests.Add(test);
        }
        return tests.Count == items.Count ? tests : null;
    }

    private SuiteTest? Test(ManifestNode node, string path, IReadOnlyList<ProgramLanguage>? languages, IReadOnlyList<SuiteGroup>? groups)
    {
        if (Fields(node, path, s_testKeys) is not { } fields) return null;
        var problemsBefore = problems.Count;

        var name = String(fields, node, "name", $"{path}.name", required: true);
        if (name is not null && string.IsNullOrWhiteSpace(name))
            Problem(fields["name"].Line, $"{path}.name", "invalid_value", "A test name must not be blank.");
        var group = String(fields, node, "group", $"{path}.group", required: false);
        if (group is not null && groups?.Any(g => g.Name == group) != true)
        {
            Problem(fields["group"].Line, $"{path}.group", "unknown_group",
                $"'{group}' is not one of the suite's groups: declare it under 'groups' with its points.");
        }

        if (group is not null && fields.TryGetValue("points", out var pointsNode))
        {
            Problem(pointsNode.Line, $"{path}.points", "points_on_grouped_test",
                "A test in a group has no points of its own: the group's points are given under 'groups'.");
        }

        var points = group is null ? Points(fields, "points", $"{path}.points", required: true, node) : 0;
        var visibility = fields.TryGetValue("visibility", out var visibilityNode)
            ? Enum<TestVisibility>(visibilityNode, $"{path}.visibility", "unknown_visibility")
            : TestVisibility.Hidden;
        var compare = fields.TryGetValue("compare", out var compareNode)
            ? Enum<CompareMode>(compareNode, $"{path}.compare", "unknown_compare_mode")
            : CompareMode.Tokens;

        var stdin = String(fields, node, "stdin", $"{path}.stdin", required: false);
        var stdinFile = File(fields, node, $"{path}.stdinFile", "stdinFile", mustBeText: true, required: false);
        Exclusive(fields, path, "stdin", "stdinFile");
        var expectedStdout = String(fields, node, "expectedStdout", $"{path}.expectedStdout", required: false);
        var expectedStdoutFile = File(fields, node, $"{path}.expectedStdoutFile", "expectedStdoutFile", mustBeText: true, required: false);
        Exclusive(fields, path, "expectedStdout", "expectedStdoutFile");
        var checker = File(fields, node, $"{path}.checker", "checker", mustBeText: true, required: false);

        var call = fields.TryGetValue("call", out var callNode) ? Call(callNode, $"{path}.call") : null;
        if (callNode is not null && languages is not null && !languages.Contains(ProgramLanguage.Python))
            Problem(callNode.Line, $"{path}.call", "call_requires_python", "A 'call' test calls a Python function: add python to languages.");
        JsonElement? expected = null;
        if (fields.TryGetValue("expected", out var expectedNode))
        {
            if (callNode is null)
                Problem(expectedNode.Line, $"{path}.expected", "expected_without_call", "'expected' is the return value of a 'call'; add one.");
            using var value = JsonDocument.Parse(Json(expectedNode, $"{path}.expected")?.ToJsonString() ?? "null");
            expected = value.RootElement.Clone();
        }

        var interactive = fields.TryGetValue("interactive", out var interactiveNode)
            ? Interactive(interactiveNode, fields, $"{path}.interactive", languages)
            : null;
        var metric = fields.TryGetValue("metric", out var metricNode) ? Metric(metricNode, fields, $"{path}.metric") : null;
        var hasStdoutExpectation = fields.ContainsKey("expectedStdout") || fields.ContainsKey("expectedStdoutFile");
        if (!hasStdoutExpectation && expectedNode is null && !fields.ContainsKey("checker") && interactiveNode is null && metricNode is null)
        {
            Problem(node.Line, path, "missing_expectation",
                "Give expectedStdout, expectedStdoutFile, expected (with call), a checker, an interactive interactor or a metric.");
        }

        if (compare == CompareMode.Regex)
            CheckPattern(fields, path, expectedStdout, expectedStdoutFile);

        var tolerance = fields.TryGetValue("tolerance", out var toleranceNode) ? Tolerance(toleranceNode, $"{path}.tolerance") : null;
        if (toleranceNode is not null && compare != CompareMode.Float && callNode is null)
        {
            Problem(toleranceNode.Line, $"{path}.tolerance", "tolerance_not_applicable",
                "A tolerance applies only to 'compare: float' or to a 'call' test's return value.");
        }

        var caseSensitive = Bool(fields, "caseSensitive", $"{path}.caseSensitive");
        if (caseSensitive is not null && compare != CompareMode.Tokens)
        {
            Problem(fields["caseSensitive"].Line, $"{path}.caseSensitive", "case_sensitivity_not_applicable",
                "caseSensitive applies only to 'compare: tokens'.");
        }

        var limits = fields.TryGetValue("limits", out var limitsNode) ? LimitsOverride(limitsNode, $"{path}.limits") : null;
        var hint = String(fields, node, "hint", $"{path}.hint", required: false);
        if (hint is not null && (string.IsNullOrWhiteSpace(hint) || hint.Length > MaxHintChars))
            Problem(fields["hint"].Line, $"{path}.hint", "invalid_hint", $"A hint must be 1 to {MaxHintChars} characters of text.");

        if (problems.Count > problemsBefore || name is null || points is null || visibility is null || compare is null)
            return null;
        return new SuiteTest(name, points.Value, visibility.Value, stdin, stdinFile, expectedStdout, expectedStdoutFile,
            compare.Value, tolerance, call, expected, limits, checker, hint?.Trim(), caseSensitive ?? true, interactive, group, metric);
    }

    /// <summary>
    /// <c>metric: {kind, labelsFile, threshold | scale: {zero, full}}</c>: predictions on stdout scored against a labels
    /// file of the zip, which the program never sees.
    /// </summary>
    private SuiteMetric? Metric(ManifestNode node, Dictionary<string, ManifestNode> testFields, string path)
    {
        var testPath = path[..path.LastIndexOf('.')];
        foreach (var key in s_notWithMetric.Where(testFields.ContainsKey))
        {
            Problem(testFields[key].Line, $"{testPath}.{key}", "conflicting_fields",
                $"A metric test is scored by its metric alone: remove '{key}'.");
        }

        if (Fields(node, path, s_metricKeys) is not { } fields) return null;
        MetricKind? kind = Required(fields, node, $"{path}.kind", out var kindNode)
            ? Enum<MetricKind>(kindNode, $"{path}.kind", "unknown_metric")
            : null;
        var labels = File(fields, node, $"{path}.labelsFile", "labelsFile", mustBeText: true, required: true);
        var threshold = Number(fields, $"{path}.threshold", "threshold");
        var scale = fields.TryGetValue("scale", out var scaleNode) ? Scale(scaleNode, $"{path}.scale") : null;
        if (fields.ContainsKey("threshold") == fields.ContainsKey("scale"))
        {
            Problem(node.Line, path, fields.ContainsKey("threshold") ? "conflicting_fields" : "missing_field",
                "Give either a threshold (all or nothing) or a scale: {zero, full} (a linear share), exactly one.");
        }
        return kind is null || labels is null || (threshold is null && scale is null)
            ? null
            : new SuiteMetric(kind.Value, labels, threshold, scale);
    }

    private MetricScale? Scale(ManifestNode node, string path)
    {
        if (Fields(node, path, s_scaleKeys) is not { } fields) return null;
        double? Bound(string key) =>
            Required(fields, node, $"{path}.{key}", out var bound) ? Number(bound, $"{path}.{key}") : null;
        var (zero, full) = (Bound("zero"), Bound("full"));
        if (zero is null || full is null) return null;
        if (zero == full)
        {
            Problem(node.Line, path, "invalid_value", "A scale's zero and full values must differ.");
            return null;
        }
        return new MetricScale(zero.Value, full.Value);
    }

    /// <summary><c>interactive: {file: interactor.py}</c>: a Python interactor of the zip, for Python programs only.</summary>
    private SuiteInteractive? Interactive(ManifestNode node, Dictionary<string, ManifestNode> testFields, string path,
        IReadOnlyList<ProgramLanguage>? languages)
    {
        foreach (var key in s_notWithInteractive.Where(testFields.ContainsKey))
        {
            Problem(testFields[key].Line, $"{path[..path.LastIndexOf('.')]}.{key}", "conflicting_fields",
                $"An interactive test is judged by its interactor alone: remove '{key}'.");
        }

        if (languages is not null && languages.Any(l => l != ProgramLanguage.Python))
        {
            Problem(node.Line, path, "interactive_requires_python",
                "An interactive test talks with a Python program while it runs: the suite's languages must be [python].");
        }

        if (Fields(node, path, s_interactiveKeys) is not { } fields) return null;
        var file = File(fields, node, $"{path}.file", "file", mustBeText: true, required: true);
        return file is null ? null : new SuiteInteractive(file);
    }

    private void CheckPattern(Dictionary<string, ManifestNode> fields, string path, string? inline, string? file)
    {
        var (pattern, key) = file is not null && files.TryGetValue(file, out var bytes) && SuiteFiles.TryDecodeText(bytes, out var text)
            ? (text, "expectedStdoutFile")
            : (inline, "expectedStdout");
        if (pattern is not null && OutputPattern.Problem(pattern) is { } error)
            Problem(fields[key].Line, $"{path}.{key}", "invalid_regex", $"The pattern does not compile: {error}");
    }

    private FunctionCallSpec? Call(ManifestNode node, string path)
    {
        if (Fields(node, path, s_callKeys) is not { } fields) return null;
        var function = String(fields, node, "function", $"{path}.function", required: true);
        if (function is not null && !PythonIdentifier().IsMatch(function))
            Problem(fields["function"].Line, $"{path}.function", "invalid_value", $"'{function}' is not a Python function name.");
        var args = new JsonArray();
        if (fields.TryGetValue("args", out var argsNode))
        {
            if (Json(argsNode, $"{path}.args") is JsonArray array) args = array;
            else Problem(argsNode.Line, $"{path}.args", "invalid_type", "args must be a list.");
        }
        return function is null ? null : new FunctionCallSpec(function, args);
    }

    private FloatTolerance? Tolerance(ManifestNode node, string path)
    {
        if (node is ManifestScalar scalar)
        {
            var both = Number(scalar, path);
            if (both is < 0) Problem(node.Line, path, "invalid_value", "A tolerance must not be negative.");
            return both is null ? null : new FloatTolerance(both, both);
        }
        if (Fields(node, path, s_toleranceKeys) is not { } fields) return null;
        var absolute = Number(fields, $"{path}.absolute", "absolute");
        var relative = Number(fields, $"{path}.relative", "relative");
        if (absolute is < 0 || relative is < 0) Problem(node.Line, path, "invalid_value", "A tolerance must not be negative.");
        if (absolute is null && relative is null)
            Problem(node.Line, path, "missing_field", "Give an absolute or a relative tolerance, or both.");
        return new FloatTolerance(absolute, relative);
    }

    /// <summary>A manifest value as JSON: quoted scalars are strings; plain ones are null, booleans, numbers or words.</summary>
    private JsonNode? Json(ManifestNode node, string path)
    {
        switch (node)
        {
            case ManifestMapping mapping:
                var obj = new JsonObject();
                foreach (var entry in mapping.Entries) obj[entry.Key] = Json(entry.Value, $"{path}.{entry.Key}");
                return obj;
            case ManifestSequence sequence:
                return new JsonArray([.. sequence.Items.Select((item, i) => Json(item, $"{path}[{i}]"))]);
            case ManifestScalar { Text: null }:
                return null;
            case ManifestScalar { IsString: true } scalar:
                return JsonValue.Create(Storable(node, path, scalar.Text));
            case ManifestScalar scalar:
                var text = scalar.Text!;
                if (text is "true" or "True" or "TRUE") return JsonValue.Create(true);
                if (text is "false" or "False" or "FALSE") return JsonValue.Create(false);
                if (JsonNumber().IsMatch(text)) return JsonNode.Parse(text);
                if (text.ToLowerInvariant() is ".nan" or ".inf" or "-.inf" or "+.inf")
                {
                    Problem(node.Line, path, "invalid_value", "JSON values have no NaN or infinity.");
                    return null;
                }
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number)
                    ? JsonValue.Create(number)
                    : JsonValue.Create(text);
            default:
                return null;
        }
    }

    private string? File(Dictionary<string, ManifestNode> fields, ManifestNode parent, string path, string key, bool mustBeText, bool required)
    {
        var name = String(fields, parent, key, path, required);
        if (name is null) return null;
        var line = fields[key].Line;
        var normalized = SuitePaths.Normalize(name);
        if (normalized is null || !files.TryGetValue(normalized, out var bytes))
        {
            Problem(line, path, "missing_file", files.Count == 0
                ? $"'{name}' is named but a manifest alone carries no files: upload a zip holding it."
                : $"The upload holds no file '{name}'.");
            return null;
        }
        if (mustBeText && !SuiteFiles.TryDecodeText(bytes, out _))
        {
            problems.Add(new SuiteProblem(normalized, "not_utf8", $"'{normalized}' is not UTF-8 text.", path));
            return null;
        }
        return normalized;
    }

    private void Exclusive(Dictionary<string, ManifestNode> fields, string path, string first, string second)
    {
        if (fields.ContainsKey(first) && fields.ContainsKey(second))
            Problem(fields[second].Line, $"{path}.{second}", "conflicting_fields", $"Give either {first} or {second}, not both.");
    }

    private int? Points(Dictionary<string, ManifestNode> fields, string key, string path, bool required, ManifestNode? parent = null)
    {
        if (!fields.ContainsKey(key))
        {
            if (required) Problem(parent!.Line, path, "missing_field", $"'{key}' is required.");
            return null;
        }
        var points = Int(fields, path, key);
        if (points is <= 0 or > MaxPoints)
        {
            Problem(fields[key].Line, path, "invalid_points", $"Points must be a whole number from 1 to {MaxPoints}.");
            return null;
        }
        return points;
    }

    /// <summary>The entries of a mapping by key, after refusing keys the manifest format does not have.</summary>
    private Dictionary<string, ManifestNode>? Fields(ManifestNode node, string path, string[] known)
    {
        if (node is not ManifestMapping mapping)
        {
            Problem(node.Line, path, "invalid_type", $"{(path.Length == 0 ? "The manifest" : path)} must be a mapping of keys to values.");
            return null;
        }
        var fields = new Dictionary<string, ManifestNode>(StringComparer.Ordinal);
        foreach (var entry in mapping.Entries)
        {
            if (known.Contains(entry.Key)) fields[entry.Key] = entry.Value;
            else Problem(entry.Line, Join(path, entry.Key), "unknown_key", $"Unknown key '{entry.Key}'.{Suggestion(entry.Key, known)}");
        }
        return fields;
    }

    private static string Suggestion(string key, string[] known)
    {
        static string Loose(string s) => s.Replace("_", "").Replace("-", "").ToLowerInvariant();
        var match = known.FirstOrDefault(k => Loose(k) == Loose(key));
        return match is null ? "" : $" Did you mean '{match}'?";
    }

    private bool Required(Dictionary<string, ManifestNode> fields, ManifestNode parent, string path, out ManifestNode node)
    {
        var key = path[(path.LastIndexOf('.') + 1)..];
        if (fields.TryGetValue(key, out node!)) return true;
        Problem(parent.Line, path, "missing_field", $"'{key}' is required.");
        return false;
    }

    private IReadOnlyList<ManifestNode>? Sequence(ManifestNode node, string path)
    {
        if (node is ManifestSequence sequence) return sequence.Items;
        Problem(node.Line, path, "invalid_type", $"{path} must be a list.");
        return null;
    }

    private string? String(Dictionary<string, ManifestNode> fields, ManifestNode parent, string key, string path, bool required)
    {
        if (!fields.TryGetValue(key, out var node))
        {
            if (required) Problem(parent.Line, path, "missing_field", $"'{key}' is required.");
            return null;
        }
        if (node is ManifestScalar { Text: { } text }) return Storable(node, path, text);
        Problem(node.Line, path, node is ManifestScalar ? "missing_field" : "invalid_type", $"'{key}' must be text.");
        return null;
    }

    /// <summary>The text, or null with a problem when it holds what cannot be stored (see <see cref="StorableText"/>).</summary>
    private string? Storable(ManifestNode node, string path, string? text)
    {
        if (text is null || !StorableText.HasUnstorable(text)) return text;
        Problem(node.Line, path, "unstorable_text", $"{path} holds a NUL character (\\u0000), which cannot be stored: remove it.");
        return null;
    }

    private bool? Bool(Dictionary<string, ManifestNode> fields, string key, string path)
    {
        if (!fields.TryGetValue(key, out var node)) return null;
        if (node is ManifestScalar { IsString: false, Text: { } text } && bool.TryParse(text, out var value)) return value;
        Problem(node.Line, path, "invalid_type", $"'{key}' must be true or false.");
        return null;
    }

    private int? Int(Dictionary<string, ManifestNode> fields, string path, string key)
    {
        if (!fields.TryGetValue(key, out var node)) return null;
        if (node is ManifestScalar { IsString: false, Text: { } text }
            && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Problem(node.Line, path, "invalid_type", $"'{key}' must be a whole number.");
        return null;
    }

    private double? Number(Dictionary<string, ManifestNode> fields, string path, string key) =>
        fields.TryGetValue(key, out var node) ? Number(node, path) : null;

    private double? Number(ManifestNode node, string path)
    {
        if (node is ManifestScalar { IsString: false, Text: { } text }
            && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value))
        {
            return value;
        }

        Problem(node.Line, path, "invalid_type", $"'{path}' must be a number.");
        return null;
    }

    private T? Enum<T>(ManifestNode node, string path, string unknownCode) where T : struct, Enum
    {
        if (node is ManifestScalar { Text: { } text } && WireNames.TryParseWire<T>(text, out var value)) return value;
        Problem(node.Line, path, node is ManifestScalar ? unknownCode : "invalid_type",
            $"'{(node as ManifestScalar)?.Text}' is not one of: {string.Join(", ", WireNames.All<T>())}.");
        return null;
    }

    private void Problem(int line, string field, string code, string message) =>
        problems.Add(new SuiteProblem($"{fileName}:{line}", code, message, field.Length == 0 ? null : field));

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
