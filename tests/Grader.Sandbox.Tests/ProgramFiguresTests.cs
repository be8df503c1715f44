using Grader.Grading;
using Grader.Grading.Running;
using Grader.Grading.Suites;
using static Grader.Grading.Tests.Suites.SuiteUploads;

namespace Grader.Sandbox.Tests;

/// <summary>
/// The pictures a program saves in its working folder come out of the python-data sandbox with its test: PNG files
/// only, at most three of 1 MiB each, never through a symlink.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class ProgramFiguresTests(DockerFixture docker)
{
    // The refused files sort first by name, so each would take one of the three places if it were collected.
    private const string Program = """
        import os
        import matplotlib.pyplot as plt
        plt.bar(["사과", "배", "감"], [3, 5, 2])
        plt.savefig("a_chart.png")
        for name in ("b.png", "c.png", "d.png"):
            plt.figure(figsize=(1, 1))
            plt.savefig(name)
        with open("0_big.png", "wb") as big:
            big.write(b"\x89PNG\r\n\x1a\n" + bytes(2 * 1024 * 1024))
        with open("0_fake.png", "w") as fake:
            fake.write("<svg onload=alert(1)>")
        os.symlink("/usr/share/matplotlib/mpl-data/images/back.png", "0_link.png")
        os.mkfifo("0_pipe.png")
        print("drawn")
        """;

    [Fact]
    public async Task A_saved_bar_chart_comes_out_and_oversize_fake_symlinked_and_fourth_pictures_do_not()
    {
        var suite = SuiteParser.Parse(Utf8("image: python-data\n"
            + Manifest("  - {name: chart, points: 1, expectedStdout: drawn, limits: {timeSeconds: 10, memoryMb: 512}}"))).Suite!;

        var report = await new SubmissionGrader(docker.Sandbox).GradeAsync(
            new ProgramFiles(ProgramLanguage.Python, new Dictionary<string, byte[]> { ["main.py"] = Utf8(Program) }),
            suite, new Dictionary<string, byte[]>(), $"figures-{Guid.NewGuid():N}", CancellationToken.None);

        var test = Assert.Single(report.Tests);
        Assert.True(test.Verdict == Verdict.Passed, $"{test.Verdict} {test.Error} {test.Stdout}");
        Assert.Equal(["a_chart.png", "b.png", "c.png"], test.Figures!.Select(f => f.Name));
        Assert.All(test.Figures!, f => Assert.True(ProgramFigures.Acceptable(f.Png)));
        // A bar chart of matplotlib's default 640×480 pixels: the PNG header's width and height.
        var chart = test.Figures![0].Png;
        Assert.Equal((640, 480), (BigEndian(chart, 16), BigEndian(chart, 20)));
    }

    private static int BigEndian(byte[] bytes, int at) =>
        bytes[at] << 24 | bytes[at + 1] << 16 | bytes[at + 2] << 8 | bytes[at + 3];
}
