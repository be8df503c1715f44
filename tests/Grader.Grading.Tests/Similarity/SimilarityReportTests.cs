using System.Text;
using Grader.Grading.Blocks;
using Grader.Grading.Similarity;
using Grader.Grading.Suites;
using Grader.Grading.Tests.Blocks;
using static Grader.Grading.Tests.Similarity.Scratch;

namespace Grader.Grading.Tests.Similarity;

public class SimilarityReportTests
{
    private const string Original = """
        def average(scores):
            total = 0
            for s in scores:
                total += s
            return total / len(scores)


        def grade(score):
            if score >= 90:
                return "A"
            elif score >= 80:
                return "B"
            return "C"


        n = int(input())
        values = [int(input()) for _ in range(n)]
        print(f"{average(values):.1f}")
        for v in values:
            print(grade(v))
        """;

    // Names renamed, the two functions swapped, comments and dead code added, spacing changed.
    private const string Disguised = """
        # 내가 직접 짰음
        def hakjeom(jumsu):
            if jumsu >= 90:
                return "A"
            elif jumsu >= 80:
                return "B"
            unused = 0
            return "C"

        def pyeonggyun(jumsu_list):
            hap = 0
            for x in jumsu_list:   # 더하기
                hap += x
            return hap / len(jumsu_list)

        def never_called(a):
            return a * 2

        count_of = int(input())
        data = [int(input()) for _ in range(count_of)]
        print(f"{pyeonggyun(data):.1f}")
        for d in data:
            print(hakjeom(d))
        """;

    private const string Different = """
        import sys
        lines = sys.stdin.read().split()
        nums = list(map(int, lines[1:]))
        print(round(sum(nums) / len(nums), 1))
        letters = {9: "A", 10: "A", 8: "B"}
        for k in nums:
            print(letters.get(k // 10, "C"))
        """;

    private static SimilarityEntry Python(string key, string source) => new(key, ProgramLanguage.Python, PythonTokens.Read(source));

    private static readonly Dictionary<ProgramLanguage, SimilarityDocument> s_noStarter = [];

    [Fact]
    public void Tokens_name_what_the_student_chose_ID_and_literals_by_kind_and_drop_comments()
    {
        var tokens = PythonTokens.Read("total = 0  # 합\nfor s in range(3):\n    total += s * 1.5\nprint(f'{total}', \"끝\")\n").Sequences[0];

        Assert.Equal(
            ["ID", "=", "NUM", "NL", "for", "ID", "in", "range", "(", "NUM", ")", ":", "NL", "INDENT", "ID", "+=", "ID", "*", "NUM", "NL",
                "DEDENT", "print", "(", "STR", ",", "STR", ")", "NL"],
            tokens.Select(t => t.Kind));
    }

    [Fact]
    public void Tokens_point_at_their_text()
    {
        const string Source = "x = 'a # b'  # comment\ny = 12\n";
        var document = PythonTokens.Read(Source);

        Assert.Equal(["x", "=", "'a # b'", "", "y", "=", "12", ""],
            document.Sequences[0].Select(t => Source.Substring(t.Start, t.Length)));
    }

    [Fact]
    public void Brackets_continue_a_line_and_triple_quoted_strings_are_one_literal()
    {
        var tokens = PythonTokens.Read("numbers = [\n    1,\n    2,\n]\ntext = '''a\nb'''\n").Sequences[0].Select(t => t.Kind);

        Assert.Equal(["ID", "=", "[", "NUM", ",", "NUM", ",", "]", "NL", "ID", "=", "STR", "NL"], tokens);
    }

    [Fact]
    public void Any_shared_run_of_k_plus_window_minus_one_tokens_gives_a_shared_fingerprint()
    {
        var options = SimilarityOptions.Python;
        var random = new Random(7);
        string Noise(int lines) => string.Concat(Enumerable.Range(0, lines).Select(_ => random.Next(4) switch
        {
            0 => "a = b + 1\n",
            1 => "while c < 3:\n    c -= 2\n",
            2 => "print(len(d))\n",
            _ => "e = [f, 7]\n",
        }));
        const string Shared = "for i in range(10):\n    if i % 2 == 0:\n        print(i)\n";

        for (var trial = 0; trial < 20; trial++)
        {
            var first = Winnowing.Fingerprints(PythonTokens.Read(Noise(5) + Shared + Noise(5)), options.K, options.Window);
            var second = Winnowing.Fingerprints(PythonTokens.Read(Noise(3) + Shared + Noise(7)), options.K, options.Window);
            Assert.True(first.Select(f => f.Hash).Intersect(second.Select(f => f.Hash)).Any());
        }
    }

    [Fact]
    public void A_copy_with_renamed_names_reordered_functions_and_dead_code_is_paired_and_a_different_solution_is_not()
    {
        var pairs = SimilarityReport.Pairs([Python("a", Original), Python("b", Disguised), Python("c", Different)], s_noStarter);

        var pair = Assert.Single(pairs);
        Assert.Equal(("a", "b"), (pair.First.Key, pair.Second.Key));
        Assert.True(pair.Score >= 0.8, $"score {pair.Score}");
    }

    [Fact]
    public void The_matching_regions_are_the_shared_code_in_each_program()
    {
        var pair = Assert.Single(SimilarityReport.Pairs([Python("a", Original), Python("b", Disguised)], s_noStarter));

        var marked = string.Concat(pair.SecondSpans.Select(span => Disguised[span.Start..span.End]));
        Assert.Contains("hap += x", marked);
        Assert.DoesNotContain("return a * 2", marked);
        Assert.All(pair.FirstSpans.Zip(pair.FirstSpans.Skip(1)), spans => Assert.True(spans.First.End < spans.Second.Start));
    }

    [Fact]
    public void Code_everyone_was_given_is_not_a_match()
    {
        const string Starter = """
            def read_scores():
                n = int(input())
                scores = []
                for _ in range(n):
                    name, score = input().split()
                    scores.append((name, int(score)))
                return scores

            scores = read_scores()
            """;
        var first = Python("a", Starter + "\nprint(max(s for _, s in scores))\n");
        var second = Python("b", Starter + "\nbest = 0\nfor name, s in scores:\n    if s > best:\n        best = s\nprint(best)\n");

        Assert.NotEmpty(SimilarityReport.Pairs([first, second], s_noStarter));
        Assert.Empty(SimilarityReport.Pairs([first, second],
            new Dictionary<ProgramLanguage, SimilarityDocument> { [ProgramLanguage.Python] = PythonTokens.Read(Starter) }));
    }

    [Fact]
    public void Programs_of_different_languages_are_never_paired()
    {
        var scratch = BlockTokens.Read(BlockFixtures.Read(ProgramLanguage.Scratch, "sum-loop.json"));

        Assert.Empty(SimilarityReport.Pairs([Python("a", Original), new SimilarityEntry("b", ProgramLanguage.Scratch, scratch)], s_noStarter));
    }

    [Fact]
    public void A_stored_zip_is_read_by_its_main_py()
    {
        using var zip = new MemoryStream();
        using (var archive = new System.IO.Compression.ZipArchive(zip, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(archive.CreateEntry("main.py").Open());
            writer.Write(Original);
        }

        var fromZip = SimilarityReport.Read(ProgramLanguage.Python, "program.zip", zip.ToArray());

        Assert.Equal(PythonTokens.Read(Original).Sequences[0].Select(t => t.Kind), fromZip.Sequences[0].Select(t => t.Kind));
    }

    [Fact]
    public void Scratch_scripts_read_the_same_whatever_the_names_and_the_order_of_scripts()
    {
        var project = new Project([new Sprite("고양이",
        [
            Flag(Ask("n?"), Set("합", 0), Repeat(Answer, Change("합", 2)), Broadcast("끝")),
            WhenReceived("끝", Say(V("합"))),
        ])]);
        var renamed = new Project([new Sprite("강아지",
        [
            WhenReceived("done", Say(V("total"))),
            Flag(Ask("n?"), Set("total", 0), Repeat(Answer, Change("total", 2)), Broadcast("done")),
        ])]);

        var first = BlockTokens.Read(new BlockProgram(ProgramLanguage.Scratch, "project.json", Json(project, new Random(1))));
        var second = BlockTokens.Read(new BlockProgram(ProgramLanguage.Scratch, "project.json", Json(renamed, new Random(2))));

        Assert.Equal(
            ["event_whenflagclicked", "sensing_askandwait", "STR", "data_setvariableto", "NUM", "control_repeat", "sensing_answer", "{",
                "data_changevariableby", "NUM", "}", "event_broadcast", "data_message"],
            first.Sequences[0].Select(t => t.Kind));
        Assert.Equivalent(first.Sequences.Select(s => string.Join(' ', s.Select(t => t.Kind))),
            second.Sequences.Select(s => string.Join(' ', s.Select(t => t.Kind))));
        Assert.DoesNotContain("고양이", first.Text);
        Assert.DoesNotContain("합", first.Text);
    }

    [Theory]
    [InlineData(ProgramLanguage.Scratch, "sort-list.json")]
    [InlineData(ProgramLanguage.Entry, "sort-list.json")]
    [InlineData(ProgramLanguage.Blockly, "sort-list.json")]
    [InlineData(ProgramLanguage.Blockly, "function.xml")]
    [InlineData(ProgramLanguage.Entry, "function.json")]
    public void Every_block_language_reads_into_scripts_of_opcodes(ProgramLanguage language, string fixture)
    {
        var document = BlockTokens.Read(BlockFixtures.Read(language, fixture));

        Assert.NotEmpty(document.Sequences);
        Assert.All(document.Sequences.SelectMany(s => s), token => Assert.Equal(token.Kind, document.Text.Substring(token.Start, token.Length)));
        // Brackets balance: every nested stack is closed.
        Assert.All(document.Sequences, s => Assert.Equal(s.Count(t => t.Kind == "{"), s.Count(t => t.Kind == "}")));
    }

    [Fact]
    public void A_copied_entry_project_is_paired_with_its_original()
    {
        var bytes = BlockFixtures.Bytes(ProgramLanguage.Entry, "sort-list.json");
        var renamed = Encoding.UTF8.GetString(bytes).Replace("\"name\":\"", "\"name\":\"x", StringComparison.Ordinal);
        var original = SimilarityReport.Read(ProgramLanguage.Entry, "a.json", bytes);
        var copy = SimilarityReport.Read(ProgramLanguage.Entry, "b.json", Encoding.UTF8.GetBytes(renamed));

        Assert.Single(SimilarityReport.Pairs(
            [new SimilarityEntry("a", ProgramLanguage.Entry, original), new SimilarityEntry("b", ProgramLanguage.Entry, copy)], s_noStarter));
    }

    [Fact]
    public void A_scratch_project_whose_blocks_point_in_a_circle_reads_to_an_end()
    {
        const string Looping = """
            {"targets":[{"isStage":false,"name":"s","blocks":{
              "a":{"opcode":"event_whenflagclicked","next":"b","parent":null,"inputs":{},"fields":{},"shadow":false,"topLevel":true},
              "b":{"opcode":"looks_say","next":"a","parent":"a","inputs":{},"fields":{},"shadow":false,"topLevel":false}}}]}
            """;

        var document = BlockTokens.Read(new BlockProgram(ProgramLanguage.Scratch, "project.json", Looping));

        Assert.InRange(document.Sequences[0].Count, 2, 20_000);
    }

    /// <summary>The measured requirement (README "Similarity") on a smaller seeded set than bench/similarity.sh runs.</summary>
    [Fact]
    public void Planted_copies_are_found_and_honest_pairs_are_not_flagged()
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures");

        var score = SimilarityScore.Of(SimilarityCorpus.Generate(fixtures, seed: 2026, copiesPerTask: 5));

        Assert.True(score.Planted >= 25, $"{score.Planted} planted pairs");
        Assert.True(score.Recall >= 0.9, $"recall {score.Recall:F3} ({score.PlantedFound} of {score.Planted})");
        Assert.True(score.HonestFlaggedShare <= 0.05, $"{score.HonestFlagged} of {score.Honest} honest pairs flagged");
    }
}
