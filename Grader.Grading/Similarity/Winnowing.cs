namespace Grader.Grading.Similarity;

/// <summary>
/// A selected k-gram: its hash, and where it starts (the sequence and the token) so its text can be shown.
/// </summary>
public readonly record struct Fingerprint(ulong Hash, int Sequence, int Token);

/// <summary>
/// Winnowing (Schleimer, Wilkerson and Aiken 2003, as MOSS and Dolos use it): hash every k tokens in a row, and
/// from each window of <c>window</c> consecutive hashes keep the smallest (the rightmost on a tie), once. Any run of
/// at least k + window − 1 tokens two programs share yields a fingerprint both have, whatever surrounds it.
/// </summary>
public static class Winnowing
{
    public static IReadOnlyList<Fingerprint> Fingerprints(SimilarityDocument document, int k, int window)
    {
        var selected = new List<Fingerprint>();
        for (var sequence = 0; sequence < document.Sequences.Count; sequence++)
        {
            var hashes = KGramHashes(document.Sequences[sequence], k);
            if (hashes.Length == 0) continue;
            var last = -1;
            for (var start = 0; start + window <= Math.Max(hashes.Length, window); start++)
            {
                var end = Math.Min(start + window, hashes.Length);
                var smallest = start;
                for (var i = start + 1; i < end; i++)
                {
                    if (hashes[i] <= hashes[smallest]) smallest = i;
                }
                if (smallest != last) selected.Add(new Fingerprint(hashes[smallest], sequence, smallest));
                last = smallest;
                if (end == hashes.Length) break;
            }
        }
        return selected;
    }

    /// <summary>Every k-gram's hash, not only the selected ones: what the starter code contributes is removed whole.</summary>
    public static HashSet<ulong> AllHashes(SimilarityDocument document, int k) =>
        document.Sequences.SelectMany(tokens => KGramHashes(tokens, k)).ToHashSet();

    /// <summary>
    /// The hash of each k tokens in a row; a sequence shorter than k is one gram of what it has. FNV-1a over the
    /// tokens' kinds, so a hash is the same in every process (string.GetHashCode is not).
    /// </summary>
    private static ulong[] KGramHashes(IReadOnlyList<SimilarityToken> tokens, int k)
    {
        if (tokens.Count == 0) return [];
        var kinds = tokens.Select(token => KindHash(token.Kind)).ToArray();
        var length = Math.Min(k, kinds.Length);
        var hashes = new ulong[kinds.Length - length + 1];
        for (var start = 0; start < hashes.Length; start++)
        {
            var hash = OffsetBasis;
            for (var i = start; i < start + length; i++) hash = (hash ^ kinds[i]) * Prime;
            hashes[start] = hash;
        }
        return hashes;
    }

    /// <summary>The characters a fingerprint covers in its document's text.</summary>
    public static (int Start, int End) Span(SimilarityDocument document, Fingerprint fingerprint, int k)
    {
        var tokens = document.Sequences[fingerprint.Sequence];
        var last = Math.Min(fingerprint.Token + k, tokens.Count) - 1;
        return (tokens[fingerprint.Token].Start, tokens[last].End);
    }

    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    private static ulong KindHash(string kind)
    {
        var hash = OffsetBasis;
        foreach (var c in kind) hash = (hash ^ c) * Prime;
        return hash;
    }
}
