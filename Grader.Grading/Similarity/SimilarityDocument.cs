namespace Grader.Grading.Similarity;

/// <summary>
/// One normalised token: <see cref="Kind"/> is what fingerprints are made of (a keyword, an operator, "ID", "NUM",
/// a block's opcode), <see cref="Start"/> and <see cref="Length"/> where it sits in the document's text.
/// </summary>
public readonly record struct SimilarityToken(string Kind, int Start, int Length)
{
    public int End => Start + Length;
}

/// <summary>
/// A program as the similarity report reads it: the text shown to the teacher (the Python source, or a block
/// program's scripts one block per line) and its token sequences. Python is one sequence; a block program has one
/// per script, and fingerprints never span two scripts, so the order of scripts does not matter.
/// </summary>
public sealed record SimilarityDocument(string Text, IReadOnlyList<IReadOnlyList<SimilarityToken>> Sequences)
{
    public static readonly SimilarityDocument Empty = new("", []);
}
