using Grader.Api.Suites;
using Grader.Grading.Suites;
using SuiteUploads = Grader.Grading.Tests.Suites.SuiteUploads;

namespace Grader.Api.Tests.Suites;

/// <summary>
/// The suite editor's form is only a layout of the manifest: a stored suite shown in the form and saved unchanged
/// parses to the same suite, and what the form cannot show stays in its "more keys" boxes.
/// </summary>
public sealed class SuiteFormTests
{
    private const string Manifest = """
        slug: circle-area
        title: 원의 넓이
        languages: [python]
        limits: {timeSeconds: 3, memoryMb: 256}
        promptsAreOutput: true
        statement: "반지름을 읽고 넓이를 출력하세요.\n\n둘째 문단"
        reference: {language: python, file: solution.py}
        profilePoints: 2
        tests:
          - name: small
            points: 2
            visibility: visible
            stdin: "1\n"
            expectedStdout: "3.14159\n"
            compare: float
            tolerance: 0.001
            hint: 원주율을 확인하세요
          - name: big
            points: 3
            stdinFile: big.in
            expectedStdoutFile: big.out
            compare: float
            tolerance: {absolute: 0.01, relative: 0.0001}
            limits: {timeSeconds: 5}
          - name: answer
            points: 1
            visibility: after_due
            stdin: "x\n"
            expectedStdout: "YES\n"
            caseSensitive: false
          - name: function
            points: 4
            call: {function: area, args: [2]}
            expected: 12.566
            tolerance: 0.01
        """;

    private static readonly Dictionary<string, byte[]> s_files = new()
    {
        ["solution.py"] = SuiteUploads.Utf8("import math\nprint(math.pi * float(input()) ** 2)\n"),
        ["big.in"] = SuiteUploads.Utf8("100\n"),
        ["big.out"] = SuiteUploads.Utf8("31415.9265\n"),
        ["data.csv"] = SuiteUploads.Utf8("a,b\n1,2\n"),
    };

    [Fact]
    public void A_suite_shown_in_the_form_and_saved_unchanged_is_the_same_suite()
    {
        var stored = Parse(SuiteUploads.Utf8(Manifest), s_files);
        var (form, kept) = SuiteForms.FromDefinition(SuiteJson.Serialize(stored.Suite!), stored.Files);

        // The reference is text on the page, not a file to keep; the rest are kept files.
        Assert.Equal("import math\nprint(math.pi * float(input()) ** 2)\n", form.ReferenceSource);
        Assert.Equal(["big.in", "big.out", "data.csv"], kept);
        Assert.Equal("0.001", form.Tests[0].Tolerance);
        Assert.Null(form.Tests[1].Tolerance); // two different bounds: one box cannot hold them
        Assert.Contains("\"tolerance\"", form.Tests[1].More);
        Assert.True(form.Tests[2].IgnoreCase);
        Assert.Null(form.Tests[2].More);
        Assert.Contains("\"call\"", form.Tests[3].More);
        Assert.Contains("\"profilePoints\": 2", form.More);

        var refused = new List<(string Key, string Message)>();
        var (manifest, rows) = SuiteForms.ToManifest(form, refused);
        Assert.Empty(refused);
        Assert.Equal([0, 1, 2, 3], rows);
        var files = kept.ToDictionary(k => k, k => stored.Files[k]);
        files["solution.py"] = SuiteUploads.Utf8(form.ReferenceSource!);
        var saved = Parse(SuiteUploads.Utf8(manifest!), files, "suite.json");

        Assert.Equal(SuiteJson.Serialize(stored.Suite!), SuiteJson.Serialize(saved.Suite!));
    }

    [Fact]
    public void Blank_and_removed_rows_are_no_tests_and_the_rest_keep_their_row()
    {
        var form = new SuiteForm
        {
            Slug = "echo", Title = "따라 하기", Languages = ["python"],
            Tests =
            [
                new TestForm { Name = "gone", Points = "1", ExpectedStdout = "a", Remove = true },
                new TestForm(),
                new TestForm { Name = "kept", Points = "two", ExpectedStdout = "b\r\nc" },
            ],
        };
        var refused = new List<(string Key, string Message)>();
        var (manifest, rows) = SuiteForms.ToManifest(form, refused);

        Assert.Equal([2], rows);
        var parsed = SuiteParser.Parse(SuiteUploads.Utf8(manifest!));
        // Text where a number belongs reaches the parser as typed, so its rule (and message) decides.
        var problem = Assert.Single(parsed.Problems);
        Assert.Equal("tests[0].points", problem.Field);
        Assert.Contains("\"b\\nc\"", manifest); // a textarea's CRLF is the suite's LF
    }

    [Fact]
    public void More_keys_that_are_not_a_JSON_object_or_repeat_a_field_are_refused_beside_their_box()
    {
        var form = new SuiteForm
        {
            Slug = "echo", Title = "따라 하기", Languages = ["python"], More = "[1, 2]",
            Tests = [new TestForm { Name = "a", Points = "1", ExpectedStdout = "a", More = "{\"points\": 3}" }],
        };
        var refused = new List<(string Key, string Message)>();
        var (manifest, _) = SuiteForms.ToManifest(form, refused);

        Assert.Null(manifest);
        Assert.Equal(["tests[0].more", "more"], refused.Select(r => r.Key));
    }

    private static SuiteParseResult Parse(byte[] manifest, Dictionary<string, byte[]> files, string name = "suite.yaml")
    {
        var parsed = SuiteParser.Parse(SuiteUploads.Zip([(name, manifest), .. files.Select(f => (f.Key, f.Value))]));
        Assert.True(parsed.IsValid, string.Join("\n", parsed.Problems));
        return parsed;
    }
}
