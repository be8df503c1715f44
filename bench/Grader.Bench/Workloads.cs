using System.Text;
using System.Text.Json.Nodes;

namespace Grader.Bench;

/// <summary>One kind of submission the benchmark sends, both to bare Docker and to Grader.</summary>
public sealed record Workload(string Name, string Program, IReadOnlyList<(string Stdin, string Expected)> Tests)
{
    /// <summary>Hello-world sized: the cost is all container and interpreter start.</summary>
    public static Workload SingleTest { get; } = new("single-test", "print(\"Hello, World!\")\n",
        [("", "Hello, World!\n")]);

    /// <summary>A ten-test suite: the container start is shared by ten interpreter runs.</summary>
    public static Workload TenTests { get; } = new("ten-test", "a, b = map(int, input().split())\nprint(a + b)\n",
        Enumerable.Range(1, 10).Select(i => ($"{i} {i * 7}\n", $"{i + i * 7}\n")).ToList());

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
            ["languages"] = new JsonArray("python"),
            ["limits"] = new JsonObject { ["timeSeconds"] = 2, ["memoryMb"] = 128 },
            ["tests"] = tests,
        }.ToJsonString();
    }

    public byte[] ProgramBytes => Encoding.UTF8.GetBytes(Program);
}
