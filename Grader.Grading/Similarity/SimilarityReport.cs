using System.Text;
using Grader.Grading.Blocks;
using Grader.Grading.Suites;

namespace Grader.Grading.Similarity;

/// <summary>
/// How alike two programs must be to be reported. <see cref="K"/> tokens make a gram and <see cref="Window"/>
/// grams a winnowing window, so a shared run of K + Window − 1 tokens is always seen; a pair is reported when the
/// fingerprints they share are at least <see cref="Threshold"/> of the smaller program's and at least
/// <see cref="MinShared"/> in number. A fingerprint found in more than <see cref="CommonShare"/> of a class's
/// programs (of at least <see cref="CommonMinPrograms"/>) is what the task makes everyone write, and is left out
/// as the starter code is. The defaults are measured (README "Similarity").
/// </summary>
public sealed record SimilarityOptions(int K, int Window, double Threshold, int MinShared, double CommonShare, int CommonMinPrograms)
{
    public static readonly SimilarityOptions Python = new(K: 7, Window: 4, Threshold: 0.5, MinShared: 3, CommonShare: 0.5, CommonMinPrograms: 6);
    public static readonly SimilarityOptions Blocks = new(K: 5, Window: 3, Threshold: 0.6, MinShared: 2, CommonShare: 0.5, CommonMinPrograms: 6);

    public static SimilarityOptions For(ProgramLanguage language) => BlockLanguages.Contains(language) ? Blocks : Python;
}

/// <summary>A program handed to the report: who it is (the caller's key), its language and its document.</summary>
public sealed record SimilarityEntry(string Key, ProgramLanguage Language, SimilarityDocument Document);

/// <summary>A stretch of a document's text that the other program of a pair shares.</summary>
public readonly record struct TextSpan(int Start, int End);

/// <summary>Two programs reported alike: the share of the smaller one's fingerprints they have in common, and where.</summary>
public sealed record SimilarPair(SimilarityEntry First, SimilarityEntry Second, double Score, int SharedFingerprints,
    IReadOnlyList<TextSpan> FirstSpans, IReadOnlyList<TextSpan> SecondSpans);

public static class SimilarityReport
{
    /// <summary>The document of a stored program: Python source (or a zip's main.py), or a block program's text.</summary>
    public static SimilarityDocument Read(ProgramLanguage language, string fileName, byte[] content)
    {
        if (language != ProgramLanguage.Python)
        {
            var read = BlockProgramReader.Read(language, fileName, content);
            return read.Program is { } program ? BlockTokens.Read(program) : SimilarityDocument.Empty;
        }
        var source = content;
        if (PythonArchive.IsStoredArchive(language, fileName))
            source = PythonArchive.TryRead(content, out var files, out _) ? files[PythonArchive.Entry] : [];
        return PythonTokens.Read(new UTF8Encoding(false).GetString(source));
    }

    /// <summary>
    /// Every pair of the same language above its threshold, most alike first. <paramref name="starters"/> are the
    /// programs the students were given (per language): what they contain is nobody's own work.
    /// </summary>
    public static IReadOnlyList<SimilarPair> Pairs(IReadOnlyList<SimilarityEntry> entries,
        IReadOnlyDictionary<ProgramLanguage, SimilarityDocument> starters)
    {
        var pairs = new List<SimilarPair>();
        foreach (var group in entries.GroupBy(entry => entry.Language))
        {
            var options = SimilarityOptions.For(group.Key);
            var members = group.ToList();
            var excluded = starters.TryGetValue(group.Key, out var starter) ? Winnowing.AllHashes(starter, options.K) : [];
            var fingerprints = members.Select(entry => Winnowing.Fingerprints(entry.Document, options.K, options.Window)).ToList();
            if (members.Count >= options.CommonMinPrograms)
            {
                var common = fingerprints.SelectMany(f => f.Select(p => p.Hash).Distinct())
                    .CountBy(hash => hash).Where(c => c.Value > options.CommonShare * members.Count).Select(c => c.Key);
                excluded.UnionWith(common);
            }
            var sets = fingerprints.Select(f => f.Select(p => p.Hash).Where(h => !excluded.Contains(h)).ToHashSet()).ToList();
            for (var a = 0; a < members.Count; a++)
            {
                for (var b = a + 1; b < members.Count; b++)
                {
                    var smaller = Math.Min(sets[a].Count, sets[b].Count);
                    if (smaller == 0) continue;
                    var shared = sets[a].Where(sets[b].Contains).ToHashSet();
                    var score = (double)shared.Count / smaller;
                    if (score < options.Threshold || shared.Count < options.MinShared) continue;
                    pairs.Add(new SimilarPair(members[a], members[b], score, shared.Count,
                        Spans(members[a].Document, fingerprints[a], shared, options.K),
                        Spans(members[b].Document, fingerprints[b], shared, options.K)));
                }
            }
        }
        return pairs.OrderByDescending(pair => pair.Score).ThenByDescending(pair => pair.SharedFingerprints).ToList();
    }

    /// <summary>The text the shared fingerprints cover, overlapping stretches merged, in order.</summary>
    private static List<TextSpan> Spans(SimilarityDocument document, IReadOnlyList<Fingerprint> fingerprints, HashSet<ulong> shared, int k)
    {
        var spans = fingerprints.Where(f => shared.Contains(f.Hash)).Select(f => Winnowing.Span(document, f, k))
            .OrderBy(span => span.Start).ToList();
        var merged = new List<TextSpan>();
        foreach (var (start, end) in spans)
        {
            if (merged.Count > 0 && start <= merged[^1].End) merged[^1] = merged[^1] with { End = Math.Max(end, merged[^1].End) };
            else merged.Add(new TextSpan(start, end));
        }
        return merged;
    }
}
