using System.Text;
using System.Text.Json.Nodes;

namespace Grader.Bench;

/// <summary>
/// One kind of submission the benchmark sends, both to bare Docker and to Grader: the program (its language and file
/// name), its tests, and the bare run: the runner image and the shell command one `docker run` of it executes
/// (its stdout must be <see cref="BareExpected"/>).
/// </summary>
public sealed record Workload(string Name, string Language, string FileName, string Program,
    IReadOnlyList<(string Stdin, string Expected)> Tests, string Image, string BareCommand, string BareExpected)
{
    private const string PythonImage = "grader-runner-python";
    private const string BlocksImage = "grader-runner-blocks";
    private const string PythonLoop = "cd /job/program && for f in /job/inputs/*; do python3 main.py < \"$f\"; done";

    private static Workload Python(string name, string program, IReadOnlyList<(string Stdin, string Expected)> tests) =>
        new(name, "python", "main.py", program, tests, PythonImage, PythonLoop, string.Concat(tests.Select(t => t.Expected)));

    /// <summary>Hello-world sized: the cost is all container and interpreter start.</summary>
    public static Workload SingleTest { get; } = Python("single-test", "print(\"Hello, World!\")\n",
        [("", "Hello, World!\n")]);

    /// <summary>A ten-test suite: the container start is shared by ten interpreter runs.</summary>
    public static Workload TenTests { get; } = Python("ten-test", "a, b = map(int, input().split())\nprint(a + b)\n",
        Enumerable.Range(1, 10).Select(i => ($"{i} {i * 7}\n", $"{i + i * 7}\n")).ToList());

    /// <summary>
    /// Five-test block submissions (the grader's sum-loop fixtures: ask N, say 1 + … + N), each against one bare
    /// `docker run` of the same runtime running the program once, on the first test's input: what one test alone
    /// costs. Grader runs all five tests of a submission in one runtime process (Blockly: converted once).
    /// </summary>
    public static IReadOnlyList<Workload> Blocks(string fixturesDir)
    {
        var inputs = Enumerable.Range(1, 5).Select(n => (Stdin: $"{n}\n", Sum: n * (n + 1) / 2)).ToList();
        string Read(string language, string file) => File.ReadAllText(Path.Combine(fixturesDir, language, file));
        const string Runtimes = "/opt/grader/blocks";
        return
        [
            new("scratch-5", "scratch", "project.json", Read("scratch", "sum-loop.json"),
                inputs.Select(i => (i.Stdin, $"The sum is\n{i.Sum}\n")).ToList(), BlocksImage,
                $"node {Runtimes}/run-scratch.js /job/program/project.json < /job/inputs/00.in", "The sum is\n1\n"),
            new("entry-5", "entry", "project.json", Read("entry", "sum-loop.json"),
                inputs.Select(i => (i.Stdin, $"The sum is\n{i.Sum}\n")).ToList(), BlocksImage,
                $"node {Runtimes}/run-entry.js /job/program/project.json < /job/inputs/00.in", "The sum is\n1\n"),
            // Bare Python prints the prompt; the harness does not (Blockly's prompts are not output).
            new("blockly-5", "blockly", "workspace.xml", Read("blockly", "sum-loop.xml"),
                inputs.Select(i => (i.Stdin, $"{i.Sum}\n")).ToList(), BlocksImage,
                $"node {Runtimes}/blockly-to-python.js /job/program/workspace.xml > /tmp/main.py && python3 /tmp/main.py < /job/inputs/00.in",
                "How many numbers?1\n"),
        ];
    }

    /// <summary>The suite as Grader's suite upload reads it (JSON manifest with inline tests).</summary>
    public string SuiteJson(string slug)
    {
        var tests = new JsonArray();
        foreach (var (test, index) in Tests.Select((t, i) => (t, i)))
            tests.Add(new JsonObject
            {
                ["name"] = $"test {index + 1}",
                ["points"] = 1,
                ["visibility"] = "visible",
                ["stdin"] = test.Stdin,
                ["expectedStdout"] = test.Expected,
            });
        return new JsonObject
        {
            ["slug"] = slug,
            ["title"] = $"bench {Name}",
            ["languages"] = new JsonArray(Language),
            ["limits"] = new JsonObject { ["timeSeconds"] = 2, ["memoryMb"] = 128 },
            ["tests"] = tests,
        }.ToJsonString();
    }

    public byte[] ProgramBytes => Encoding.UTF8.GetBytes(Program);
}
