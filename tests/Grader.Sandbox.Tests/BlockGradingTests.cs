using System.Text;
using Grader.Grading;
using Grader.Grading.Blocks;
using Grader.Grading.Suites;
using Grader.Grading.Tests.Blocks;

namespace Grader.Sandbox.Tests;

/// <summary>
/// Each block fixture graded the way the worker grades it: BlockProgramReader's output in the real
/// grader-runner-blocks image through the real Docker engine, compared outside the sandbox.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class BlockGradingTests(DockerFixture docker)
{
    private readonly SubmissionGrader _grader = new(docker.Sandbox);

    public static TheoryData<ProgramLanguage, string, string, string> Fixtures => new()
    {
        { ProgramLanguage.Scratch, "double.sb3", "21\n", "42\n" },
        { ProgramLanguage.Scratch, "sum-loop.json", "10\n", "The sum is\n55\n" },
        { ProgramLanguage.Scratch, "sort-list.json", "4\n5\n1\n10\n3\n", "1\n3\n5\n10\n" },
        { ProgramLanguage.Scratch, "custom-block.json", "Ana\n", "Hello Ana\nHello Ana\nBye\n" },
        { ProgramLanguage.Scratch, "broadcast.json", "Ana\n", "Hi Ana\nNice to meet you!\nI am a clone\n" },
        // "10" + "5" says 15; "apple" = "APPLE" is true; join (0.1 + 0.2) "" says every digit, while the number
        // itself in a speech bubble shows two decimals, as scratch-vm's looks blocks format it; item 1 is the first.
        { ProgramLanguage.Scratch, "casting.json", "", "15\ntrue\n0.30000000000000004\n0.30\n2.50\napple\n42\n" },
        // Frames as the editor runs them: a moving sprite beside a waiting script, the stage's fence and a timer hat
        // (docker/runner-blocks/test/run-scratch.test.js has the scratch-vm lines behind each).
        { ProgramLanguage.Scratch, "editor-order.json", "", "B sees 40\nA x=50\n273\nhalf a second\n" },
        { ProgramLanguage.Entry, "double.ent", "21\n", "42\n" },
        { ProgramLanguage.Entry, "sum-loop.json", "10\n", "The sum is\n55\n" },
        { ProgramLanguage.Entry, "sort-list.json", "4\n5\n1\n10\n3\n", "1\n3\n5\n10\n" },
        { ProgramLanguage.Entry, "function.json", "Ana\n", "Hello Ana\nHello Ana\nBye\n" },
        { ProgramLanguage.Entry, "broadcast.json", "Ana\n", "Hi Ana\nNice to meet you!\n" },
        // "10" + "5" says 15; "apple" = "APPLE" is false, which a dialog shows as False (block_looks.js dialog:
        // `message = message ? 'True' : 'False'`); 0.1 + 0.2 adds exactly; 10 / 3 shows three decimals.
        { ProgramLanguage.Entry, "casting.json", "", "15\nFalse\n0.3\n3.333\napple1\napple\n2\n" },
        // Clones with their own copy of an object variable, a function local variable, a text box write and a
        // scene change, as entryjs runs them (docker/runner-blocks/test/run-entry-blocks.test.js has each rule).
        { ProgramLanguage.Entry, "clones-text-scenes.json", "3\n", "clone 1\nclone 2\nclone 3\ndouble: 12\ntotal: 6\nbye\n" },
        { ProgramLanguage.Blockly, "double.json", "21\n", "42.0\n" },
        { ProgramLanguage.Blockly, "sum-loop.xml", "10\n", "55\n" },
        { ProgramLanguage.Blockly, "sort-list.json", "4\n5\n1\n10\n3\n", "1.0\n3.0\n5.0\n10.0\n" },
        { ProgramLanguage.Blockly, "function.xml", "Ana\n", "Hello Ana\nHello Ana\nBye\n" },
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task A_fixture_passes_with_the_right_output_and_fails_with_a_wrong_one(
        ProgramLanguage language, string file, string stdin, string expected)
    {
        var report = await GradeAsync(BlockFixtures.Read(language, file), Suite(
            Test("right", stdin, expected),
            Test("wrong", stdin, expected + "one more line\n")));

        Assert.Equal([Verdict.Passed, Verdict.WrongAnswer], report.Tests.Select(t => t.Verdict));
        Assert.Equal(expected, report.Tests[0].Stdout);
        Assert.NotNull(report.Profile);
    }

    [Fact]
    public async Task A_forever_loop_that_never_says_anything_is_a_time_limit()
    {
        var report = await GradeAsync(BlockFixtures.Read(ProgramLanguage.Scratch, "forever.json"), Suite(Test("forever", "", "")) with
        {
            Limits = new SuiteLimits(1, 128),
        });

        Assert.Equal(Verdict.TimeLimitExceeded, report.Tests.Single().Verdict);
    }

    [Fact]
    public async Task A_custom_block_calling_itself_without_end_is_a_memory_limit()
    {
        var report = await GradeAsync(BlockFixtures.Read(ProgramLanguage.Scratch, "endless-recursion.json"), Suite(Test("grow", "", "")) with
        {
            Limits = new SuiteLimits(10, 64),
        });

        Assert.Equal(Verdict.MemoryLimitExceeded, report.Tests.Single().Verdict);
    }

    [Fact]
    public async Task Every_test_of_a_Scratch_submission_keeps_its_own_verdict_in_one_runtime_process()
    {
        // echo-or-hang.json says its answer, but loops for ever on "loop" and grows a warp-mode custom block
        // without end on "grow". All five tests share one node process (docker/runner-blocks/lib/batch.js): the
        // loop passes its own second at a frame's end, the heap that fills kills the process, and the tests after
        // each still run, the one after "grow" in a fresh process.
        var report = await GradeAsync(BlockFixtures.Read(ProgramLanguage.Scratch, "echo-or-hang.json"), Suite(
            Test("first", "a\n", "a\n"),
            Test("loop", "loop\n", "") with { Limits = new SuiteLimitsOverride(1, null) },
            Test("second", "b\n", "b\n"),
            Test("grow", "grow\n", ""),
            Test("third", "c\n", "c\n")) with
        {
            Limits = new SuiteLimits(10, 64),
        });

        Assert.Equal([Verdict.Passed, Verdict.TimeLimitExceeded, Verdict.Passed, Verdict.MemoryLimitExceeded, Verdict.Passed],
            report.Tests.Select(t => t.Verdict));
        Assert.Equal(["a\n", "", "b\n", "", "c\n"], report.Tests.Select(t => t.Stdout));
    }

    [Fact]
    public async Task An_Entry_block_the_interpreter_cannot_run_is_a_runtime_error_naming_it()
    {
        // The API refuses this file; the runtime still names the block if one ever gets through.
        var program = new BlockProgram(ProgramLanguage.Entry, "project.json",
            Encoding.UTF8.GetString(BlockFixtures.Bytes(ProgramLanguage.Entry, "unsupported.json")));

        var report = await GradeAsync(program, Suite(Test("mouse", "", "")));

        var outcome = report.Tests.Single();
        Assert.Equal(Verdict.RuntimeError, outcome.Verdict);
        Assert.Contains("coordinate_mouse", outcome.Error!.Message);
    }

    [Fact]
    public async Task A_Blockly_block_without_a_Python_generator_is_a_compile_error_naming_it_for_every_test()
    {
        var program = new BlockProgram(ProgramLanguage.Blockly, "workspace.json",
            """{"blocks": {"languageVersion": 0, "blocks": [{"type": "turtle_forward", "id": "t1", "x": 0, "y": 0}]}}""");

        var report = await GradeAsync(program, Suite(Test("one", "", ""), Test("two", "", "")));

        Assert.All(report.Tests, outcome =>
        {
            Assert.Equal(Verdict.CompileError, outcome.Verdict);
            Assert.Contains("turtle_forward", outcome.Error!.Message);
        });
    }

    [Fact]
    public async Task Requires_and_profile_points_are_lines_after_the_tests()
    {
        var program = BlockFixtures.Read(ProgramLanguage.Scratch, "sum-loop.json");
        var suite = Suite(Test("sum", "10\n", "The sum is\n55\n")) with
        {
            Requires = ["loop", "variable", "list"],
            RequiresPoints = 2,
            ProfilePoints = 3,
        };

        var report = await GradeAsync(program, suite);

        Assert.Equal(["sum", "requires: loop, variable, list", BlockProgramScore.ProfileTestName], report.Tests.Select(t => t.Name));
        var requires = report.Tests[1];
        Assert.Equal(Verdict.WrongAnswer, requires.Verdict);
        Assert.Equal(0, requires.Points);
        Assert.Equal("list", requires.Difference!.Actual);
        var profile = ComputationalThinkingProfile.Of(program);
        Assert.Equal(profile, report.Profile);
        Assert.Equal(Math.Round(3m * profile.Total / 21, 2), report.Tests[2].Points);
        Assert.Equal(suite.MaxScore, report.Tests.Sum(t => t.MaxPoints));
    }

    private Task<GradingReport> GradeAsync(BlockProgram program, SuiteDefinition suite) =>
        _grader.GradeAsync(new ProgramFiles(program.Language, new Dictionary<string, byte[]>
        {
            [program.FileName] = Encoding.UTF8.GetBytes(program.Text),
        }), suite, new Dictionary<string, byte[]>(), $"blocks-test-{Guid.NewGuid():N}", CancellationToken.None);

    private static SuiteTest Test(string name, string stdin, string expected) =>
        new(name, 1, TestVisibility.Visible, Stdin: stdin, ExpectedStdout: expected, Compare: CompareMode.Exact);

    private static SuiteDefinition Suite(params SuiteTest[] tests) => new("blocks", "blocks",
        [ProgramLanguage.Scratch, ProgramLanguage.Entry, ProgramLanguage.Blockly], new SuiteLimits(2, 128), null, false, tests);
}
