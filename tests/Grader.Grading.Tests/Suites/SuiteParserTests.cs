using System.Buffers.Binary;
using System.Text;
using System.Text.Json;
using Grader.Grading.Suites;
using static Grader.Grading.Tests.Suites.SuiteUploads;

namespace Grader.Grading.Tests.Suites;

public class SuiteParserTests
{
    private const string SpecExample = """
        slug: sum-two-numbers
        title: 두 수의 합
        languages: [python, scratch, entry, blockly]   # what a submission may be written in
        limits: {timeSeconds: 2, memoryMb: 128}         # per test; a test may override
        reference: {language: python, file: solution.py} # optional; validated on upload
        tests:
          - name: small
            points: 2
            visibility: visible          # visible | hidden | after_due
            stdin: "1 2\n"
            expectedStdout: "3\n"
            compare: tokens              # exact | trim | tokens | float | regex | unordered_lines
          - name: large
            points: 3
            visibility: hidden
            stdinFile: large.in
            expectedStdoutFile: large.out
            compare: float
            tolerance: 1.0e-6
          - name: add function
            points: 5
            visibility: hidden
            call: {function: add, args: [2, 3]}   # python only
            expected: 5
        """;

    private static byte[] SpecZip(params (string Path, byte[] Content)[] extra) => Zip(
        [("suite.yaml", Utf8(SpecExample)), ("large.in", Utf8("\uFEFF10 20\n")), ("large.out", Utf8("30.0\n")),
         ("solution.py", Utf8("a, b = map(int, input().split())\nprint(a + b)\ndef add(a, b): return a + b\n")),
         .. extra]);

    private static SuiteProblem SingleProblem(SuiteParseResult result)
    {
        Assert.Null(result.Suite);
        return Assert.Single(result.Problems);
    }

    [Fact]
    public void The_spec_example_parses_from_a_zip_with_every_field()
    {
        var result = SuiteParser.Parse(SpecZip());

        Assert.Empty(result.Problems);
        var suite = Assert.IsType<SuiteDefinition>(result.Suite);
        Assert.Equal("sum-two-numbers", suite.Slug);
        Assert.Equal("두 수의 합", suite.Title);
        Assert.Equal([ProgramLanguage.Python, ProgramLanguage.Scratch, ProgramLanguage.Entry, ProgramLanguage.Blockly], suite.Languages);
        Assert.Equal(new SuiteLimits(2, 128), suite.Limits);
        Assert.Equal(new SuiteReference(ProgramLanguage.Python, "solution.py"), suite.Reference);
        Assert.False(suite.PromptsAreOutput);

        var (small, large, add) = (suite.Tests[0], suite.Tests[1], suite.Tests[2]);
        Assert.Equal(new SuiteTest("small", 2, TestVisibility.Visible, Stdin: "1 2\n", ExpectedStdout: "3\n"), small);
        Assert.Equal(new SuiteTest("large", 3, TestVisibility.Hidden, StdinFile: "large.in", ExpectedStdoutFile: "large.out",
            Compare: CompareMode.Float, Tolerance: new FloatTolerance(1e-6, 1e-6)), large);
        Assert.Equal("add", add.Call!.Function);
        Assert.Equal("[2,3]", add.Call.Args.ToJsonString());
        Assert.Equal(5, add.Expected!.Value.GetInt32());
        Assert.Equal(10, suite.MaxScore);
        Assert.Equal(["large.in", "large.out", "solution.py"], result.Files.Keys.Order());
    }

    [Fact]
    public void Stdin_and_expected_output_resolve_from_inline_text_or_files_without_a_bom()
    {
        var result = SuiteParser.Parse(SpecZip());
        var (small, large, add) = (result.Suite!.Tests[0], result.Suite.Tests[1], result.Suite.Tests[2]);

        Assert.Equal(Utf8("1 2\n"), SuiteFiles.StdinBytes(small, result.Files));
        Assert.Equal(Utf8("10 20\n"), SuiteFiles.StdinBytes(large, result.Files));
        Assert.Empty(SuiteFiles.StdinBytes(add, result.Files));
        Assert.Equal("3\n", SuiteFiles.ExpectedStdout(small, result.Files));
        Assert.Equal("30.0\n", SuiteFiles.ExpectedStdout(large, result.Files));
        Assert.Null(SuiteFiles.ExpectedStdout(add, result.Files));
    }

    [Fact]
    public void Only_files_the_manifest_does_not_name_go_to_the_program()
    {
        var result = SuiteParser.Parse(SpecZip(("data/words.txt", Utf8("apple\n"))));

        var dataFiles = SuiteFiles.ProgramDataFiles(result.Suite!, result.Files);

        Assert.Equal(["data/words.txt"], dataFiles.Keys);
    }

    [Fact]
    public void A_zip_of_a_folder_is_read_from_inside_the_folder_and_os_litter_is_ignored()
    {
        var zip = Zip(("my suite/suite.yaml", Utf8(Manifest("  - {name: a, points: 1, stdinFile: in/a.txt, expectedStdout: x}"))),
            ("my suite/in/a.txt", Utf8("1")), ("__MACOSX/my suite/._suite.yaml", [0, 1, 2]), ("my suite/.DS_Store", [0xFF]));

        var result = SuiteParser.Parse(zip);

        Assert.Empty(result.Problems);
        Assert.Equal("in/a.txt", result.Suite!.Tests[0].StdinFile);
        Assert.Equal(["in/a.txt"], result.Files.Keys);
    }

    [Fact]
    public void A_json_manifest_alone_parses_with_its_values_typed_as_json()
    {
        var json = """
            {"slug": "add", "title": "Add", "languages": ["python"], "promptsAreOutput": true,
             "tests": [{"name": "adds", "points": 1, "call": {"function": "add", "args": [2, "3", [1.5], {"k": null}]},
                        "expected": {"sum": 5, "ok": true}, "tolerance": {"absolute": 0.01},
                        "limits": {"timeSeconds": 0.5}}]}
            """;

        var result = SuiteParser.Parse(Utf8(json));

        Assert.Empty(result.Problems);
        var test = result.Suite!.Tests[0];
        Assert.True(result.Suite.PromptsAreOutput);
        Assert.Equal("""[2,"3",[1.5],{"k":null}]""", test.Call!.Args.ToJsonString());
        Assert.Equal("""{"sum":5,"ok":true}""", test.Expected!.Value.GetRawText());
        Assert.Equal(new FloatTolerance(0.01, null), test.Tolerance);
        Assert.Equal(new SuiteLimits(0.5, SuiteLimits.Default.MemoryMb), result.Suite.LimitsFor(test));
    }

    [Fact]
    public void Yaml_scalars_keep_their_json_types_and_an_explicit_null_is_an_expectation()
    {
        var yaml = Manifest("""
              - name: returns none
                points: 1
                call: {function: f, args: [5, "5", yes, true, hello, 1.0e-3]}
                expected: null
              - name: returns text
                points: 1
                call: {function: g}
                expected: "5"
            """);

        var result = SuiteParser.Parse(Encoding.UTF8.GetBytes(yaml));

        Assert.Empty(result.Problems);
        Assert.Equal("""[5,"5","yes",true,"hello",1.0e-3]""", result.Suite!.Tests[0].Call!.Args.ToJsonString());
        Assert.Equal(JsonValueKind.Null, result.Suite.Tests[0].Expected!.Value.ValueKind);
        Assert.Equal("[]", result.Suite.Tests[1].Call!.Args.ToJsonString());
        Assert.Equal(JsonValueKind.String, result.Suite.Tests[1].Expected!.Value.ValueKind);
    }

    [Fact]
    public void Block_scalars_give_multi_line_expected_output_and_defaults_apply()
    {
        var yaml = Manifest("""
              - name: lines
                points: 4
                expectedStdout: |
                  1
                  2

            """, "[scratch]");

        var test = SuiteParser.Parse(Utf8(yaml)).Suite!.Tests[0];

        Assert.Equal("1\n2\n", test.ExpectedStdout);
        Assert.Equal(CompareMode.Tokens, test.Compare);
        Assert.Equal(TestVisibility.Hidden, test.Visibility);
    }

    [Fact]
    public void Case_insensitive_tokens_parse_and_survive_storage_and_an_old_suite_stays_case_sensitive()
    {
        var suite = SuiteParser.Parse(Utf8(Manifest("  - {name: a, points: 1, expectedStdout: YES, caseSensitive: false}\n"
            + "  - {name: b, points: 1, expectedStdout: YES}"))).Suite!;

        Assert.Equal((false, true), (suite.Tests[0].CaseSensitive, suite.Tests[1].CaseSensitive));
        Assert.Equal(suite.Tests, SuiteJson.Deserialize(SuiteJson.Serialize(suite)).Tests);
        var stored = """{"slug":"s","title":"T","languages":["python"],"limits":{"timeSeconds":2,"memoryMb":128},"promptsAreOutput":false,"tests":[{"name":"a","points":1,"expectedStdout":"x"}]}""";
        Assert.True(SuiteJson.Deserialize(stored).Tests[0].CaseSensitive);
    }

    [Fact]
    public void Grouped_tests_carry_no_points_of_their_own_and_the_groups_count_in_the_max_score()
    {
        var yaml = "slug: s\ntitle: T\nlanguages: [python]\ngroups: {small: 30, large: 70}\ntests:\n"
            + "  - {name: sample, points: 1, expectedStdout: x, visibility: visible}\n"
            + "  - {name: s1, group: small, expectedStdout: x}\n  - {name: s2, group: small, expectedStdout: x}\n"
            + "  - {name: l1, group: large, expectedStdout: x}\n";

        var suite = SuiteParser.Parse(Utf8(yaml)).Suite!;

        Assert.Equal([new SuiteGroup("small", 30), new SuiteGroup("large", 70)], suite.Groups);
        Assert.Equal([(null, 1), ("small", 0), ("small", 0), ("large", 0)], suite.Tests.Select(t => (t.Group, t.Points)));
        Assert.Equal(101, suite.MaxScore);
        Assert.Equal(suite.Groups, SuiteJson.Deserialize(SuiteJson.Serialize(suite)).Groups);
    }

    [Fact]
    public void Block_program_requirements_and_profile_points_count_in_the_max_score()
    {
        var yaml = "slug: s\ntitle: T\nlanguages: [scratch]\nrequires: [loop, condition]\nrequiresPoints: 2\nprofilePoints: 3\n"
            + "tests:\n  - {name: a, points: 5, expectedStdout: x}\n";

        var suite = SuiteParser.Parse(Utf8(yaml)).Suite!;

        Assert.Equal(["loop", "condition"], suite.Requires);
        Assert.Equal((2, 3, 10), (suite.RequiresPoints, suite.ProfilePoints, suite.MaxScore));
    }

    [Fact]
    public void Requirement_points_without_requirements_are_refused()
    {
        var yaml = "slug: s\ntitle: T\nlanguages: [scratch]\nrequiresPoints: 2\ntests:\n  - {name: a, points: 5, expectedStdout: x}\n";

        var problem = SingleProblem(SuiteParser.Parse(Utf8(yaml)));

        Assert.Equal(("missing_field", "suite.yaml:4", "requires"), (problem.Code, problem.Where, problem.Field));
    }

    [Fact]
    public void The_parsed_suite_survives_storage_as_json()
    {
        var suite = SuiteParser.Parse(SpecZip()).Suite!;

        var back = SuiteJson.Deserialize(SuiteJson.Serialize(suite));

        Assert.Equal(suite.Tests[0], back.Tests[0]);
        Assert.Equal(suite.Tests[1], back.Tests[1]);
        Assert.Equal(SuiteJson.Serialize(suite), SuiteJson.Serialize(back));
    }

    public static TheoryData<string, string, string> BadManifests => new()
    {
        { "slug: sum\ntitle: T\nlanguages: [python]\ncolour: red\ntests:\n  - {name: a, points: 1, expectedStdout: x}", "unknown_key", "suite.yaml:4" },
        { Manifest("  - name: a\n    points: 1\n    expected_stdout: x"), "unknown_key", "suite.yaml:7" },
        { "slug: sum\nlanguages: [python]\ntests:\n  - {name: a, points: 1, expectedStdout: x}", "missing_field", "suite.yaml:1" },
        { Manifest("  - name: a\n    expectedStdout: x"), "missing_field", "suite.yaml:5" },
        { Manifest("  - name: a\n    points: 1\n    stdin: \"1\""), "missing_expectation", "suite.yaml:5" },
        { Manifest("  - {name: a, points: 1, call: {function: f}, expected: 1}", "[scratch]"), "call_requires_python", "suite.yaml:5" },
        { Manifest("  - name: a\n    points: 1\n    expectedStdout: x\n    compare: fuzzy"), "unknown_compare_mode", "suite.yaml:8" },
        { Manifest("  - name: a\n    points: 1\n    expectedStdout: \"(\\\\d+\"\n    compare: regex"), "invalid_regex", "suite.yaml:7" },
        { Manifest("  - {name: a, points: 1, expectedStdout: x}\n  - {name: a, points: 2, expectedStdout: y}"), "duplicate_test_name", "suite.yaml:6" },
        { Manifest("  - {name: a, points: 0, expectedStdout: x}"), "invalid_points", "suite.yaml:5" },
        { Manifest("  - {name: a, points: -2, expectedStdout: x}"), "invalid_points", "suite.yaml:5" },
        { Manifest("  - {name: a, points: two, expectedStdout: x}"), "invalid_type", "suite.yaml:5" },
        { "slug: s\ntitle: T\nlanguages: [python]\nlimits: {timeSeconds: 0.05}\ntests:\n  - {name: a, points: 1, expectedStdout: x}", "limit_out_of_range", "suite.yaml:4" },
        { "slug: s\ntitle: T\nlanguages: [python]\nlimits:\n  memoryMb: 2048\ntests:\n  - {name: a, points: 1, expectedStdout: x}", "limit_out_of_range", "suite.yaml:5" },
        { Manifest("  - {name: a, points: 1, expectedStdout: x, limits: {timeSeconds: 31}}"), "limit_out_of_range", "suite.yaml:5" },
        { Manifest("  - {name: a, points: 1, expectedStdout: x, limits: {memoryMb: 8}}"), "limit_out_of_range", "suite.yaml:5" },
        { Manifest("  - {name: a, points: 1, stdinFile: a.in, expectedStdout: x}"), "missing_file", "suite.yaml:5" },
        { Manifest("  - {name: a, points: 1, expectedStdout: x, checker: check.py}"), "missing_file", "suite.yaml:5" },
        { Manifest("  - {name: a, points: 1, expected: 3}"), "expected_without_call", "suite.yaml:5" },
        { Manifest("  - {name: a, points: 1, expectedStdout: x}", "[python, logo]"), "unknown_language", "suite.yaml:3" },
        { Manifest("  - {name: a, points: 1, expectedStdout: x, visibility: secret}"), "unknown_visibility", "suite.yaml:5" },
        { Manifest("  - {name: a, points: 1, expectedStdout: x, tolerance: 0.1}"), "tolerance_not_applicable", "suite.yaml:5" },
        { Manifest("  - {name: a, points: 1, expectedStdout: x, compare: exact, caseSensitive: false}"), "case_sensitivity_not_applicable", "suite.yaml:5" },
        { Manifest("  - {name: a, points: 1, expectedStdout: x, caseSensitive: no}"), "invalid_type", "suite.yaml:5" },
        { Manifest("  - {name: a, group: small, expectedStdout: x}"), "unknown_group", "suite.yaml:5" },
        { "slug: s\ntitle: T\nlanguages: [python]\ngroups: {small: 3}\ntests:\n  - {name: a, group: small, points: 1, expectedStdout: x}", "points_on_grouped_test", "suite.yaml:6" },
        { "slug: s\ntitle: T\nlanguages: [python]\ngroups: {small: 3, large: 4}\ntests:\n  - {name: a, group: small, expectedStdout: x}", "empty_group", "suite.yaml:4" },
        { "slug: s\ntitle: T\nlanguages: [python]\ngroups: {small: 0}\ntests:\n  - {name: a, group: small, expectedStdout: x}", "invalid_points", "suite.yaml:4" },
        { "slug: s\ntitle: T\nlanguages: [python]\ngroups: [small]\ntests:\n  - {name: a, group: small, expectedStdout: x}", "invalid_type", "suite.yaml:4" },
        { Manifest("  - {name: a, points: 1, expectedStdout: x, compare: float, tolerance: -1}"), "invalid_value", "suite.yaml:5" },
        { Manifest("  - {name: a, points: 1, expectedStdout: x, compare: float, tolerance: {absolute: 1, exact: 2}}"), "unknown_key", "suite.yaml:5" },
        { Manifest("  - {name: a, points: 1, stdin: x, stdin: y, expectedStdout: x}"), "duplicate_key", "suite.yaml:5" },
        { Manifest("  - {name: a, points: 1, expectedStdout: x, call: {function: 1f}}"), "invalid_value", "suite.yaml:5" },
        { Manifest("  - {name: a, points: 1, expectedStdout: x, call: {function: f, args: 3}}"), "invalid_type", "suite.yaml:5" },
        { Manifest("  - {name: a, points: 1, call: {function: f}, expected: .nan}"), "invalid_value", "suite.yaml:5" },
        { Manifest("  - {name: a, points: 1, expectedStdout: x}").Replace("slug: sum", "slug: Sum Two"), "invalid_slug", "suite.yaml:1" },
        { Manifest(""), "invalid_type", "suite.yaml:4" },
        { Manifest("  - {name: a, points: 1, expectedStdout: \"x\\0y\"}"), "unstorable_text", "suite.yaml:5" },
        { Manifest("  - {name: a, points: 1, call: {function: f, args: [\"\\0\"]}, expected: 1}"), "unstorable_text", "suite.yaml:5" },
        { "slug: s\ntitle: T\nlanguages: [python]\ntests: []", "no_tests", "suite.yaml:4" },
        { "slug: s\ntitle: T\nlanguages: [python]\nreference: {language: scratch, file: a.sb3}\ntests:\n  - {name: a, points: 1, expectedStdout: x}", "reference_language_not_allowed", "suite.yaml:4" },
        { "slug: s\ntitle: [unclosed\n", "invalid_manifest", "suite.yaml:3" },
        { "- just\n- a list\n", "invalid_type", "suite.yaml:1" },
        { "", "invalid_manifest", "suite.yaml" },
        { "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n", "manifest_too_complex", "suite.yaml" },
    };

    [Theory]
    [MemberData(nameof(BadManifests))]
    public void A_bad_manifest_is_refused_naming_the_line(string manifest, string code, string where)
    {
        var result = SuiteParser.Parse(Utf8(manifest));

        Assert.Null(result.Suite);
        Assert.Contains(result.Problems, p => p.Code == code && p.Where == where);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_the_field_path()
    {
        var yaml = Manifest("  - {name: a, points: 0, expectedStdout: x}\n  - {name: b, points: 1, compare: fuzzy, expectedStdout: x}");

        var result = SuiteParser.Parse(Utf8(yaml));

        Assert.Contains(result.Problems, p => p is { Code: "invalid_points", Field: "tests[0].points" });
        Assert.Contains(result.Problems, p => p is { Code: "unknown_compare_mode", Field: "tests[1].compare" });
    }

    [Fact]
    public void A_misspelt_key_suggests_the_right_one()
    {
        var result = SuiteParser.Parse(Utf8(Manifest("  - {name: a, points: 1, expected_stdout: x}")));

        Assert.Contains(result.Problems, p => p.Code == "unknown_key" && p.Message.Contains("Did you mean 'expectedStdout'?"));
    }

    [Fact]
    public void A_json_manifest_names_its_lines_and_refuses_duplicate_keys()
    {
        var json = "{\n  \"slug\": \"s\",\n  \"title\": \"T\",\n  \"languages\": [\"python\"],\n  \"tests\": [\n"
            + "    {\"name\": \"a\", \"points\": 1, \"expectedStdout\": \"x\",\n     \"points\": 2, \"bogus\": 1}\n  ]\n}";

        var result = SuiteParser.Parse(Encoding.UTF8.GetBytes(json));

        Assert.Contains(result.Problems, p => p is { Code: "duplicate_key", Where: "suite.json:7" });
        Assert.Contains(result.Problems, p => p is { Code: "unknown_key", Where: "suite.json:7", Field: "tests[0].bogus" });
    }

    [Fact]
    public void Malformed_json_is_refused_with_its_line()
    {
        var problem = SingleProblem(SuiteParser.Parse(Encoding.UTF8.GetBytes("{\n  \"slug\": \"s\",\n  \"title\": }")));

        Assert.Equal("invalid_manifest", problem.Code);
        Assert.Equal("suite.json:3", problem.Where);
    }

    [Fact]
    public void A_missing_checker_is_reported_once_as_missing_not_as_a_test_without_expectation()
    {
        var problem = SingleProblem(SuiteParser.Parse(Utf8(Manifest("  - {name: a, points: 1, checker: check.py}"))));

        Assert.Equal("missing_file", problem.Code);
    }

    [Fact]
    public void A_test_judged_by_a_checker_alone_parses()
    {
        var zip = Zip(("suite.yaml", Utf8(Manifest("  - {name: a, points: 1, stdin: \"5\", checker: checks/a.py}"))),
            ("checks/a.py", Utf8("import sys\n")));

        var result = SuiteParser.Parse(zip);

        Assert.Equal("checks/a.py", result.Suite!.Tests[0].Checker);
        Assert.Empty(SuiteFiles.ProgramDataFiles(result.Suite, result.Files));
    }

    [Fact]
    public void An_interactive_test_parses_and_its_interactor_stays_out_of_the_programs_files()
    {
        var zip = Zip(("suite.yaml", Utf8(Manifest("  - {name: game, points: 5, stdin: \"1 100 7\", interactive: {file: game/interactor.py}}"))),
            ("game/interactor.py", Utf8("import sys\n")));

        var result = SuiteParser.Parse(zip);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        Assert.Equal("game/interactor.py", result.Suite!.Tests[0].Interactive?.File);
        Assert.Empty(SuiteFiles.ProgramDataFiles(result.Suite, result.Files));
        Assert.Equal("game/interactor.py", SuiteJson.Deserialize(SuiteJson.Serialize(result.Suite)).Tests[0].Interactive?.File);
    }

    [Fact]
    public void A_metric_test_parses_and_its_labels_stay_out_of_the_programs_files()
    {
        var zip = Zip(("suite.yaml", Utf8(Manifest(
                "  - {name: iris, points: 10, metric: {kind: f1, labelsFile: hidden/labels.txt, scale: {zero: 0.5, full: 0.9}}}"))),
            ("hidden/labels.txt", Utf8("a\nb\n")), ("train.csv", Utf8("x,y\n1,a\n")));

        var result = SuiteParser.Parse(zip);

        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        var expected = new SuiteMetric(MetricKind.F1, "hidden/labels.txt", Scale: new MetricScale(0.5, 0.9));
        Assert.Equal(expected, result.Suite!.Tests[0].Metric);
        Assert.Equal(["train.csv"], SuiteFiles.ProgramDataFiles(result.Suite, result.Files).Keys);
        Assert.Equal(expected, SuiteJson.Deserialize(SuiteJson.Serialize(result.Suite)).Tests[0].Metric);
    }

    [Theory]
    [InlineData("{kind: auc, labelsFile: l.txt, threshold: 0.8}", "unknown_metric", "tests[0].metric.kind")]
    [InlineData("{labelsFile: l.txt, threshold: 0.8}", "missing_field", "tests[0].metric.kind")]
    [InlineData("{kind: accuracy, threshold: 0.8}", "missing_field", "tests[0].metric.labelsFile")]
    [InlineData("{kind: accuracy, labelsFile: nowhere.txt, threshold: 0.8}", "missing_file", "tests[0].metric.labelsFile")]
    [InlineData("{kind: accuracy, labelsFile: l.txt}", "missing_field", "tests[0].metric")]
    [InlineData("{kind: accuracy, labelsFile: l.txt, threshold: 0.8, scale: {zero: 0, full: 1}}", "conflicting_fields", "tests[0].metric")]
    [InlineData("{kind: rmse, labelsFile: l.txt, scale: {zero: 1, full: 1}}", "invalid_value", "tests[0].metric.scale")]
    [InlineData("{kind: rmse, labelsFile: l.txt, scale: {zero: 1}}", "missing_field", "tests[0].metric.scale.full")]
    [InlineData("{kind: mae, labelsFile: l.txt, threshold: low}", "invalid_type", "tests[0].metric.threshold")]
    [InlineData("{kind: mae, labelsFile: l.txt, threshold: 1}, expectedStdout: x", "conflicting_fields", "tests[0].expectedStdout")]
    public void A_bad_metric_test_is_refused_on_its_field(string metric, string code, string field)
    {
        var zip = Zip(("suite.yaml", Utf8(Manifest($"  - {{name: m, points: 1, metric: {metric}}}"))), ("l.txt", Utf8("1\n")));

        var result = SuiteParser.Parse(zip);

        Assert.Null(result.Suite);
        Assert.Contains(result.Problems, p => p.Code == code && p.Field == field);
    }

    [Theory]
    [InlineData("  - {name: g, points: 1, expectedStdout: x, interactive: {file: i.py}}", "[python]", "conflicting_fields", "tests[0].expectedStdout")]
    [InlineData("  - {name: g, points: 1, checker: i.py, interactive: {file: i.py}}", "[python]", "conflicting_fields", "tests[0].checker")]
    [InlineData("  - {name: g, points: 1, interactive: {file: i.py}}", "[python, scratch]", "interactive_requires_python", "tests[0].interactive")]
    [InlineData("  - {name: g, points: 1, interactive: {file: nowhere.py}}", "[python]", "missing_file", "tests[0].interactive.file")]
    [InlineData("  - {name: g, points: 1, interactive: {path: i.py}}", "[python]", "unknown_key", "tests[0].interactive.path")]
    public void A_bad_interactive_test_is_refused_on_its_field(string tests, string languages, string code, string field)
    {
        var zip = Zip(("suite.yaml", Utf8(Manifest(tests, languages))), ("i.py", Utf8("import sys\n")));

        var result = SuiteParser.Parse(zip);

        Assert.Null(result.Suite);
        Assert.Contains(result.Problems, p => p.Code == code && p.Field == field);
    }

    [Fact]
    public void A_regex_pattern_from_a_file_is_checked_too()
    {
        var zip = Zip(("suite.yaml", Utf8(Manifest("  - {name: a, points: 1, compare: regex, expectedStdoutFile: p.txt}"))),
            ("p.txt", Utf8("[unclosed\n")));

        var problem = SingleProblem(SuiteParser.Parse(zip));

        Assert.Equal("invalid_regex", problem.Code);
    }

    [Fact]
    public void A_manifest_that_is_not_utf8_is_refused()
    {
        var eucKr = new byte[] { 0xC7, 0xD5 }; // "합" in EUC-KR, invalid as UTF-8
        var manifest = Utf8("slug: s\ntitle: ").Concat(eucKr).Concat(Utf8("\n")).ToArray();

        Assert.Equal("not_utf8", SingleProblem(SuiteParser.Parse(manifest)).Code);
        Assert.Equal("not_utf8", SingleProblem(SuiteParser.Parse(Zip(("suite.yaml", manifest)))).Code);
    }

    [Fact]
    public void A_named_text_file_that_is_not_utf8_is_refused_naming_the_file()
    {
        var zip = Zip(("suite.yaml", Utf8(Manifest("  - {name: a, points: 1, expectedStdoutFile: out/a.txt}"))),
            ("out/a.txt", [0xC7, 0xD5, 0x0A]));

        var problem = SingleProblem(SuiteParser.Parse(zip));

        Assert.Equal(("not_utf8", "out/a.txt"), (problem.Code, problem.Where));
    }

    [Fact]
    public void A_manifest_larger_than_the_limit_is_refused()
    {
        var manifest = Utf8(Manifest("  - {name: a, points: 1, expectedStdout: x}") + new string('#', 2000));

        var problem = SingleProblem(SuiteParser.Parse(manifest, new SuiteUploadLimits(MaxManifestBytes: 1000)));

        Assert.Equal("manifest_too_large", problem.Code);
    }

    [Theory]
    [InlineData("../evil.txt")]
    [InlineData("data/../../evil.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("C:/Windows/evil.txt")]
    [InlineData("..\\evil.txt")]
    public void Zip_entries_that_leave_the_folder_are_refused(string path)
    {
        var zip = Zip(("suite.yaml", Utf8(Manifest("  - {name: a, points: 1, expectedStdout: x}"))), (path, Utf8("x")));

        var problem = SingleProblem(SuiteParser.Parse(zip));

        Assert.Equal(("zip_unsafe_path", path), (problem.Code, problem.Where));
    }

    [Fact]
    public void Zip_symlinks_are_refused()
    {
        var zip = Zip(("suite.yaml", Utf8(Manifest("  - {name: a, points: 1, expectedStdoutFile: a.out}")), 0x81A4),
            ("a.out", Utf8("/etc/shadow"), UnixSymlinkMode));

        var result = SuiteParser.Parse(zip);

        Assert.Null(result.Suite);
        Assert.Contains(result.Problems, p => p is { Code: "zip_symlink", Where: "a.out" });
    }

    [Fact]
    public void A_zip_with_too_many_entries_is_refused()
    {
        var entries = Enumerable.Range(0, 5).Select(i => ($"f{i}.txt", Utf8("x"))).Prepend(("suite.yaml", Utf8("x"))).ToArray();

        var problem = SingleProblem(SuiteParser.Parse(Zip(entries), new SuiteUploadLimits(MaxEntries: 5)));

        Assert.Equal("zip_too_many_entries", problem.Code);
    }

    [Fact]
    public void A_zip_that_inflates_past_the_limit_is_refused()
    {
        var zip = Zip(("suite.yaml", Utf8(Manifest("  - {name: a, points: 1, expectedStdout: x}"))), ("zeros.bin", new byte[200_000]));
        Assert.True(zip.Length < 2_000, "the test zip should be a small bomb");

        var problem = SingleProblem(SuiteParser.Parse(zip, new SuiteUploadLimits(MaxTotalBytes: 100_000)));

        Assert.Equal(("zip_too_large", "zeros.bin"), (problem.Code, problem.Where));
    }

    [Fact]
    public void A_zip_whose_headers_understate_the_size_is_still_refused()
    {
        var zip = Zip(("zeros.bin", new byte[200_000]), ("suite.yaml", Utf8(Manifest("  - {name: a, points: 1, expectedStdout: x}"))));
        ClaimUncompressedSize(zip, "zeros.bin", 10);

        var result = SuiteParser.Parse(zip, new SuiteUploadLimits(MaxTotalBytes: 100_000));

        Assert.Equal(("zip_corrupt", "zeros.bin"), (SingleProblem(result).Code, SingleProblem(result).Where));
    }

    [Fact]
    public void A_zip_without_one_manifest_is_refused()
    {
        Assert.Equal("missing_manifest", SingleProblem(SuiteParser.Parse(Zip(("readme.txt", Utf8("x"))))).Code);
        Assert.Equal("ambiguous_manifest", SingleProblem(SuiteParser.Parse(Zip(("suite.yaml", Utf8("x")), ("suite.json", Utf8("{}"))))).Code);
    }

    [Fact]
    public void A_zip_holding_a_file_twice_is_refused()
    {
        var zip = Zip(("suite.yaml", Utf8(Manifest("  - {name: a, points: 1, expectedStdout: x}"))), ("a.txt", Utf8("1")), ("a.txt", Utf8("2")));

        Assert.Equal("zip_duplicate_entry", SingleProblem(SuiteParser.Parse(zip)).Code);
    }

    [Fact]
    public void A_corrupt_zip_is_refused_not_thrown()
    {
        var zip = SpecZip();
        var truncated = zip[..(zip.Length / 2)];

        Assert.Equal("zip_corrupt", SingleProblem(SuiteParser.Parse(truncated)).Code);
    }

    /// <summary>Rewrites an entry's uncompressed size in its local header and central directory record, as a zip bomb would.</summary>
    private static void ClaimUncompressedSize(byte[] zip, string entryName, uint size)
    {
        var name = Encoding.UTF8.GetBytes(entryName);
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(zip.AsSpan(i));
            var (sizeOffset, nameOffset) = signature switch
            {
                0x04034b50 => (22, 30), // local file header
                0x02014b50 => (24, 46), // central directory header
                _ => (-1, -1),
            };
            if (sizeOffset >= 0 && zip.AsSpan(i + nameOffset).StartsWith(name))
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + sizeOffset), size);
        }
    }
}
