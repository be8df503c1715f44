using Grader.Grading;
using Grader.Grading.Suites;
using static Grader.Grading.Tests.Suites.SuiteUploads;

namespace Grader.Sandbox.Tests;

/// <summary>A suite's <c>image: python-data</c> runs its Python programs where numpy, scikit-learn and matplotlib
/// import (Agg backend); a suite without it keeps the plain runner, where they do not.</summary>
[Collection(DockerCollection.Name)]
public sealed class PythonDataImageTests(DockerFixture docker)
{
    private const string Program = """
        import matplotlib, numpy, sklearn
        from sklearn.linear_model import LogisticRegression
        x = numpy.array([[0.0], [1.0], [2.0], [3.0]])
        model = LogisticRegression().fit(x, [0, 0, 1, 1])
        print(matplotlib.get_backend(), model.predict([[0.2], [2.8]]).tolist())
        """;

    [Fact]
    public async Task A_python_data_suite_trains_a_scikit_learn_model_and_a_plain_suite_cannot_import_it()
    {
        var yaml = Manifest("  - {name: fit, points: 1, expectedStdout: \"agg [0, 1]\", limits: {timeSeconds: 5, memoryMb: 256}}");
        var plain = SuiteParser.Parse(Utf8(yaml)).Suite!;
        var data = SuiteParser.Parse(Utf8("image: python-data\n" + yaml)).Suite!;
        Assert.Equal(SuiteImages.PythonData, data.Image);

        var grader = new SubmissionGrader(docker.Sandbox);
        var files = new ProgramFiles(ProgramLanguage.Python, new Dictionary<string, byte[]> { ["main.py"] = Utf8(Program) });
        var onData = await grader.GradeAsync(files, data, new Dictionary<string, byte[]>(), $"data-{Guid.NewGuid():N}", CancellationToken.None);
        var onPlain = await grader.GradeAsync(files, plain, new Dictionary<string, byte[]>(), $"plain-{Guid.NewGuid():N}", CancellationToken.None);

        Assert.True(onData.Tests[0].Verdict == Verdict.Passed, $"{onData.Tests[0].Error} {onData.Tests[0].Stdout}");
        var failed = Assert.Single(onPlain.Tests);
        Assert.Equal((Verdict.RuntimeError, "ModuleNotFoundError"), (failed.Verdict, failed.Error?.Type));
    }

    [Theory]
    [InlineData("image: python-gpu\n", "[python]", "unknown_image")]
    [InlineData("image: python-data\n", "[python, scratch]", "image_requires_python")]
    public void An_unknown_image_or_one_for_block_programs_is_refused(string image, string languages, string code)
    {
        var result = SuiteParser.Parse(Utf8(image + Manifest("  - {name: a, points: 1, expectedStdout: x}", languages)));

        Assert.Equal((code, "suite.yaml:1"), (Assert.Single(result.Problems).Code, result.Problems[0].Where));
    }
}
