using System.Text.Json;
using Grader.Grading.Suites;

namespace Grader.Grading.Tests;

/// <summary>
/// The one naming of the grading vocabulary: the names SPEC.md fixes (its verdict list), and JSON and
/// <see cref="WireNames.ToWire{TEnum}"/> agreeing for every member, both ways.
/// </summary>
public sealed class WireNamesTests
{
    [Fact]
    public void Verdicts_are_named_as_the_contract_lists_them()
    {
        Assert.Equal(["passed", "wrong_answer", "presentation_error", "time_limit_exceeded", "memory_limit_exceeded",
            "output_limit_exceeded", "runtime_error", "compile_error", "unsupported", "internal_error"], WireNames.All<Verdict>());
        Assert.Equal(["visible", "hidden", "after_due"], WireNames.All<TestVisibility>());
        Assert.Equal(["python", "scratch", "entry", "blockly"], WireNames.All<ProgramLanguage>());
        Assert.Equal(["exact", "trim", "tokens", "float", "regex", "unordered_lines"], WireNames.All<CompareMode>());
    }

    [Fact]
    public void Json_and_the_wire_name_agree_both_ways()
    {
        AssertAgree<Verdict>();
        AssertAgree<TestVisibility>();
        AssertAgree<ProgramLanguage>();
        AssertAgree<CompareMode>();
    }

    [Fact]
    public void Only_the_exact_wire_name_reads()
    {
        Assert.True(WireNames.TryParseWire<TestVisibility>("after_due", out var visibility));
        Assert.Equal(TestVisibility.AfterDue, visibility);
        Assert.False(WireNames.TryParseWire<TestVisibility>("AfterDue", out _));
        Assert.False(WireNames.TryParseWire<TestVisibility>("1", out _));
        Assert.Throws<FormatException>(() => WireNames.ParseWire<Verdict>("accepted"));
    }

    private static void AssertAgree<TEnum>() where TEnum : struct, Enum
    {
        foreach (var value in Enum.GetValues<TEnum>())
        {
            Assert.Equal($"\"{value.ToWire()}\"", JsonSerializer.Serialize(value));
            Assert.Equal(value, JsonSerializer.Deserialize<TEnum>($"\"{value.ToWire()}\""));
            Assert.Equal(value, WireNames.ParseWire<TEnum>(value.ToWire()));
        }
    }
}
