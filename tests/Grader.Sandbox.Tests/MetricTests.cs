using Grader.Grading;
using Grader.Grading.Suites;
using static Grader.Grading.Tests.Suites.SuiteUploads;

namespace Grader.Sandbox.Tests;

/// <summary>
/// A metric test in the python-data runner: the program trains on the suite's CSV and prints predictions, which the
/// grader scores against labels that never enter the sandbox.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class MetricTests(DockerFixture docker)
{
    // Two classes split at x = 5. The hidden labels flip the last point of each class, so a classifier that
    // learned the split is right on 8 of the 10 inputs: accuracy 0.8.
    private const string Train = "x,y,label\n0,0.1,a\n1,0.4,a\n2,0.2,a\n3,0.5,a\n4,0.3,a\n6,0.2,b\n7,0.4,b\n8,0.1,b\n9,0.5,b\n10,0.3,b\n";
    private const string Inputs = "x,y\n0.5,0.2\n1.5,0.3\n2.5,0.4\n3.5,0.1\n4.2,0.2\n6.5,0.3\n7.5,0.2\n8.5,0.4\n9.5,0.1\n9.8,0.3\n";
    private const string Labels = "a\na\na\na\nb\nb\nb\nb\nb\na\n";
    private const string LabelsFile = "hidden-labels-7f3a.txt";

    private const string Classifier = """
        import pandas
        from sklearn.neighbors import KNeighborsClassifier
        train = pandas.read_csv("train.csv")
        model = KNeighborsClassifier(n_neighbors=3).fit(train[["x", "y"]], train["label"])
        for label in model.predict(pandas.read_csv("inputs.csv")[["x", "y"]]):
            print(label)
        """;

    // Looks everywhere a file could have been put for the program: by the labels' name, and by their content.
    private const string Searcher = """
        import os
        found = []
        for root, dirs, files in os.walk("/"):
            if root == "/":
                dirs[:] = [d for d in dirs if d not in ("proc", "sys", "dev", "usr")]
            for name in files:
                path = os.path.join(root, name)
                try:
                    if "labels" in name or (os.path.isfile(path) and os.path.getsize(path) < 65536
                                            and b"a\na\na\na\nb\nb" in open(path, "rb").read()):
                        found.append(path)
                except OSError:
                    pass
        print("found " + " ".join(found) if found else "nothing")
        """;

    [Fact]
    public async Task A_scikit_learn_classifier_is_scored_by_its_hidden_accuracy()
    {
        var (suite, files) = Suite(
            "  - {name: threshold, points: 10, metric: {kind: accuracy, labelsFile: " + LabelsFile + ", threshold: 0.8}}\n" +
            "  - {name: strict, points: 10, metric: {kind: accuracy, labelsFile: " + LabelsFile + ", threshold: 0.9}}\n" +
            "  - {name: scale, points: 10, metric: {kind: accuracy, labelsFile: " + LabelsFile + ", scale: {zero: 0.5, full: 1.0}}}\n");

        var report = await GradeAsync(Classifier, suite, files);

        Assert.True(report.Tests[0].Verdict == Verdict.Passed, $"{report.Tests[0].Error} {report.Tests[0].Stdout}");
        Assert.Equal("a\na\na\na\na\nb\nb\nb\nb\nb\n", report.Tests[0].Stdout);
        Assert.Equal([(Verdict.Passed, 10m), (Verdict.WrongAnswer, 0m), (Verdict.WrongAnswer, 6m)],
            report.Tests.Select(t => (t.Verdict, t.Points)));
        Assert.Equal("accuracy 0.8 (needed ≥ 0.9)", report.Tests[1].FirstDifference);
    }

    [Fact]
    public async Task Predictions_the_program_writes_to_predictions_csv_are_scored_instead_of_its_output()
    {
        var (suite, files) = Suite("  - {name: file, points: 10, metric: {kind: accuracy, labelsFile: " + LabelsFile + ", threshold: 0.8}}\n");
        const string Writer = """
            import pandas
            from sklearn.neighbors import KNeighborsClassifier
            train = pandas.read_csv("train.csv")
            model = KNeighborsClassifier(n_neighbors=3).fit(train[["x", "y"]], train["label"])
            predicted = model.predict(pandas.read_csv("inputs.csv")[["x", "y"]])
            pandas.DataFrame({"prediction": predicted}).to_csv("predictions.csv", index=False, encoding="utf-8-sig")
            print("training done; 10 predictions written")
            """;

        var report = await GradeAsync(Writer, suite, files);

        var outcome = Assert.Single(report.Tests);
        Assert.True(outcome.Verdict == Verdict.Passed, $"{outcome.Error} {outcome.FirstDifference} {outcome.Stdout}");
        Assert.Equal((10m, "accuracy 0.8 (needed ≥ 0.8)"), (outcome.Points, outcome.FirstDifference));
    }

    [Fact]
    public async Task A_program_that_walks_the_sandbox_for_the_labels_finds_nothing()
    {
        var (suite, files) = Suite("  - {name: search, points: 10, metric: {kind: accuracy, labelsFile: " + LabelsFile + ", threshold: 0.8}}\n");

        var report = await GradeAsync(Searcher, suite, files);

        var outcome = Assert.Single(report.Tests);
        Assert.Equal((Verdict.WrongAnswer, 0m, "nothing\n"), (outcome.Verdict, outcome.Points, outcome.Stdout));
    }

    private static (SuiteDefinition Suite, IReadOnlyDictionary<string, byte[]> Files) Suite(string tests)
    {
        var limits = "limits: {timeSeconds: 10, memoryMb: 256}\n";
        var result = SuiteParser.Parse(Zip(("suite.yaml", Utf8("image: python-data\n" + limits + Manifest(tests))),
            ("train.csv", Utf8(Train)), ("inputs.csv", Utf8(Inputs)), (LabelsFile, Utf8(Labels))));
        Assert.True(result.IsValid, string.Join("; ", result.Problems));
        return (result.Suite!, result.Files);
    }

    private async Task<GradingReport> GradeAsync(string program, SuiteDefinition suite, IReadOnlyDictionary<string, byte[]> files) =>
        await new SubmissionGrader(docker.Sandbox).GradeAsync(
            new ProgramFiles(ProgramLanguage.Python, new Dictionary<string, byte[]> { ["main.py"] = Utf8(program) }),
            suite, files, $"metric-{Guid.NewGuid():N}", CancellationToken.None);
}
