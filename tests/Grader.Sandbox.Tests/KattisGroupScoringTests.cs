using System.Text;
using Grader.Grading;
using Grader.Grading.Suites;
using static Grader.Grading.Tests.Suites.SuiteUploads;

namespace Grader.Sandbox.Tests;

/// <summary>
/// A real Kattis scoring package with two subtasks (Kattis/parity: <c>data/secret/group1</c> worth 30, <c>group2</c>
/// worth 70, each <c>grader_flags: min</c>) graded by Grader after turning it into a suite with groups, and scored beside
/// it by the package format's own rules (testdata.yaml inheritance, the default grader's verdict and score aggregation,
/// the default output validator's case-insensitive tokens): the two scores must agree for every program.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class KattisGroupScoringTests(DockerFixture docker)
{
    private static readonly string s_package = Path.Combine(AppContext.BaseDirectory, "Kattis", "parity");

    public static TheoryData<string, int> Programs => new()
    {
        // Accepted, printing lower case as the default validator allows.
        { "print('even' if sum(map(int, input().split())) % 2 == 0 else 'odd')\n", 100 },
        // Right on every small case and on one of the two large ones: the large group is all or nothing.
        { "print('Even' if sum(list(map(int, input().split()))[:3]) % 2 == 0 else 'Odd')\n", 30 },
        // Wrong on one small case only (a negative number): the small group scores nothing, the large one everything.
        { "n = list(map(int, input().split()))\nprint('Even' if min(n) < 0 or sum(n) % 2 == 0 else 'Odd')\n", 70 },
        // Crashes on every case.
        { "raise SystemExit(input() and 3)\n", 0 },
    };

    [Theory]
    [MemberData(nameof(Programs))]
    public async Task A_grouped_suite_scores_as_kattis_scores_the_same_package(string program, int expected)
    {
        var parsed = SuiteParser.Parse(SuiteZipOf(s_package));
        Assert.Empty(parsed.Problems);
        var suite = parsed.Suite!;

        var report = await new SubmissionGrader(docker.Sandbox).GradeAsync(
            new ProgramFiles(ProgramLanguage.Python, new Dictionary<string, byte[]> { ["main.py"] = Utf8(program) }),
            suite, parsed.Files, $"kattis-{Guid.NewGuid():N}", CancellationToken.None);

        // Kattis judges each case from the program's output with its default validator, then aggregates the groups.
        var outputs = report.Tests.ToDictionary(t => t.Name, t => t.Verdict == Verdict.Passed || t.Verdict == Verdict.WrongAnswer ? t.Stdout : null);
        var kattis = KattisRules.Grade(Path.Combine(s_package, "data"), outputs);
        Assert.Equal((expected, expected), ((int)kattis.Score, (int)report.Score));
        Assert.Equal(100, suite.MaxScore);
    }

    /// <summary>The package's secret groups as a suite: a group per subtask folder worth its accept_score, a hidden test
    /// per case comparing tokens without case (the default validator). Samples are not scored (ignore_sample).</summary>
    private static byte[] SuiteZipOf(string package)
    {
        var secret = Path.Combine(package, "data", "secret");
        var groups = Directory.GetDirectories(secret).Order(StringComparer.Ordinal).Select(dir => new
        {
            Name = Path.GetFileName(dir),
            Points = KattisRules.Settings(dir)["accept_score"],
            Cases = Directory.GetFiles(dir, "*.in").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList(),
        }).ToList();
        var yaml = new StringBuilder("slug: parity\ntitle: Parity\nlanguages: [python]\ngroups:\n");
        foreach (var g in groups) yaml.Append($"  {g.Name}: {g.Points}\n");
        yaml.Append("tests:\n");
        var files = new List<(string, byte[])>();
        foreach (var g in groups)
        {
            foreach (var c in g.Cases)
            {
                yaml.Append($"  - {{name: {g.Name}/{c}, group: {g.Name}, stdinFile: {g.Name}/{c}.in, expectedStdoutFile: {g.Name}/{c}.ans, caseSensitive: false}}\n");
                files.Add(($"{g.Name}/{c}.in", File.ReadAllBytes(Path.Combine(secret, g.Name, $"{c}.in"))));
                files.Add(($"{g.Name}/{c}.ans", File.ReadAllBytes(Path.Combine(secret, g.Name, $"{c}.ans"))));
            }
        }
        return Zip([("suite.yaml", Utf8(yaml.ToString())), .. files]);
    }
}

/// <summary>
/// The Kattis problem package format's (legacy) scoring rules, written from the specification and independent of
/// Grader's: the closest testdata.yaml applies; a case scores accept_score when accepted, else reject_score; a group's
/// items are its cases and subgroups in lexicographic order, stopping at the first rejection under on_reject: break; the
/// default grader takes the first error (or accepts if any item was, with accept_if_any_accepted), aggregates scores by
/// sum, min, max or avg, ignores the sample under ignore_sample; a group that is not accepted scores nothing.
/// </summary>
internal static class KattisRules
{
    public sealed record Result(bool Accepted, double Score);

    /// <summary>The closest testdata.yaml (one "key: value" a line), its absent keys at their defaults.</summary>
    public static Dictionary<string, string> Settings(string dir)
    {
        var folder = new DirectoryInfo(dir);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "testdata.yaml"))) folder = folder.Parent;
        var settings = folder is null ? [] : File.ReadAllLines(Path.Combine(folder.FullName, "testdata.yaml")).Where(l => l.Contains(':'))
            .ToDictionary(l => l[..l.IndexOf(':')].Trim(), l => l[(l.IndexOf(':') + 1)..].Trim());
        settings.TryAdd("accept_score", "1");
        settings.TryAdd("reject_score", "0");
        settings.TryAdd("on_reject", "break");
        settings.TryAdd("grader_flags", "");
        return settings;
    }

    /// <param name="outputs">The program's output per case ("group/case"); null where it did not run to the end.</param>
    public static Result Grade(string dir, IReadOnlyDictionary<string, string?> outputs)
    {
        var settings = Settings(dir);
        var flags = settings["grader_flags"].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var items = Directory.GetFiles(dir, "*.in").Select(Path.GetFileNameWithoutExtension)
            .Concat(Directory.GetDirectories(dir).Select(Path.GetFileName)).Order(StringComparer.Ordinal);
        var results = new List<Result>();
        foreach (var item in items)
        {
            var path = Path.Combine(dir, item!);
            var result = Directory.Exists(path)
                ? Grade(path, outputs)
                : Case(path, $"{Path.GetFileName(dir)}/{item}", settings, outputs);
            results.Add(result);
            if (!result.Accepted && settings["on_reject"] == "break") break;
        }
        if (flags.Contains("ignore_sample")) results = results.Skip(1).ToList();
        var accepted = results.All(r => r.Accepted) || (flags.Contains("accept_if_any_accepted") && results.Any(r => r.Accepted));
        var scores = results.Select(r => r.Score).DefaultIfEmpty(0).ToList();
        var score = flags.LastOrDefault(f => f is "sum" or "min" or "max" or "avg") switch
        {
            "min" => scores.Min(),
            "max" => scores.Max(),
            "avg" => scores.Average(),
            _ => scores.Sum(),
        };
        return new Result(accepted, accepted ? score : 0);
    }

    private static Result Case(string path, string name, Dictionary<string, string> settings, IReadOnlyDictionary<string, string?> outputs)
    {
        // A sample case is not in the suite (it is ignored for the score); judge it as not run.
        var accepted = outputs.TryGetValue(name, out var output) && output is not null
            && DefaultValidatorAccepts(File.ReadAllText($"{path}.ans"), output);
        return new Result(accepted, double.Parse(settings[accepted ? "accept_score" : "reject_score"], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>The default output validator without flags: tokens separated by any white space, compared ignoring case.</summary>
    private static bool DefaultValidatorAccepts(string answer, string output) =>
        answer.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .SequenceEqual(output.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries), StringComparer.OrdinalIgnoreCase);
}
