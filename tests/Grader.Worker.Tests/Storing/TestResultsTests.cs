using Grader.Core.Domain;
using Grader.Grading;
using Grader.Grading.Blocks;
using Grader.Grading.Suites;
using Grader.Worker.Storing;

namespace Grader.Worker.Tests.Storing;

public sealed class TestResultsTests
{
    private static readonly BlockProgram s_asker = new(ProgramLanguage.Blockly, "workspace.json",
        """{"blocks": {"languageVersion": 0, "blocks": [{"type": "text_print", "inputs": {"TEXT": {"block": {"type": "text_prompt_ext"}}}}]}}""");

    private static readonly SuiteDefinition s_suite = new("s", "s", [ProgramLanguage.Blockly], SuiteLimits.Default, null, false,
        [new SuiteTest("t", 1)], Requires: ["ask", "loop"], RequiresPoints: 2);

    [Fact]
    public void A_missing_required_construct_is_stored_with_its_own_message_naming_what_is_missing()
    {
        var requirement = BlockProgramScore.Outcomes(s_suite, s_asker, ComputationalThinkingProfile.Of(s_asker)).Single();

        var stored = TestResults.From(Guid.NewGuid(), requirement);

        Assert.Equal(Verdict.WrongAnswer, stored.Verdict);
        Assert.Equal("requirement", stored.MessageCode);
        var feedback = TestFeedback.FromJson(stored.MessageDetail)!;
        Assert.Equal("requirement", feedback.Kind);
        Assert.Equal("ask, loop", feedback.Expected);
        Assert.Equal("loop", feedback.Actual);
    }

    [Fact]
    public void Met_requirements_keep_the_passed_message()
    {
        var suite = s_suite with { Requires = ["ask"] };
        var requirement = BlockProgramScore.Outcomes(suite, s_asker, ComputationalThinkingProfile.Of(s_asker)).Single();

        var stored = TestResults.From(Guid.NewGuid(), requirement);

        Assert.Equal("passed", stored.MessageCode);
        Assert.Equal(2, stored.Points);
    }
}
