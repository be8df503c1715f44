using System.Text.Json;
using System.Text.Json.Nodes;
using Grader.Grading.Running;
using Grader.Grading.Suites;

namespace Grader.Grading.Tests.Suites;

public class SuiteJsonTests
{
    private static SuiteDefinition Sample() => new(
        "sum-two-numbers", "두 수의 합", [ProgramLanguage.Python, ProgramLanguage.Scratch], new SuiteLimits(2, 128),
        new SuiteReference(ProgramLanguage.Python, "solution.py"), PromptsAreOutput: false,
        [
            new SuiteTest("small", 2, TestVisibility.Visible, Stdin: "1 2\n", ExpectedStdout: "3\n"),
            new SuiteTest("large", 3, TestVisibility.AfterDue, StdinFile: "large.in", ExpectedStdoutFile: "large.out",
                Compare: CompareMode.UnorderedLines, Tolerance: new FloatTolerance(1e-6, null),
                Limits: new SuiteLimitsOverride(5, null)),
            new SuiteTest("returns none", 1, Call: new FunctionCallSpec("f", new JsonArray(1, "a")),
                Expected: JsonDocument.Parse("null").RootElement),
        ],
        Requires: ["loop"], RequiresPoints: 1);

    [Fact]
    public void Stored_json_uses_camel_case_and_snake_case_enum_names()
    {
        var json = JsonNode.Parse(SuiteJson.Serialize(Sample()))!;

        Assert.Equal("after_due", (string?)json["tests"]![1]!["visibility"]);
        Assert.Equal("unordered_lines", (string?)json["tests"]![1]!["compare"]);
        Assert.Equal("python", (string?)json["languages"]![0]);
        Assert.Equal(2, (double?)json["limits"]!["timeSeconds"]);
        Assert.False(json["tests"]![0]!.AsObject().ContainsKey("expected"));
    }

    [Fact]
    public void Round_trip_keeps_every_field_and_an_explicit_null_expected_value()
    {
        var original = Sample();

        var back = SuiteJson.Deserialize(SuiteJson.Serialize(original));

        Assert.Equal(original.Slug, back.Slug);
        Assert.Equal(original.Languages, back.Languages);
        Assert.Equal(original.Reference, back.Reference);
        Assert.Equal(original.Requires, back.Requires);
        Assert.Equal(1, back.RequiresPoints);
        Assert.Equal(original.Tests[1], back.Tests[1]);
        Assert.Null(back.Tests[0].Expected);
        Assert.Equal(JsonValueKind.Null, back.Tests[2].Expected!.Value.ValueKind);
        Assert.Equal("f", back.Tests[2].Call!.Function);
        Assert.Equal("[1,\"a\"]", back.Tests[2].Call!.Args.ToJsonString());
    }

    [Fact]
    public void Test_limits_override_only_what_they_name()
    {
        var suite = Sample();

        Assert.Equal(new SuiteLimits(5, 128), suite.LimitsFor(suite.Tests[1]));
        Assert.Equal(new SuiteLimits(2, 128), suite.LimitsFor(suite.Tests[0]));
        Assert.Equal(7, suite.MaxScore);
    }
}
