using System.Text;

namespace Grader.Runners.Text;

/// <summary>
/// Text that every store can hold. PostgreSQL's text and jsonb refuse U+0000, and a UTF-8 encoder refuses a lone
/// surrogate (which .NET strings and JSON's \uD800 escapes can carry): people's input holding either is refused,
/// and what a program printed has each replaced by U+FFFD.
/// </summary>
public static class StorableText
{
    /// <summary>Whether <paramref name="text"/> holds a character no store can hold.</summary>
    public static bool HasUnstorable(string text) => IndexOfUnstorable(text) >= 0;

    /// <summary>The text with U+0000 and each lone surrogate replaced by U+FFFD; the same instance when there is none.</summary>
    public static string MakeStorable(string text)
    {
        var first = IndexOfUnstorable(text);
        if (first < 0) return text;
        var result = new StringBuilder(text.Length).Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                result.Append(c).Append(text[++i]);
            else
                result.Append(c == '\0' || char.IsSurrogate(c) ? '\uFFFD' : c);
        }
        return result.ToString();
    }

    private static int IndexOfUnstorable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') return i;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(c)) return i;
        }
        return -1;
    }
}
