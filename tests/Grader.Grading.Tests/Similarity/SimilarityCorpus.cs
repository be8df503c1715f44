using System.Text;
using System.Text.RegularExpressions;
using Grader.Grading.Blocks;
using Grader.Grading.Similarity;
using Grader.Grading.Suites;

namespace Grader.Grading.Tests.Similarity;

/// <summary>One task's hand-ins: honest solutions and planted copies, which pairs are copies, and the starter code.</summary>
internal sealed record SimilarityTask(string Name, ProgramLanguage Language, IReadOnlyList<SimilarityEntry> Entries,
    IReadOnlySet<(string, string)> Planted, SimilarityDocument? Starter)
{
    public static (string, string) PairKey(string a, string b) => string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a);
}

/// <summary>How the report did on a corpus: planted pairs found, honest pairs flagged.</summary>
internal sealed record SimilarityScore(int Planted, int PlantedFound, int Honest, int HonestFlagged)
{
    public double Recall => Planted == 0 ? 1 : (double)PlantedFound / Planted;
    public double HonestFlaggedShare => Honest == 0 ? 0 : (double)HonestFlagged / Honest;

    public static SimilarityScore Of(IEnumerable<SimilarityTask> tasks)
    {
        int planted = 0, found = 0, honest = 0, flagged = 0;
        foreach (var task in tasks)
        {
            var starters = task.Starter is { } starter
                ? new Dictionary<ProgramLanguage, SimilarityDocument> { [task.Language] = starter }
                : [];
            var reported = SimilarityReport.Pairs(task.Entries, starters)
                .Select(pair => SimilarityTask.PairKey(pair.First.Key, pair.Second.Key)).ToHashSet();
            var pairs = task.Entries.Count * (task.Entries.Count - 1) / 2;
            planted += task.Planted.Count;
            found += task.Planted.Count(reported.Contains);
            honest += pairs - task.Planted.Count;
            flagged += reported.Count(pair => !task.Planted.Contains(pair));
        }
        return new SimilarityScore(planted, found, honest, flagged);
    }
}

/// <summary>
/// A seeded set of hand-ins: the honest solutions under Fixtures/similarity (Python) and in
/// <see cref="ScratchSolutions"/>, and among them copies of some of them disguised as a student would: Python with
/// its names renamed, its functions reordered and dead code added; Scratch with its sprites, variables, lists and
/// messages renamed and its scripts reordered. A copy may be copied again, so a pair of two copies is planted too.
/// </summary>
internal static class SimilarityCorpus
{
    public static IReadOnlyList<SimilarityTask> Generate(string fixturesDirectory, int seed, int copiesPerTask)
    {
        var random = new Random(seed);
        var tasks = new List<SimilarityTask>();
        var pythonRoot = Path.Combine(fixturesDirectory, "similarity", "python");
        foreach (var folder in Directory.GetDirectories(pythonRoot).Order(StringComparer.Ordinal))
        {
            // A task's starter.py is what each of its students was given and kept; their files hold what they added below it.
            var starterPath = Path.Combine(folder, "starter.py");
            var starterSource = File.Exists(starterPath) ? File.ReadAllText(starterPath) : null;
            var honest = Directory.GetFiles(folder, "??.py").Order(StringComparer.Ordinal)
                .Select(path => (Key: Path.GetFileNameWithoutExtension(path), Program: starterSource + File.ReadAllText(path))).ToList();
            var starter = starterSource is null ? null : PythonTokens.Read(starterSource);
            tasks.Add(Plant(Path.GetFileName(folder), ProgramLanguage.Python, honest, copiesPerTask, random,
                source => PythonCopy.Disguise(source, random), PythonTokens.Read, starter));
        }
        foreach (var (name, projects) in new[] { ("scratch-sum", ScratchSolutions.SumToN), ("scratch-max", ScratchSolutions.LargestOfFive) })
        {
            var honest = projects.Select((project, i) => (Key: $"{i + 1:00}", Program: project)).ToList();
            tasks.Add(Plant(name, ProgramLanguage.Scratch, honest, copiesPerTask, random,
                project => ScratchCopy.Disguise(project, random),
                project => BlockTokens.Read(new BlockProgram(ProgramLanguage.Scratch, "project.json", Scratch.Json(project, random))),
                null));
        }
        return tasks;
    }

    private static SimilarityTask Plant<T>(string name, ProgramLanguage language, List<(string Key, T Program)> honest,
        int copies, Random random, Func<T, T> disguise, Func<T, SimilarityDocument> read, SimilarityDocument? starter)
    {
        var all = new List<(string Key, T Program)>(honest);
        var planted = new HashSet<(string, string)>();
        // Who each hand-in was copied from, so copies of one original are planted pairs among themselves too.
        var family = honest.ToDictionary(h => h.Key, h => h.Key);
        for (var c = 0; c < copies; c++)
        {
            var (sourceKey, sourceProgram) = all[random.Next(all.Count)];
            var key = $"{sourceKey}-copy{c + 1}";
            family[key] = family[sourceKey];
            foreach (var other in all.Where(other => family[other.Key] == family[sourceKey]))
                planted.Add(SimilarityTask.PairKey(key, other.Key));
            all.Add((key, disguise(sourceProgram)));
        }
        var entries = all.Select(h => new SimilarityEntry($"{name}/{h.Key}", language, read(h.Program))).ToList();
        return new SimilarityTask(name, language, entries,
            planted.Select(p => SimilarityTask.PairKey($"{name}/{p.Item1}", $"{name}/{p.Item2}")).ToHashSet(), starter);
    }
}

/// <summary>A Python program disguised: names renamed, top-level functions and classes reordered, dead code added.</summary>
internal static partial class PythonCopy
{
    private static readonly string[] s_words =
    [
        "value", "temp", "data", "result", "item", "thing", "num", "cnt", "arr", "lst", "my_var", "x1", "y2", "aa", "bb",
        "hap", "gap", "su", "jumsu", "ireum", "total_sum", "helper", "calc", "do_it", "proc", "res", "tmp", "stuff",
    ];

    private static readonly string[] s_deadStatements =
    [
        "debug = False", "unused_counter = 0", "if False:\n    print(\"debug\")", "tmp_list = []",
        "for _ in range(0):\n    pass", "check = 1 + 1",
    ];

    private static readonly string[] s_deadFunctions =
    [
        "def helper_unused(a, b):\n    return a * b + 1\n",
        "def log(message):\n    if False:\n        print(message)\n",
        "def check_value(v):\n    while v > 100:\n        v -= 100\n    return v\n",
    ];

    public static string Disguise(string source, Random random) => AddDeadCode(Reorder(Rename(source, random), random), random);

    /// <summary>Every name the program chose (not Python's own, not an attribute, not a module) renamed consistently.</summary>
    private static string Rename(string source, Random random)
    {
        var tokens = PythonTokens.Read(source).Sequences[0];
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var text = new StringBuilder();
        var position = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.Kind != "ID") continue;
            if (i > 0 && tokens[i - 1].Kind is "." or "import" or "from") continue;
            var name = source.Substring(token.Start, token.Length);
            if (!names.TryGetValue(name, out var renamed))
                names[name] = renamed = $"{s_words[random.Next(s_words.Length)]}{names.Count}";
            text.Append(source, position, token.Start - position).Append(renamed);
            position = token.End;
        }
        return text.Append(source, position, source.Length - position).ToString();
    }

    /// <summary>Top-level chunks: a def or class (with its decorators) to the next line at column 0, else one statement.</summary>
    private static List<string> TopLevelChunks(string source)
    {
        var chunks = new List<string>();
        var current = new StringBuilder();
        foreach (var line in source.Split('\n'))
        {
            var startsChunk = line.Length > 0 && !char.IsWhiteSpace(line[0]) && !line.StartsWith('#')
                && !line.StartsWith(')') && !line.StartsWith(']') && !line.StartsWith('}')
                && !OpensContinuation().IsMatch(current.ToString());
            if (startsChunk && current.Length > 0 && !current.ToString().TrimEnd().EndsWith(':'))
            {
                var previous = current.ToString();
                var lastLine = previous.TrimEnd('\n').Split('\n')[^1];
                if (!lastLine.StartsWith('@'))
                {
                    chunks.Add(previous);
                    current.Clear();
                }
            }
            current.Append(line).Append('\n');
        }
        if (current.Length > 0) chunks.Add(current.ToString());
        return chunks;
    }

    [GeneratedRegex(@"[\(\[\{,\\]\s*\n?$")]
    private static partial Regex OpensContinuation();

    private static bool IsDefinition(string chunk)
    {
        var first = chunk.TrimStart();
        return first.StartsWith("def ", StringComparison.Ordinal) || first.StartsWith("class ", StringComparison.Ordinal)
            || first.StartsWith('@');
    }

    private static string Reorder(string source, Random random)
    {
        var chunks = TopLevelChunks(source);
        var slots = chunks.Select((chunk, i) => (chunk, i)).Where(c => IsDefinition(c.chunk)).Select(c => c.i).ToList();
        var definitions = slots.Select(i => chunks[i]).OrderBy(_ => random.Next()).ToList();
        for (var s = 0; s < slots.Count; s++) chunks[slots[s]] = WithBlankLine(definitions[s]);
        return string.Concat(chunks);
    }

    private static string WithBlankLine(string chunk) => chunk.EndsWith("\n\n", StringComparison.Ordinal) ? chunk : chunk + "\n";

    /// <summary>Two or three dead statements inside the program's blocks and a dead function between its top-level parts.</summary>
    private static string AddDeadCode(string source, Random random)
    {
        var lines = source.Split('\n').ToList();
        for (var n = random.Next(2, 4); n > 0; n--)
        {
            var at = random.Next(1, lines.Count);
            var next = lines.Skip(at).FirstOrDefault(line => line.Trim().Length > 0);
            var previous = lines[at - 1].TrimEnd();
            if (next is null || OpensContinuation().IsMatch(previous)
                || Regex.IsMatch(next.TrimStart(), @"^(else|elif|except|finally|case)\b|^[\)\]\}]"))
            {
                continue;
            }
            var indent = next[..(next.Length - next.TrimStart().Length)];
            var statement = s_deadStatements[random.Next(s_deadStatements.Length)];
            lines.Insert(at, string.Join('\n', statement.Split('\n').Select(line => indent + line)));
        }
        var chunks = TopLevelChunks(string.Join('\n', lines));
        chunks.Insert(random.Next(0, chunks.Count + 1), s_deadFunctions[random.Next(s_deadFunctions.Length)] + "\n");
        return string.Concat(chunks);
    }
}

/// <summary>A Scratch project disguised: sprites, variables, lists, messages and custom blocks renamed, scripts reordered.</summary>
internal static class ScratchCopy
{
    private static readonly string[] s_words = ["점수", "값", "a", "b", "숫자", "변수", "답", "tmp", "result", "cnt", "n2", "수수"];

    public static Scratch.Project Disguise(Scratch.Project project, Random random)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        string Renamed(string name) => names.TryGetValue(name, out var renamed)
            ? renamed : names[name] = $"{s_words[random.Next(s_words.Length)]}{names.Count}";
        Scratch.Block Block(Scratch.Block block) => block with
        {
            Inputs = block.Inputs.Select(input => (input.Name, Value(input.Value))).ToList(),
            Fields = block.Fields.Select(field => (field.Name,
                field.Name is "VARIABLE" or "LIST" or "BROADCAST_OPTION" or "PROCCODE" ? Renamed(field.Value) : field.Value)).ToList(),
        };
        object Value(object value) => value switch
        {
            Scratch.Block reporter => Block(reporter),
            Scratch.Stack stack => Stack(stack),
            Scratch.Variable variable => new Scratch.Variable(Renamed(variable.Name)),
            Scratch.ListRef list => new Scratch.ListRef(Renamed(list.Name)),
            Scratch.Message message => new Scratch.Message(Renamed(message.Name)),
            _ => value,
        };
        Scratch.Stack Stack(Scratch.Stack stack) => new(stack.Blocks.Select(Block).ToList());
        return new Scratch.Project(project.Sprites.Select(sprite => new Scratch.Sprite(
            $"스프라이트{random.Next(1, 100)}", sprite.Scripts.Select(Stack).OrderBy(_ => random.Next()).ToList())).ToList());
    }
}
