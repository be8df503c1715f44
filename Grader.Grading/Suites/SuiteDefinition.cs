using System.Text.Json;
using System.Text.Json.Serialization;
using Grader.Grading.Running;

namespace Grader.Grading.Suites;

/// <summary>
/// A designer's test suite as SPEC.md "Test suites" describes it. Serialise with <see cref="SuiteJson.Options"/>
/// to store it as jsonb; the files it names travel separately (see <see cref="SuiteParseResult.Files"/>).
/// </summary>
public sealed record SuiteDefinition(
    string Slug,
    string Title,
    IReadOnlyList<ProgramLanguage> Languages,
    SuiteLimits Limits,
    SuiteReference? Reference,
    bool PromptsAreOutput,
    IReadOnlyList<SuiteTest> Tests,
    // Block programs: constructs the program must use (e.g. "loop", "condition"), and the points that earns.
    IReadOnlyList<string>? Requires = null,
    int? RequiresPoints = null,
    // Points given for the computational-thinking profile; without them the profile is feedback only.
    int? ProfilePoints = null,
    // What the student reads (Markdown, see SuiteStatement), and the pictures it shows from the suite's files.
    string? Statement = null,
    IReadOnlyList<StatementImage>? StatementImages = null,
    // Subtasks: a group's points go to a submission only when every test of the group passed (see TestGroups).
    IReadOnlyList<SuiteGroup>? Groups = null,
    // The runner image Python programs run in, when not the plain one (SuiteImages).
    string? Image = null)
{
    public int MaxScore => Tests.Sum(t => t.Points) + (Groups?.Sum(g => g.Points) ?? 0) + (RequiresPoints ?? 0) + (ProfilePoints ?? 0);

    /// <summary>The suite's limits with the test's own overrides applied.</summary>
    public SuiteLimits LimitsFor(SuiteTest test) => new(
        test.Limits?.TimeSeconds ?? Limits.TimeSeconds,
        test.Limits?.MemoryMb ?? Limits.MemoryMb);
}

public sealed record SuiteLimits(double TimeSeconds, int MemoryMb)
{
    public const double MinTimeSeconds = 0.1, MaxTimeSeconds = 30;
    public const int MinMemoryMb = 16, MaxMemoryMb = 1024;
    public static readonly SuiteLimits Default = new(2, 128);
}

/// <summary>A test's override of the suite limits; an absent value keeps the suite's.</summary>
public sealed record SuiteLimitsOverride(double? TimeSeconds, int? MemoryMb);

public sealed record SuiteReference(ProgramLanguage Language, string File);

/// <summary>The runner images a suite may name with <c>image</c>.</summary>
public static class SuiteImages
{
    /// <summary>Python with Debian's numpy, pandas, scikit-learn and matplotlib (docker/build-images.sh python_data).</summary>
    public const string PythonData = "python-data";
}

/// <summary>A group of tests (a subtask) and the points it is worth, all or nothing.</summary>
public sealed record SuiteGroup(string Name, int Points);

/// <summary>
/// One test. Its expectation is exactly one of: expected stdout (inline or file), an expected return value
/// for a <see cref="Call"/>, a designer's checker script, or a designer's <see cref="Interactive"/> interactor.
/// For <see cref="CompareMode.Regex"/> the expected stdout is the pattern.
/// A test of a <see cref="Group"/> has no points of its own (0): they sit on the group.
/// </summary>
public sealed record SuiteTest(
    string Name,
    int Points,
    TestVisibility Visibility = TestVisibility.Hidden,
    string? Stdin = null,
    string? StdinFile = null,
    string? ExpectedStdout = null,
    string? ExpectedStdoutFile = null,
    CompareMode Compare = CompareMode.Tokens,
    FloatTolerance? Tolerance = null,
    FunctionCallSpec? Call = null,
    [property: JsonConverter(typeof(PresentJsonValueConverter))] JsonElement? Expected = null,
    SuiteLimitsOverride? Limits = null,
    string? Checker = null,
    // Shown to the student when this test fails, hidden or not; never the test's data.
    string? Hint = null,
    // compare: tokens only; false ignores case (the judges' default).
    bool CaseSensitive = true,
    SuiteInteractive? Interactive = null,
    string? Group = null,
    SuiteMetric? Metric = null);

/// <summary>
/// The designer's interactor (a Python file of the suite), which talks with the program while it runs, reads the
/// test's input and decides the verdict (SPEC.md "Test suites").
/// </summary>
public sealed record SuiteInteractive(string File);

/// <summary>
/// A metric test: the program prints one prediction a line, scored against the suite's <see cref="LabelsFile"/>
/// (one label a line, never in the sandbox). Full points when the metric reaches <see cref="Threshold"/>, or a linear
/// share between <see cref="Scale"/>'s zero and full values; exactly one of the two is set.
/// </summary>
public sealed record SuiteMetric(MetricKind Kind, string LabelsFile, double? Threshold = null, MetricScale? Scale = null);

/// <summary>The metric values at which a test earns no points and all its points; between them the share is linear.</summary>
public sealed record MetricScale(double Zero, double Full);

[JsonConverter(typeof(WireEnumConverter<MetricKind>))]
public enum MetricKind
{
    Accuracy,
    F1,
    Rmse,
    Mae,
}

/// <summary>Numbers match when within the absolute OR the relative tolerance; an absent bound does not apply.</summary>
public sealed record FloatTolerance(double? Absolute, double? Relative)
{
    /// <summary>What a float comparison uses when the test names no tolerance.</summary>
    public static readonly FloatTolerance Default = new(1e-6, 1e-6);
}

[JsonConverter(typeof(WireEnumConverter<ProgramLanguage>))]
public enum ProgramLanguage
{
    Python,
    Scratch,
    Entry,
    Blockly,
}

[JsonConverter(typeof(WireEnumConverter<TestVisibility>))]
public enum TestVisibility
{
    Visible,
    Hidden,
    AfterDue,
}

[JsonConverter(typeof(WireEnumConverter<CompareMode>))]
public enum CompareMode
{
    Exact,
    Trim,
    Tokens,
    Float,
    Regex,
    UnorderedLines,
}

public static class SuiteJson
{
    /// <summary>
    /// camelCase, nulls left out; how suites are stored and read back. Source-generated, so it works in hosts that
    /// turn reflection-based serialisation off.
    /// </summary>
    public static JsonSerializerOptions Options => SuiteJsonContext.Default.Options;

    public static string Serialize(SuiteDefinition suite) => JsonSerializer.Serialize(suite, Options);

    public static SuiteDefinition Deserialize(string json) =>
        JsonSerializer.Deserialize<SuiteDefinition>(json, Options) ?? throw new JsonException("The suite is JSON null.");
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(SuiteDefinition))]
internal sealed partial class SuiteJsonContext : JsonSerializerContext;

/// <summary>
/// Keeps an explicit JSON <c>null</c> (a function expected to return None) apart from an absent value:
/// the former reads as a Null-kind element, the latter stays a C# null.
/// </summary>
internal sealed class PresentJsonValueConverter : JsonConverter<JsonElement?>
{
    public override bool HandleNull => true;

    public override JsonElement? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonElement.ParseValue(ref reader);

    public override void Write(Utf8JsonWriter writer, JsonElement? value, JsonSerializerOptions options)
    {
        if (value is { } element) element.WriteTo(writer);
        else writer.WriteNullValue();
    }
}
