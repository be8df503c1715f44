using System.Text;
using Grader.Grading;
using Grader.Grading.Suites;

namespace Grader.Sandbox.Tests;

/// <summary>
/// Designers' checkers run by the real grader in the real runner image: how their answers become points and
/// verdicts, what a misbehaving checker costs, and that the student's container never holds a checker.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class DesignerCheckerTests(DockerFixture docker)
{
    /// <summary>Each test's checker prints this; the student's program lists what it can see.</summary>
    private static readonly (string Name, string Checker, Verdict Verdict, decimal Points)[] s_checkers =
    [
        ("full", "import json\nprint(json.dumps({'score': 1, 'message': 'all right'}))\n", Verdict.Passed, 4),
        ("quarter", "print('thinking...')\nprint('{\"score\": 0.25, \"message\": \"1 of 4\"}')\n", Verdict.WrongAnswer, 1),
        ("raises", "raise ValueError('checker bug')\n", Verdict.InternalError, 0),
        ("not json", "print('looks fine to me')\n", Verdict.InternalError, 0),
        ("score past 1", "print('{\"score\": 2}')\n", Verdict.InternalError, 0),
        ("silent", "pass\n", Verdict.InternalError, 0),
    ];

    [Fact]
    public async Task A_checker_scores_a_share_of_the_points_and_a_misbehaving_one_is_an_internal_error()
    {
        var files = s_checkers.ToDictionary(c => $"checkers/{c.Name.Replace(' ', '_')}.py", c => Encoding.UTF8.GetBytes(c.Checker));
        var suite = new SuiteDefinition("checked", "채점기", [ProgramLanguage.Python], SuiteLimits.Default, null, false,
            s_checkers.Select(c => new SuiteTest(c.Name, 4, TestVisibility.Visible, Stdin: "x\n", ExpectedStdout: "y\n",
                Checker: $"checkers/{c.Name.Replace(' ', '_')}.py")).ToList());
        const string Program = "import os\ninput()\nprint(sorted(os.listdir('.')), sorted(f for _, _, fs in os.walk('/job') for f in fs))\n";

        var report = await new SubmissionGrader(docker.Sandbox).GradeAsync(
            new ProgramFiles(ProgramLanguage.Python, new Dictionary<string, byte[]> { ["main.py"] = Encoding.UTF8.GetBytes(Program) }),
            suite, files, $"checker-test-{Guid.NewGuid():N}", CancellationToken.None);

        Assert.Equal(s_checkers.Select(c => (c.Name, c.Verdict, c.Points)), report.Tests.Select(t => (t.Name, t.Verdict, t.Points)));
        Assert.Equal("1 of 4", report.Tests[1].Difference?.Message);
        Assert.Contains("ValueError", report.Tests[2].Error?.Message);
        Assert.Contains("not JSON", report.Tests[3].Error?.Message);
        Assert.Contains("\"score\"", report.Tests[4].Error?.Message);
        Assert.Contains("printed nothing", report.Tests[5].Error?.Message);
        // The program saw its own file and the inputs, never a checker.
        Assert.Contains("main.py", report.Tests[0].Stdout);
        Assert.DoesNotContain("checker", report.Tests[0].Stdout);
    }
}
