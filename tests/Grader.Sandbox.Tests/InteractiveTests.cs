using System.Diagnostics;
using System.Text;
using Grader.Grading;
using Grader.Grading.Suites;
using Grader.Tests.Shared;
using Xunit.Abstractions;

namespace Grader.Sandbox.Tests;

/// <summary>
/// Interactive tests in the real runner image: the program and the designer's interactor in two containers at once,
/// connected through the worker. The number-guessing game is graded right, wrong, silent and flooding, and an
/// interactor that crashes or gives a share decides as SPEC.md says.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class InteractiveTests(DockerFixture docker, ITestOutputHelper output)
{
    private const int Points = 10;

    private readonly string _label = $"interactive-test-{Guid.NewGuid():N}";

    [Fact]
    public async Task A_program_that_picks_its_number_at_random_is_played_to_정답_each_time()
    {
        for (var game = 0; game < 3; game++)
        {
            var stopwatch = Stopwatch.StartNew();
            var test = await GradeAsync(GuessingGame.Right);
            output.WriteLine($"game {game}: {test.Verdict} in {stopwatch.ElapsedMilliseconds} ms, answers: {test.Stdout.Replace('\n', '/')}");

            Assert.Equal((Verdict.Passed, Points), (test.Verdict, test.Points));
            Assert.EndsWith("정답\n", test.Stdout);
            Assert.DoesNotContain("숫자를", test.Stdout); // the prompt never reached the interactor
        }
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_program_that_never_says_정답_is_a_wrong_answer()
    {
        var test = await GradeAsync(GuessingGame.Wrong);

        Assert.Equal((Verdict.WrongAnswer, 0m), (test.Verdict, test.Points));
        Assert.DoesNotContain("정답", test.Stdout);
        // The program then read the end of its input and crashed; the interactor had decided before.
        Assert.Null(test.Error);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_program_that_stops_answering_is_a_time_limit_not_a_hang()
    {
        var stopwatch = Stopwatch.StartNew();
        var test = await GradeAsync(GuessingGame.Silent);
        output.WriteLine($"silent program: {test.Verdict} in {stopwatch.ElapsedMilliseconds} ms");

        Assert.Equal((Verdict.TimeLimitExceeded, 0m), (test.Verdict, test.Points));
        // One second of CPU gives three of wall clock; the interactor's own limit is five seconds longer.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(3 + 5), $"took {stopwatch.Elapsed}");
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task A_program_that_floods_is_an_output_limit_even_after_the_interactor_gave_up()
    {
        var test = await GradeAsync(GuessingGame.Flooding);

        Assert.Equal((Verdict.OutputLimitExceeded, 0m), (test.Verdict, test.Points));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task An_interactor_that_crashes_is_an_internal_error_naming_its_exception()
    {
        var test = await GradeAsync(GuessingGame.Right, "import sys\nprint(50)\nsys.stdin.readline()\nraise ValueError('interactor bug')\n");

        Assert.Equal((Verdict.InternalError, 0m), (test.Verdict, test.Points));
        Assert.Equal("InteractorError", test.Error?.Type);
        Assert.Contains("ValueError", test.Error?.Message);
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task An_interactors_last_stderr_line_gives_a_share_of_the_points()
    {
        var test = await GradeAsync(GuessingGame.Right,
            "import sys\nprint(50)\nsys.stdin.readline()\nsys.stderr.write('close enough\\npoints: 0.25\\n')\nsys.exit(1)\n");

        Assert.Equal((Verdict.WrongAnswer, 2.5m), (test.Verdict, test.Points));
        await AssertNothingLeftAsync();
    }

    [Fact]
    public async Task The_program_never_sees_the_interactor_or_the_tests_input()
    {
        const string Program = "import os\ninput()\nprint(sorted(f for _, _, fs in os.walk('/job') for f in fs), os.listdir('.'))\n";
        var test = await GradeAsync(Program, "import sys\nprint(50)\nsys.stderr.write(sys.stdin.readline())\nsys.exit(0)\n");

        Assert.Equal(Verdict.Passed, test.Verdict);
        Assert.Contains("main.py", test.Stdout);
        Assert.DoesNotContain("interactor", test.Stdout);
        Assert.DoesNotContain("input.txt", test.Stdout);
        Assert.DoesNotContain(".in", test.Stdout);
        await AssertNothingLeftAsync();
    }

    private async Task<TestOutcome> GradeAsync(string program, string interactor = GuessingGame.Interactor)
    {
        var suite = new SuiteDefinition("guess", "숫자 맞히기", [ProgramLanguage.Python], new SuiteLimits(1, 128), null, false,
            [new SuiteTest("game", Points, TestVisibility.Visible, Stdin: GuessingGame.Input, Interactive: new SuiteInteractive("game/interactor.py"))]);
        var files = new Dictionary<string, byte[]> { ["game/interactor.py"] = Encoding.UTF8.GetBytes(interactor) };
        var report = await new SubmissionGrader(docker.Sandbox).GradeAsync(
            new ProgramFiles(ProgramLanguage.Python, new Dictionary<string, byte[]> { ["main.py"] = Encoding.UTF8.GetBytes(program) }),
            suite, files, _label, CancellationToken.None);
        return Assert.Single(report.Tests);
    }

    private async Task AssertNothingLeftAsync()
    {
        Assert.Empty(await docker.ContainersLabelledAsync($"{_label}-interactive-0"));
        Assert.Empty(await docker.ContainersLabelledAsync($"{_label}-interactive-0-interactor"));
        Assert.Empty(Directory.Exists(docker.JobRoot) ? Directory.GetDirectories(docker.JobRoot) : []);
    }
}
